/** The text that `npm run check` and the build print: diagnostics, summary, findings, coverage. */
import { join, relative } from 'node:path';
import { analyse, findingTitles } from '../analysis/findings.ts';
import { judge, type Gap, type Verdict } from '../coverage/verdict.ts';
import { judgeControls, type ControlsVerdict } from '../coverage/controls.ts';
import type { ApiCheck } from '../apis/check.ts';
import { formatPath } from '../load/diagnostics.ts';
import { formatDiagnostic, type LoadResult } from '../load/index.ts';
import { printable } from '../lib/terminal.ts';

export interface CheckOptions {
	today: string;
	cwd?: string;
	/** Print coverage gaps as warnings instead of failing (dev server, forced preview builds). */
	gapsAsWarnings?: boolean;
	/** The API step's result (src/apis/check.ts), already merged into the load result; for its summary line. */
	apis?: ApiCheck;
}

export interface CheckReport {
	text: string;
	/** No model error and no coverage gap (unless gaps are warnings). */
	ok: boolean;
	/** Model errors (not gaps): these refuse a build even when gaps are allowed. */
	errors: number;
	verdict?: Verdict;
	/** The compliance controls and their evidence, when the model has any. */
	controls?: ControlsVerdict;
}

export function report(result: LoadResult, options: CheckOptions): CheckReport {
	const started = performance.now();
	const cwd = options.cwd ?? process.cwd();
	const lines: string[] = [];
	const { model, diagnostics } = result;
	const shown = (file: string) => relative(cwd, join(result.root, file)).split('\\').join('/');
	const errors = diagnostics.filter((d) => d.severity === 'error').length;
	const todos = diagnostics.filter((d) => d.severity === 'todo').length;
	const warnings = diagnostics.length - errors - todos;

	for (const d of diagnostics) lines.push(formatDiagnostic(d));
	if (diagnostics.length) lines.push('');
	if (result.leftOut.length) {
		// What the coverage verdict and a preview are judged without, until the errors are fixed.
		const parts = new Map<string, string[]>();
		for (const { file, what } of result.leftOut) parts.set(file, [...(parts.get(file) ?? []), what]);
		lines.push(`Left out of the model until the ${errors ? (todos ? 'errors and TODOs' : 'errors') : 'TODOs'} above are resolved: ${[...parts].map(([file, what]) => (what.includes('whole file') ? shown(file) : `${shown(file)} (${what.join(', ')})`)).join('; ')}`, '');
	}

	lines.push(`Model ${relative(cwd, result.root) || '.'}: ${[
		count(model.systems.size, 'system'),
		count(model.teams.size, 'team'),
		count(model.services.size, 'service'),
		count(model.runbooks.size, 'runbook'),
		count(model.trees.size, 'troubleshooting tree'),
		...(model.reviews.size ? [count(model.reviews.size, 'post-incident review')] : []),
		...(model.controls.size ? [count(model.controls.size, 'compliance control')] : []),
		count(model.index.alerts.size, 'alert'),
		count(model.guides.length, 'guide'),
	].join(', ')}`);
	lines.push(
		`  security response plan: ${model.security ? `${model.security.playbooks.length} playbooks` : 'none'}; incident management: ${model.incident ? `${model.incident.severities.length} severity levels` : 'none'}; coverage policy: ${model.policy ? 'yes' : 'none'}`,
	);
	if (options.apis?.apis) {
		const a = options.apis;
		lines.push(`  APIs: ${count(a.apis, 'API')}, ${count(a.specs, 'spec')} in ${count(a.files, 'file')}, ${a.configRefused ? 'not linted: the model\'s redocly.yaml was refused (above)' : `linted with Redocly in ${a.elapsed.toFixed(0)} ms${a.cached ? ` (${count(a.cached, 'spec')} unchanged, from the lint cache)` : ''}`}`);
	}

	const findings = analyse(model);
	if (findings.length) {
		lines.push('', `Findings (${findings.length}):`);
		for (const finding of findings) {
			const service = model.services.get(finding.service)!;
			const { line, column } = result.position(service.file, finding.path);
			lines.push(`${shown(service.file)}:${line}:${column}  ${formatPath(finding.path)}  warning: ${findingTitles[finding.kind]}: ${finding.message} — ${finding.fix}`);
		}
	} else lines.push('', 'Findings: none');

	let verdict: Verdict | undefined;
	let gapsFail = false;
	if (model.policy) {
		// Judged on every entity that loaded, errors or not: a missing DR runbook and a stale
		// runbook are reported in the same run as a misspelt reference, not one fix later.
		verdict = judge(model, model.policy, options.today);
		const o = verdict.overall;
		lines.push('', `Coverage on ${options.today}: ${o.percent} % (${o.met} met, ${o.waived} waived, ${count(o.total - o.met - o.waived, 'gap')} of ${o.total})`);
		for (const [tier, t] of verdict.byTier) lines.push(`  tier ${tier}: ${t.percent} % of ${t.total}`);
		const active = verdict.waivers.filter((w) => !w.expired);
		if (active.length) {
			lines.push(`  waivers in force (${active.length}):`);
			for (const w of active) lines.push(`    ${w.service} / ${w.requirement} until ${w.expires} (${w.approver}): ${w.reason}`);
		}
		const expired = verdict.waivers.filter((w) => w.expired);
		if (expired.length) {
			lines.push(`  expired waivers (${expired.length}), no longer counted:`);
			for (const w of expired) lines.push(`    ${w.service} / ${w.requirement} expired ${w.expires} (${w.approver}): ${w.reason}`);
		}
		if (verdict.gaps.length) {
			lines.push('', `Coverage gaps (${verdict.gaps.length}):`);
			// A gap may be the echo of an error: one in the file the gap is about or in the service's
			// own file, or a runbook, tree or team file that was left out whole.
			const errorFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
			const lostWhole = result.leftOut.some(({ file, what }) => what === 'whole file' && /^(runbooks|trees|teams)\//.test(file));
			const echoes = (gap: Gap) => lostWhole || errorFiles.has(shown(gap.file)) || errorFiles.has(shown(model.services.get(gap.service)?.file ?? gap.file));
			for (const gap of verdict.gaps) {
				const { line, column } = result.position(gap.file, gap.field);
				lines.push(`${shown(gap.file)}:${line}:${column}  ${formatPath(gap.field) || '(file)'}  ${gap.message}${errors && echoes(gap) ? ' (an error above may explain this gap)' : ''}`);
			}
			gapsFail = !options.gapsAsWarnings;
		}
		if (errors) lines.push(`  judged on the entities that loaded; ${errors === 1 ? 'the error above still fails' : `the ${errors} errors above still fail`} the check`);
	} else {
		lines.push('', 'Coverage: no policy.yaml in the model, so no coverage gate');
	}

	let controls: ControlsVerdict | undefined;
	if (model.controls.size) {
		// Judged like coverage: what a control cites must hold while it claims to be in place.
		controls = judgeControls(model, options.today);
		const judged = controls.controls.filter((c) => c.state !== 'not-judged');
		const met = judged.filter((c) => c.state === 'met').length;
		const notJudged = controls.controls.length - judged.length;
		lines.push('', `Compliance controls: ${count(controls.controls.length, 'control')} in ${count(controls.frameworks.size, 'framework')} — ${met} of ${judged.length} with their evidence in order${notJudged ? `, ${notJudged} not judged (planned or not applicable)` : ''}`);
		if (controls.gaps.length) {
			lines.push('', `Control gaps (${controls.gaps.length}):`);
			for (const gap of controls.gaps) {
				const { line, column } = result.position(gap.file, gap.field);
				lines.push(`${shown(gap.file)}:${line}:${column}  ${formatPath(gap.field) || '(file)'}  ${gap.message}`);
			}
			if (!options.gapsAsWarnings) gapsFail = true;
		}
	}

	// TODO markers are facts still to be written: they fail the check as gaps do, and a preview may show them.
	if (todos && !options.gapsAsWarnings) gapsFail = true;
	const ok = errors === 0 && !gapsFail;
	const elapsed = result.elapsed + (performance.now() - started);
	lines.push(
		'',
		`${ok ? '✔' : '✖'} ${count(errors, 'error')}, ${count(warnings, 'warning')}${verdict ? `, ${count(verdict.gaps.length, 'coverage gap')}` : ''}${controls ? `, ${count(controls.gaps.length, 'control gap')}` : ''}${todos ? `, ${count(todos, 'TODO')} to fill in` : ''} — ${result.files} files checked in ${elapsed.toFixed(0)} ms`,
	);
	// Each entry is one line; model text inside it may hold line breaks or escape sequences.
	return { text: `${lines.map(printable).join('\n')}\n`, ok, errors, verdict, controls };
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
