/**
 * Markdown runbooks as in prometheus-operator/runbooks → runbooks.
 *
 * The file name names the alert (`KubePodCrashLooping.md` → triggers.alerts, id
 * `kube-pod-crash-looping`); the title comes from the Hugo front matter, else the first `#`
 * heading. Sections by their `##` heading:
 *   Meaning    → summary (its first paragraph; the rest ends the diagnosis, "About this alert")
 *   Impact     → impact
 *   Diagnosis  → diagnosis (other sections, such as "Critical" / "Warning", follow it)
 *   Mitigation → steps: each code fence is a step with its `command` (`$ ` lines; the lines
 *                after them are the `expected` output), titled by the sub-heading or the text
 *                before it; text without a fence is a step of its own; a numbered list is a
 *                step per item. ("Runbook", "Remediation", "Resolution" and "Steps" count too.)
 * The services are those that list the alert in the model folder (import the alert rules
 * first), else a TODO. Links that are not absolute http(s)/mailto/tel URLs become their text.
 */
import { parseDocument } from 'yaml';
import { ordered } from './entities.ts';
import { asRecord, asText, cleanDeep, cleanLine, cleanText, firstSentence, kebabId, plainText, safeMarkdown, shorten } from './text.ts';
import { todo } from '../lib/todo.ts';
import type { ImportedEntity, ImportNote, ImportResult, TextInput } from './types.ts';

type Block = { type: 'heading'; level: number; text: string } | { type: 'fence'; lang: string; lines: string[] } | { type: 'text'; text: string };

/** Front matter (YAML between `---` lines, or Hugo's TOML between `+++`) and the body after it. */
export function splitFrontMatter(text: string): { front: Record<string, unknown>; body: string } {
	const yaml = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
	if (yaml) {
		let front: Record<string, unknown> = {};
		try {
			const doc = parseDocument(yaml[1]!, { prettyErrors: false });
			if (!doc.errors.length) front = asRecord(cleanDeep(doc.toJS({ maxAliasCount: 10 }))) ?? {};
		} catch {
			// Unreadable front matter: treated as none.
		}
		return { front, body: text.slice(yaml[0].length) };
	}
	const toml = /^\+\+\+[ \t]*\n([\s\S]*?)\n\+\+\+[ \t]*(?:\n|$)/.exec(text);
	if (toml) {
		const title = /^title\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/m.exec(toml[1]!)?.[1];
		return { front: title ? { title: title.replace(/\\"/g, '"') } : {}, body: text.slice(toml[0].length) };
	}
	return { front: {}, body: text };
}

/** Markdown → headings, fenced code blocks and paragraphs (a paragraph ends at a blank line). */
export function blocks(markdown: string): Block[] {
	const out: Block[] = [];
	const lines = markdown.split('\n');
	let paragraph: string[] = [];
	const flush = () => {
		if (paragraph.length) out.push({ type: 'text', text: paragraph.join('\n') });
		paragraph = [];
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const fence = /^(\s{0,3})(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
		if (fence) {
			flush();
			const marker = fence[2]!;
			const indent = fence[1]!.length;
			const body: string[] = [];
			for (i++; i < lines.length; i++) {
				const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(lines[i]!);
				if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) break;
				body.push(lines[i]!.slice(Math.min(indent, /^ */.exec(lines[i]!)![0].length)));
			}
			out.push({ type: 'fence', lang: fence[3] ?? '', lines: body });
			continue;
		}
		const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
		if (heading) {
			flush();
			out.push({ type: 'heading', level: heading[1]!.length, text: heading[2]! });
			continue;
		}
		if (line.trim() === '') flush();
		else paragraph.push(line.replace(/\s+$/, ''));
	}
	flush();
	return out;
}

function render(list: Block[]): string {
	return list
		.map((block) =>
			block.type === 'heading' ? `${'#'.repeat(block.level)} ${block.text}` : block.type === 'fence' ? ['```' + block.lang, ...block.lines, '```'].join('\n') : block.text,
		)
		.join('\n\n')
		.trim();
}

const ROLE: [RegExp, 'meaning' | 'impact' | 'diagnosis' | 'mitigation'][] = [
	[/^(meaning|description|overview|summary|what it means)$/, 'meaning'],
	[/^impact$/, 'impact'],
	[/^(diagnosis|investigation|troubleshooting|triage|debugging)$/, 'diagnosis'],
	[/^(mitigation|remediation|resolution|runbook|steps|fix|how to fix|solution|procedure|actions?)$/, 'mitigation'],
];

/** True when a section says nothing but "TODO". */
function onlyTodo(list: Block[]): boolean {
	return list.length > 0 && list.every((block) => block.type === 'text' && /^\s*TODO\.?\s*$/i.test(block.text));
}

export interface Step {
	title: string;
	description?: string;
	command?: string;
	expected?: string;
}

/** The Mitigation section → ordered steps (see the file comment). */
export function stepsFrom(list: Block[]): Step[] {
	const steps: Step[] = [];
	let heading: string | undefined;
	let headingUsed = false;
	let sectionHadFence = false;
	let prose: string[] = [];
	const titleOf = (text: string) => shorten(firstSentence(plainText(text), 400).replace(/[\s:]+$/, ''), 120);
	/** The text, unless it only repeats the title. */
	const beyond = (text: string, title: string) => (text && plainText(text).replace(/[\s:.]+$/, '') !== title.replace(/[\s:.]+$/, '') ? { description: text } : {});
	const flush = () => {
		const text = prose.join('\n\n').trim();
		prose = [];
		if (!text) return;
		if (sectionHadFence && steps.length) {
			const last = steps[steps.length - 1]!;
			last.description = last.description ? `${last.description}\n\n${text}` : text;
			return;
		}
		const items = heading ? undefined : orderedItems(text);
		if (items) {
			for (const item of items) {
				const title = titleOf(item.first);
				steps.push({ title, ...(item.rest ? { description: item.rest } : beyond(item.first, title)) });
			}
			return;
		}
		const title = heading && !headingUsed ? plainText(heading) : titleOf(text);
		headingUsed = true;
		steps.push({ title, ...beyond(text, title) });
	};
	for (const block of list) {
		if (block.type === 'heading') {
			flush();
			heading = block.text;
			headingUsed = false;
			sectionHadFence = false;
		} else if (block.type === 'text') {
			prose.push(block.text);
		} else {
			const last = prose[prose.length - 1];
			const title = heading && !headingUsed ? plainText(heading) : last ? titleOf(last) : heading ? plainText(heading) : 'Run this command';
			const description = prose.join('\n\n').trim();
			headingUsed = true;
			sectionHadFence = true;
			prose = [];
			steps.push({ title: title || 'Run this command', ...beyond(description, title), ...commandOf(block.lines) });
		}
	}
	flush();
	return steps;
}

/** A numbered list → its top-level items (first line, and the rest dedented), else undefined. */
function orderedItems(text: string): { first: string; rest?: string }[] | undefined {
	const lines = text.split('\n');
	if (!/^\d+[.)]\s/.test(lines[0]!)) return undefined;
	const items: { first: string; rest: string[] }[] = [];
	for (const line of lines) {
		const item = /^\d+[.)]\s+(.*)$/.exec(line);
		if (item) items.push({ first: item[1]!, rest: [] });
		else if (/^\s+/.test(line) && items.length) items[items.length - 1]!.rest.push(line.replace(/^ {1,4}/, ''));
		else return undefined;
	}
	return items.map((item) => ({ first: item.first, ...(item.rest.length ? { rest: item.rest.join('\n') } : {}) }));
}

/** A fence → the command (its `$ ` lines, or all of it) and the output shown after them. */
export function commandOf(lines: string[]): { command: string; expected?: string } {
	const trimmed = lines.map((line) => line.replace(/\s+$/, ''));
	while (trimmed.length && trimmed[trimmed.length - 1] === '') trimmed.pop();
	while (trimmed.length && trimmed[0] === '') trimmed.shift();
	const prompts = trimmed.filter((line) => /^\s*\$ /.test(line));
	if (prompts.length) {
		const output = trimmed.filter((line) => !/^\s*\$ /.test(line) && line.trim() !== '');
		return { command: prompts.map((line) => line.replace(/^\s*\$ /, '')).join('\n'), ...(output.length ? { expected: output.join('\n') } : {}) };
	}
	const content = trimmed.filter((line) => line.trim() !== '');
	if (content.length && content.every((line) => /^\s*#/.test(line)) && content.some((line) => /TODO/i.test(line))) {
		return { command: todo('command', `the source runbook has only "${plainText(content.join(' ')).replace(/^#\s*/, '')}"`) };
	}
	return { command: trimmed.join('\n') };
}

export interface RunbookOptions {
	/** Alert name → the services that list it in the model folder. */
	alertOwners?: ReadonlyMap<string, readonly string[]>;
}

/** Pure: one Markdown runbook → a runbook entity, or undefined when the file has no runbook in it (a section index). */
export function runbookFromMarkdown(input: TextInput, options: RunbookOptions = {}, notes: ImportNote[] = []): ImportedEntity | undefined {
	const file = cleanLine(input.file);
	const stem = (file.split('/').pop() ?? file).replace(/\.(md|markdown)$/i, '').trim();
	if (/^(_?index|readme|sources|license|licence|changelog|contributing|code_of_conduct|security)$/i.test(stem)) return undefined;
	const { front, body } = splitFrontMatter(cleanText(input.text));
	const all = blocks(safeMarkdown(body));
	if (!all.some((block) => block.type !== 'heading' || block.level > 1)) return undefined;
	// A runbook has its known sections, or at least Hugo front matter with a title (a stub that points elsewhere).
	const known = all.some((block) => block.type === 'heading' && block.level === 2 && ROLE.some(([pattern]) => pattern.test(plainText(block.text).toLowerCase().replace(/[:.]$/, ''))));
	if (!known && asText(front.title) === undefined) {
		notes.push({ level: 'info', file, message: 'not read as a runbook: no Meaning, Impact, Diagnosis or Mitigation section and no front-matter title' });
		return undefined;
	}

	const h1 = all.find((block): block is Extract<Block, { type: 'heading' }> => block.type === 'heading' && block.level === 1);
	const sections: { heading?: string; blocks: Block[] }[] = [{ blocks: [] }];
	for (const block of all) {
		if (block === h1) continue;
		if (block.type === 'heading' && block.level <= 2) sections.push({ heading: block.text, blocks: [] });
		else sections[sections.length - 1]!.blocks.push(block);
	}
	const byRole: Record<'meaning' | 'impact' | 'diagnosis' | 'mitigation', Block[]> = { meaning: [], impact: [], diagnosis: [], mitigation: [] };
	const extra: string[] = [];
	const intro = render(sections[0]!.blocks);
	for (const section of sections.slice(1)) {
		const name = plainText(section.heading ?? '').toLowerCase().replace(/[:.]$/, '');
		const role = ROLE.find(([pattern]) => pattern.test(name))?.[1];
		if (role && !(role === 'meaning' && byRole.meaning.length)) byRole[role].push(...section.blocks);
		else if (section.blocks.length) extra.push(`### ${section.heading}\n\n${render(section.blocks)}`);
	}

	const alert = stem;
	const id = kebabId(alert);
	const why = (what: string) => (onlyTodo(byRole[what as keyof typeof byRole]) ? 'the source runbook says only "TODO"' : `the source runbook has no ${what[0]!.toUpperCase()}${what.slice(1)} section`);
	const meaning = onlyTodo(byRole.meaning) ? [] : byRole.meaning;
	const firstText = meaning.findIndex((block) => block.type === 'text');
	const summary = firstText >= 0 ? shorten(plainText((meaning[firstText] as { text: string }).text), 500) : undefined;
	const moreMeaning = firstText >= 0 ? render(meaning.filter((_, i) => i !== firstText)) : render(meaning);
	// The rest of Meaning (Hugo's "Full context") comes last, under its own heading.
	const diagnosisParts = [intro, onlyTodo(byRole.diagnosis) ? '' : render(byRole.diagnosis), ...extra, moreMeaning ? `### About this alert\n\n${moreMeaning}` : ''].filter(Boolean);
	const impact = onlyTodo(byRole.impact) ? '' : render(byRole.impact);
	const steps = onlyTodo(byRole.mitigation) ? [] : stepsFrom(byRole.mitigation);
	const owners = options.alertOwners?.get(alert) ?? [];
	const title = asText(front.title) ?? (h1 ? plainText(h1.text) : undefined) ?? alert;

	const data = {
		id,
		title: shorten(title.replace(/\s+/g, ' '), 200),
		kind: 'incident',
		services: owners.length ? [...owners] : [todo('services (the ids of the services it is for)', `no service in the model lists alert ${alert}; import its alert rules first, or name them`)],
		summary: summary ?? todo('summary (when to use this runbook)', why('meaning')),
		triggers: { alerts: [alert] },
		impact: impact || todo('impact (what users and other services experience)', why('impact')),
		diagnosis: diagnosisParts.length ? diagnosisParts.join('\n\n') : todo('diagnosis (how to confirm the cause)', why('diagnosis')),
		steps: steps.length ? steps : [{ title: todo('steps (what to do)', byRole.mitigation.length ? why('mitigation') : 'the source runbook has no Mitigation section') }],
	};
	if (!owners.length) notes.push({ level: 'info', file, message: `runbook ${id}: no service in the model lists alert ${alert}; services left as a TODO` });
	return { kind: 'runbooks', id, data: ordered('runbooks', data), sources: [file] };
}

/** Pure: Markdown runbooks → runbook entities. */
export function importRunbooks(inputs: TextInput[], options: RunbookOptions = {}): ImportResult {
	const notes: ImportNote[] = [];
	const counts: Record<string, number> = {};
	const entities: ImportedEntity[] = [];
	const ids = new Map<string, string>();
	for (const input of inputs) {
		const runbook = runbookFromMarkdown(input, options, notes);
		if (!runbook) {
			counts['not runbooks (skipped)'] = (counts['not runbooks (skipped)'] ?? 0) + 1;
			continue;
		}
		const first = ids.get(runbook.id);
		if (first) {
			notes.push({ level: 'warning', file: input.file, message: `runbook ${runbook.id} also comes from ${first}; the first is kept` });
			continue;
		}
		ids.set(runbook.id, input.file);
		counts.runbooks = (counts.runbooks ?? 0) + 1;
		entities.push(runbook);
	}
	return { source: 'runbooks', entities, files: [], notes, counts };
}
