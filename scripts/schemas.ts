/** `npm run schemas`: regenerate schemas/*.schema.json from the zod schemas in src/model. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../src/model/json-schema.ts';

const folder = join(import.meta.dirname, '..', 'schemas');
mkdirSync(folder, { recursive: true });
for (const [file, text] of jsonSchemas()) {
	writeFileSync(join(folder, file), text);
	console.log(`schemas/${file}`);
}
