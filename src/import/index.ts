/**
 * `opsbook import <source> <files or folders…>`: read, convert (the pure importers), merge into
 * the model folder (write.ts), and say what happened in lines safe to print.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { printable } from '../lib/terminal.ts';
import { importBackstage } from './backstage.ts';
import { importOpenSlo } from './openslo.ts';
import { importPrometheus, parseAlertMap } from './prometheus.ts';
import { collectFiles, parseYamlText, readTextInputs, readYamlInputs } from './read.ts';
import { importRunbooks } from './runbooks.ts';
import { IMPORT_SOURCES, type ImportNote, type ImportResult, type ImportSource } from './types.ts';
import { writeImport, type FileReport } from './write.ts';

export { isTodo, todo, todoPaths } from '../lib/todo.ts';
export { alertEntry } from './prometheus.ts';
export type { ImportResult, ImportSource } from './types.ts';

export interface ImportOptions {
	content: string;
	map?: string;
	dryRun?: boolean;
}

export interface ImportRun {
	ok: boolean;
	result?: ImportResult;
	reports: FileReport[];
	notes: ImportNote[];
	/** Files read from the source. */
	read: number;
	elapsed: number;
	/** What to print, each line already safe for a terminal. */
	lines: string[];
}

/** Alert name → the services that list it, from the model folder as it is (without validating it). */
export function alertOwnersIn(contentDir: string): Map<string, string[]> {
	const owners = new Map<string, string[]>();
	const folder = join(contentDir, 'services');
	if (!existsSync(folder)) return owners;
	for (const name of readdirSync(folder).sort()) {
		if (!/\.ya?ml$/.test(name)) continue;
		try {
			const doc = parseDocument(readFileSync(join(folder, name), 'utf8'), { prettyErrors: false });
			const data = doc.errors.length ? undefined : (doc.toJS({ maxAliasCount: 50 }) as { id?: unknown; alerts?: unknown } | null);
			const id = typeof data?.id === 'string' ? data.id : name.replace(/\.ya?ml$/, '');
			for (const alert of Array.isArray(data?.alerts) ? data!.alerts : []) {
				const alertName = (alert as { name?: unknown } | null)?.name;
				if (typeof alertName !== 'string') continue;
				const list = owners.get(alertName) ?? [];
				if (!list.includes(id)) list.push(id);
				owners.set(alertName, list);
			}
		} catch {
			// An unreadable service file: the check reports it.
		}
	}
	return owners;
}

/** Converts the files of one source and merges them into the model folder. */
export function runImport(source: string, paths: readonly string[], options: ImportOptions): ImportRun {
	const started = performance.now();
	const notes: ImportNote[] = [];
	const fail = (message: string): ImportRun => ({ ok: false, reports: [], notes, read: 0, elapsed: performance.now() - started, lines: [printable(`opsbook import: ${message}`)] });
	if (!source) return fail(`name a source: ${IMPORT_SOURCES.join(', ')}`);
	if (!(IMPORT_SOURCES as readonly string[]).includes(source)) return fail(`unknown source "${source}"; expected one of ${IMPORT_SOURCES.join(', ')}`);
	if (paths.length === 0) return fail('name the files or folders to import');
	const kind = source as ImportSource;

	let result: ImportResult;
	let read: number;
	if (kind === 'runbooks') {
		const files = collectFiles(paths, (name) => /\.(md|markdown)$/i.test(name), notes);
		read = files.length;
		result = importRunbooks(readTextInputs(files, notes), { alertOwners: alertOwnersIn(options.content) });
	} else {
		const files = collectFiles(paths, (name) => /\.ya?ml$/i.test(name), notes);
		read = files.length;
		const inputs = readYamlInputs(files, notes);
		if (kind === 'backstage') result = importBackstage(inputs);
		else if (kind === 'openslo') result = importOpenSlo(inputs);
		else {
			let map;
			if (options.map) {
				let text: string;
				try {
					text = readFileSync(options.map, 'utf8');
				} catch {
					return fail(`cannot read the map file ${options.map}`);
				}
				const docs = parseYamlText(text, options.map, notes);
				const parsed = parseAlertMap(docs && docs.length > 1 ? docs : docs?.[0]);
				if (parsed.problems.length) return fail(`the map file ${options.map}: ${parsed.problems.join('; ')}`);
				map = parsed.entries;
			}
			const owners = alertOwnersIn(options.content);
			result = importPrometheus(inputs, { map, existingOwners: new Map([...owners].filter(([, services]) => services.length === 1).map(([name, services]) => [name, services[0]!])) });
		}
	}
	if (read === 0) return fail(`no ${kind === 'runbooks' ? 'Markdown (.md)' : 'YAML (.yaml, .yml)'} files found in ${paths.join(', ')}`);
	const outcome = writeImport(result, options.content, { dryRun: options.dryRun });
	notes.push(...result.notes, ...outcome.notes);
	const elapsed = performance.now() - started;
	return { ok: true, result, reports: outcome.reports, notes, read, elapsed, lines: summarize(kind, result, outcome.reports, notes, read, elapsed, options) };
}

function plural(count: number, word: string) {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summarize(kind: ImportSource, result: ImportResult, reports: FileReport[], notes: ImportNote[], read: number, elapsed: number, options: ImportOptions): string[] {
	const lines: string[] = [];
	const byKind = new Map<string, number>();
	for (const entity of result.entities) byKind.set(entity.kind, (byKind.get(entity.kind) ?? 0) + 1);
	const stubs = result.entities.filter((e) => e.stub).length;
	const todos = reports.reduce((sum, report) => sum + report.todos, 0);
	const where = relative(process.cwd(), options.content) || '.';
	lines.push(
		`opsbook import ${kind}: ${plural(read, 'file')} read → ${plural(result.entities.length, 'entity').replace('entitys', 'entities')} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}${stubs ? `; ${stubs} only referenced` : ''})${result.files.length ? `, ${plural(result.files.length, 'other file')}` : ''}, ${plural(todos, 'TODO')}, into ${where}${options.dryRun ? ' (dry run: nothing written)' : ''}`,
	);
	const counted = Object.entries(result.counts).map(([what, n]) => `${what} ${n}`);
	if (counted.length) lines.push(`  source: ${counted.join(', ')}`);
	for (const report of reports) {
		const detail = [
			report.status === 'updated' ? plural(report.changed.length + report.removed.length, 'field') + ' changed' : '',
			report.kept.length ? `kept ${plural(report.kept.length, 'edited field')}: ${report.kept.slice(0, 4).join(', ')}${report.kept.length > 4 ? ', …' : ''}` : '',
			report.todos ? plural(report.todos, 'TODO') : '',
			report.problem ?? '',
		].filter(Boolean);
		const status = options.dryRun && (report.status === 'created' || report.status === 'updated') ? `would be ${report.status}` : report.status;
		lines.push(`  ${status.padEnd(9)} ${report.path}${detail.length ? `  (${detail.join('; ')})` : ''}`);
	}
	const warnings = notes.filter((note) => note.level === 'warning');
	const infos = notes.filter((note) => note.level === 'info');
	for (const note of warnings) lines.push(`  warning: ${note.file ? `${note.file}: ` : ''}${note.message}`);
	for (const note of infos) lines.push(`  note: ${note.file ? `${note.file}: ` : ''}${note.message}`);
	const count = (status: FileReport['status']) => reports.filter((r) => r.status === status).length;
	const kept = reports.reduce((sum, r) => sum + r.kept.length, 0);
	lines.push(
		`${options.dryRun ? 'Would write' : 'Wrote'}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged${count('skipped') ? `, ${count('skipped')} skipped` : ''}; ${plural(kept, 'edited field')} kept; ${Math.round(elapsed)} ms.`,
	);
	if (todos) lines.push(`Next: fill in the ${plural(todos, 'TODO')} (grep -rn 'TODO' ${where}), then run opsbook check.`);
	return lines.map(printable);
}
