/**
 * Helpers shared by the importers: ids, untrusted text, links, Markdown clean-up. Everything a
 * source file says is untrusted: control characters are dropped, links are kept only when the
 * model's URL policy allows them, and Markdown links that a browser could run become text.
 */
import { isSafeUrl } from '../lib/safe-url.ts';

/** `OnePlatform` → `one-platform`, `KubeAPIErrorBudgetBurn` → `kube-api-error-budget-burn`, `breanna.davison` → `breanna-davison`. */
export function kebabId(name: string): string {
	const id = cleanText(name)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/([a-z0-9])([A-Z])/g, '$1-$2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 100)
		.replace(/-+$/, '');
	return id || 'unnamed';
}

// C0 controls but tab and newline, DEL, C1, zero-width and bidi controls, the BOM.
// eslint-disable-next-line no-control-regex
const STRIP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Text from a source file, without the characters that could rewrite a terminal or hide text. */
export function cleanText(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n').replace(STRIP, '');
}

/** One line of text (a file name, a path): cleaned, and no line breaks or tabs. */
export function cleanLine(text: string): string {
	return cleanText(text).replace(/[\n\t]+/g, ' ');
}

/** A parsed document with every string (keys too) cleaned; counts what was cleaned. */
export function cleanDeep(value: unknown, counter: { cleaned: number } = { cleaned: 0 }, depth = 0): unknown {
	if (depth > 64) return undefined;
	if (typeof value === 'string') {
		const clean = cleanText(value);
		if (clean !== value.replace(/\r\n?/g, '\n')) counter.cleaned++;
		return clean;
	}
	if (Array.isArray(value)) return value.map((item) => cleanDeep(item, counter, depth + 1));
	if (value instanceof Date) return value.toISOString();
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
			if (key === '__proto__') continue;
			out[cleanText(key)] = cleanDeep(item, counter, depth + 1);
		}
		return out;
	}
	return value;
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A non-empty trimmed string, or undefined. */
export function asText(value: unknown): string | undefined {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' ? undefined : text;
}

/** A list of strings (a single string counts as a list of one). */
export function asTextList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	return list.map(asText).filter((item): item is string => item !== undefined);
}

const ABSOLUTE = /^(https?|mailto|tel):/i;

/** The URL when the model accepts it (absolute http:, https:, mailto: or tel:), else undefined. */
export function safeAbsoluteUrl(value: unknown): string | undefined {
	const url = asText(value);
	if (!url || !isSafeUrl(url) || !ABSOLUTE.test(url) || /\s/.test(url)) return undefined;
	try {
		new URL(url);
	} catch {
		return undefined;
	}
	return url;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function asEmail(value: unknown): string | undefined {
	const text = asText(value);
	return text && EMAIL.test(text) ? text : undefined;
}

export type LinkType = 'repo' | 'dashboard' | 'logs' | 'traces' | 'metrics' | 'alerts' | 'docs' | 'status' | 'ci' | 'deploy' | 'console' | 'chat' | 'other';

const ICONS: Record<string, LinkType> = {
	dashboard: 'dashboard',
	alert: 'alerts',
	alerts: 'alerts',
	chat: 'chat',
	slack: 'chat',
	slack_contact: 'chat',
	discord: 'chat',
	docs: 'docs',
	doc: 'docs',
	techdocs: 'docs',
	help: 'docs',
	description: 'docs',
	book: 'docs',
	github: 'repo',
	gitlab: 'repo',
	code: 'repo',
	source: 'repo',
	logs: 'logs',
	status: 'status',
	build: 'ci',
	cloud: 'other',
};

const BY_TEXT: [RegExp, LinkType][] = [
	[/dashboard|grafana|datadoghq\.com\/dash/, 'dashboard'],
	[/github\.com|gitlab|bitbucket|\brepo(sitory)?\b|source code/, 'repo'],
	[/^#|slack\.com|\bslack\b|teams\.microsoft|discord|\bchat\b|mattermost/, 'chat'],
	[/runbook|\bdocs?\b|documentation|wiki|readme|confluence|\bhelp\b|support|techdocs/, 'docs'],
	[/\blogs?\b|kibana|loki|splunk|papertrail|logging/, 'logs'],
	[/trac(e|es|ing)\b|jaeger|tempo|zipkin/, 'traces'],
	[/metrics|prometheus/, 'metrics'],
	[/alert|pagerduty|opsgenie/, 'alerts'],
	[/status/, 'status'],
	[/\bci\b|jenkins|circleci|github\.com\/.*\/actions|pipeline/, 'ci'],
	[/deploy|argocd|spinnaker/, 'deploy'],
	[/console|portal\.azure|console\.aws|console\.cloud\.google/, 'console'],
];

/** What a link leads to, guessed from its icon, then its title, then its URL; `other` when nothing fits. */
export function guessLinkType(title: string | undefined, icon: string | undefined, url: string): LinkType {
	const byIcon = icon ? ICONS[icon.toLowerCase()] : undefined;
	if (byIcon && byIcon !== 'other') return byIcon;
	for (const text of [title?.toLowerCase(), url.toLowerCase()]) {
		if (!text) continue;
		for (const [pattern, type] of BY_TEXT) if (pattern.test(text)) return type;
	}
	return 'other';
}

/** The first sentence of a text (on one line), for summaries and step titles. */
export function firstSentence(text: string, max = 500): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const end = /[.!?](?=\s|$)/g;
	for (let match = end.exec(flat); match; match = end.exec(flat)) {
		const sentence = flat.slice(0, match.index + 1);
		// "e.g." and "i.e." do not end a sentence.
		if (/\b(e\.g|i\.e|etc|vs|cf)\.$/i.test(sentence)) continue;
		return shorten(sentence, max);
	}
	return shorten(flat, max);
}

/** Cuts a text at a word boundary to at most `max` characters, with an ellipsis. */
export function shorten(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Markdown → one line of plain text: links become their text, emphasis and code marks go. */
export function plainText(markdown: string): string {
	return markdown
		.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
		.replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1')
		.replace(/(\*\*|__)(.+?)\1/g, '$2')
		.replace(/`([^`\n]+)`/g, '$1')
		.replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Untrusted Markdown made safe to keep: links and images whose target is not an absolute
 * http(s)/mailto/tel URL become their text (a `javascript:` link, a Hugo `{{< ref >}}`, a
 * relative path that would not resolve in the handbook); reference definitions with such a
 * target are dropped; `<javascript:…>` autolinks lose their brackets; the `<details>` /
 * `<summary>` wrappers Hugo pages use become a bold line (raw HTML is shown as text by the site).
 * Code spans and fenced blocks are left alone.
 */
export function safeMarkdown(markdown: string): string {
	const lines = cleanText(markdown).split('\n');
	const out: string[] = [];
	let fence: { char: string; length: number } | undefined;
	for (const line of lines) {
		const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
		if (fence) {
			out.push(line);
			if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && line.trim() === marker[1]) fence = undefined;
			continue;
		}
		if (marker) {
			fence = { char: marker[1]![0]!, length: marker[1]!.length };
			out.push(line);
			continue;
		}
		out.push(safeMarkdownLine(line));
	}
	return out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n');
}

const DEFINITION = /^\s{0,3}\[([^\]\n]+)\]:\s*<?(\S+?)>?(\s+.*)?$/;

function safeMarkdownLine(line: string): string {
	const definition = DEFINITION.exec(line);
	if (definition) return safeTarget(definition[2]!) ? line : '';
	if (/^\s*<\/?details\s*>\s*$/i.test(line)) return '';
	line = line.replace(/<summary>(.*?)<\/summary>/gi, (_m, text: string) => `**${text.trim()}**`);
	// Raw HTML is shown as text by the site; a raw <a> is not a link there either, so it goes (its text stays).
	line = line.replace(/<\/?a(\s[^>]*)?>/gi, '');
	line = rewriteInlineLinks(line);
	// Autolinks: <scheme:…>.
	line = line.replace(/<([a-z][a-z0-9+.-]*:[^\s<>]*)>/gi, (whole, target: string) => (safeTarget(target) ? whole : target));
	return line;
}

function safeTarget(target: string): boolean {
	return isSafeUrl(target) && ABSOLUTE.test(target.trim());
}

/** `[text](target)` and `![alt](target)` with balanced parentheses in the target; unsafe ones become text. */
function rewriteInlineLinks(line: string): string {
	let out = '';
	let i = 0;
	while (i < line.length) {
		// Leave code spans as they are.
		if (line[i] === '`') {
			const ticks = /^`+/.exec(line.slice(i))![0];
			const close = line.indexOf(ticks, i + ticks.length);
			if (close > 0) {
				out += line.slice(i, close + ticks.length);
				i = close + ticks.length;
				continue;
			}
		}
		if (line[i] === '[' || (line[i] === '!' && line[i + 1] === '[')) {
			const image = line[i] === '!';
			const open = image ? i + 1 : i;
			const textEnd = matching(line, open, '[', ']');
			if (textEnd > 0 && line[textEnd + 1] === '(') {
				const targetEnd = matching(line, textEnd + 1, '(', ')');
				if (targetEnd > 0) {
					const text = line.slice(open + 1, textEnd);
					const inside = line.slice(textEnd + 2, targetEnd).trim();
					const target = /^<([^>]*)>/.exec(inside)?.[1] ?? inside.split(/\s+/)[0] ?? '';
					out += safeTarget(target) ? line.slice(i, targetEnd + 1) : rewriteInlineLinks(text);
					i = targetEnd + 1;
					continue;
				}
			}
		}
		out += line[i];
		i++;
	}
	return out;
}

function matching(line: string, start: number, open: string, close: string): number {
	let depth = 0;
	for (let i = start; i < line.length; i++) {
		if (line[i] === '\\') {
			i++;
			continue;
		}
		if (line[i] === open) depth++;
		else if (line[i] === close && --depth === 0) return i;
	}
	return -1;
}

/** `kube-apiserver-slos` stays as written; used where a display name can only be the source's own name. */
export function displayName(...candidates: unknown[]): string | undefined {
	for (const candidate of candidates) {
		const text = asText(candidate);
		if (text) return text.replace(/\s+/g, ' ');
	}
	return undefined;
}
