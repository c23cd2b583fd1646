/**
 * The `opsbook` command: one entry point for a team's handbook repository.
 *
 *   opsbook init [dir]      scaffold a handbook repository (model, package.json, workflows)
 *   opsbook check           validate the model; findings and the coverage verdict
 *   opsbook build           check, then build the site (dist/ untouched on failure)
 *   opsbook dev             the live site while you edit the model
 *   opsbook preview         serve the built site
 *   opsbook diff <ref>      what the working tree changes in the model against a git ref
 *   opsbook schemas         write the JSON Schemas for editors
 *   opsbook import <source> <files…>  model entities from Backstage, Prometheus rules, OpenSLO or Markdown runbooks
 *   opsbook alerts annotate|check <rules…>  runbook_url annotations to the alert pages; rules and handbook agree
 *
 * Each command parses its own options (node:util parseArgs) and has `--help`. Settings come from
 * opsbook.config.* in the working directory and the environment (src/config/); the options
 * below override single settings for one run. check, build and diff run the scripts beside this
 * file in a child process, as `npm run …` does, so their exit codes pass through.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { currentConfig } from '../src/config/index.ts';
import { schemaFiles } from '../src/config/reference.ts';
import { runAlerts } from '../src/alerts/index.ts';
import { runImport } from '../src/import/index.ts';
import { scaffold } from '../src/init/index.ts';
import { childFlags } from './installed.mjs';
import { scriptNodeFlags } from './lib/node-flags.ts';

const project = resolve(import.meta.dirname, '..');
// Wherever npm put Astro (hoisted into the team's node_modules, or inside this package's).
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
/** Children load Opsbook's TypeScript as this process does (scripts/installed.mjs). */
const node = (args: string[]) => [...childFlags, ...args];

interface Command {
	summary: string;
	usage: string;
	options: NonNullable<ParseArgsConfig['options']>;
	positionals?: boolean;
	help: string[];
	run(values: Record<string, string | boolean | undefined>, positionals: string[]): number;
}

const content = { type: 'string', short: 'c' } as const;
const today = { type: 'string' } as const;

const COMMANDS: Record<string, Command> = {
	init: {
		summary: 'scaffold a handbook repository',
		usage: 'opsbook init [dir] [--team ID] [--system ID] [--service ID] [--force]',
		options: { team: { type: 'string' }, system: { type: 'string' }, service: { type: 'string' }, force: { type: 'boolean' } },
		positionals: true,
		help: [
			'Writes a starter model that passes the check (a policy, one team, one system, one service and its runbook),',
			'package.json depending on opsbook, opsbook.config.mjs, .gitignore, a README and three GitHub workflows.',
			'  dir            where (default: the current folder); existing files are kept unless --force',
			'  --team ID      the owning team (default: platform)',
			'  --system ID    the system (default: core)',
			'  --service ID   the first service (default: api)',
		],
		run(values, positionals) {
			const written = scaffold(resolve(positionals[0] ?? '.'), {
				team: values.team as string | undefined,
				system: values.system as string | undefined,
				service: values.service as string | undefined,
				force: values.force === true,
			});
			for (const line of written.lines) console.log(line);
			return written.ok ? 0 : 1;
		},
	},
	check: {
		summary: 'validate the model; findings and the coverage verdict',
		usage: 'opsbook check [--content DIR] [--today YYYY-MM-DD]',
		options: { content, today },
		help: ['Exits 1 on any model error or coverage gap, 2 when the settings are not valid.', '  --content DIR  the model folder (default: the config\'s content, else content/)', '  --today DATE   judge freshness as of that date'],
		run: (values) => script('check.ts', [...flag('--content', values.content), ...flag('--today', values.today)], {}, scriptNodeFlags(project, 'check')),
	},
	build: {
		summary: 'check, then build the site',
		usage: 'opsbook build [--content DIR] [--out DIR] [--base PATH] [--preview LABEL] [--allow-gaps] [--full]',
		options: { content, out: { type: 'string', short: 'o' }, base: { type: 'string' }, preview: { type: 'string' }, 'allow-gaps': { type: 'boolean' }, full: { type: 'boolean' }, today },
		help: [
			'Builds into a staging folder and swaps it in only when everything succeeded.',
			'  --content DIR   the model folder',
			'  --out DIR       the output folder (default: the config\'s out, else dist/)',
			'  --base PATH     serve under a sub-path, e.g. /pr-42/',
			'  --preview LABEL mark every page as a preview (a number reads as a pull request)',
			'  --allow-gaps    build despite coverage gaps (model errors still refuse); pages get a red banner',
			'  --full          render every page (by default only the pages whose inputs changed since the last build)',
		],
		run: (values) =>
			script('build.ts', [...flag('--content', values.content), ...flag('--out', values.out), ...(values.full ? ['--full'] : [])], {
				...(values.base ? { OPSBOOK_BASE: values.base as string } : {}),
				...(values.preview ? { OPSBOOK_PREVIEW: values.preview as string } : {}),
				...(values['allow-gaps'] ? { OPSBOOK_ALLOW_GAPS: '1' } : {}),
				...(values.today ? { OPSBOOK_TODAY: values.today as string } : {}),
			}),
	},
	dev: {
		summary: 'the live site while you edit the model',
		usage: 'opsbook dev [--content DIR] [--port N] [--host ADDRESS]',
		options: { content, port: { type: 'string', short: 'p' }, host: { type: 'string' } },
		help: ['Coverage gaps show as a banner instead of failing; a model error shows in the browser until it is fixed.'],
		run: (values) =>
			astroCommand('dev', values, { OPSBOOK_ALLOW_GAPS: '1', ...(values.content ? { OPSBOOK_CONTENT: resolve(values.content as string) } : {}) }),
	},
	preview: {
		summary: 'serve the built site',
		usage: 'opsbook preview [--port N] [--host ADDRESS]',
		options: { port: { type: 'string', short: 'p' }, host: { type: 'string' } },
		help: ['Serves the output folder of the last build (the config\'s out).'],
		run: (values) => astroCommand('preview', values, {}),
	},
	diff: {
		summary: 'what the working tree changes in the model against a git ref',
		usage: 'opsbook diff <git-ref> [--json] [--content DIR] [--today DATE] [--label NAME] [--title TEXT]',
		options: { content, today, json: { type: 'boolean' }, label: { type: 'string' }, title: { type: 'string' } },
		positionals: true,
		help: ['Markdown for a pull-request comment on stdout (--json for tools). Exits 2 when it cannot compare.'],
		run: (values, positionals) =>
			script('diff.ts', [
				...positionals,
				...(values.json ? ['--json'] : []),
				...flag('--content', values.content),
				...flag('--today', values.today),
				...flag('--label', values.label),
				...flag('--title', values.title),
			]),
	},
	import: {
		summary: 'import services, teams, alerts, SLOs or runbooks from other tools',
		usage: 'opsbook import backstage|prometheus|openslo|runbooks <files or folders…> [--content DIR] [--map FILE] [--dry-run]',
		options: { content, map: { type: 'string' }, 'dry-run': { type: 'boolean' } },
		positionals: true,
		help: [
			'Writes one YAML file per entity into the model folder; what the source does not say is a "TODO: …" value to fill in.',
			'Importing again updates what came from the source and keeps what a person changed (<content>/.imported.json records it).',
			'  backstage    catalog descriptors: Component, Resource → services; System → systems; Group (+ User) → teams; API → apis/',
			'  prometheus   rule files and PrometheusRule resources: alerting rules → the alerts of services',
			'  openslo      OpenSLO v1/v1alpha: Service → services; SLO (+ SLI) → their slos',
			'  runbooks     Markdown runbooks (Meaning / Impact / Diagnosis / Mitigation) → runbooks; import the alert rules first',
			'  --content DIR  the model folder (default: the config\'s content, else content/)',
			'  --map FILE     prometheus: which service each alert belongs to (YAML; see src/import/prometheus.ts)',
			'  --dry-run      say what would be written; write nothing',
		],
		run(values, positionals) {
			const [source, ...paths] = positionals;
			const result = runImport(source ?? '', paths, {
				content: resolve((values.content as string | undefined) ?? currentConfig().contentDir),
				map: values.map as string | undefined,
				dryRun: values['dry-run'] === true,
			});
			for (const line of result.lines) (result.ok ? console.log : console.error)(line);
			return result.ok ? 0 : 2;
		},
	},
	alerts: {
		summary: 'point alert rules at their handbook pages; check rules and handbook agree',
		usage: 'opsbook alerts annotate|check <rule files or folders…> [--site-url URL] [--content DIR] [--dist DIR] [--dry-run]',
		options: { content, 'site-url': { type: 'string' }, dist: { type: 'string' }, 'dry-run': { type: 'boolean' } },
		positionals: true,
		help: [
			'Prometheus rule files and PrometheusRule resources; comments and formatting are kept byte for byte.',
			'  annotate       set annotations.runbook_url to the alert\'s page (<site>/alerts/<name>/) and dashboard_url',
			'                 to its service\'s dashboard, for every alerting rule the model knows',
			'  check          exit 1 when a rule\'s alert is not in the model, has no runbook, or its runbook_url',
			'                 points into the handbook at a page the build did not make',
			'  --site-url URL the handbook\'s address (default: the config\'s site and base)',
			'  --dist DIR     the built site check looks pages up in (default: the config\'s out)',
			'  --content DIR  the model folder (default: the config\'s content, else content/)',
			'  --dry-run      annotate: say what would change; write nothing',
		],
		run(values, positionals) {
			const [command, ...paths] = positionals;
			const config = currentConfig();
			const site = (values['site-url'] as string | undefined) ?? (config.site ? new URL(config.base ?? '/', config.site).href : undefined);
			const result = runAlerts(command ?? '', paths, {
				content: resolve((values.content as string | undefined) ?? config.contentDir),
				siteUrl: site,
				dist: resolve((values.dist as string | undefined) ?? config.outDir),
				dryRun: values['dry-run'] === true,
			});
			for (const line of result.lines) (result.code === 2 ? console.error : console.log)(line);
			return result.code;
		},
	},
	schemas: {
		summary: 'write the JSON Schemas for editors',
		usage: 'opsbook schemas [--out DIR]',
		options: { out: { type: 'string', short: 'o' } },
		help: ['Writes one JSON Schema per kind and one for opsbook.config.json (default folder: schemas/).'],
		run(values) {
			const folder = resolve((values.out as string | undefined) ?? 'schemas');
			mkdirSync(folder, { recursive: true });
			for (const [file, text] of schemaFiles()) {
				writeFileSync(join(folder, file), text);
				console.log(join(folder, file));
			}
			return 0;
		},
	},
};

function flag(name: string, value: string | boolean | undefined): string[] {
	return typeof value === 'string' ? [name, value] : [];
}

/** Runs one of the scripts beside this file in the caller's working directory. */
function script(file: string, args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): number {
	const run = spawnSync(process.execPath, node([...nodeFlags, join(import.meta.dirname, file), ...args]), { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', ...env } });
	return run.status ?? 1;
}

/** `astro dev|preview` on Opsbook's site, with the caller's working directory (its config and model). */
function astroCommand(command: 'dev' | 'preview', values: Record<string, string | boolean | undefined>, env: Record<string, string>): number {
	const args = [astro, command, '--root', project, ...flag('--port', values.port), ...flag('--host', values.host)];
	const run = spawnSync(process.execPath, node(args), { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', REDOCLY_TELEMETRY: 'off', ...env } });
	return run.status ?? 1;
}

function overview(): string {
	const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
	return [
		'opsbook — an operations handbook generated from a typed model',
		'',
		'Usage: opsbook <command> [options]   (opsbook <command> --help for its options)',
		'',
		...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
		'',
		'Settings: opsbook.config.mjs (or .js, .ts, .json) in this folder; see the README\'s config reference.',
	].join('\n');
}

/** Parses and runs one command line; returns the exit code. Exported for the tests. */
export function main(argv: string[]): number {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(overview());
		return name ? 0 : 2;
	}
	if (name === '--version' || name === '-v') {
		console.log(process.env.npm_package_version ?? '');
		return 0;
	}
	const command = COMMANDS[name];
	if (!command) {
		console.error(`opsbook: unknown command "${name}"\n\n${overview()}`);
		return 2;
	}
	let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
	try {
		parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: command.positionals ?? false, strict: true }) as typeof parsed;
	} catch (error) {
		console.error(`opsbook ${name}: ${(error as Error).message}\nUsage: ${command.usage}`);
		return 2;
	}
	if (parsed.values.help) {
		console.log([`Usage: ${command.usage}`, '', `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`, ...command.help].join('\n'));
		return 0;
	}
	if (name === 'diff' && parsed.positionals.length !== 1) {
		console.error(`opsbook diff: expected one git ref\nUsage: ${command.usage}`);
		return 2;
	}
	return command.run(parsed.values, parsed.positionals);
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
