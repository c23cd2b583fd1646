/**
 * A model's own `apis/redocly.yaml` is untrusted, like everything in the model folder: it may
 * choose rules, not code. Redocly reads far more than rules from its config — `plugins` are
 * JavaScript it imports, `extends` may name another config file (or a URL) that carries
 * plugins, `$ref`s anywhere are resolved, `resolve` sets HTTP headers for fetching, and some
 * built-in decorators read the files the config names (into the bundle, hence the site).
 *
 * So the file is read here first, and Redocly only gets it when it holds nothing but:
 *   telemetry, extends (built-in rulesets), rules / decorators / preprocessors (built-in ones,
 *   and their per-format forms such as oas3_1Rules), apis (per-API `root`, `labels` and the same)
 * Anything else is a check error at the offending key, and neither lint nor bundle run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../load/diagnostics.ts';
import { otherFolders } from '../model/kinds.ts';
import { project } from './redocly.ts';

export const BUILTIN_RULESETS = ['recommended', 'recommended-strict', 'minimal', 'spec', 'all'];

/** Built-in decorators (and preprocessors) that read files named in their options. */
export const FILE_READING_DECORATORS = ['info-description-override', 'operation-description-override', 'tag-description-override', 'media-type-examples-override'];

const RULES = /^(?:rules|[a-z][a-z0-9_]*Rules)$/;
const TRANSFORMS = /^(?:decorators|preprocessors|[a-z][a-z0-9_]*(?:Decorators|Preprocessors))$/;
const ROOT_KEYS = ['telemetry', 'extends', 'apis'];
const API_KEYS = ['root', 'labels', 'extends'];

export interface RedoclyConfig {
	/** The config file to hand Redocly; only when `diagnostics` is empty. */
	file: string;
	/** Why the model's config was refused (errors at the offending keys). */
	diagnostics: Diagnostic[];
}

export interface RedoclyConfigOptions {
	/**
	 * Trust the model's redocly.yaml as written: plugins, config files named by `extends`, and
	 * every other setting. Plugins are code run by `npm run check` and the build, so this is for a
	 * repository whose model folder is as trusted as its own code. Default false.
	 */
	allowPlugins?: boolean;
	/** Absolute path → the path shown in diagnostics. */
	display?: (absolute: string) => string;
}

/**
 * The Redocly configuration for a model: `apis/redocly.yaml` inside the model folder when there
 * is one (a team can tune rules for its own specs, or for a vendor's spec it cannot fix), vetted
 * as above; else the repository's `redocly.yaml`.
 */
export function redoclyConfig(root: string, { allowPlugins = false, display = (file) => file }: RedoclyConfigOptions = {}): RedoclyConfig {
	const own = join(root, otherFolders.apis, 'redocly.yaml');
	if (!existsSync(own)) return { file: join(project, 'redocly.yaml'), diagnostics: [] };
	if (allowPlugins) return { file: own, diagnostics: [] };
	return { file: own, diagnostics: vetRedoclyConfig(readFileSync(own, 'utf8'), display(own)) };
}

/** The problems of a model's redocly.yaml text; none when Redocly may read it. */
export function vetRedoclyConfig(text: string, file: string): Diagnostic[] {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
	const out: Diagnostic[] = [];
	const at = (node: Node | null | undefined, path: (string | number)[], message: string) => {
		const { line, col } = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
		out.push({ severity: 'error', file, line, column: col, path: pointer(path), message });
	};
	if (doc.errors.length) {
		for (const error of doc.errors) {
			const { line, col } = lines.linePos(error.pos[0]);
			out.push({ severity: 'error', file, line, column: col, path: '', message: `[yaml] ${error.message.split('\n')[0]}` });
		}
		return out;
	}
	const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc as Document) : node);

	// `$ref`s are resolved anywhere in the config; YAML merge keys could bring in keys unseen here.
	const walk = (node: unknown, path: (string | number)[]) => {
		node = resolve(node);
		if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
		if (!isMap(node)) return;
		for (const pair of node.items) {
			const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
			if (key === '$ref') at(pair.key as Node, [...path, key], '$ref in redocly.yaml makes Redocly read another file or URL; write the settings out here');
			else if (key === '<<') at(pair.key as Node, [...path, key], 'YAML merge keys are not accepted in redocly.yaml; write the keys out');
			walk(pair.value, [...path, key ?? '?']);
		}
	};
	walk(doc.contents, []);

	const settings = (map: unknown, path: (string | number)[], allowed: string[]) => {
		map = resolve(map);
		if (!isMap(map)) {
			if (map !== null && map !== undefined) at(map as Node, path, 'expected a mapping of settings');
			return;
		}
		for (const pair of map.items) {
			const keyNode = pair.key as Node;
			const key = isScalar(pair.key) ? String(pair.key.value) : '?';
			const here = [...path, key];
			if (key === '$ref' || key === '<<') continue; // reported above
			if (!allowed.includes(key) && !RULES.test(key) && !TRANSFORMS.test(key)) {
				if (key === 'plugins') at(keyNode, here, '"plugins" loads JavaScript into Redocly, run by the check and the build; a model\'s redocly.yaml may choose rules, not run code');
				else if (key === 'resolve') at(keyNode, here, '"resolve" sets HTTP headers for fetching $refs; the build never fetches');
				else at(keyNode, here, `"${key}" is not accepted in a model's redocly.yaml; it may set ${allowed.join(', ')}, rules, decorators and preprocessors (and their per-format forms such as oas3_1Rules)`);
			} else if (key === 'extends') builtinsOnly(pair.value, here);
			else if (key === 'root') insideOnly(pair.value, here);
			else if (key === 'apis') apis(pair.value, here);
			else if (TRANSFORMS.test(key)) transforms(pair.value, here);
		}
	};
	const builtinsOnly = (value: unknown, path: (string | number)[]) => {
		value = resolve(value);
		const entries: [unknown, (string | number)[]][] = isSeq(value) ? value.items.map((item, i) => [resolve(item), [...path, i]]) : [[value, path]];
		for (const [entry, where] of entries) {
			const name = isScalar(entry) ? String(entry.value) : '';
			if (!BUILTIN_RULESETS.includes(name)) {
				at(entry as Node, where, `extends "${name}" is not one of Redocly's built-in rulesets (${BUILTIN_RULESETS.join(', ')}); another config file could load plugins`);
			}
		}
	};
	// Redocly lints and bundles an API's `root` in place of an argument that names the API.
	const insideOnly = (value: unknown, path: (string | number)[]) => {
		value = resolve(value);
		const where = isScalar(value) ? String(value.value) : '';
		if (!where || /^[a-z][a-z\d+.-]*:|^[\\/]/i.test(where) || where.split(/[\\/]/).includes('..')) {
			at(value as Node, path, `root "${where}" must be a relative path inside the model folder`);
		}
	};
	const transforms = (value: unknown, path: (string | number)[]) => {
		value = resolve(value);
		if (!isMap(value)) return;
		for (const pair of value.items) {
			const name = isScalar(pair.key) ? String(pair.key.value) : '?';
			if (name.includes('/')) at(pair.key as Node, [...path, name], `"${name}" comes from a plugin; only Redocly's built-in decorators and preprocessors are allowed`);
			else if (FILE_READING_DECORATORS.includes(name)) at(pair.key as Node, [...path, name], `"${name}" reads files named in the config; write the text into the spec instead`);
		}
	};
	const apis = (value: unknown, path: (string | number)[]) => {
		value = resolve(value);
		if (!isMap(value)) return;
		for (const pair of value.items) settings(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : '?'], API_KEYS);
	};

	settings(doc.contents, [], ROOT_KEYS);
	return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `["apis", "core@v1", "plugins"]` → `#/apis/core@v1/plugins` */
export const pointer = (path: (string | number)[]) => `#/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
