/**
 * The Vite patch that makes <StarlightPage> build its frontmatter schema once: it must still fit
 * the installed Starlight (else builds silently lose the saving), and the patched module must
 * build the schema once however many pages ask.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DECLARATION, memoisePageSchema, pageSchemaOnce } from '../../src/hooks/vite-page-schema.ts';
import { repoRoot } from './helpers.ts';

const file = join(repoRoot, 'node_modules', '@astrojs', 'starlight', 'dist', 'utils', 'starlight-page.js');

describe('StarlightPage frontmatter schema, built once', () => {
	test('the installed Starlight still declares the schema builder this patches', () => {
		assert.ok(readFileSync(file, 'utf8').includes(DECLARATION), `${file} changed: see src/hooks/vite-page-schema.ts`);
	});

	test('the plugin patches that file only', () => {
		const plugin = pageSchemaOnce();
		const code = readFileSync(file, 'utf8');
		assert.match(plugin.transform(code, file)?.code ?? '', /opsbookPageSchema \?\?=/);
		assert.equal(plugin.transform(code, join(repoRoot, 'src', 'other.js')), null);
		assert.equal(plugin.transform('export {}', file), null, 'an unexpected shape is left alone');
	});

	test('the patched builder runs once and every caller gets the same schema', async () => {
		const module = `${DECLARATION}\n\tbuilt++;\n\treturn { schemaFor: context.page };\n};\nlet built = 0;\nexport const run = async () => [await StarlightPageFrontmatterSchema({ page: 1 }), await StarlightPageFrontmatterSchema({ page: 2 }), built];`;
		const patched = memoisePageSchema(module)!;
		const { run } = (await import(`data:text/javascript,${encodeURIComponent(patched)}`)) as { run: () => Promise<[unknown, unknown, number]> };
		const [first, second, built] = await run();
		assert.equal(built, 1);
		assert.equal(first, second);
	});
});
