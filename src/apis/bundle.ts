/**
 * Bundles each API's spec with Redocly into one JSON file per API before the site is built:
 * `$ref`s to other files are pulled into `components`, `$ref`s inside the document are kept
 * (starlight-openapi resolves them while rendering; a fully dereferenced 3 MB spec would be
 * many times larger). The pages read only these bundles, never the model's spec files.
 *
 *   .opsbook/apis/<model key>/<api id>.json
 *
 * `npm run build` bundles every time (nothing is cached); the dev server bundles what is
 * missing or older than its spec files.
 */
import { availableParallelism } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../load/diagnostics.ts';
import { specPathUsable } from './check.ts';
import { redoclyConfig } from './lint.ts';
import { redocly } from './redocly.ts';
import { bundlePath, specFiles, type ApiEntry } from './specs.ts';

export interface BundleOptions {
	/** Model folder. */
	root: string;
	/** Where the bundles go (see `bundleFolder`). */
	folder: string;
	/** Bundle even when an up-to-date bundle exists. */
	force?: boolean;
	cwd?: string;
}

export interface BundleResult {
	/** APIs that have a bundle now, with its path. */
	bundles: { entry: ApiEntry; file: string }[];
	diagnostics: Diagnostic[];
	/** Specs Redocly bundled in this run (the rest were up to date). */
	bundled: number;
	elapsed: number;
}

export async function bundleApis(entries: ApiEntry[], { root, folder, force = false, cwd = process.cwd() }: BundleOptions): Promise<BundleResult> {
	const started = performance.now();
	const display = (absolute: string) => relative(cwd, absolute).split('\\').join('/') || '.';
	const config = redoclyConfig(root);
	const diagnostics: Diagnostic[] = [];
	const bundles: BundleResult['bundles'] = [];
	mkdirSync(folder, { recursive: true });

	const bySpec = new Map<string, ApiEntry[]>();
	for (const entry of entries) {
		if (!specPathUsable(root, entry.absolute)) continue;
		bySpec.set(entry.absolute, [...(bySpec.get(entry.absolute) ?? []), entry]);
	}

	const jobs: (() => Promise<void>)[] = [];
	let bundled = 0;
	for (const [spec, users] of bySpec) {
		const walked = specFiles(root, spec, display);
		if (walked.diagnostics.length) {
			diagnostics.push(...walked.diagnostics);
			continue;
		}
		const targets = users.map((entry) => ({ entry, file: bundlePath(folder, entry.api.id) }));
		const newest = Math.max(...[...walked.files, config].map((file) => statSync(file).mtimeMs));
		const fresh = !force && targets.every((t) => existsSync(t.file) && statSync(t.file).mtimeMs >= newest);
		if (fresh) {
			bundles.push(...targets);
			continue;
		}
		jobs.push(async () => {
			const temporary = join(folder, `.${users[0]!.api.id}.${process.pid}.json`);
			const run = await redocly(['bundle', spec, '--config', config, '--ext', 'json', '--output', temporary, '--lint-config', 'off'], { cwd });
			if (run.status !== 0 || !existsSync(temporary)) {
				rmSync(temporary, { force: true });
				const why = (run.stderr || run.stdout).trim().split('\n').filter(Boolean).slice(-6).join(' / ');
				diagnostics.push({ severity: 'error', file: display(spec), line: 1, column: 1, path: '', message: `Redocly could not bundle this spec: ${why || `exit ${run.status}`}` });
				return;
			}
			for (const target of targets.slice(1)) copyFileSync(temporary, target.file);
			renameSync(temporary, targets[0]!.file);
			bundles.push(...targets);
			bundled++;
		});
	}
	await pool(jobs, Math.max(1, Math.min(availableParallelism(), 4)));

	// Bundles of APIs that are gone would only confuse the next reader of the folder.
	const wanted = new Set(entries.map((entry) => `${entry.api.id}.json`));
	for (const name of readdirSync(folder)) if (name.endsWith('.json') && !name.startsWith('.') && !wanted.has(name)) rmSync(join(folder, name), { force: true });

	bundles.sort((a, b) => entries.indexOf(a.entry) - entries.indexOf(b.entry));
	return { bundles, diagnostics, bundled, elapsed: performance.now() - started };
}

async function pool(jobs: (() => Promise<void>)[], width: number): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) await jobs[next++]!();
	};
	await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
}
