/**
 * The one URL policy for everything a model or a spec links to: `http:`, `https:`, `mailto:`,
 * `tel:` and site-relative links. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`…)
 * is refused by the check and, as a second line of defence, never written into an `href`.
 *
 * Browsers ignore ASCII whitespace and control characters inside a scheme (`java\tscript:`) and
 * decode character references in attributes (`&#106;avascript:`), so the scheme is read the way
 * a browser would read it before it is judged.
 */

export const SAFE_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;

/** For schemas: matches the scheme of an allowed absolute URL (zod's `protocol` option). */
export const SAFE_PROTOCOL = /^(https?|mailto|tel)$/;

/** What a browser takes as the scheme of `href`, lower-cased, or undefined for a relative link. */
export function urlScheme(href: string): string | undefined {
	const decoded = href
		.replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)))
		.replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
		.replace(/&colon;?/gi, ':')
		.replace(/&tab;?|&newline;?/gi, '');
	// eslint-disable-next-line no-control-regex
	const bare = decoded.replace(/[\u0000-\u0020\u007f]/g, '');
	const match = /^([a-z][a-z0-9+.-]*):/i.exec(bare);
	return match ? match[1]!.toLowerCase() : undefined;
}

/** True for http(s), mailto, tel and relative links (path, `?query`, `#fragment`). */
export function isSafeUrl(href: string): boolean {
	const scheme = urlScheme(href);
	return scheme === undefined || (SAFE_SCHEMES as readonly string[]).includes(scheme);
}

/** The link when it is safe to put in an `href`, else undefined (show it as text instead). */
export function safeHref(href: string | undefined | null): string | undefined {
	if (typeof href !== 'string' || href.trim() === '') return undefined;
	return isSafeUrl(href) ? href : undefined;
}

/** The sentence every refusal uses, so the check, the schemas and the reference page agree. */
export function unsafeUrlMessage(href: string): string {
	const scheme = urlScheme(href);
	return `links may use http:, https:, mailto: or tel: (or be site-relative); "${scheme ?? '?'}:" is refused because a browser could run it or read local files`;
}
