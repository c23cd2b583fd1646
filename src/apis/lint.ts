/**
 * Lints OpenAPI specs with Redocly and turns its findings into the project's diagnostics:
 * `spec-file:line:col  json/pointer  [rule] message`. Redocly errors are errors (they fail the
 * check); its warnings stay warnings.
 */
import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../load/diagnostics.ts';
import { redocly } from './redocly.ts';

/** One problem as `redocly lint --format=json` prints it (the fields Opsbook reads). */
export interface RedoclyProblem {
	ruleId: string;
	severity: 'error' | 'warn' | 'off' | string;
	message: string;
	location?: { source?: { ref?: string }; pointer?: string; start?: { line?: number; col?: number } }[];
	from?: { source?: { ref?: string }; pointer?: string };
	ignored?: boolean;
}

export interface RedoclyReport {
	totals?: { errors?: number; warnings?: number; ignored?: number };
	problems?: RedoclyProblem[];
}

/**
 * `redocly lint --format=json` with several files prints one JSON document per file, one after
 * the other. Splits them (by bracket depth, outside strings) and parses each.
 */
export function parseJsonDocuments(text: string): unknown[] {
	const out: unknown[] = [];
	let depth = 0;
	let start = -1;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{' || c === '[') {
			if (depth++ === 0) start = i;
		} else if ((c === '}' || c === ']') && depth > 0 && --depth === 0) {
			out.push(JSON.parse(text.slice(start, i + 1)));
			start = -1;
		}
	}
	return out;
}

export interface LintContext {
	/** Where Redocly ran: its `source.ref` paths are relative to this. */
	runCwd: string;
	/** Absolute path → the path shown in diagnostics. */
	display: (absolute: string) => string;
	/** Spec files linted, in order: problems without a location are pinned to the first. */
	files: string[];
}

/** Redocly's JSON report(s) → diagnostics. Pure: the unit tests feed it recorded output. */
export function lintDiagnostics(reports: RedoclyReport[], context: LintContext): Diagnostic[] {
	const out: Diagnostic[] = [];
	const fallback = context.files[0] ? context.display(context.files[0]) : 'redocly.yaml';
	for (const report of reports) {
		const problems = (report.problems ?? []).filter((p) => !p.ignored && (p.severity === 'error' || p.severity === 'warn'));
		for (const problem of problems) {
			const where = problem.location?.[0];
			const file = where?.source?.ref ? context.display(resolve(context.runCwd, where.source.ref)) : fallback;
			const via = problem.from?.source?.ref && problem.from.source.ref !== where?.source?.ref ? ` (referenced from ${context.display(resolve(context.runCwd, problem.from.source.ref))})` : '';
			out.push({
				severity: problem.severity === 'error' ? 'error' : 'warning',
				file,
				line: where?.start?.line ?? 1,
				column: where?.start?.col ?? 1,
				path: where?.pointer ?? '',
				message: `[${problem.ruleId}] ${problem.message.trim()}${via}`,
			});
		}
		const total = (report.totals?.errors ?? 0) + (report.totals?.warnings ?? 0);
		if (total > problems.length) {
			const errorsShown = problems.filter((p) => p.severity === 'error').length;
			const errorsHidden = (report.totals?.errors ?? 0) - errorsShown;
			const file = problems[0]?.location?.[0]?.source?.ref ? context.display(resolve(context.runCwd, problems[0].location[0].source.ref)) : fallback;
			out.push({
				severity: errorsHidden > 0 ? 'error' : 'warning',
				file,
				line: 1,
				column: 1,
				path: '',
				message: `[redocly] ${total - problems.length} more problems (${Math.max(errorsHidden, 0)} errors) not listed; Redocly reported only the first ${problems.length}`,
			});
		}
	}
	return out;
}

export interface LintResult {
	diagnostics: Diagnostic[];
	/** Milliseconds spent in Redocly. */
	elapsed: number;
	/** The diagnostics of each file, in order, when Redocly linted them all (for the cache). */
	perFile?: Diagnostic[][];
}

/**
 * Lints the given spec files (entry files; Redocly follows their `$ref`s) in one Redocly run.
 * `config` is a file `redoclyConfig` (redocly-config.ts) accepted: never a model's unvetted one.
 */
export async function lintSpecs(files: string[], { config, cwd = process.cwd() }: { config: string; cwd?: string }): Promise<LintResult> {
	if (files.length === 0) return { diagnostics: [], elapsed: 0 };
	const display = (absolute: string) => relative(cwd, absolute).split('\\').join('/') || '.';
	const run = await redocly(['lint', '--format=json', '--lint-config=error', '--max-problems=5000', '--config', config, ...files], { cwd });
	let reports: RedoclyReport[];
	try {
		reports = parseJsonDocuments(run.stdout) as RedoclyReport[];
	} catch {
		reports = [];
	}
	if (reports.length === 0 || (run.status !== 0 && run.status !== 1)) {
		return { diagnostics: failureDiagnostics(run.stderr || run.stdout, { runCwd: cwd, display, files, config }), elapsed: run.elapsed };
	}
	const context = { runCwd: cwd, display, files };
	// One report per file, in the order given: each file's findings can be cached on their own.
	const perFile = reports.length === files.length ? reports.map((r, i) => lintDiagnostics([r], { ...context, files: [files[i]!] })) : undefined;
	return { diagnostics: lintDiagnostics(reports, context), elapsed: run.elapsed, ...(perFile ? { perFile } : {}) };
}

/**
 * When Redocly stops before linting (a spec that is not valid YAML, a broken redocly.yaml) it
 * prints no JSON, only text on stderr. Reads the positions out of that text.
 */
export function failureDiagnostics(text: string, context: LintContext & { config: string }): Diagnostic[] {
	const out: Diagnostic[] = [];
	const at = (ref: string) => context.display(resolve(context.runCwd, ref));
	// A spec that does not parse: `Failed to parse API description at a.yaml:\n\n  - <why> in "/abs/a.yaml" (5:2)`
	for (const m of text.matchAll(/Failed to parse API description at (.+?):\s*\n\s*- (.+?) in "(.+?)" \((\d+):(\d+)\)/g)) {
		out.push({ severity: 'error', file: at(m[3]!), line: Number(m[4]), column: Number(m[5]), path: '', message: `[yaml] ${m[2]}` });
	}
	// A broken config: `[1] redocly.yaml:4:3 at #/rules/x\n\n<message>`
	for (const m of text.matchAll(/^\[\d+\] (.+?):(\d+):(\d+) at (#\S*)\s*\n\s*\n(.+)$/gm)) {
		out.push({ severity: 'error', file: at(m[1]!), line: Number(m[2]), column: Number(m[3]), path: m[4]!, message: `[redocly config] ${m[5]!.trim()}` });
	}
	if (out.length) return out;
	const why = text.trim().split('\n').slice(-8).join('\n');
	return [{ severity: 'error', file: context.display(context.config), line: 1, column: 1, path: '', message: `Redocly could not lint the API specs: ${why || 'no output'}` }];
}
