/**
 * The APIs of a model and the files of their OpenAPI specs. Pure and synchronous: no
 * subprocess, no network. `specFiles` walks a spec's `$ref`s so that a reference leaving the
 * model folder, or pointing at the network, is refused before Redocly reads anything.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import jsyaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../load/diagnostics.ts';
import { unsafeUrlMessage } from '../lib/safe-url.ts';
import type { Model, Service, Sourced } from '../model/index.ts';
import { pointer } from './redocly-config.ts';
import { unsafeLinks } from './spec-links.ts';

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
			// Only OpenAPI specs are linted, bundled and rendered; other definitions are published as they are.
			if (api.type !== 'openapi') return;
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

const BUNDLES = Symbol.for('opsbook.api-bundles');

/** Where this process's API plugin put the bundles, for the pages that read them (same process). */
export function bundlesInUse(folder?: string): string | undefined {
	const slot = globalThis as { [BUNDLES]?: string };
	if (folder) slot[BUNDLES] = folder;
	return slot[BUNDLES];
}

export interface RefSite {
	/** The `$ref` value as written. */
	ref: string;
	line: number;
	column: number;
}

/**
 * `$ref` values in a YAML or JSON text, with their positions. A text scan, used for positions
 * only (what is a `$ref` is decided on the parsed document, see `specFiles`): it reads
 * `$ref: value`, `"$ref": "value"` and `'$ref': 'value'` in milliseconds, where a YAML parse that
 * keeps positions takes about half a second on the 3 MB OpenAI spec.
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
	/** Files that cannot be read or parsed, and refused `$ref`s: Redocly must not read this spec. */
	diagnostics: Diagnostic[];
	/** URLs outside the URL policy (src/lib/safe-url.ts), in fields and in Markdown text (none when not asked for). */
	links: Diagnostic[];
	/** The entry file's document, when it could be read and parsed (to tell an OpenAPI spec from another document). */
	entry?: { document: unknown };
}

/**
 * The files a spec is made of, following relative `$ref`s from file to file. Refused, each as
 * an error at the `$ref`: a URL (`https://…`: the build never fetches), an absolute path, a path
 * that leaves the model folder (also through a link), and a file that does not exist.
 *
 * What is a `$ref` is decided on the parsed document, as Redocly parses it (js-yaml; JSON for
 * .json, which js-yaml reads the same), so an escaped key (`"$r\x65f"`, `"\u0024ref"`) is a
 * `$ref` here too. Redocly also follows discriminator mappings that look like paths; so does this.
 */
export function specFiles(root: string, entry: string, display: (absolute: string) => string, { links: judgeLinks = true } = {}): SpecFiles {
	const realRoot = realpathSync(root);
	const files: string[] = [];
	const diagnostics: Diagnostic[] = [];
	const links: Diagnostic[] = [];
	const seen = new Set<string>();
	const queue = [resolve(entry)];
	let entryDocument: SpecFiles['entry'];
	while (queue.length) {
		const file = queue.shift()!;
		if (seen.has(file)) continue;
		seen.add(file);
		files.push(file);
		const problem = (line: number, column: number, path: string, message: string, to = diagnostics) =>
			to.push({ severity: 'error', file: display(file), line, column, path, message });
		let text: string;
		let data: unknown;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			problem(1, 1, '', `cannot read the spec file: ${(error as Error).message}`);
			continue;
		}
		try {
			data = parseSpec(text, file);
		} catch (error) {
			const mark = (error as jsyaml.YAMLException).mark;
			problem((mark?.line ?? 0) + 1, (mark?.column ?? 0) + 1, '', `[yaml] ${(error as jsyaml.YAMLException).reason ?? (error as Error).message}`);
			continue;
		}
		if (files.length === 1) entryDocument = { document: data };
		const position = positions(text);
		for (const site of refsOf(data)) {
			const kind = refKind(site.ref);
			if (kind === 'local') continue;
			const refused = (message: string) => {
				const { line, column } = position(site);
				problem(line, column, '$ref', message);
			};
			if (kind === 'remote') {
				refused(`$ref "${site.ref}" points at the network; the build never fetches — copy the file into the model folder and refer to it by a relative path`);
				continue;
			}
			if (kind === 'absolute') {
				refused(`$ref "${site.ref}" is an absolute path; refer to files by a path relative to this file, inside the model folder`);
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
				refused(`$ref "${site.ref}" leaves the model folder; keep every file of the spec inside it`);
				continue;
			}
			if (!existsSync(target) || !statSync(target).isFile()) {
				refused(`$ref "${site.ref}": file ${display(target)} does not exist`);
				continue;
			}
			const realRel = relative(realRoot, realpathSync(target));
			if (realRel.startsWith('..') || isAbsolute(realRel)) {
				refused(`$ref "${site.ref}" is a link that leaves the model folder; copy the file in instead`);
				continue;
			}
			queue.push(target);
		}
		// The bundle step walks the files again for its cache key; the check has judged the links.
		if (!judgeLinks) continue;
		for (const link of unsafeLinks(data)) {
			const { line, column } = position({ path: link.path });
			const message = link.kind === 'field' ? unsafeUrlMessage(link.href) : `a link or image in this text goes to "${link.href}": ${unsafeUrlMessage(link.href)}`;
			problem(line, column, pointer(link.path), message, links);
		}
	}
	return { files, diagnostics, links, ...(entryDocument ? { entry: entryDocument } : {}) };
}

/** A spec file's data, parsed as Redocly parses it. */
export function parseSpec(text: string, file: string): unknown {
	if (extname(file).toLowerCase() === '.json') {
		try {
			return JSON.parse(text);
		} catch {
			// Not strict JSON; js-yaml reads what Redocly would read, or says where it stops.
		}
	}
	return jsyaml.load(text, { filename: file });
}

export interface SpecRef {
	/** The reference, as parsed. */
	ref: string;
	/** Where it is in the document: the `$ref` value, or a discriminator mapping's value. */
	path: (string | number)[];
}

/** Every reference in a parsed spec that Redocly would follow, in document order. */
export function refsOf(data: unknown): SpecRef[] {
	const out: SpecRef[] = [];
	const seen = new Set<unknown>();
	const walk = (node: unknown, path: (string | number)[]) => {
		if (typeof node !== 'object' || node === null || seen.has(node)) return;
		seen.add(node);
		if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...path, i]));
		const object = node as Record<string, unknown>;
		// Redocly reads a `$ref` only when it is a string; anything else is judged as the text it would become.
		if ('$ref' in object && object.$ref !== null && typeof object.$ref !== 'object') out.push({ ref: String(object.$ref), path: [...path, '$ref'] });
		if (path.at(-1) === 'discriminator') {
			const { mapping, defaultMapping } = object;
			if (typeof mapping === 'object' && mapping !== null) {
				for (const [name, value] of Object.entries(mapping)) if (looksLikeRef(value)) out.push({ ref: value, path: [...path, 'mapping', name] });
			}
			if (looksLikeRef(defaultMapping)) out.push({ ref: defaultMapping, path: [...path, 'defaultMapping'] });
		}
		for (const [key, value] of Object.entries(object)) walk(value, [...path, key]);
	};
	walk(data, []);
	return out;
}

/** Redocly's test for a discriminator mapping value it resolves as a `$ref` (not a schema name). */
const looksLikeRef = (value: unknown): value is string =>
	typeof value === 'string' && (value.startsWith('#') || /^[a-z][a-z\d+.-]*:/i.test(value) || value.includes('/') || /\.(ya?ml|json)$/i.test(value));

/**
 * Positions in one spec text: a `$ref` the text scan found in the same order, else (an escaped
 * key, a discriminator mapping, a URL field) the node at the path, from a YAML parse that keeps
 * positions — made once per file, and only when needed.
 */
function positions(text: string): (at: { ref?: string; path: (string | number)[] }) => { line: number; column: number } {
	let scanned: Map<string, RefSite[]> | undefined;
	let parsed: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
	return ({ ref, path }) => {
		if (ref !== undefined && path.at(-1) === '$ref') {
			scanned ??= Map.groupBy(findRefs(text), (site) => site.ref);
			const site = scanned.get(ref)?.shift();
			if (site) return site;
		}
		if (!parsed) {
			const lines = new LineCounter();
			parsed = { doc: parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false }), lines };
		}
		for (let at = path.length; at >= 0; at--) {
			const node = parsed.doc.getIn(path.slice(0, at), true) as { range?: [number, number, number] } | undefined;
			if (node?.range) {
				const { line, col } = parsed.lines.linePos(node.range[0]);
				return { line, column: col };
			}
		}
		return { line: 1, column: 1 };
	};
}
