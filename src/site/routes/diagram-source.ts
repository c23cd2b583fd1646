/** The mermaid source of each diagram, for people who want to edit or re-render it. */
import type { APIRoute } from 'astro';
import { allDiagrams } from '../../diagrams/mermaid.ts';
import { siteData } from '../../site/model.ts';
import { treeUrl } from '../../site/url.ts';

function diagrams() {
	return allDiagrams(siteData().model, (tree, node) => treeUrl(tree, node).replace(/^.*#/, '#'));
}

export function getStaticPaths() {
	return diagrams().map((d) => ({ params: { key: d.key }, props: { text: d.text } }));
}

export const GET: APIRoute = ({ props }) => new Response(`${(props as { text: string }).text}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
