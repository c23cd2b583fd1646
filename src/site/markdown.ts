/**
 * Markdown from model fields, rendered to HTML safely: micromark escapes raw HTML and drops
 * javascript: URLs unless told otherwise, so a `<script>` in a description stays text.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

const cache = new Map<string, string>();

export function markdown(text: string | undefined): string {
	if (!text) return '';
	let html = cache.get(text);
	if (html === undefined) {
		html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: false, allowDangerousProtocol: false });
		cache.set(text, html);
	}
	return html;
}

/** Markdown for one line, without the wrapping paragraph. */
export function inlineMarkdown(text: string | undefined): string {
	return markdown(text).replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1');
}
