/**
 * ```mermaid blocks in the prose guides, rendered like every other diagram: static SVG at build
 * time through the same renderer and cache. The guide's Markdown is rendered as usual (the block
 * becomes a code block); its code blocks are then swapped for the diagrams, in order.
 */
import { join } from 'node:path';
import { renderDiagrams } from '../diagrams/render.ts';

const CACHE = process.env.OPSBOOK_DIAGRAM_CACHE || join(process.cwd(), '.opsbook', 'cache', 'diagrams');
const FENCE = /^(```|~~~)mermaid[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm;
/** Expressive Code's rendering of one fenced block whose language is mermaid. */
const RENDERED_BLOCK = /<div class="expressive-code">(?:(?!<div class="expressive-code">)[\s\S])*?data-language="mermaid"[\s\S]*?<\/figure><\/div>/g;

export function mermaidBlocks(markdown: string): string[] {
	return [...markdown.matchAll(FENCE)].map((match) => match[2]!.trimEnd());
}

/** The guide's HTML with each mermaid code block replaced by its diagram. */
export async function withProseDiagrams(html: string, markdown: string, page: string): Promise<string> {
	if (!html.includes('data-language="mermaid"')) return html;
	const blocks = mermaidBlocks(markdown);
	if (!blocks.length) return html;
	const { svgs } = await renderDiagrams(
		blocks.map((text, i) => ({ key: `${page}#${i}`, text })),
		CACHE,
	);
	let index = 0;
	return html.replace(RENDERED_BLOCK, (block) => {
		const svg = svgs.get(`${page}#${index++}`);
		if (!svg) return block;
		const title = /^\s*accTitle:\s*(.+)$/m.exec(blocks[index - 1]!)?.[1] ?? 'Diagram';
		return `<figure class="ob-diagram not-content"><div class="ob-diagram-svg">${svg}</div><figcaption>${escape(title)}</figcaption></figure>`;
	});
}

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
