/**
 * Route data Starlight writes as HTML although it comes from the untrusted model, made text
 * (route-middleware.ts applies these to every page).
 */
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { escapeText } from '../lib/html.ts';

/**
 * Starlight writes every `<head>` entry with `set:html`, the `<title>` too, whose text is the
 * page title: a service name or a guide title. A name such as `</title><script>…` would close
 * the title and run. Its text is escaped (Starlight's other head entries come from its config).
 */
export function escapeHeadText(head: StarlightRouteData['head']) {
	for (const entry of head) {
		if (entry.tag === 'title' && typeof entry.content === 'string') entry.content = escapeText(entry.content);
	}
}

/**
 * A guide's banner is HTML to Starlight; a Markdown guide is untrusted (only a trusted MDX guide
 * may write HTML there), so Starlight's own Banner is given the banner's text escaped. The entry
 * is copied, not changed: the dev server hands the same one to every request.
 */
export function escapeBanner<E extends { data: { banner?: { content: string } } }>(entry: E, trusted: boolean): E {
	if (!entry.data.banner || trusted) return entry;
	return { ...entry, data: { ...entry.data, banner: { ...entry.data.banner, content: escapeText(entry.data.banner.content) } } };
}
