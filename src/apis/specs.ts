/**
 * The APIs of a model and the files of their OpenAPI specs. Pure and synchronous: no
 * subprocess, no network. `specFiles` walks a spec's `$ref`s so that a reference leaving the
 * model folder, or pointing at the network, is refused before Redocly reads anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../load/diagnostics.ts';
import type { Model, Service, Sourced } from '../model/index.ts';

export type Api = Service['apis'][number];

export interface ApiEntry {
	api: Api;
	service: Sourced<Service>;
	/** Index of the API in the service's `apis` list (for positions in the service file). */
	index: number;
	/** Spec path relative to the model folder, with /. */
	spec: string;
	/** Absolute spec path. */
	absolute: string;
}

/** Every API of every service, in service order, then list order. */
export function apisOf(model: Model, root: string): ApiEntry[] {
	const out: ApiEntry[] = [];
	for (const service of model.services.values()) {
		service.apis.forEach((api, index) => {
			const spec = api.spec.split('\\').join('/').replace(/^\.\//, '');
			out.push({ api, service, index, spec: relative(root, resolve(root, spec)).split('\\').join('/'), absolute: resolve(root, spec) });
		});
	}
	return out;
}

/** Where an API's pages live, relative to the site base: `apis/<id>/`. */
export const apiBase = (id: string) => `apis/${id}`;

/**
 * Bundles for one model go in their own folder, so builds of different models (tests, previews)
 * never read each other's files.
 */
export function bundleFolder(project: string, root: string): string {
	const key = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 12);
	return join(project, '.opsbook', 'apis', key);
}

export const bundlePath = (folder: string, apiId: string) => join(folder, `${apiId}.json`);

export interface RefSite {
	/** The `$ref` value as written. */
	ref: string;
	line: number;
	column: number;
}

/**
 * `$ref` values in a YAML or JSON text, with their positions. A text scan, not a parse: specs
 * may be several megabytes, and a full YAML parse of the 3 MB OpenAI spec takes over a second
 * where this takes milliseconds. It reads `$ref: value`, `"$ref": "value"` and `'$ref': 'value'`.
 */
export function findRefs(text: string): RefSite[] {
	const out: RefSite[] = [];
	// Quoted values may run over several lines (YAML folds them; `\` at a line end joins them).
	const pattern = /(["']?)\$ref\1\s*:\s*(?:"((?:[^"\\]|\\[\s\S])*)"|'((?:[^']|'')*)'|([^\s,}\]]+))/g;
	let line = 1;
	let lineStart = 0;
	let scanned = 0;
	for (const match of text.matchAll(pattern)) {
		for (let i = text.indexOf('\n', scanned); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1)) {
			line++;
			lineStart = i + 1;
		}
		scanned = match.index;
		const quoted = match[2] !== undefined || match[3] !== undefined;
		const written = match[2] ?? match[3] ?? match[4]!;
		const ref = match[2] !== undefined
			? written.replace(/\\\r?\n[ \t]*/g, '').replace(/[ \t]*\r?\n[ \t]*/g, ' ').replace(/\\(.)/g, '$1')
			: match[3] !== undefined
				? written.replace(/[ \t]*\r?\n[ \t]*/g, ' ').replace(/''/g, "'")
				: written;
		const start = match.index + match[0].length - written.length - (quoted ? 2 : 0);
		out.push({ ref, line, column: start - lineStart + 1 });
	}
	return out;
}

export type RefKind = 'local' | 'file' | 'remote' | 'absolute';

export function refKind(ref: string): RefKind {
	if (ref.startsWith('#') || ref === '') return 'local';
	if (/^[a-z][a-z\d+.-]*:/i.test(ref)) return /^file:/i.test(ref) ? 'absolute' : 'remote';
	if (ref.startsWith('/') || ref.startsWith('\\') || isAbsolute(ref)) return 'absolute';
	return 'file';
}

export interface SpecFiles {
	/** Absolute paths of the entry file and every file it references, entry first. */
	files: string[];
	diagnostics: Diagnostic[];
}

/**
 * The files a spec is made of, following relative `$ref`s from file to file. Refused, each as
 * an error at the `$ref`: a URL (`https://…`: the build never fetches), an absolute path, a path
 * that leaves the model folder (also through a link), and a file that does not exist.
 */
export function specFiles(root: string, entry: string, display: (absolute: string) => string): SpecFiles {
	const realRoot = realpathSync(root);
	const files: string[] = [];
	const diagnostics: Diagnostic[] = [];
	const seen = new Set<string>();
	const queue = [resolve(entry)];
	while (queue.length) {
		const file = queue.shift()!;
		if (seen.has(file)) continue;
		seen.add(file);
		files.push(file);
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			diagnostics.push({ severity: 'error', file: display(file), line: 1, column: 1, path: '', message: `cannot read the spec file: ${(error as Error).message}` });
			continue;
		}
		for (const site of findRefs(text)) {
			const kind = refKind(site.ref);
			if (kind === 'local') continue;
			const problem = (message: string) =>
				diagnostics.push({ severity: 'error', file: display(file), line: site.line, column: site.column, path: '$ref', message });
			if (kind === 'remote') {
				problem(`$ref "${site.ref}" points at the network; the build never fetches — copy the file into the model folder and refer to it by a relative path`);
				continue;
			}
			if (kind === 'absolute') {
				problem(`$ref "${site.ref}" is an absolute path; refer to files by a path relative to this file, inside the model folder`);
				continue;
			}
			let path = site.ref.replace(/#.*$/, '');
			try {
				path = decodeURIComponent(path);
			} catch {
				// Not percent-encoded after all; use it as written.
			}
			const target = resolve(dirname(file), path);
			const rel = relative(root, target);
			if (rel.startsWith('..') || isAbsolute(rel)) {
				problem(`$ref "${site.ref}" leaves the model folder; keep every file of the spec inside it`);
				continue;
			}
			if (!existsSync(target) || !statSync(target).isFile()) {
				problem(`$ref "${site.ref}": file ${display(target)} does not exist`);
				continue;
			}
			const realRel = relative(realRoot, realpathSync(target));
			if (realRel.startsWith('..') || isAbsolute(realRel)) {
				problem(`$ref "${site.ref}" is a link that leaves the model folder; copy the file in instead`);
				continue;
			}
			queue.push(target);
		}
	}
	return { files, diagnostics };
}
