/**
 * Starlight's `<Tabs>` panel processor, without re-parsing the panels.
 *
 * Starlight turns each top-level `<starlight-tab-item>` of a `<Tabs>` into a tab panel by parsing
 * the whole inner HTML into a tree, rewriting the items and serialising everything back. Tabs
 * nest in API reference pages (a oneOf schema inside an anyOf inside a response), so every level
 * parses and serialises everything below it again: on the 3 MB OpenAI spec this was about half
 * of the build (~45 s of ~90 s). Here only the item tags themselves are found and rewritten; the
 * HTML between them is passed through as it is. Anything unexpected (an item with attributes
 * Starlight's `<TabItem>` does not write, a label with an entity not decoded here, unbalanced
 * items) goes to Starlight's own processor, so the result is never worse than Starlight's.
 *
 * Wired in by a Vite plugin (`tabsProcessor` in astro.config.mjs) that resolves the
 * `./tabs-processor` import of Starlight's Tabs.astro and TabItem.astro to this module.
 * tests/unit/tabs-processor.test.ts holds it to Starlight's output.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir } from '../lib/package-dir.ts';

// Not in Starlight's package exports; imported by path for the fallback, wherever npm put Starlight.
type StarlightTabs = typeof import('../../node_modules/@astrojs/starlight/dist/user-components/tabs-processor.js');
const { processPanels: starlightProcessPanels } = (await import(
	/* @vite-ignore */ pathToFileURL(join(packageDir('@astrojs/starlight'), 'dist', 'user-components', 'tabs-processor.js')).href
)) as StarlightTabs;

export const TabItemTagname = 'starlight-tab-item';

type Panel = ReturnType<typeof starlightProcessPanels>['panels'][number];

/** Raw-text parts of HTML that may contain anything tag-like: comments, scripts and styles. */
const RAW = String.raw`<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>`;
/** A tag's attributes, captured as one group (quoted values may contain `>`). */
const ATTRIBUTES = String.raw`((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?)*)`;
const START = String.raw`<([a-zA-Z][a-zA-Z0-9:-]*)${ATTRIBUTES}\s*\/?>`;
const ITEM_OPEN = new RegExp(String.raw`<starlight-tab-item\b${ATTRIBUTES}\s*>`, 'y');
const ITEM_CLOSE = /<\/starlight-tab-item\s*>/y;
const TOKENS = new RegExp(`${RAW}|<\\/?starlight-tab-item\\b`, 'gi');
const TAGS = new RegExp(`${RAW}|${START}`, 'g');
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities Astro writes in attribute values; undefined when it meets another one. */
function decode(value: string): string | undefined {
	let unknown = false;
	const text = value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (match, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			if (code > 0 && code <= 0x10ffff && match.endsWith(';')) return String.fromCodePoint(code);
		} else if (match.endsWith(';') && name in ENTITIES) return ENTITIES[name]!;
		unknown = true;
		return match;
	});
	return unknown ? undefined : text;
}

function attributes(source: string): Map<string, string> {
	const found = new Map<string, string>();
	for (const m of source.matchAll(ATTRIBUTE)) {
		const name = m[1]!.toLowerCase();
		if (!found.has(name)) found.set(name, m[2] ?? m[3] ?? m[4] ?? '');
	}
	return found;
}

/**
 * Starlight's focusable-element test, on one start tag: input, select, textarea and button unless
 * disabled (and input unless hidden), a and area with href, summary, iframe, object, embed, audio
 * and video with controls, contenteditable, and tabindex unless disabled; none of them counts when
 * it is hidden or has tabindex="-1".
 */
function isFocusable(tag: string, attrs: Map<string, string>): boolean {
	if (attrs.has('hidden') || attrs.get('tabindex') === '-1') return false;
	const enabled = !attrs.has('disabled');
	switch (tag) {
		case 'input':
			if (enabled && attrs.get('type')?.toLowerCase() !== 'hidden') return true;
			break;
		case 'select':
		case 'textarea':
		case 'button':
			if (enabled) return true;
			break;
		case 'a':
		case 'area':
			if (attrs.has('href')) return true;
			break;
		case 'summary':
		case 'iframe':
		case 'object':
		case 'embed':
			return true;
		case 'audio':
		case 'video':
			if (attrs.has('controls')) return true;
			break;
	}
	return attrs.has('contenteditable') || (attrs.has('tabindex') && enabled);
}

function containsFocusable(html: string): boolean {
	for (const m of html.matchAll(TAGS)) {
		if (m[2] === undefined) continue; // a comment, script or style
		if (isFocusable(m[2].toLowerCase(), attributes(m[3] ?? ''))) return true;
	}
	return false;
}

interface Item {
	open: [number, number];
	close: [number, number];
	label: string;
	icon?: string;
}

/** The top-level tab items, or undefined when the HTML is not what `<TabItem>` writes. */
function topLevelItems(html: string): Item[] | undefined {
	const items: Item[] = [];
	let depth = 0;
	let current: Omit<Item, 'close'> | undefined;
	for (const m of html.matchAll(TOKENS)) {
		if (m[0].startsWith('<!--') || m[1] !== undefined) continue;
		const at = m.index;
		if (m[0][1] === '/') {
			ITEM_CLOSE.lastIndex = at;
			const close = ITEM_CLOSE.exec(html);
			if (!close || depth === 0) return undefined;
			depth--;
			if (depth === 0) {
				items.push({ ...current!, close: [at, at + close[0].length] });
				current = undefined;
			}
			continue;
		}
		ITEM_OPEN.lastIndex = at;
		const open = ITEM_OPEN.exec(html);
		if (!open) return undefined;
		if (depth++ > 0) continue;
		const attrs = attributes(open[1] ?? '');
		const label = decode(attrs.get('data-label') ?? '');
		const icon = attrs.has('data-icon') ? decode(attrs.get('data-icon')!) : undefined;
		if (label === undefined || (attrs.has('data-icon') && icon === undefined)) return undefined;
		if ([...attrs.keys()].some((name) => name !== 'data-label' && name !== 'data-icon')) return undefined;
		current = { open: [at, at + open[0].length], label, ...(icon !== undefined ? { icon } : {}) };
	}
	return depth === 0 ? items : undefined;
}

/**
 * Same contract as Starlight's `processPanels`: the panels' data for the tab links, and the HTML
 * with each top-level item turned into a tab panel (the first shown, the others hidden, each
 * focusable itself unless it holds something focusable).
 */
export function processPanels(html: string, index: number): { panels: Panel[]; html: string } {
	const items = topLevelItems(html);
	if (!items) return starlightProcessPanels(html, index);
	const panels: Panel[] = [];
	const parts: string[] = [];
	let from = 0;
	items.forEach((item, i) => {
		const ids = { panelId: `tab-panel-${index}-${i}`, tabId: `tab-${index}-${i}` };
		panels.push({ ...ids, label: item.label, ...(item.icon !== undefined ? { icon: item.icon as Panel['icon'] } : {}) });
		const inner = html.slice(item.open[1], item.close[0]);
		const tabindex = containsFocusable(inner) ? '' : ' tabindex="0"';
		const hidden = i === 0 ? '' : ' hidden';
		parts.push(html.slice(from, item.open[0]), `<div id="${ids.panelId}" aria-labelledby="${ids.tabId}" role="tabpanel"${tabindex}${hidden}>`, inner, '</div>');
		from = item.close[1];
	});
	parts.push(html.slice(from));
	return { panels, html: parts.join('') };
}
