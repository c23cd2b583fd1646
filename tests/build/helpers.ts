import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const project = resolve(import.meta.dirname, '..', '..');

export function run(script: 'check' | 'build', args: string[] = [], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, [join(project, 'scripts', `${script}.ts`), ...args], {
		cwd: project,
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', ...env },
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A scratch copy of a model folder. */
export function copyModel(from: string): string {
	const to = join(mkdtempSync(join(tmpdir(), 'opsbook-')), 'model');
	cpSync(resolve(project, from), to, { recursive: true });
	return to;
}
