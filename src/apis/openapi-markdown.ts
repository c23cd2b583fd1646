/**
 * Stands in for starlight-openapi's `libs/markdown.ts` (vite-openapi-markdown.ts swaps it in).
 * starlight-openapi renders every description of a spec through `transformMarkdown` with
 * Astro's Markdown processor and puts the result in the page with `set:html`: a `<script>` or an
 * `onerror=` in a spec would run on page load. Specs come from the model folder, untrusted, so
 * their text is rendered like the model's own: micromark with GFM (src/site/markdown.ts), raw
 * HTML shown as text and links with unsafe protocols dropped.
 *
 * What changes for a legitimate spec: code blocks in descriptions are no longer highlighted,
 * and quotes stay straight (no smartypants).
 */
import { markdown } from '../site/markdown.ts';

export async function transformMarkdown(text: string): Promise<string> {
	return markdown(text);
}
