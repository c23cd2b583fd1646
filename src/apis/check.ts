/**
 * The `apis` step of `npm run check` and the build, run after the (synchronous, pure) loader:
 * API ids unique across the model, the model's own redocly.yaml limited to rules (no plugins:
 * redocly-config.ts), every spec's `$ref`s kept inside the model folder and off the network, its
 * URLs within the URL policy, then one Redocly lint run over the distinct specs. Its diagnostics
 * join the loader's, in the same format, and errors fail the check the same way.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../load/diagnostics.ts';
import { scanTextForSecrets } from '../load/secrets.ts';
import type { LoadResult } from '../load/index.ts';
import { lintWithCache, type SpecToLint } from './lint-cache.ts';
import { redoclyConfig } from './redocly-config.ts';
import { apisOf, specFiles, type ApiEntry } from './specs.ts';

export interface ApiCheck {
	diagnostics: Diagnostic[];
	/** APIs in the model. */
	apis: number;
	/** Distinct spec entry files linted. */
	specs: number;
	/** Spec files read, with the files their `$ref`s pull in. */
	files: number;
	/** Milliseconds, Redocly included. */
	elapsed: number;
	/** Specs whose findings came from the lint cache (unchanged since they were last linted). */
	cached?: number;
	/** The model's redocly.yaml was refused, so Redocly did not run at all. */
	configRefused?: boolean;
}

/** True when the loader accepted the spec path (inside the model folder, an existing file). */
export function specPathUsable(root: string, absolute: string): boolean {
	const inside = (from: string, path: string) => {
		const rel = relative(from, path);
		return !rel.startsWith('..') && !isAbsolute(rel);
	};
	if (!inside(root, absolute) || !existsSync(absolute) || !statSync(absolute).isFile()) return false;
	return inside(realpathSync(root), realpathSync(absolute));
}

/** API ids name the pages (`apis/<id>/`), so they must be unique across the whole model. */
export function duplicateApiIds(entries: ApiEntry[], position: LoadResult['position'], display: (file: string) => string): Diagnostic[] {
	const out: Diagnostic[] = [];
	const first = new Map<string, ApiEntry>();
	for (const entry of entries) {
		const earlier = first.get(entry.api.id);
		if (!earlier) {
			first.set(entry.api.id, entry);
			continue;
		}
		if (earlier.service.id === entry.service.id) continue; // the loader reports it within one service
		const { line, column } = position(entry.service.file, ['apis', entry.index, 'id']);
		out.push({
			severity: 'error',
			file: display(entry.service.file),
			line,
			column,
			path: `apis[${entry.index}].id`,
			message: `API id "${entry.api.id}" is also used by service "${earlier.service.id}"; API ids must be unique in the model (each API's pages live at apis/<id>/)`,
		});
	}
	return out;
}

export interface ApiCheckOptions {
	cwd?: string;
	/**
	 * Let the model's `apis/redocly.yaml` load Redocly plugins and other config files (see
	 * redocly-config.ts): plugins are JavaScript, run by the check and the build. Only for a
	 * model folder trusted like the repository's own code. Default false.
	 */
	allowRedoclyPlugins?: boolean;
}

export async function checkApis(result: LoadResult, { cwd = process.cwd(), allowRedoclyPlugins = false }: ApiCheckOptions = {}): Promise<ApiCheck> {
	const started = performance.now();
	const display = (absolute: string) => relative(cwd, absolute).split('\\').join('/') || '.';
	const entries = apisOf(result.model, result.root);
	if (entries.length === 0) return { diagnostics: [], apis: 0, specs: 0, files: 0, elapsed: 0 };

	const diagnostics = duplicateApiIds(entries, result.position, (file) => display(resolve(result.root, file)));
	const config = redoclyConfig(result.root, { allowPlugins: allowRedoclyPlugins, display });
	diagnostics.push(...config.diagnostics);
	const toLint: SpecToLint[] = [];
	const seen = new Set<string>();
	const scanned = new Set<string>([config.file]);
	// The model's own Redocly config is read by every check: no credentials there either.
	if (!relative(result.root, config.file).startsWith('..')) diagnostics.push(...scanTextForSecrets(display(config.file), readFileSync(config.file, 'utf8')));
	let files = 0;
	for (const entry of entries) {
		if (seen.has(entry.absolute)) continue;
		seen.add(entry.absolute);
		if (!specPathUsable(result.root, entry.absolute)) continue; // the loader already said why
		// Not an OpenAPI document at all (a .proto, an AsyncAPI file): said at the service, not by
		// Redocly, and nothing else about the file is reported or linted.
		const other = otherDefinition(entry.spec);
		const walked = other ? undefined : specFiles(result.root, entry.absolute, display);
		const notOpenApi = other ?? (walked?.entry ? notOpenApiDocument(walked.entry.document, entry.spec) : undefined);
		if (notOpenApi || !walked) {
			const { line, column } = result.position(entry.service.file, ['apis', entry.index, 'spec']);
			diagnostics.push({ severity: 'error', file: display(resolve(result.root, entry.service.file)), line, column, path: `apis[${entry.index}].spec`, message: notOpenApi! });
			continue;
		}
		files += walked.files.length;
		diagnostics.push(...walked.diagnostics, ...walked.links);
		// The spec and every file it pulls in are published (openapi.json): a token in any of
		// them, comments included, is as public as one in the model.
		for (const file of walked.files) {
			if (scanned.has(file)) continue;
			scanned.add(file);
			try {
				diagnostics.push(...scanTextForSecrets(display(file), readFileSync(file, 'utf8')));
			} catch {
				// specFiles already reported a file it could not read.
			}
		}
		// A spec with a refused $ref is not handed to Redocly, which would follow it.
		if (walked.diagnostics.length === 0) toLint.push({ entry: entry.absolute, files: walked.files });
	}
	// A refused redocly.yaml is never handed to Redocly either.
	const lint = config.diagnostics.length ? { diagnostics: [], cached: 0 } : await lintWithCache(toLint, { config: config.file, cwd });
	diagnostics.push(...lint.diagnostics);
	return { diagnostics, apis: entries.length, specs: seen.size, files, elapsed: performance.now() - started, cached: lint.cached, ...(config.diagnostics.length ? { configRefused: true } : {}) };
}

/** A definition that is plainly not OpenAPI by its file name (a gRPC .proto, a GraphQL schema), and what to set instead. */
function otherDefinition(spec: string): string | undefined {
	const other = /\.proto$/i.test(spec) ? 'grpc' : /\.(graphql|gql)$/i.test(spec) ? 'graphql' : undefined;
	return other && `"${spec}" is a ${other === 'grpc' ? 'gRPC' : 'GraphQL'} definition, not an OpenAPI spec; set "type: ${other}" on this API`;
}

/** Why a parsed spec is no OpenAPI document, if it is not: an AsyncAPI document, or no `openapi:` (or `swagger:`) at its top. */
function notOpenApiDocument(document: unknown, spec: string): string | undefined {
	if (document && typeof document === 'object' && 'asyncapi' in document) return `"${spec}" is an AsyncAPI document, not an OpenAPI spec; set "type: asyncapi" on this API`;
	if (!document || typeof document !== 'object' || !('openapi' in document || 'swagger' in document)) {
		return `"${spec}" is not an OpenAPI document (its top level has no "openapi:"); give an OpenAPI 3.0/3.1 spec, or set "type:" to asyncapi, grpc or graphql`;
	}
	return undefined;
}

/** The load result with the API diagnostics merged in, as if the loader had found them. */
export function withApiCheck(result: LoadResult, check: ApiCheck): LoadResult {
	if (check.diagnostics.length === 0 && check.files === 0) return result;
	const diagnostics = sortDiagnostics([...result.diagnostics, ...check.diagnostics]);
	return { ...result, diagnostics, ok: !hasErrors(diagnostics), files: result.files + check.files, elapsed: result.elapsed + check.elapsed };
}
