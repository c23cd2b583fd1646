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
		html = isPlainSentence(text)
			? `<p>${text.replaceAll('"', '&quot;')}</p>`
			: micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: false, allowDangerousProtocol: false });
		cache.set(text, html);
	}
	return html;
}

/** Markdown for one line, without the wrapping paragraph. */
export function inlineMarkdown(text: string | undefined): string {
	return markdown(text).replace(/^<p>([\s\S]*)<\/p>\s*$/, '$1');
}

/**
 * Most model fields are one plain sentence, which Markdown renders as itself in a paragraph;
 * micromark was a tenth of a build's page rendering. This recognises such text conservatively,
 * and anything else goes to micromark: one line, starting with a letter (no list, heading, quote
 * or indented code), with no character that can begin inline Markdown or HTML (`` ` * [ ] < > &
 * \ ~ ``), no email or URL (GFM links those), and underscores only inside words (where they
 * never emphasise). The unit tests hold it to micromark's output on every field of the models.
 */
export function isPlainSentence(text: string): boolean {
	return PLAIN.test(text) && !AUTOLINK.test(text) && !LOOSE_UNDERSCORE.test(text);
}

const PLAIN = /^[A-Za-z][^\x00-\x1f`*[\]<>&\\~@]*(?<![ ])$/;
const AUTOLINK = /www\.|:\/\//i;
const LOOSE_UNDERSCORE = /(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/;
