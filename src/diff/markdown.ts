/**
 * The model diff as Markdown for a pull-request comment. Pure: the same diff always gives the
 * same text, so tests can compare it line by line. Model text is escaped (names and titles are
 * written by anyone who opens a pull request).
 */
import type { Tally } from '../coverage/verdict.ts';
import type { EntityKind } from '../model/kinds.ts';
import type { Direction, ModelDiff, SideSummary, TierDelta, VerdictState } from './model-diff.ts';

const singular: Record<EntityKind, string> = { systems: 'system', teams: 'team', services: 'service', runbooks: 'runbook', trees: 'tree', reviews: 'post-incident review', controls: 'compliance control' };

/** Markdown-safe text: no formatting, no HTML, no @-mentions. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
		.replace(/@/g, '@&#8203;')
		.replace(/\r\n?|\n/g, ' ');
}

/** Text for an HTML context (a `<summary>`, an attribute): no tags, no entities, no line breaks. */
export function escapeHtml(text: string): string {
	const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
	return text.replace(/[&<>"']/g, (c) => entities[c]!).replace(/@/g, '@&#8203;').replace(/\r\n?|\n/g, ' ');
}

/**
 * A fenced code block that the text inside cannot close: the fence is one backtick longer than
 * the longest run of backticks anywhere in the text (and at least three), so no line of the text
 * can be a closing fence, and nothing after it (Markdown, HTML, mentions) is rendered. Line
 * endings become `\n` (a lone `\r` is a line break to a Markdown parser); a final line break is
 * dropped. Use it for any untrusted text shown verbatim: errors, `npm run check` output.
 */
export function fence(text: string): string {
	const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
	const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
	const mark = '`'.repeat(longest + 1);
	return `${mark}\n${body}\n${mark}`;
}

/** An inline code span that survives backticks in the text. */
export function code(text: string): string {
	const clean = text.replace(/\r\n?|\n/g, ' ');
	const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
	const mark = '`'.repeat(longest + 1);
	return longest ? `${mark} ${clean} ${mark}` : `${mark}${clean}${mark}`;
}

function plural(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sideName(side: SideSummary): string {
	return side.label === 'working tree' ? 'the working tree' : code(side.label);
}

function verdictText(v: VerdictState): string {
	switch (v.state) {
		case 'pass':
			return `✔ passes (${v.percent} %)`;
		case 'fail':
			return `✖ fails with ${plural(v.gaps, 'gap')} (${v.percent} %)`;
		default:
			return v.reason === 'no-policy' ? 'no policy.yaml, so no coverage gate' : v.reason === 'missing' ? 'no model' : 'not judged (model errors)';
	}
}

/** A coverage cell: a tally, or why there is none. */
function tally(t: Tally | undefined, side: VerdictState): string {
	if (side.state === 'not-judged') return side.reason === 'missing' ? '—' : 'not judged';
	return t ? `${t.percent} % (${t.met + t.waived} of ${t.total})` : 'no services';
}

function delta(t: TierDelta, before: VerdictState, after: VerdictState): string {
	if (after.state === 'not-judged') return '—';
	if (before.state === 'not-judged') return before.reason === 'missing' ? 'new' : '—';
	if (t.delta === undefined) return t.before && !t.after ? 'no services now' : !t.before && t.after ? 'new' : '—';
	if (t.delta === 0) return '±0';
	return `${t.delta > 0 ? '+' : '−'}${Math.abs(t.delta)} pts`;
}

const directions: Record<Direction, string> = {
	loosens: '⚠ loosens',
	tightens: 'tightens',
	added: 'new',
	removed: '⚠ removed',
};

function problems(side: SideSummary, where: string, modelPath: string | undefined, hint = ''): string[] {
	if (side.state === 'missing') {
		return [`> **Note:** there is no model folder${modelPath ? ` ${code(modelPath)}` : ''} at ${where}; everything in the working tree is reported as new.`, ''];
	}
	if (side.state !== 'invalid') return [];
	const lines = [
		`> **Warning:** the model ${side.label === 'working tree' ? 'in' : 'at'} ${where} has ${plural(side.errors, 'error')}${hint}, so this comparison is partial: only the files that loaded are compared, and coverage and findings are judged on them alone.`,
		'',
	];
	if (side.errorLines.length) {
		// Inside an HTML block Markdown is not rendered, so the ref's name is HTML-escaped, not code-spanned.
		const summaryWhere = side.label === 'working tree' ? 'the working tree' : `<code>${escapeHtml(side.label)}</code>`;
		lines.push(`<details><summary>Errors ${side.label === 'working tree' ? 'in' : 'at'} ${summaryWhere}${side.errors > side.errorLines.length ? ` (first ${side.errorLines.length})` : ''}</summary>`, '', fence(side.errorLines.join('\n')), '', '</details>', '');
	}
	return lines;
}

export function renderMarkdown(diff: ModelDiff, { title = 'Model changes' }: { title?: string } = {}): string {
	const out: string[] = [];
	const base = sideName(diff.base);
	const head = sideName(diff.head);
	out.push(`### ${title}`, '');
	out.push(`Comparing ${base} with ${head}; coverage judged on ${diff.today}.`, '');
	out.push(...problems(diff.base, base, diff.modelPath));
	out.push(...problems(diff.head, head, diff.modelPath, ' (`npm run check` lists them)'));

	if (diff.notCompared.length) {
		out.push(`Not compared, because they have errors on one side: ${diff.notCompared.map(code).join(', ')}.`, '');
	}

	const c = diff.coverage;
	out.push(`**Coverage: ${verdictText(c.after)}** — before: ${verdictText(c.before)}`, '');

	if (diff.unchanged) {
		out.push('No changes to the model.');
		return `${out.join('\n')}\n`;
	}

	const e = diff.entities;
	const entityLines = [
		...e.added.map((x) => `- Added ${singular[x.kind]} ${code(x.id)} — ${escapeMarkdown(x.label)}${x.facts ? ` (${escapeMarkdown(x.facts)})` : ''}`),
		...e.removed.map((x) => `- Removed ${singular[x.kind]} ${code(x.id)} — ${escapeMarkdown(x.label)}`),
		...e.renamed.map((x) => `- Renamed ${singular[x.kind]} ${code(x.from)} → ${code(x.to)}`),
		...diff.fields.map((f) => {
			const values = f.field === 'tier' ? `${f.before} → ${f.after}${f.direction ? ` (${f.direction === 'raised' ? 'more critical' : 'less critical'})` : ''}` : `${code(f.before)} → ${code(f.after)}`;
			return `- ${singular[f.kind].replace(/^./, (ch) => ch.toUpperCase())} ${code(f.id)}: ${f.field} ${values}`;
		}),
	];
	if (entityLines.length) out.push('#### Services, systems and teams', '', ...entityLines, '');

	if (diff.objectives.length) {
		out.push('#### Recovery objectives and SLOs', '', '| service | objective | before | after | change |', '| --- | --- | --- | --- | --- |');
		for (const o of diff.objectives) {
			out.push(`| ${code(o.service)} | ${escapeMarkdown(o.objective)} | ${escapeMarkdown(o.before ?? '—')} | ${escapeMarkdown(o.after ?? '—')} | ${directions[o.direction]} |`);
		}
		out.push('');
	}

	const p = diff.procedures;
	const procedureLines = [
		...p.added.map((x) => `- Added ${singular[x.kind]} ${code(x.id)} — ${escapeMarkdown(x.label)}${x.facts ? ` (${escapeMarkdown(x.facts)})` : ''}`),
		...p.removed.map((x) => `- Removed ${singular[x.kind]} ${code(x.id)} — ${escapeMarkdown(x.label)}`),
		...p.renamed.map((x) => `- Renamed ${singular[x.kind]} ${code(x.from)} → ${code(x.to)}`),
		...p.retested.map((x) => `- ${x.kind === 'runbooks' ? 'Retested runbook' : 'Reviewed tree'} ${code(x.id)}: ${x.before ?? 'never'} → ${x.after}`),
	];
	if (procedureLines.length) out.push('#### Runbooks and troubleshooting trees', '', ...procedureLines, '');

	const r = diff.records;
	const recordLines = [
		...r.added.map((x) => `- Added ${singular[x.kind]} ${code(x.id)} — ${escapeMarkdown(x.label)}${x.facts ? ` (${escapeMarkdown(x.facts)})` : ''}`),
		...r.removed.map((x) => `- Removed ${singular[x.kind]} ${code(x.id)} — ${escapeMarkdown(x.label)}`),
		...r.renamed.map((x) => `- Renamed ${singular[x.kind]} ${code(x.from)} → ${code(x.to)}`),
		...r.changed.map((x) => `- ${x.kind === 'reviews' ? 'Review' : 'Control'} ${code(x.id)}: ${x.changes.map(escapeMarkdown).join('; ')}`),
	];
	if (recordLines.length) out.push('#### Post-incident reviews and compliance controls', '', ...recordLines, '');

	if (diff.governance.length) {
		out.push('#### Business impact, data and access', '');
		for (const g of diff.governance) {
			const what = `${g.part[0]!.toUpperCase()}${g.part.slice(1)} of ${singular[g.kind]} ${code(g.id)}`;
			out.push(`- ${what} ${g.change}${g.details.length ? `: ${g.details.map(escapeMarkdown).join('; ')}` : ''}`);
		}
		out.push('');
	}

	if (diff.alertsWithoutRunbook.length) {
		out.push('#### Alerts that lost their runbook', '');
		for (const a of diff.alertsWithoutRunbook) out.push(`- ⚠ ${code(a.alert)} (service ${code(a.service)}) led to ${code(a.runbook)}; ${escapeMarkdown(a.reason)}`);
		out.push('');
	}

	if (c.tiers.length) {
		out.push('#### Coverage by tier', '', '| tier | before | after | change |', '| --- | --- | --- | --- |');
		for (const t of c.tiers) out.push(`| ${t.tier} | ${tally(t.before, c.before)} | ${tally(t.after, c.after)} | ${delta(t, c.before, c.after)} |`);
		out.push('');
		if (c.gapsOpened.length) {
			out.push(`New gaps (${c.gapsOpened.length}):`, '');
			for (const g of c.gapsOpened) out.push(`- ${code(g.service)}: ${escapeMarkdown(g.message)}`);
			out.push('');
		}
		if (c.gapsClosed.length) {
			out.push(`Closed gaps (${c.gapsClosed.length}):`, '');
			for (const g of c.gapsClosed) out.push(`- ${code(g.service)}: ${escapeMarkdown(g.message)}`);
			out.push('');
		}
	}

	if (diff.findings) {
		const f = diff.findings;
		if (f.appeared.length + f.disappeared.length) {
			out.push('#### Analysis findings', '');
			for (const x of f.appeared) out.push(`- New: ${x.title} — ${escapeMarkdown(x.message)}`);
			for (const x of f.disappeared) out.push(`- Resolved: ${x.title} — ${escapeMarkdown(x.message)}`);
			out.push('');
		}
	} else {
		out.push('#### Analysis findings', '', 'Not compared: findings are only computed for a model without errors.', '');
	}

	while (out.at(-1) === '') out.pop();
	return `${out.join('\n')}\n`;
}
