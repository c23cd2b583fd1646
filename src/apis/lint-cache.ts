/**
 * Redocly's findings per spec, cached by content: a spec is linted again only when it, a file
 * its `$ref`s pull in, the Redocly configuration or Redocly itself changed. Linting is most of
 * the check's time on a model with many APIs (33 specs: several seconds, against a fraction of
 * a second for loading and checking 5,000 YAML files), and most checks change no spec.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentConfig } from '../config/index.ts';
import type { Diagnostic } from '../load/diagnostics.ts';
import { lintSpecs, type LintResult } from './lint.ts';
import { project, redoclyVersion } from './redocly.ts';

export interface SpecToLint {
	/** The entry file, absolute. */
	entry: string;
	/** The entry and every file its `$ref`s pull in, absolute. */
	files: string[];
}

/** Bump when the shape of a cached entry or the way findings are read changes. */
const FORMAT = '1';
// Read when used: the entry point loads the config after this module is imported.
const cacheDir = () => join(currentConfig().cacheDir, 'lint');


function key(spec: SpecToLint, config: string, cwd: string): string {
	const hash = createHash('sha256').update(`${FORMAT}\0${redoclyVersion()}\0${cwd}\0${config}\0`).update(readFileSync(config));
	for (const file of spec.files) hash.update(`\0${file}\0`).update(readFileSync(file));
	return hash.digest('hex');
}

/** `config`: a Redocly config file `redoclyConfig` accepted (redocly-config.ts). */
export async function lintWithCache(specs: SpecToLint[], { config, cwd = process.cwd() }: { config: string; cwd?: string }): Promise<LintResult & { cached: number }> {
	const diagnostics: Diagnostic[] = [];
	const todo: { spec: SpecToLint; key: string }[] = [];
	for (const spec of specs) {
		const k = key(spec, config, cwd);
		try {
			diagnostics.push(...(JSON.parse(readFileSync(join(cacheDir(), `${k}.json`), 'utf8')) as Diagnostic[]));
		} catch {
			todo.push({ spec, key: k });
		}
	}
	if (todo.length === 0) return { diagnostics, elapsed: 0, cached: specs.length };

	const run = await lintSpecs(todo.map((t) => t.spec.entry), { config, cwd });
	diagnostics.push(...run.diagnostics);
	// Only a complete run is remembered: a Redocly failure is reported and tried again next time.
	if (run.perFile) {
		mkdirSync(cacheDir(), { recursive: true });
		todo.forEach((t, i) => writeFileSync(join(cacheDir(), `${t.key}.json`), JSON.stringify(run.perFile![i])));
	}
	return { diagnostics, elapsed: run.elapsed, cached: specs.length - todo.length };
}
