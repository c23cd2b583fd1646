/**
 * ```mermaid blocks in the prose guides, rendered like every other diagram: static SVG at build
 * time through the same renderer and cache. The guide's Markdown is rendered as usual (the block
 * becomes a code block); its code blocks are then swapped for the diagrams, in order.
 *
 * A guide is untrusted: HTML in its diagram text is shown as text (mermaid also runs in strict
 * mode), and a diagram that cannot be rendered is reported at the guide's file and line.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { currentConfig } from '../config/index.ts';
import { renderDiagrams, type DiagramError } from '../diagrams/render.ts';
import { escapeText } from '../lib/html.ts';

const FENCE = /^(```|~~~)mermaid[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm;
/** Expressive Code's rendering of one fenced block whose language is mermaid. */
const RENDERED_BLOCK = /<div class="expressive-code">(?:(?!<div class="expressive-code">)[\s\S])*?data-language="mermaid"[\s\S]*?<\/figure><\/div>/g;

export function mermaidBlocks(markdown: string): string[] {
	return [...markdown.matchAll(FENCE)].map((match) => match[2]!.trimEnd());
}

/** The 1-based line of each mermaid fence in a text. */
export function mermaidBlockLines(text: string): number[] {
	return [...text.matchAll(FENCE)].map((match) => text.slice(0, match.index).split('\n').length);
}

/**
 * A tag in a label (`<img src=x onerror=…>`, `<b>`) becomes mermaid's `#lt;` entity, so it is
 * drawn as text. Arrows (`-->`, `<-->`, `<|--`, `->>`) and class annotations (`<<interface>>`)
 * never have a letter, `/` or `!` right after a lone `<`, so they are untouched.
 */
export function escapeMermaidHtml(text: string): string {
	return text.replace(/(^|[^<])<(?=[A-Za-z/!?])/g, '$1#lt;');
}

/** The guide's HTML with each mermaid code block replaced by its diagram. */
export async function withProseDiagrams(html: string, markdown: string, page: string, file?: string): Promise<string> {
	if (!html.includes('data-language="mermaid"')) return html;
	const blocks = mermaidBlocks(markdown);
	if (!blocks.length) return html;
	let svgs: Map<string, string>;
	try {
		({ svgs } = await renderDiagrams(
			blocks.map((text, i) => ({ key: `${page}#${i}`, text: escapeMermaidHtml(text) })),
			join(currentConfig().cacheDir, 'diagrams'),
		));
	} catch (error) {
		if ((error as Error)?.name !== 'DiagramError' || !file || !(error as DiagramError).failures?.length) throw error;
		// Not thrown: Astro would print it with a stack trace. The build script fails the build
		// with these lines once Astro is done (and leaves dist/ as it was); the dev server shows them.
		const message = positioned(error as DiagramError, page, file);
		diagramFailures().push(...message.split('\n'));
		return html.replace(RENDERED_BLOCK, (block) => `<p class="ob-diagram-error" role="alert">This diagram could not be drawn: ${escapeText(message)}</p>${block}`);
	}
	let index = 0;
	return html.replace(RENDERED_BLOCK, (block) => {
		const svg = svgs.get(`${page}#${index++}`);
		if (!svg) return block;
		const title = /^\s*accTitle:\s*(.+)$/m.exec(blocks[index - 1]!)?.[1] ?? 'Diagram';
		return `<figure class="ob-diagram not-content"><div class="ob-diagram-svg">${svg}</div><figcaption>${escapeText(title)}</figcaption></figure>`;
	});
}

const FAILURES = Symbol.for('opsbook.diagram-failures');

/** Guide diagrams that could not be drawn in this process, one positioned line each. */
export function diagramFailures(): string[] {
	return ((globalThis as { [FAILURES]?: string[] })[FAILURES] ??= []);
}

/** `guides/x.md:12:1  mermaid diagram 1: <why>` for each failed block of one guide. */
function positioned(error: DiagramError, page: string, file: string): string {
	let lines: number[] = [];
	try {
		lines = mermaidBlockLines(readFileSync(file, 'utf8'));
	} catch {
		// The file went away mid-build; the line is then unknown.
	}
	const shown = relative(process.cwd(), file).split('\\').join('/');
	return error.failures
		.map((failure) => {
			const index = Number(failure.key.slice(page.length + 1));
			return `${shown}:${lines[index] ?? 1}:1  mermaid diagram ${index + 1}: ${failure.message}`;
		})
		.join('\n');
}
