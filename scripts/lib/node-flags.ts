/**
 * The Node flags one of package.json's scripts passes (`node --max-semi-space-size=16 scripts/check.ts`
 * → `['--max-semi-space-size=16']`): the script is where they are set, and `opsbook check` and the
 * bench run the check with the same ones. (The check's: a 16 MB young generation, so reading
 * thousands of small files is not stopped by a collection every few megabytes; README, Performance.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function scriptNodeFlags(project: string, script: string): string[] {
	const scripts = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
	const words = (scripts[script] ?? '').split(/\s+/);
	// Between `node` and the file it runs.
	const start = words.indexOf('node');
	const flags: string[] = [];
	for (const word of start < 0 ? [] : words.slice(start + 1)) {
		if (!word.startsWith('--')) break;
		flags.push(word);
	}
	return flags;
}
