/**
 * Guides are prose in the model folder, and the model folder is untrusted. A Markdown guide
 * cannot run code, but its frontmatter reaches Starlight, which trusts it: `head` adds elements
 * (a `<script>`) to the page, `hero` text and `banner` content are HTML, `sidebar.attrs` puts
 * any attribute (an `onclick`) on a link, and `editUrl`, `prev`/`next` and hero actions are
 * links. The check refuses those here, with their position; the site drops them as well
 * (content.config.ts) and escapes the banner.
 *
 * An MDX guide is code — it can import modules and run them while the site builds — so it is
 * trusted like the repository's own source, and only built when the repository says so:
 * `guides: 'mdx'` in the config (OPSBOOK_GUIDES=mdx). The default is `markdown-only`.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { isSafeUrl, unsafeUrlMessage } from '../lib/safe-url.ts';
import { currentConfig } from '../config/index.ts';
import type { Diagnostic } from './diagnostics.ts';

export type GuidesMode = 'markdown-only' | 'mdx';

/** The config's `guides` (OPSBOOK_GUIDES overrides it): `mdx` trusts MDX guides; the default is `markdown-only`. */
export function guidesMode(config: { guides: GuidesMode } = currentConfig()): GuidesMode {
	return config.guides;
}

/** A Markdown file's YAML frontmatter and where it starts in the text, or undefined when it has none. */
export function frontmatterBlock(text: string): { yaml: string; offset: number } | undefined {
	const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(text);
	return match ? { yaml: match[1]!, offset: match.index + match[0].indexOf(match[1]!) } : undefined;
}

/** Frontmatter keys an untrusted guide may not use, and why. */
const REFUSED: Record<string, string> = {
	head: 'adds elements (scripts, links) to the page',
	hero: 'its text is HTML and its actions are links',
	template: 'changes the page layout',
};

/** The frontmatter problems of one guide, and the refusal of MDX when it is not trusted. */
export function checkGuide(display: string, text: string, mode: GuidesMode = guidesMode()): Diagnostic[] {
	const out: Diagnostic[] = [];
	const problem = (message: string, line = 1, column = 1, path = '') => out.push({ severity: 'error', file: display, line, column, path, message });
	if (display.endsWith('.mdx')) {
		if (mode !== 'mdx') {
			problem("MDX guides are code (they can import and run modules while the site builds), so they are built only when the repository trusts them: set guides: 'mdx' in opsbook.config (or OPSBOOK_GUIDES=mdx), or rename the file to .md");
		}
		return out; // a trusted MDX guide may use everything Starlight offers
	}
	const block = frontmatterBlock(text);
	if (!block) return out;
	const { offset } = block;
	const lines = new LineCounter();
	const doc = parseDocument(block.yaml, { lineCounter: lines, prettyErrors: false });
	if (!isMap(doc.contents)) return out;
	const at = (node: Node | null | undefined) => {
		const pos = lines.linePos(node?.range?.[0] ?? 0);
		// The frontmatter starts after the opening `---` line.
		return { line: pos.line + text.slice(0, offset).split('\n').length - 1, column: pos.col };
	};
	for (const pair of doc.contents.items) {
		if (!isScalar(pair.key)) continue;
		const key = String(pair.key.value);
		const where = at(pair.key as Node);
		if (REFUSED[key]) {
			problem(`"${key}" is not allowed in a Markdown guide: it ${REFUSED[key]}, and guides are untrusted (a trusted MDX guide may use it)`, where.line, where.column, key);
			continue;
		}
		if (key === 'sidebar' && isMap(pair.value)) {
			const attrs = pair.value.items.find((item) => isScalar(item.key) && item.key.value === 'attrs');
			if (attrs) {
				const p = at(attrs.key as Node);
				problem('"sidebar.attrs" is not allowed in a Markdown guide: it puts any HTML attribute (an event handler) on the sidebar link', p.line, p.column, 'sidebar.attrs');
			}
		}
		// Link-valued keys: the one URL policy.
		for (const { path, node } of links(key, pair.value as Node)) {
			const value = isScalar(node) ? node.value : undefined;
			if (typeof value === 'string' && !isSafeUrl(value)) {
				const p = at(node);
				problem(unsafeUrlMessage(value), p.line, p.column, path);
			}
		}
	}
	return out;
}

/** `editUrl` and `prev`/`next`'s `link` (a plain `prev: text` is a label): the frontmatter fields that are links. */
function links(key: string, value: Node | null): { path: string; node: Node }[] {
	if (!value) return [];
	if (key === 'editUrl' && isScalar(value)) return [{ path: key, node: value }];
	if (key === 'prev' || key === 'next') {
		if (isMap(value)) {
			const link = value.items.find((item) => isScalar(item.key) && item.key.value === 'link');
			if (link && isScalar(link.value)) return [{ path: `${key}.link`, node: link.value as Node }];
		}
	}
	return [];
}
