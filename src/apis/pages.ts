/**
 * What the site's own API pages (the apis/ index, the schema pages, the box under each API
 * page's title) need from the model and the bundled specs. Reads the bundles that plugin.ts (or
 * `npm run build`) wrote; never the model's spec files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { derivedInput, siteData } from '../site/model.ts';
import { noteInput } from '../site/page-inputs.ts';
import { addSource } from '../site/tracked-data.ts';
import { apisPrefix } from './navigation.ts';
import { apisOf, bundleFolder, bundlePath, bundlesInUse, type ApiEntry } from './specs.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function apiEntries(): ApiEntry[] {
	const { model, result } = siteData();
	return apisOf(model, result.root);
}

// One API's entry as one input (incremental builds): its pages are rendered again when that API or
// its service changed, not whenever any service did, as walking `apiEntries()` would note.
const apiEntriesWithId = derivedInput('api-entry', (data, apiId) =>
	apisOf(data.model, data.result.root).filter((entry) => apiId === '*' || entry.api.id === apiId),
);

/** The API with this id, read as that API's input alone. */
export const apiEntry = (apiId: string): ApiEntry | undefined => apiEntriesWithId(apiId)[0];

const documents = new Map<string, Json | undefined>();

/** The bundled spec of an API, or undefined when it was not bundled (a broken spec in dev). */
export function bundledSpec(apiId: string): Json | undefined {
	noteInput('api-spec', apiId);
	return readBundle(apiId);
}
// A page that read a spec is rendered again when the bundle changed (page-inputs.ts).
addSource('api-spec', { item: (_data, apiId) => readBundle(apiId) ?? null, all: () => null });

function readBundle(apiId: string): Json | undefined {
	const folder = bundlesInUse() ?? bundleFolder(process.cwd(), siteData().result.root);
	const file = bundlePath(folder, apiId);
	if (!documents.has(file) || !import.meta.env.PROD) {
		let doc: Json | undefined;
		try {
			doc = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
		} catch {
			doc = undefined;
		}
		documents.set(file, doc);
	}
	return documents.get(file);
}

export type ApiPageKind = 'API' | 'API tag' | 'API operation' | 'Webhook';

export interface ApiPage {
	entry: ApiEntry;
	kind: ApiPageKind;
}

/** The API a starlight-openapi page belongs to, from its URL; undefined for every other page. */
export function apiPageAt(pathname: string, base: string): ApiPage | undefined {
	const prefix = apisPrefix(base);
	if (!pathname.startsWith(prefix)) return undefined;
	const [id, ...rest] = pathname.slice(prefix.length).split('/').filter(Boolean);
	const entry = id === undefined ? undefined : apiEntry(id);
	if (!entry) return undefined;
	const tail = rest.join('/');
	if (tail === '') return { entry, kind: 'API' };
	if (tail.startsWith('operations/tags/')) return { entry, kind: 'API tag' };
	if (tail.startsWith('operations/')) return { entry, kind: 'API operation' };
	if (tail.startsWith('webhooks/')) return { entry, kind: 'Webhook' };
	return undefined; // the site's own pages under apis/<id>/ (schemas) go through OpsPage
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
	method: string;
	/** Path, or the webhook's name. */
	path: string;
	operation: Json;
	webhook: boolean;
}

export function operationsOf(doc: Json): Operation[] {
	const out: Operation[] = [];
	for (const [key, webhook] of [['paths', false], ['webhooks', true]] as const) {
		const items = doc[key];
		if (!isObject(items)) continue;
		for (const [path, item] of Object.entries(items)) {
			if (!isObject(item)) continue;
			for (const method of METHODS) if (isObject(item[method])) out.push({ method, path, operation: item[method] as Json, webhook });
		}
	}
	return out;
}

/** Follows a local `$ref` (`#/components/…`) in the bundled document, a few hops at most. */
export function deref(doc: Json, value: unknown): unknown {
	for (let hops = 0; hops < 8 && isObject(value) && typeof value.$ref === 'string' && value.$ref.startsWith('#/'); hops++) {
		let target: unknown = doc;
		for (const part of value.$ref.slice(2).split('/')) {
			const key = decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'));
			target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
		}
		value = target;
	}
	return value;
}

/** `#/components/schemas/Problem` → `Problem` */
export const refName = (value: unknown): string | undefined =>
	isObject(value) && typeof value.$ref === 'string' ? decodeURIComponent(value.$ref.replace(/^.*\//, '').replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;

export interface ApiSummary {
	title: string;
	version: string;
	openapi: string;
	servers: { url: string; description?: string }[];
	security: { name: string; type: string; detail: string; description?: string }[];
	/** Names of the security schemes in the top-level `security` (the default of every operation; alternatives). */
	required: string[];
	operations: number;
	webhooks: number;
	callbacks: number;
	schemas: number;
	tags: number;
	/** Operations that declare a 429 response, and the rate-limit headers any response declares. */
	rateLimits: { operations: number; headers: string[] };
	/** How errors (4xx, 5xx, default) are answered: media type and schema, with how many operations use each. */
	errorFormats: { mediaType: string; schema?: string; operations: number }[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The first paragraph of a Markdown description, on one line, cut at a sentence past ~200 characters. */
export function firstParagraph(markdown: string | undefined, max = 200): string | undefined {
	if (!markdown) return undefined;
	const paragraph = markdown.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
	if (paragraph.length <= max) return paragraph;
	const cut = paragraph.lastIndexOf('. ', max);
	return cut > 40 ? paragraph.slice(0, cut + 1) : `${paragraph.slice(0, max).trimEnd()}…`;
}

export function summarise(doc: Json): ApiSummary {
	const info = isObject(doc.info) ? doc.info : {};
	const components = isObject(doc.components) ? doc.components : {};
	const operations = operationsOf(doc);
	const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
	const security = Object.entries(schemes).map(([name, raw]) => {
		const scheme = (deref(doc, raw) ?? {}) as Json;
		const type = String(scheme.type ?? '?');
		let detail = '';
		if (type === 'http') detail = `${String(scheme.scheme ?? '')}${scheme.bearerFormat ? ` (${String(scheme.bearerFormat)})` : ''}`;
		else if (type === 'apiKey') detail = `${String(scheme.name ?? '')} in ${String(scheme.in ?? '')}`;
		else if (type === 'oauth2' && isObject(scheme.flows)) detail = Object.keys(scheme.flows).join(', ');
		else if (type === 'openIdConnect') detail = String(scheme.openIdConnectUrl ?? '');
		return { name, type, detail, description: firstParagraph(text(scheme.description)) };
	});
	const required = Array.isArray(doc.security) ? [...new Set(doc.security.flatMap((r) => (isObject(r) ? Object.keys(r) : [])))] : [];

	let limited = 0;
	let callbacks = 0;
	const headers = new Set<string>();
	const formats = new Map<string, { mediaType: string; schema?: string; operations: Set<Operation> }>();
	for (const op of operations) {
		if (isObject(op.operation.callbacks)) callbacks += Object.keys(op.operation.callbacks).length;
		const responses = isObject(op.operation.responses) ? op.operation.responses : {};
		if ('429' in responses) limited++;
		for (const [status, raw] of Object.entries(responses)) {
			const response = deref(doc, raw);
			if (!isObject(response)) continue;
			if (isObject(response.headers)) for (const name of Object.keys(response.headers)) if (/rate-?limit|retry-after/i.test(name)) headers.add(name);
			if (!/^[45]|^default$/i.test(status) || !isObject(response.content)) continue;
			for (const [mediaType, media] of Object.entries(response.content)) {
				const schema = isObject(media) ? refName(media.schema) : undefined;
				const key = `${mediaType} ${schema ?? ''}`;
				const format = formats.get(key) ?? { mediaType, schema, operations: new Set() };
				format.operations.add(op);
				formats.set(key, format);
			}
		}
	}
	return {
		title: text(info.title) ?? 'API',
		version: text(info.version) ?? '',
		openapi: String(doc.openapi ?? doc.swagger ?? ''),
		servers: (Array.isArray(doc.servers) ? doc.servers : []).filter(isObject).map((s) => ({ url: String(s.url ?? ''), description: text(s.description) })),
		security,
		required,
		operations: operations.filter((o) => !o.webhook).length,
		webhooks: operations.filter((o) => o.webhook).length,
		callbacks,
		schemas: isObject(components.schemas) ? Object.keys(components.schemas).length : 0,
		tags: Array.isArray(doc.tags) ? doc.tags.length : 0,
		rateLimits: { operations: limited, headers: [...headers].sort() },
		errorFormats: [...formats.values()]
			.map((f) => ({ mediaType: f.mediaType, schema: f.schema, operations: f.operations.size }))
			.sort((a, b) => b.operations - a.operations || a.mediaType.localeCompare(b.mediaType))
			.slice(0, 4),
	};
}

/** `apis/<id>/…` as a site URL, through the one URL helper. */
export const apiPath = (id: string, rest = '') => `apis/${id}/${rest}`;

/** A schema's type, in parts: plain text, or the name of a component schema to link to. */
export type TypePart = { text: string } | { ref: string };

export function typeParts(doc: Json, schema: unknown, depth = 0): TypePart[] {
	const name = refName(schema);
	if (name) return [{ ref: name }];
	if (!isObject(schema)) return [{ text: 'any' }];
	if (depth > 3) return [{ text: '…' }];
	const join = (list: unknown[], word: string): TypePart[] =>
		list.flatMap((item, i) => [...(i > 0 ? [{ text: word }] : []), ...typeParts(doc, item, depth + 1)]);
	for (const [keyword, word] of [['oneOf', ' | '], ['anyOf', ' | '], ['allOf', ' & ']] as const) {
		const list = schema[keyword];
		if (Array.isArray(list) && list.length) return [{ text: `${keyword}(` }, ...join(list, word), { text: ')' }];
	}
	if (Array.isArray(schema.enum)) {
		const values = schema.enum.slice(0, 12).map((v) => JSON.stringify(v)).join(' | ');
		return [{ text: `${values}${schema.enum.length > 12 ? ' | …' : ''}` }];
	}
	if (schema.const !== undefined) return [{ text: `const ${JSON.stringify(schema.const)}` }];
	const types = Array.isArray(schema.type) ? schema.type.map(String) : schema.type !== undefined ? [String(schema.type)] : [];
	const nullable = schema.nullable === true ? ' | null' : '';
	if (types.includes('array') || schema.items !== undefined) {
		const rest = types.filter((t) => t !== 'array');
		return [{ text: 'array of ' }, ...typeParts(doc, schema.items, depth + 1), ...(rest.length ? [{ text: ` | ${rest.join(' | ')}` }] : []), { text: nullable }];
	}
	const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
	if (types.length) return [{ text: `${types.join(' | ')}${format}${nullable}` }];
	if (isObject(schema.properties)) return [{ text: `object${nullable}` }];
	return [{ text: 'any' }];
}

export interface SchemaProperty {
	name: string;
	type: TypePart[];
	required: boolean;
	description?: string;
}

export interface SchemaEntry {
	name: string;
	description?: string;
	type: TypePart[];
	properties: SchemaProperty[];
	/** Operations and webhooks whose request or responses (shared responses included) name the schema. */
	usedBy: number;
}

/** Every component schema with its top-level properties (those of `allOf` parts included). */
export function schemasOf(doc: Json): SchemaEntry[] {
	const components = isObject(doc.components) ? doc.components : {};
	const schemas = isObject(components.schemas) ? components.schemas : {};
	const uses = new Map<string, number>();
	for (const op of operationsOf(doc)) {
		const seen = new Set<string>();
		const responses = isObject(op.operation.responses) ? Object.values(op.operation.responses).map((r) => deref(doc, r)) : [];
		JSON.stringify([deref(doc, op.operation.requestBody), responses], (key, value: unknown) => {
			if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) seen.add(refName({ $ref: value })!);
			return value;
		});
		for (const name of seen) uses.set(name, (uses.get(name) ?? 0) + 1);
	}
	return Object.entries(schemas).map(([name, raw]) => {
		const schema = isObject(raw) ? raw : {};
		const properties: SchemaProperty[] = [];
		const collect = (part: unknown, depth: number) => {
			const resolved = depth > 0 ? deref(doc, part) : part;
			if (!isObject(resolved) || depth > 3) return;
			const required = new Set(Array.isArray(resolved.required) ? resolved.required.map(String) : []);
			if (isObject(resolved.properties)) {
				for (const [prop, value] of Object.entries(resolved.properties)) {
					if (properties.some((p) => p.name === prop)) continue;
					const description = isObject(value) ? text(value.description) : undefined;
					properties.push({ name: prop, type: typeParts(doc, value), required: required.has(prop), description });
				}
			}
			if (Array.isArray(resolved.allOf)) for (const item of resolved.allOf) collect(item, depth + 1);
		};
		collect(schema, 0);
		return { name, description: text(schema.description), type: typeParts(doc, Array.isArray(schema.allOf) ? { type: 'object' } : schema), properties, usedBy: uses.get(name) ?? 0 };
	});
}

/** github-slugger's slug, as starlight-openapi names operation and webhook pages (ASCII cases). */
export const pageSlug = (text: string) =>
	text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

/** The webhook (its name under `webhooks:`) that a `…/webhooks/<slug>/` page shows. */
export function webhookAt(doc: Json, pathname: string): string | undefined {
	const slug = pathname.replace(/\/$/, '').split('/').at(-1);
	return operationsOf(doc).find((op) => op.webhook && pageSlug(typeof op.operation.operationId === 'string' ? op.operation.operationId : op.path) === slug)?.path;
}

/** The operation (method and path) that an `…/operations/<slug>/[<method>/]` page shows. */
export function operationAt(doc: Json, pathname: string): { method: string; path: string } | undefined {
	const parts = pathname.replace(/\/$/, '').split('/');
	const at = parts.lastIndexOf('operations');
	const [slug, method] = parts.slice(at + 1);
	if (at < 0 || !slug) return undefined;
	const found = operationsOf(doc).find(
		(op) => !op.webhook && pageSlug(typeof op.operation.operationId === 'string' ? op.operation.operationId : op.path) === slug && (method === undefined || op.method === method),
	);
	return found && { method: found.method.toUpperCase(), path: found.path };
}
