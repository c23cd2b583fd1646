/**
 * The only reader of the model folder: YAML → positioned diagnostics → a validated, indexed
 * model. The check command, the site build and the tests all call `loadModel`.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readAsyncApi } from '../apis/asyncapi.ts';
import { currentConfig } from '../config/index.ts';
import { closest } from '../lib/closest.ts';
import { entityKinds, kinds, otherFolders, type EntityKind, type KindName } from '../model/kinds.ts';
import { createModel, definitionPath, ID_PATTERN, type Model, type Sourced } from '../model/index.ts';
import { checkModel, type Parsed, type ParsedModel } from './checks.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { checkGuide } from './guides.ts';
import { findSecrets, scanTextForSecrets } from './secrets.ts';
import { openParseCache, type ParseCache } from './parse-cache.ts';
import { salvage } from './salvage.ts';
import { todoDiagnostics } from './todos.ts';
import { validateShape } from './shape.ts';
import { LIMITS, locate, readYaml, type Position, type SourceFile } from './source.ts';

export { formatDiagnostic, hasErrors, type Diagnostic } from './diagnostics.ts';

export interface LoadResult {
	/** The model, built from every file that passed its shape check (so pages can show partial work in dev). */
	model: Model;
	diagnostics: Diagnostic[];
	ok: boolean;
	/** Absolute path of the model folder. */
	root: string;
	files: number;
	/** Milliseconds spent reading and validating. */
	elapsed: number;
	/** Line and column of a field in a model file (path relative to the model folder). */
	position(file: string, path: readonly PropertyKey[]): Position;
	/** The text of a model file that loaded (path relative to the model folder). */
	sourceText(file: string): string | undefined;
	/** What errors kept out of the model: whole files, or items of a file that otherwise loaded. */
	leftOut: LeftOut[];
}

export interface LeftOut {
	/** Path relative to the model folder. */
	file: string;
	/** "whole file", or the field path of the item left out ("alerts[2]"). */
	what: string;
}

/** The model folder: `--content DIR`, else the config's `content` (OPSBOOK_CONTENT overrides it), else `content/`. */
export function contentRoot(argv: readonly string[] = process.argv): string {
	const flag = argv.indexOf('--content');
	if (flag >= 0 && argv[flag + 1]) return resolve(argv[flag + 1]!);
	return currentConfig().contentDir;
}

const YAML_FILE = /\.ya?ml$/;
const ID = new RegExp(ID_PATTERN);
const MAX_FILES = 20000;

/**
 * Options: `cwd`, what file paths in diagnostics are relative to; `cache`, a folder where parsed
 * files are kept between runs (parse-cache.ts; the build passes the config's cacheDir), or a cache
 * the caller opened and saves (the check: after its report, with the positions it looked up).
 */
export function loadModel(root: string, { cwd = process.cwd(), cache: given }: { cwd?: string; cache?: string | ParseCache } = {}): LoadResult {
	const started = performance.now();
	root = resolve(root);
	const diagnostics: Diagnostic[] = [];
	const display = (absolute: string) => relative(cwd, absolute).split('\\').join('/') || '.';
	const fileProblem = (absolute: string, message: string, severity: Diagnostic['severity'] = 'error') =>
		diagnostics.push({ severity, file: display(absolute), line: 1, column: 1, path: '', message });

	const parsed: ParsedModel = { root, systems: [], teams: [], services: [], runbooks: [], trees: [], reviews: [], controls: [] };
	const guides: string[] = [];
	const leftOut: LeftOut[] = [];
	/** Published API definitions that are not OpenAPI (readDefinitions), by path in the model folder. */
	const definitions = new Map<string, string>();
	let files = 0;
	const sources = new Map<string, SourceFile>();
	const cache = typeof given === 'string' ? openParseCache(given, root) : given;

	if (!existsSync(root) || !statSync(root).isDirectory()) {
		fileProblem(root, `model folder not found: ${root} (set --content DIR or OPSBOOK_CONTENT)`);
		return finish();
	}
	const realRoot = realpathSync(root);

	/** `link`: the file is a symbolic link (the walk goes through real folders only). */
	const read = <K extends KindName>(kind: K, absolute: string, link: boolean) => {
		files++;
		const relativePath = relative(root, absolute).split('\\').join('/');
		// realpathSync.native: one system call, where the JavaScript version lstat()s every folder on the path.
		if (link && relative(realRoot, realpathSync.native(absolute)).startsWith('..')) {
			fileProblem(absolute, 'this file is a link that leaves the model folder; copy the file in instead');
			return;
		}
		const result = readYaml(absolute, display(absolute), cache);
		if (!result.ok) {
			diagnostics.push(...result.diagnostics);
			leftOut.push({ file: relativePath, what: 'whole file' });
			// Its id is unknown to the model now; references to it from other files would each
			// say "unknown …; did you mean …", misleading noise after the one real error.
			const id = (entityKinds as string[]).includes(kind) ? idOfUnreadable(absolute) : undefined;
			if (id) ((parsed.unchecked ??= {})[kind as EntityKind] ??= new Set()).add(id);
			return;
		}
		sources.set(relativePath, result.source);
		const secrets = result.cached?.clean ? [] : findSecrets(result.source);
		diagnostics.push(...secrets);
		if (cache && result.fast && !result.cached && result.hash) cache.set(result.hash, { data: result.source.data as Record<string, unknown>, clean: secrets.length === 0 });
		const todos = todoDiagnostics(result.source);
		diagnostics.push(...todos);
		const shape = validateShape<unknown>(kinds[kind].schema, result.source);
		// A TODO in a number, a list of choices or an id is one problem, said once: the TODO.
		if (!shape.ok && todos.length) {
			const todoPaths = new Set(todos.map((d) => d.path));
			shape.diagnostics = shape.diagnostics.filter((d) => !todoPaths.has(d.path));
		}
		let entity: Parsed<unknown>;
		if (shape.ok) entity = { data: shape.data, file: relativePath, source: result.source };
		else {
			diagnostics.push(...shape.diagnostics);
			// An error inside one list item (an alert, a playbook step) leaves out that item only.
			const kept = salvage<unknown>(kinds[kind].schema, result.source, shape.paths);
			if (!kept) {
				leftOut.push({ file: relativePath, what: 'whole file' });
				// Its alerts are unknown to the model now; runbooks naming them are not to blame.
				const alerts = kind === 'services' ? (result.source.data as { alerts?: unknown }).alerts : undefined;
				if (Array.isArray(alerts)) {
					for (const alert of alerts) {
						const name = (alert as { name?: unknown } | null)?.name;
						if (typeof name === 'string') ((parsed.unchecked ??= {}).alerts ??= new Set()).add(name);
					}
				}
				const id = (result.source.data as { id?: unknown }).id;
				if (typeof id === 'string' && ID.test(id) && (entityKinds as string[]).includes(kind)) {
					const unchecked = (parsed.unchecked ??= {});
					(unchecked[kind as EntityKind] ??= new Set()).add(id);
				}
				return;
			}
			for (const what of kept.dropped) leftOut.push({ file: relativePath, what });
			sources.set(relativePath, kept.source);
			entity = { data: kept.data, file: relativePath, source: kept.source };
		}
		const slot = (parsed as unknown as Record<string, unknown>)[kind];
		if (Array.isArray(slot)) slot.push(entity);
		else (parsed as unknown as Record<string, unknown>)[kind] = entity;
	};

	const known = new Map<string, KindName | 'guides' | 'apis'>();
	for (const kind of Object.keys(kinds) as KindName[]) {
		const location = kinds[kind].location;
		known.set('folder' in location ? location.folder : location.file, kind);
	}
	known.set(otherFolders.guides, 'guides');
	known.set(otherFolders.apis, 'apis');

	for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.name.startsWith('.')) continue;
		const absolute = join(root, entry.name);
		const role = known.get(entry.name);
		if (role === undefined) {
			const guess = closest(entry.name, known.keys());
			fileProblem(absolute, `not part of the model, so it is ignored${guess ? `; did you mean "${guess}"?` : ''}`, 'warning');
			continue;
		}
		if (role === 'apis') continue; // specs are read by the API pages, found through services
		if (role === 'guides') {
			for (const { file } of walk(absolute)) {
				if (/\.mdx?$/.test(file)) {
					let text: string;
					try {
						text = readFileSync(file, 'utf8');
					} catch (error) {
						// A dangling link, or a folder named like a guide.
						fileProblem(file, `cannot read this guide: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
						continue;
					}
					guides.push(relative(root, file).split('\\').join('/'));
					diagnostics.push(...checkGuide(display(file), text));
					// A guide is published as a page: a token in it is as public as one in the model.
					diagnostics.push(...scanTextForSecrets(display(file), text));
				} else fileProblem(file, 'guides are Markdown (.md) or MDX (.mdx); this file is ignored', 'warning');
			}
			continue;
		}
		const location = kinds[role].location;
		if ('file' in location) {
			read(role, absolute, entry.isSymbolicLink());
			continue;
		}
		if (!entry.isDirectory()) {
			fileProblem(absolute, `expected a folder of ${kinds[role].label} files`);
			continue;
		}
		for (const { file, link } of walk(absolute)) {
			if (files > MAX_FILES) {
				fileProblem(file, `more than ${MAX_FILES} files; the rest were not read`);
				break;
			}
			if (YAML_FILE.test(file)) read(role, file, link);
			else fileProblem(file, `not a .yaml file, so it is ignored (${kinds[role].label} files end in .yaml)`, 'warning');
		}
	}

	diagnostics.push(...checkModel(parsed));
	readDefinitions();
	if (typeof given === 'string') cache?.save();
	return finish();

	/**
	 * AsyncAPI, gRPC and GraphQL definitions are published as they are (OpenAPI specs go through
	 * src/apis): read them here, within the size limit and after the path check, and scan them
	 * for credentials like every other published file.
	 */
	function readDefinitions() {
		const failed = new Set(diagnostics.filter((d) => d.severity === 'error' && /^apis\[\d+\]\.spec$/.test(d.path)).map((d) => `${d.file}\0${d.path}`));
		for (const service of parsed.services) {
			service.data.apis.forEach((api, i) => {
				if (api.type === 'openapi' || failed.has(`${service.source.display}\0apis[${i}].spec`)) return;
				const file = definitionPath(api.spec);
				const absolute = join(root, file);
				const problem = (message: string) =>
					diagnostics.push({ severity: 'error', file: service.source.display, ...locate(service.source, ['apis', i, 'spec']), path: `apis[${i}].spec`, message });
				let text: string;
				try {
					if (statSync(absolute).size > LIMITS.bytes) return void problem(`the ${api.type} definition "${file}" is over 1 MB`);
					text = readFileSync(absolute, 'utf8');
				} catch (error) {
					return void problem(`cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
				}
				diagnostics.push(...scanTextForSecrets(display(absolute), text));
				// An AsyncAPI document gets a page: one that cannot be read is said here, not on the page.
				const asyncApi = api.type === 'asyncapi' ? readAsyncApi(text) : undefined;
				if (asyncApi && 'problem' in asyncApi) problem(`"${file}" is not a readable AsyncAPI document: ${asyncApi.problem}`);
				definitions.set(file, text);
			});
		}
	}

	function finish(): LoadResult {
		const sourced = <T>(entity: Parsed<T>): Sourced<T> => ({ ...entity.data, file: entity.file }) as Sourced<T>;
		const byId = <T extends { id: string }>(list: Parsed<T>[]) => {
			const map = new Map<string, Sourced<T>>();
			for (const entity of list) if (!map.has(entity.data.id)) map.set(entity.data.id, sourced(entity));
			return map;
		};
		const model = createModel({
			systems: byId(parsed.systems),
			teams: byId(parsed.teams),
			services: byId(parsed.services),
			runbooks: byId(parsed.runbooks),
			trees: byId(parsed.trees),
			reviews: byId(parsed.reviews),
			controls: byId(parsed.controls),
			security: parsed.security && sourced(parsed.security),
			incident: parsed.incident && sourced(parsed.incident),
			policy: parsed.policy && sourced(parsed.policy),
			guides: guides.sort(),
		});
		const sorted = sortDiagnostics(diagnostics);
		const position = (file: string, path: readonly PropertyKey[]): Position => {
			const source = sources.get(file);
			return source ? locate(source, path) : { line: 1, column: 1 };
		};
		const sourceText = (file: string) => sources.get(file)?.text ?? definitions.get(file);
		return { model, diagnostics: sorted, ok: !hasErrors(sorted), root, files, elapsed: performance.now() - started, position, sourceText, leftOut };
	}
}

const BUILD_LOADS = Symbol.for('opsbook.build-loads');

/**
 * The model of a build, loaded once per process. A build reaches the loader from the build
 * script, the API plugin, the pages and the file writer: copies of this module that Node and Vite
 * each load, hence the process-wide slot. Only for builds, during which the model folder does
 * not change; the dev server reloads it as it is edited (site/model.ts).
 */
export function loadModelForBuild(root: string): LoadResult {
	const loads = ((globalThis as { [BUILD_LOADS]?: Map<string, LoadResult> })[BUILD_LOADS] ??= new Map());
	const key = `${resolve(root)}\0${process.cwd()}`;
	let result = loads.get(key);
	if (!result) loads.set(key, (result = loadModel(root, { cache: currentConfig().cacheDir })));
	return result;
}

/**
 * The id a file that did not parse was meant to define: its `id:` line, else its file name.
 * Only used to keep references to it from being reported as unknown.
 */
function idOfUnreadable(absolute: string): string | undefined {
	let text = '';
	try {
		if (statSync(absolute).size <= 1024 * 1024) text = readFileSync(absolute, 'utf8');
	} catch {
		// Unreadable: fall back to the file name.
	}
	const written = /^id:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
	const named = /([^/\\]+)\.ya?ml$/.exec(absolute)?.[1];
	return written ?? (named && ID.test(named) ? named : undefined);
}

/** The files below a folder, in name order, through real folders (a linked folder is a file here). */
function* walk(folder: string): Generator<{ file: string; link: boolean }> {
	for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		if (entry.name.startsWith('.')) continue;
		const absolute = join(folder, entry.name);
		if (entry.isDirectory()) yield* walk(absolute);
		else yield { file: absolute, link: entry.isSymbolicLink() };
	}
}

