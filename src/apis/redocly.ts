/**
 * Runs the Redocly CLI (installed with the project) in a child process: offline, without
 * telemetry or update checks, with the Node that runs Opsbook.
 *
 * Why a child process and not Redocly's Node API: the CLI is one self-contained bundle whose
 * `lint --format=json` output is a documented, stable format; running it apart keeps its
 * memory (the 3 MB OpenAI spec takes about 200 MB) out of the check and the site build, and
 * lets the `offline.ts` preload switch the network off for it alone.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { childFlags } from '../../scripts/installed.mjs';
import { packageDir } from '../lib/package-dir.ts';

/** The repository root (where redocly.yaml and node_modules are). */
export const project = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

// Wherever npm put Redocly (hoisted beside an installed Opsbook, or in this checkout's node_modules).
const redoclyDir = packageDir('@redocly/cli', project);
const cli = join(redoclyDir, 'bin', 'cli.js');
const offline = pathToFileURL(fileURLToPath(new URL('./offline.ts', import.meta.url))).href;

/** The environment every Redocly process gets: no telemetry, no update notice, no colour. */
export function redoclyEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return {
		...env,
		REDOCLY_TELEMETRY: 'off',
		REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
		REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
		NO_COLOR: '1',
		FORCE_COLOR: '0',
	};
}

export interface RedoclyRun {
	status: number | null;
	stdout: string;
	stderr: string;
	/** Milliseconds. */
	elapsed: number;
}

let version: string | undefined;
/** The installed Redocly's version: part of the keys of the lint and bundle caches. */
export function redoclyVersion(): string {
	version ??= (JSON.parse(readFileSync(join(redoclyDir, 'package.json'), 'utf8')) as { version: string }).version;
	return version;
}

export function redoclyAvailable(): boolean {
	return existsSync(cli);
}

/** `redocly <args…>` in `cwd`; resolves when it exits. */
export function redocly(args: string[], { cwd = process.cwd() }: { cwd?: string } = {}): Promise<RedoclyRun> {
	const started = performance.now();
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, [...childFlags, '--import', offline, cli, ...args], { cwd, env: redoclyEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', fail);
		child.on('close', (status) =>
			done({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), elapsed: performance.now() - started }),
		);
	});
}
