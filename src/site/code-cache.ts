/**
 * Expressive Code's HTML for a code block, remembered across builds. Highlighting runbook
 * commands was the largest single cost of a warm build (200 services: ~2 s of ~19 s, mostly
 * Shiki's tokenizer), and a block's output depends only on the block and the configuration:
 * the code, language and options; the page's locale; Starlight's and Expressive Code's
 * settings (astro.config.mjs, ec.config.mjs) and versions (the lock file). Those make the key,
 * so an edit to any of them renders afresh and nothing stale is ever reused.
 *
 * The first block of a page is different: Expressive Code puts the links to its stylesheet and
 * script (hashed, under the site's base path) into it. It is kept under its own key
 * (`firstOnPage`), and CodeBlock.astro tells Expressive Code's counter when it used one.
 *
 *   .opsbook/cache/code/<key>.html     (under the config's cacheDir)
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { currentConfig } from '../config/index.ts';
import { fileCache, projectFilesHash } from './file-cache.ts';

/** Bump when what goes around the cached HTML changes. */
const FORMAT = '1';
// Made when first used: the entry point loads the config after this module is imported.
let cache: ReturnType<typeof fileCache> | undefined;
const CACHE = () => (cache ??= fileCache(join(currentConfig().cacheDir, 'code')));

let fingerprint: string | undefined;
/** What every block's output depends on besides the block itself. */
function settings(): string {
	return (fingerprint ??= createHash('sha256').update(FORMAT).update(projectFilesHash(['package-lock.json', 'astro.config.mjs', 'ec.config.mjs'])).digest('hex'));
}

/** Where a block is: the page's locale and base path (a first block links to assets under it). */
export interface BlockPlace {
	locale: string | undefined;
	base: string;
	/** The page's first block, which carries the asset links (`firstOnPage`). */
	first: boolean;
}

/** The cache key of one block: its props (code, lang, title, wrap…) and its place. */
export function codeKey(props: Record<string, unknown>, place: BlockPlace): string {
	const sorted = Object.fromEntries(Object.entries(props).sort(([a], [b]) => a.localeCompare(b)));
	return createHash('sha256')
		.update(settings())
		.update(JSON.stringify([sorted, place.locale ?? null, place.base, place.first]))
		.digest('hex');
}

const blocksSeen = new WeakMap<Request, number>();

/** Whether this is the first code block of the page being rendered (one Request per page). */
export function firstOnPage(request: Request): boolean {
	const seen = blocksSeen.get(request) ?? 0;
	blocksSeen.set(request, seen + 1);
	return seen === 0;
}

export function cachedCode(key: string): string | undefined {
	return CACHE().get(key);
}

export function rememberCode(key: string, html: string): void {
	CACHE().set(key, html);
}
