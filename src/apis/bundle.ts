/**
 * Bundles each API's spec with Redocly into one JSON file per API before the site is built:
 * `$ref`s to other files are pulled into `components`, `$ref`s inside the document are kept
 * (starlight-openapi resolves them while rendering; a fully dereferenced 3 MB spec would be
 * many times larger). The pages read only these bundles, never the model's spec files.
 *
 *   .opsbook/apis/<model key>/<api id>.json
 *
 * A bundle is kept by content: the spec, every file its `$ref`s pull in, the Redocly
 * configuration and Redocly's version make the key (`.opsbook/cache/bundle/<key>.json`), so a
 * build bundles again only what changed — not what a checkout merely touched (mtimes lie
 * after `git clone`) — and never reuses a bundle whose inputs differ.
 *
 * Each bundle leaves here without URL fields outside the URL policy (spec-links.ts): the check
 * refuses them already, but the pages put these fields in `href`s, so a bypassed check (or a
 * decorator that rewrote a field) must not reach a reader's click.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { currentConfig } from '../config/index.ts';
import type { Diagnostic } from '../load/diagnostics.ts';
import { specPathUsable } from './check.ts';
import { redoclyConfig } from './redocly-config.ts';
import { project, redocly, redoclyVersion } from './redocly.ts';
import { sanitiseSpec } from './spec-links.ts';
import { bundlePath, specFiles, type ApiEntry } from './specs.ts';

export interface BundleOptions {
	/** Model folder. */
	root: string;
	/** Where the bundles go (see `bundleFolder`). */
	folder: string;
	cwd?: string;
	/** Bundles by content key; default `bundle/` under the config's cacheDir. */
	cache?: string;
	/**
	 * Let the model's `apis/redocly.yaml` load Redocly plugins and other config files (see
	 * redocly-config.ts); plugins are JavaScript. Only for a trusted model folder. Default false.
	 */
	allowRedoclyPlugins?: boolean;
}

export interface BundleResult {
	/** APIs that have a bundle now, with its path. */
	bundles: { entry: ApiEntry; file: string }[];
	diagnostics: Diagnostic[];
	/** Specs Redocly bundled in this run (the rest came from the cache). */
	bundled: number;
	elapsed: number;
}

/** Bump when the bundle command, its options or the sanitising change. */
const FORMAT = '3';

function bundleKey(root: string, files: string[], config: string): string {
	const hash = createHash('sha256').update(`${FORMAT}\0${redoclyVersion()}\0`).update(readFileSync(config));
	// Paths relative to the model folder: bundles name components after files.
	for (const file of files) hash.update(`\0${relative(root, file)}\0`).update(readFileSync(file));
	return hash.digest('hex');
}

export async function bundleApis(
	entries: ApiEntry[],
	{ root, folder, cwd = process.cwd(), cache = join(currentConfig().cacheDir, 'bundle'), allowRedoclyPlugins = false }: BundleOptions,
): Promise<BundleResult> {
	const started = performance.now();
	const display = (absolute: string) => relative(cwd, absolute).split('\\').join('/') || '.';
	const vetted = redoclyConfig(root, { allowPlugins: allowRedoclyPlugins, display });
	// Redocly never sees a refused config: nothing is bundled.
	if (vetted.diagnostics.length) return { bundles: [], diagnostics: vetted.diagnostics, bundled: 0, elapsed: performance.now() - started };
	const config = vetted.file;
	const diagnostics: Diagnostic[] = [];
	const bundles: BundleResult['bundles'] = [];
	mkdirSync(folder, { recursive: true });
	mkdirSync(cache, { recursive: true });

	const bySpec = new Map<string, ApiEntry[]>();
	for (const entry of entries) {
		if (!specPathUsable(root, entry.absolute)) continue;
		bySpec.set(entry.absolute, [...(bySpec.get(entry.absolute) ?? []), entry]);
	}

	const jobs: (() => Promise<void>)[] = [];
	let bundled = 0;
	for (const [spec, users] of bySpec) {
		const walked = specFiles(root, spec, display, { links: false });
		if (walked.diagnostics.length) {
			diagnostics.push(...walked.diagnostics);
			continue;
		}
		const targets = users.map((entry) => ({ entry, file: bundlePath(folder, entry.api.id) }));
		const cached = join(cache, `${bundleKey(root, walked.files, config)}.json`);
		if (existsSync(cached)) {
			for (const target of targets) copyFileSync(cached, target.file);
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
			try {
				const doc: unknown = JSON.parse(readFileSync(temporary, 'utf8'));
				if (sanitiseSpec(doc)) writeFileSync(temporary, JSON.stringify(doc, null, 2));
			} catch (error) {
				rmSync(temporary, { force: true });
				diagnostics.push({ severity: 'error', file: display(spec), line: 1, column: 1, path: '', message: `Redocly's bundle of this spec is not JSON: ${(error as Error).message}` });
				return;
			}
			for (const target of targets) copyFileSync(temporary, target.file);
			renameSync(temporary, cached);
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
