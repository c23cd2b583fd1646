/**
 * `npm run schemas`: regenerate schemas/*.schema.json from the zod schemas in src/model, the
 * config's JSON Schema, and the config reference in README.md (all from src/config/schema.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFiles, withConfigReference } from '../src/config/reference.ts';

const project = join(import.meta.dirname, '..');
const folder = join(project, 'schemas');
mkdirSync(folder, { recursive: true });
for (const [file, text] of schemaFiles()) {
	writeFileSync(join(folder, file), text);
	console.log(`schemas/${file}`);
}
const readme = join(project, 'README.md');
writeFileSync(readme, withConfigReference(readFileSync(readme, 'utf8')));
console.log('README.md (config reference)');
