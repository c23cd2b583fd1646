// csso ships no types; svgo (which depends on it) keeps @types/csso among its dev dependencies.
declare module 'csso' {
	export interface Usage {
		tags?: string[];
		ids?: string[];
		classes?: string[];
	}
	export function minify(css: string, options?: { usage?: Usage; restructure?: boolean; comments?: boolean | string }): { css: string };
	export function minifyBlock(css: string, options?: { restructure?: boolean }): { css: string };
}
