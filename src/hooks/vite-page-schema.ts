/**
 * A Vite plugin that makes Starlight's `<StarlightPage>` build its frontmatter schema once per
 * build instead of once per page. Starlight 0.42 rebuilds the whole docs schema (dozens of zod
 * objects) for every page it renders although the result never differs; on a 1,113-page site
 * that was ~0.9 s of a ~19 s build. The schema is the same one, only remembered.
 *
 * If Starlight's file no longer has the declaration this patches, nothing is changed (and a
 * unit test says so), so an upgrade can make the build slower but not wrong.
 */
const FILE = /[\\/]@astrojs[\\/]starlight[\\/]dist[\\/]utils[\\/]starlight-page\.js(?:\?.*)?$/;
export const DECLARATION = 'const StarlightPageFrontmatterSchema = async (context) => {';

/** The module's code with the schema builder wrapped in a memo, or undefined if it does not fit. */
export function memoisePageSchema(code: string): string | undefined {
	if (!code.includes(DECLARATION)) return undefined;
	return code.replace(
		DECLARATION,
		[
			'let opsbookPageSchema;',
			'const StarlightPageFrontmatterSchema = (context) => (opsbookPageSchema ??= buildStarlightPageFrontmatterSchema(context));',
			'const buildStarlightPageFrontmatterSchema = async (context) => {',
		].join('\n'),
	);
}

export function pageSchemaOnce() {
	return {
		name: 'opsbook:page-schema-once',
		transform(code: string, id: string) {
			if (!FILE.test(id)) return null;
			const patched = memoisePageSchema(code);
			return patched === undefined ? null : { code: patched, map: null };
		},
	};
}
