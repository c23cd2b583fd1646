/** JSON Schemas for editors (yaml-language-server), generated from the zod schemas. */
import { z } from 'zod';
import { kinds } from './kinds.ts';

/** File name → JSON text, for every kind. */
export function jsonSchemas(): Map<string, string> {
	const out = new Map<string, string>();
	for (const info of Object.values(kinds)) {
		const schema = z.toJSONSchema(info.schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
		const document = { $schema: schema.$schema, $id: info.schemaFile, title: `Opsbook ${info.label}`, ...schema };
		out.set(info.schemaFile, `${JSON.stringify(document, null, '\t')}\n`);
	}
	return out;
}
