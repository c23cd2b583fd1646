/**
 * `opsbook alerts annotate`: point every alerting rule the model knows at its handbook page
 * (`annotations.runbook_url`) and its service's dashboard (`dashboard_url`). The file's text is
 * edited in place — a value replaced, or a line inserted at the indentation its neighbours use —
 * so comments, quoting and line breaks stay byte for byte, and a second run changes nothing.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Model } from '../model/index.ts';
import { alertSlug } from '../site/alert-slug.ts';
import { pairOf, readRules, type AlertRule } from './rules.ts';

export interface Annotated {
	text: string;
	/** Rules whose annotations changed. */
	changed: string[];
	/** Alerting rules the model does not know, left as they were. */
	unknown: AlertRule[];
	problem?: string;
}

interface Edit {
	at: number;
	remove: number;
	insert: string;
}

/** The page address of an alert under the site's address. */
export function alertPage(siteUrl: string, name: string): string {
	return `${siteUrl.replace(/\/+$/, '')}/alerts/${alertSlug(name)}/`;
}

export function annotate(text: string, model: Model, siteUrl: string): Annotated {
	const file = readRules(text);
	if (file.problem) return { text, changed: [], unknown: [], problem: file.problem };
	const edits: Edit[] = [];
	const changed: string[] = [];
	const unknown: AlertRule[] = [];
	for (const rule of file.rules) {
		const entries = model.index.alerts.get(rule.name);
		if (!entries?.length) {
			unknown.push(rule);
			continue;
		}
		const dashboard = entries.flatMap((entry) => entry.service.links).find((link) => link.type === 'dashboard')?.url;
		const wanted: [string, string][] = [['runbook_url', alertPage(siteUrl, rule.name)]];
		if (dashboard) wanted.push(['dashboard_url', dashboard]);
		const ruleEdits = annotationEdits(text, rule.node, wanted);
		if (ruleEdits.length) {
			edits.push(...ruleEdits);
			changed.push(rule.name);
		}
	}
	let out = text;
	for (const edit of edits.sort((a, b) => b.at - a.at)) {
		// A file whose last line has no line break gets one before a line added after it.
		const insert = edit.at === text.length && !text.endsWith('\n') && edit.insert.endsWith('\n') ? `\n${edit.insert.slice(0, -1)}` : edit.insert;
		out = out.slice(0, edit.at) + insert + out.slice(edit.at + edit.remove);
	}
	return { text: out, changed, unknown };
}

/** The edits that give the rule these annotations (none when it has them already). */
function annotationEdits(text: string, rule: YAMLMap, wanted: [string, string][]): Edit[] {
	if (rule.flow) return [];
	const annotations = pairOf(rule, 'annotations');
	const map = annotations?.value;
	if (!annotations || !isMap(map)) {
		if (annotations) return []; // annotations: with something other than a mapping; leave it to the author
		// A new `annotations:` block after the rule's last line, at its keys' indentation.
		const indent = indentOf(text, rule.items[0]!.key as Node);
		const lines = [`${indent}annotations:`, ...wanted.map(([key, value]) => `${indent}  ${key}: ${plain(value)}`)];
		return [{ at: afterLastLine(text, rule), remove: 0, insert: `${lines.join('\n')}\n` }];
	}
	const edits: Edit[] = [];
	const missing: [string, string][] = [];
	for (const [key, value] of wanted) {
		const pair = pairOf(map, key);
		if (!pair) missing.push([key, value]);
		else if (isScalar(pair.value) && pair.value.range && String(pair.value.value) !== value) {
			const [start, end] = pair.value.range;
			edits.push({ at: start, remove: end - start, insert: map.flow ? JSON.stringify(value) : plain(value) });
		}
	}
	if (!missing.length) return edits;
	if (map.flow) {
		// `annotations: { summary: … }`: the new entries go after the last one, or into the empty braces.
		const entries = missing.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ');
		const last = map.items.at(-1);
		const end = (last?.value as Node | null)?.range?.[1] ?? (last?.key as Node | undefined)?.range?.[1];
		if (end !== undefined) edits.push({ at: end, remove: 0, insert: `, ${entries}` });
		else {
			const close = text.lastIndexOf('}', (map.range?.[1] ?? 0) - 1);
			if (close >= 0) edits.push({ at: close, remove: 0, insert: ` ${entries} ` });
		}
		return edits;
	}
	const indent = indentOf(text, map.items[0]!.key as Node);
	edits.push({ at: afterLastLine(text, map), remove: 0, insert: missing.map(([key, value]) => `${indent}${key}: ${plain(value)}\n`).join('') });
	return edits;
}

/** The spaces before a node's first character on its line. */
function indentOf(text: string, node: Node): string {
	const start = node.range?.[0] ?? 0;
	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	return ' '.repeat(start - lineStart);
}

/** The offset just after the line on which the map's last value ends. */
function afterLastLine(text: string, map: YAMLMap): number {
	const last = map.items.at(-1)!;
	const end = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range?.[1] ?? text.length;
	if (text[end - 1] === '\n') return end;
	const newline = text.indexOf('\n', end);
	return newline < 0 ? text.length : newline + 1;
}

/** A URL as a plain scalar when YAML reads it back unchanged, else double-quoted. */
function plain(value: string): string {
	return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/.test(value) && !/[:#]\s|\s#/.test(value) ? value : JSON.stringify(value);
}
