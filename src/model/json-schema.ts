/** JSON Schemas for editors (yaml-language-server), generated from the zod schemas. */
import { z } from 'zod';
import { DURATION_PATTERN } from '../lib/duration.ts';
import { kinds } from './kinds.ts';

/** File name → JSON text, for every kind. */
export function jsonSchemas(): Map<string, string> {
	const out = new Map<string, string>();
	for (const info of Object.values(kinds)) {
		const schema = z.toJSONSchema(info.schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
		allowBareZero(schema);
		const document = { $schema: schema.$schema, $id: info.schemaFile, title: `Opsbook ${info.label}`, ...schema };
		out.set(info.schemaFile, `${JSON.stringify(document, null, '\t')}\n`);
	}
	return out;
}

/** A duration may be written as a bare 0, which YAML reads as a number. */
function allowBareZero(node: unknown): void {
	if (!node || typeof node !== 'object') return;
	const schema = node as Record<string, unknown>;
	if (schema.pattern === DURATION_PATTERN && schema.type === 'string') {
		delete schema.type;
		schema.anyOf = [{ type: 'string' }, { const: 0 }];
	}
	for (const value of Object.values(schema)) {
		if (Array.isArray(value)) value.forEach(allowBareZero);
		else allowBareZero(value);
	}
}
