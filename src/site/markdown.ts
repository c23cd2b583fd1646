/**
 * Markdown from model fields, rendered to HTML safely: micromark escapes raw HTML and drops
 * javascript: URLs unless told otherwise, so a `<script>` in a description stays text.
 *
 * micromark was a tenth of a warm build's page rendering. A plain sentence does not need it (see
 * isPlainSentence); any other text is rendered once and kept on disk, keyed by the text and the
 * lock file (micromark's version):
 *
 *   .opsbook/cache/markdown/<key>.html     (under the config's cacheDir)
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { currentConfig } from '../config/index.ts';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { fileCache, projectFilesHash } from './file-cache.ts';

/** Bump when the rendering options change. */
const FORMAT = '1';
// Made when first used: the entry point loads the config after this module is imported.
let disk: ReturnType<typeof fileCache> | undefined;
const DISK = () => (disk ??= fileCache(join(currentConfig().cacheDir, 'markdown')));
const seen = new Map<string, string>();

export function markdown(text: string | undefined): string {
	if (!text) return '';
	let html = seen.get(text);
	if (html === undefined) {
		html = isPlainSentence(text) ? `<p>${text.replaceAll('"', '&quot;')}</p>` : rendered(text);
		seen.set(text, html);
	}
	return html;
}

function rendered(text: string): string {
	const key = markdownKey(text);
	let html = DISK().get(key);
	if (html === undefined) {
		html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: false, allowDangerousProtocol: false });
		DISK().set(key, html);
	}
	return html;
}

/** The disk cache's key of a text: the text, the rendering options and the packages' versions. */
export function markdownKey(text: string): string {
	return createHash('sha256').update(`${FORMAT}\0${projectFilesHash(['package-lock.json'])}\0${text}`).digest('hex');
}

/** Markdown for one line, without the wrapping paragraph. */
export function inlineMarkdown(text: string | undefined): string {
	return markdown(text).replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1');
}

/**
 * Most model fields are one plain sentence, which Markdown renders as itself in a paragraph.
 * This recognises such text conservatively, and anything else goes to micromark: one line,
 * starting with a letter (no list, heading, quote or indented code), with no character that can
 * begin inline Markdown or HTML (`` ` * [ ] < > & \ ~ ``), no email or URL (GFM links those),
 * and underscores only inside words (where they never emphasise). The unit tests hold it to
 * micromark's output on every field of the models.
 */
export function isPlainSentence(text: string): boolean {
	return PLAIN.test(text) && !AUTOLINK.test(text) && !LOOSE_UNDERSCORE.test(text);
}

const PLAIN = /^[A-Za-z][^\x00-\x1f`*[\]<>&\\~@]*(?<![ ])$/;
const AUTOLINK = /www\.|:\/\//i;
const LOOSE_UNDERSCORE = /(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/;
