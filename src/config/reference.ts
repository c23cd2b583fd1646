/**
 * The config reference, generated from the zod schema (schema.ts) so it cannot drift: the
 * README's table between its `config-reference` markers, and a JSON Schema for
 * `opsbook.config.json`. Both are written by `npm run schemas` and checked by a unit test.
 */
import { z } from 'zod';
import { jsonSchemas } from '../model/json-schema.ts';
import { catalogJsonSchema } from '../model/catalog.ts';
import { configSchema, ENV_OVERRIDES } from './schema.ts';

export const README_MARKERS = { start: '<!-- config-reference:start (npm run schemas) -->', end: '<!-- config-reference:end -->' };

/** The Markdown tables: every setting, then the environment variables that override them. */
export function configReference(): string {
	const json = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }) as { properties: Record<string, { type?: string; enum?: string[]; default?: unknown; format?: string; description?: string }> };
	const variable = (key: string) => Object.entries(ENV_OVERRIDES).find(([, k]) => k === key)?.[0];
	const rows = Object.entries(json.properties).map(([key, p]) => {
		const type = p.enum ? p.enum.map((v) => `\`'${v}'\``).join(' \\| ') : p.format === 'date' ? 'date (YYYY-MM-DD)' : p.type ?? 'string';
		const fallback = p.default === undefined ? '—' : `\`${JSON.stringify(p.default)}\``;
		const env = variable(key);
		return `| \`${key}\` | ${type} | ${fallback} | ${(p.description ?? '').replace(/\|/g, '\\|')}${env ? ` Environment: \`${env}\`.` : ''} |`;
	});
	return ['| setting | type | default | what it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** README text with the generated reference between its markers. */
export function withConfigReference(readme: string): string {
	const start = readme.indexOf(README_MARKERS.start);
	const end = readme.indexOf(README_MARKERS.end);
	if (start < 0 || end < start) throw new Error(`README.md has no ${README_MARKERS.start} … ${README_MARKERS.end} block`);
	return `${readme.slice(0, start + README_MARKERS.start.length)}\n${configReference()}\n${readme.slice(end)}`;
}

/** Every JSON Schema Opsbook publishes, by file name: one per model kind, one for `opsbook.config.json`. */
export function schemaFiles(): [string, string][] {
	return [...jsonSchemas(), ['opsbook.config.schema.json', configJsonSchema()], ['catalog.schema.json', catalogJsonSchema()]];
}

/** JSON Schema for `opsbook.config.json`. */
export function configJsonSchema(): string {
	const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
	return `${JSON.stringify({ $schema: schema.$schema, $id: 'opsbook.config.schema.json', title: 'Opsbook settings', ...schema }, null, '\t')}\n`;
}
