/** The `opsbook alerts` commands over files and folders of rule files: what they print and their exit code. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadModel } from '../load/index.ts';
import { printable } from '../lib/terminal.ts';
import { annotate } from './annotate.ts';
import { checkRules } from './check.ts';

export interface AlertsOptions {
	content: string;
	siteUrl?: string;
	dist?: string;
	dryRun?: boolean;
}

/** Rule files: the files named, and the .yaml/.yml files under the folders named. */
export function ruleFiles(paths: readonly string[]): string[] {
	const out: string[] = [];
	const walk = (path: string) => {
		const stat = statSync(path, { throwIfNoEntry: false });
		if (!stat) throw new Error(`not found: ${path}`);
		if (stat.isFile()) return void out.push(path);
		for (const name of readdirSync(path).sort()) {
			if (name.startsWith('.')) continue;
			const child = join(path, name);
			if (statSync(child).isDirectory() || /\.ya?ml$/.test(name)) walk(child);
		}
	};
	for (const path of paths) walk(path);
	return out;
}

export function runAlerts(command: string, paths: string[], options: AlertsOptions): { lines: string[]; code: number } {
	if (command !== 'annotate' && command !== 'check') return { lines: ['Usage: opsbook alerts annotate|check <rule files or folders…> (opsbook alerts --help)'], code: 2 };
	if (!paths.length) return { lines: [`opsbook alerts ${command}: name the rule files or folders`], code: 2 };
	if (command === 'annotate' && !options.siteUrl) return { lines: ['opsbook alerts annotate: give --site-url (or set site in the config): the handbook\'s address'], code: 2 };
	let files: string[];
	try {
		files = ruleFiles(paths);
	} catch (error) {
		return { lines: [printable((error as Error).message)], code: 2 };
	}
	const loaded = loadModel(options.content);
	const lines: string[] = [];
	if (!loaded.ok) lines.push(`note: the model has errors (opsbook check); alerts are matched against the ${loaded.model.index.alerts.size} that loaded`);
	const shown = (file: string) => printable(relative(process.cwd(), file) || file);
	let failed = 0;
	let rules = 0;
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		if (command === 'annotate') {
			const result = annotate(text, loaded.model, options.siteUrl!);
			if (result.problem) {
				lines.push(`${shown(file)}: skipped, ${result.problem}`);
				continue;
			}
			if (result.text !== text && !options.dryRun) writeFileSync(file, result.text);
			lines.push(`${shown(file)}: ${result.changed.length} rule(s) ${options.dryRun ? 'would be ' : ''}annotated${result.unknown.length ? `; ${result.unknown.length} not in the model: ${result.unknown.map((r) => printable(r.name)).join(', ')}` : ''}`);
			continue;
		}
		const result = checkRules(text, loaded.model, { siteUrl: options.siteUrl, dist: options.dist });
		if (result.problem) {
			lines.push(`${shown(file)}:1:1  not a rule file: ${result.problem}`);
			failed++;
			continue;
		}
		rules += result.rules;
		for (const problem of result.problems) lines.push(`${shown(file)}:${problem.line}:${problem.column}  ${printable(problem.message)}`);
		failed += result.problems.length;
	}
	if (command === 'check') lines.push(`${failed ? '✖' : '✔'} ${failed} problem(s) in ${rules} alerting rule(s) of ${files.length} file(s)`);
	return { lines, code: command === 'check' && failed ? 1 : 0 };
}
