/** schemas/*.schema.json are generated from the zod schemas; this fails when they are stale. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { jsonSchemas } from '../../src/model/json-schema.ts';

test('schemas/ matches the zod schemas (run "npm run schemas" after changing src/model)', () => {
	for (const [file, text] of jsonSchemas()) {
		const committed = readFileSync(join(import.meta.dirname, '..', '..', 'schemas', file), 'utf8');
		assert.equal(committed, text, `schemas/${file} is stale`);
	}
});

test('every field of every kind has a description', () => {
	for (const [file, text] of jsonSchemas()) {
		const missing: string[] = [];
		const walk = (node: unknown, path: string) => {
			if (!node || typeof node !== 'object') return;
			const schema = node as { properties?: Record<string, { description?: string }>; items?: unknown; anyOf?: unknown[] };
			for (const [key, child] of Object.entries(schema.properties ?? {})) {
				if (!child.description && !('anyOf' in child)) missing.push(`${path}.${key}`);
				walk(child, `${path}.${key}`);
			}
			if (schema.items) walk(schema.items, `${path}[]`);
		};
		walk(JSON.parse(text), file);
		assert.deepEqual(missing, [], `fields without a description in ${file}`);
	}
});
