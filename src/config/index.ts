/**
 * Finds, reads and validates the settings once per process: `opsbook.config.{mjs,js,ts,json}`
 * in the project folder, then the environment overrides (schema.ts), then the defaults. Entry
 * points (the scripts, astro.config.mjs) call `loadConfig()`; everything else reads
 * `currentConfig()`, and pages read the `virtual:opsbook/config` module made from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { closest } from '../lib/closest.ts';
import { formatDiagnostic, formatPath, type Diagnostic } from '../load/diagnostics.ts';
import { locate, type SourceFile } from '../load/source.ts';
import { configSchema, ENV_OVERRIDES, type OpsbookConfig, type OpsbookUserConfig } from './schema.ts';

export { configSchema, ENV_OVERRIDES, type OpsbookConfig, type OpsbookUserConfig } from './schema.ts';

export const CONFIG_FILES = ['opsbook.config.mjs', 'opsbook.config.js', 'opsbook.config.ts', 'opsbook.config.json'];

/** The settings with every path made absolute. */
export interface ResolvedConfig extends OpsbookConfig {
	/** The folder the config file is in (or the working directory): relative paths start here. */
	root: string;
	/** The config file, when there is one. */
	file?: string;
	contentDir: string;
	outDir: string;
	cacheDir: string;
}

/** Type help for `opsbook.config.mjs`: `export default defineConfig({ … })`. */
export function defineConfig(config: OpsbookUserConfig): OpsbookUserConfig {
	return config;
}

export class ConfigError extends Error {
	readonly diagnostics: Diagnostic[];
	constructor(diagnostics: Diagnostic[]) {
		super(`Opsbook's configuration is not valid:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
		this.name = 'ConfigError';
		this.diagnostics = diagnostics;
	}
}

const SLOT = Symbol.for('opsbook.config');
type Slot = { [SLOT]?: ResolvedConfig };

/** Reads the config file (importing a module one), applies the environment, validates; and keeps the result for `currentConfig()`. */
export async function loadConfig({ cwd = process.cwd(), env = process.env }: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ResolvedConfig> {
	const file = CONFIG_FILES.map((name) => join(cwd, name)).find((path) => existsSync(path));
	let written: unknown = {};
	let text: string | undefined;
	if (file?.endsWith('.json')) {
		text = readFileSync(file, 'utf8');
		written = parseJson(file, text, cwd);
	} else if (file) {
		const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
		written = module.default ?? {};
	}
	const config = resolveConfig(written, { root: cwd, env, file, text });
	(globalThis as Slot)[SLOT] = config;
	return config;
}

/** Makes these the settings of this process (the Starlight plugin resolves them from its options). */
export function useConfig(config: ResolvedConfig): ResolvedConfig {
	(globalThis as Slot)[SLOT] = config;
	return config;
}

/** What `loadConfig()` found in this process, if it ran (the build runs Astro in its own process). */
export function loadedConfig(): ResolvedConfig | undefined {
	return (globalThis as Slot)[SLOT];
}

/** The settings of this process: what `loadConfig()` found, else the environment and defaults (tools and tests). */
export function currentConfig(): ResolvedConfig {
	return (globalThis as Slot)[SLOT] ?? resolveConfig({}, { root: process.cwd(), env: process.env });
}

/** Pure: the written settings + the environment → validated, absolute settings, or a ConfigError. */
export function resolveConfig(written: unknown, { root, env = {}, file, text }: { root: string; env?: NodeJS.ProcessEnv; file?: string; text?: string }): ResolvedConfig {
	const shown = file ? relative(process.cwd(), file) || file : 'opsbook.config';
	if (written === null || typeof written !== 'object' || Array.isArray(written)) {
		throw new ConfigError([{ severity: 'error', file: shown, line: 1, column: 1, path: '', message: 'expected the settings as an object (export default { … })' }]);
	}
	const merged: Record<string, unknown> = { ...(written as Record<string, unknown>) };
	const fromEnv = new Set<string>();
	for (const [variable, key] of Object.entries(ENV_OVERRIDES)) {
		const value = env[variable];
		if (value === undefined || value === '') continue;
		merged[key] = key === 'allowGaps' ? /^(1|true|yes)$/i.test(value) : value;
		fromEnv.add(key);
	}
	const parsed = configSchema.safeParse(merged);
	if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => configDiagnostic(issue, { shown, text, fromEnv })));
	const config = parsed.data;
	return {
		...config,
		root,
		...(file ? { file } : {}),
		contentDir: resolve(root, config.content),
		outDir: resolve(root, config.out),
		cacheDir: resolve(root, config.cacheDir),
	};
}

function configDiagnostic(issue: z.core.$ZodIssue, { shown, text, fromEnv }: { shown: string; text?: string; fromEnv: Set<string> }): Diagnostic {
	const key = String(issue.path[0] ?? '');
	const variable = Object.entries(ENV_OVERRIDES).find(([, k]) => k === key)?.[0];
	if (fromEnv.has(key) && variable) return { severity: 'error', file: `environment ${variable}`, line: 1, column: 1, path: key, message: issue.message };
	let position = { line: 1, column: 1 };
	if (text) {
		const lines = new LineCounter();
		const doc = parseDocument(text, { lineCounter: lines });
		if (isMap(doc.contents)) position = locate({ doc, lines, display: shown, data: undefined, text } as SourceFile, issue.path);
	}
	const settings = Object.keys(configSchema.shape);
	const unknown = (k: string) => {
		const guess = closest(k, settings);
		return `"${k}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
	};
	const message = issue.code === 'unrecognized_keys' ? `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(unknown).join(', ')}; the settings are ${settings.join(', ')}` : issue.message;
	return { severity: 'error', file: shown, ...position, path: formatPath(issue.path), message };
}

function parseJson(file: string, text: string, cwd: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		const shown = relative(cwd, file) || file;
		throw new ConfigError([{ severity: 'error', file: shown, line: 1, column: 1, path: '', message: `not valid JSON: ${(error as Error).message}` }]);
	}
}

/** The Vite plugin behind `import config from 'virtual:opsbook/config'` (the settings as data). */
export function configModule(config: ResolvedConfig) {
	const id = 'virtual:opsbook/config';
	return {
		name: 'opsbook:config',
		resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
		load: (resolved: string) => (resolved === `\0${id}` ? `export default ${JSON.stringify(config)};` : undefined),
	};
}

/** For the command-line entry points: the settings, or their errors printed and exit code 2. */
export async function loadConfigOrExit(): Promise<ResolvedConfig> {
	try {
		return await loadConfig();
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(error.message);
		process.exit(2);
	}
}
