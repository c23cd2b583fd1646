/**
 * The writer: imported entities → YAML files in the model folder, merged into what is there.
 *
 * Provenance lives in `<content>/.imported.json` (the loader skips dot-files): for every file
 * the importer wrote, the sources it came from and, per field path, a hash of the value the
 * importer last wrote and which importer wrote it:
 *
 *   { "version": 1, "files": { "services/etcd.yaml": {
 *       "sources": { "prometheus": ["alerts/etcd-mixin-alerts.yaml"] },
 *       "fields": { "alerts[\"etcdNoLeader\"].summary": { "h": "3f2a…", "by": "prometheus" }, … } } } }
 *
 * On every import, for each field the source gives:
 *   - absent in the file: written — unless the importer wrote it before (a person deleted it: kept deleted);
 *   - equal to what an importer last wrote (hash matches), or a TODO: updated from the source;
 *   - anything else was written or edited by a person: kept.
 * A TODO never replaces a real value, and a "weak" value (a stub's, a name made from an id)
 * only fills an empty field. A field the source no longer gives is removed only if unedited.
 * Lists of named things (alerts, slos, dependencies, links, apis, members, environments) merge
 * item by item on their key (name, service, url, id); other lists are one value.
 *
 * Files are edited with the `yaml` Document API, so comments, key order and formatting a person
 * added survive; a new file starts with a comment saying where it came from.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative as relativePath } from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { findSecretSpans, maskSecret } from '../lib/secret-patterns.ts';
import { isTodo, todoPaths } from '../lib/todo.ts';
import type { ImportedEntity, ImportNote, ImportResult, ImportSource } from './types.ts';

export const STATE_FILE = '.imported.json';

export interface FieldRecord {
	/** Hash of the value the importer wrote. */
	h: string;
	by: ImportSource;
	/** Written only to fill a gap (a stub's field, a name made from an id); a real value may replace it. */
	weak?: true;
}

export interface FileState {
	sources: Partial<Record<ImportSource, string[]>>;
	fields?: Record<string, FieldRecord>;
	/** Whole-file hash, for files that are not entities (API definitions). */
	hash?: string;
}

export interface ImportState {
	version: 1;
	files: Record<string, FileState>;
}

export interface FileReport {
	/** Relative to the model folder. */
	path: string;
	status: 'created' | 'updated' | 'unchanged' | 'skipped';
	/** Field paths written or changed. */
	changed: string[];
	/** Field paths where a person's value was kept over the source's. */
	kept: string[];
	/** Field paths removed because the source no longer has them. */
	removed: string[];
	/** TODO markers left in the file. */
	todos: number;
	problem?: string;
}

/** Lists that merge item by item, by this key (top-level fields only). */
const KEYED: Record<string, string> = { alerts: 'name', slos: 'name', dependencies: 'service', links: 'url', apis: 'id', members: 'name', environments: 'name' };

export function readState(contentDir: string): ImportState {
	const file = join(contentDir, STATE_FILE);
	if (!existsSync(file)) return { version: 1, files: {} };
	try {
		const state = JSON.parse(readFileSync(file, 'utf8')) as ImportState;
		if (state && state.version === 1 && state.files && typeof state.files === 'object') return state;
	} catch {
		// A broken state file: start again (every field then counts as written by a person, so nothing is overwritten).
	}
	return { version: 1, files: {} };
}

function stable(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		return `{${Object.keys(value as object)
			.sort()
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

export function hashValue(value: unknown): string {
	return createHash('sha256').update(stable(value)).digest('hex').slice(0, 16);
}

const childPath = (path: string, key: string) => (path ? `${path}.${key}` : key);
const itemPath = (path: string, key: unknown) => `${path}[${JSON.stringify(key)}]`;
const under = (record: string, path: string) => record === path || record.startsWith(`${path}.`) || record.startsWith(`${path}[`);

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const todoValue = (value: unknown) => isTodo(value) || (Array.isArray(value) && value.length > 0 && value.every(isTodo));
const hasTodo = (value: unknown) => todoPaths(value).length > 0;

interface Context {
	doc: Document;
	by: ImportSource;
	records: Record<string, FieldRecord>;
	report: FileReport;
}

function nodeValue(node: unknown): unknown {
	if (node === undefined || node === null) return undefined;
	if (isScalar(node) || isMap(node) || isSeq(node)) return (node as Node).toJSON();
	return node;
}

function recordsUnder(ctx: Context, path: string): string[] {
	return Object.keys(ctx.records).filter((record) => under(record, path));
}

function record(ctx: Context, path: string, value: unknown, weak: boolean) {
	ctx.records[path] = { h: hashValue(value), by: ctx.by, ...(weak ? { weak: true as const } : {}) };
}

/** A new node for a value, keeping the comments of the node it replaces. */
function replacement(ctx: Context, old: unknown, value: unknown): Node {
	const node = ctx.doc.createNode(value) as Node;
	if (old && typeof old === 'object' && 'comment' in (old as object)) {
		const previous = old as Node;
		node.comment = previous.comment;
		node.commentBefore = previous.commentBefore;
		node.spaceBefore = previous.spaceBefore;
	}
	return node;
}

/** Merges a source object into a YAML map at `path`. `weakKeys`: top-level keys that only fill gaps. */
function mergeMap(ctx: Context, map: YAMLMap, incoming: Record<string, unknown>, path: string, weakKeys: ReadonlySet<string>, weakAll: boolean) {
	for (const [key, value] of Object.entries(incoming)) {
		if (value === undefined) continue;
		const weak = weakAll || (path === '' && weakKeys.has(key));
		mergeField(ctx, map, key, value, childPath(path, key), weak);
	}
	// What this importer wrote before and the source no longer gives.
	const prefix = path ? `${path}.` : '';
	const gone = new Set<string>();
	for (const [recordPath, rec] of Object.entries(ctx.records)) {
		if (rec.by !== ctx.by || !recordPath.startsWith(prefix)) continue;
		const key = /^[^.[]+/.exec(recordPath.slice(prefix.length))?.[0];
		if (key && !(key in incoming && incoming[key] !== undefined)) gone.add(key);
	}
	for (const key of gone) removeIfUnedited(ctx, map, key, childPath(path, key));
}

/** Removes a field the source no longer gives, when every value under it is still the importer's. */
function removeIfUnedited(ctx: Context, parent: YAMLMap | YAMLSeq, key: string | number, path: string) {
	const node = parent.get(key, true);
	const records = recordsUnder(ctx, path);
	const mine = records.filter((r) => ctx.records[r]!.by === ctx.by);
	if (node === undefined) {
		for (const r of mine) delete ctx.records[r];
		return;
	}
	const current = nodeValue(node);
	const unedited = mine.length > 0 && mine.length === records.length && mine.every((r) => valueAt(current, r.slice(path.length), path) === ctx.records[r]!.h) && coveredBy(current, mine, path);
	if (unedited) {
		parent.delete(key);
		for (const r of mine) delete ctx.records[r];
		ctx.report.removed.push(path);
	} else if (mine.some((r) => ctx.records[r]!.weak !== true)) {
		ctx.report.kept.push(path);
	}
}

/** Hash of the value at a record path below `current`; `rest` is the part of the record path after `base`. */
function valueAt(current: unknown, rest: string, base: string): string | undefined {
	let value = current;
	let at = base;
	const segment = /^(?:\.([^.[]+)|\[("(?:[^"\\]|\\.)*")\])/;
	while (rest) {
		const match = segment.exec(rest);
		if (!match) return undefined;
		rest = rest.slice(match[0].length);
		if (match[1] !== undefined) {
			value = isPlainObject(value) ? value[match[1]] : undefined;
			at = childPath(at, match[1]);
		} else {
			const key = JSON.parse(match[2]!) as unknown;
			const field = KEYED[at];
			value = Array.isArray(value) && field ? value.find((item) => isPlainObject(item) && item[field] === key) : undefined;
			at = itemPath(at, key);
		}
	}
	return value === undefined ? undefined : hashValue(value);
}

/** True when every leaf of a value is accounted for by the records (nobody added a field to it). */
function coveredBy(current: unknown, records: string[], base: string): boolean {
	if (records.includes(base)) return true;
	if (isPlainObject(current)) return Object.keys(current).every((key) => coveredBy(current[key], records, `${base}.${key}`));
	if (Array.isArray(current)) {
		const keyed = KEYED[base];
		return keyed ? current.every((item) => isPlainObject(item) && coveredBy(item, records, itemPath(base, item[keyed]))) : false;
	}
	return false;
}

function mergeField(ctx: Context, map: YAMLMap, key: string, value: unknown, path: string, weak: boolean) {
	const current = map.get(key, true) as Node | undefined;
	const keyField = KEYED[path];
	if (isPlainObject(value) || (keyField && Array.isArray(value) && isKeyedList(value, keyField))) {
		if (current === undefined || current === null) {
			if (recordsUnder(ctx, path).length) {
				if (!weak && !hasTodo(value)) ctx.report.kept.push(path);
				return;
			}
			const fresh = isPlainObject(value) ? new YAMLMap() : new YAMLSeq();
			map.set(key, fresh);
		} else if (isPlainObject(value) ? !isMap(current) : !isSeq(current)) {
			if (todoValue(nodeValue(current))) {
				map.set(key, isPlainObject(value) ? new YAMLMap() : new YAMLSeq());
				delete ctx.records[path];
			} else {
				if (!weak && !hasTodo(value)) ctx.report.kept.push(path);
				return;
			}
		}
		const node = map.get(key, true) as unknown;
		if (isPlainObject(value)) mergeMap(ctx, node as YAMLMap, value, path, new Set(), weak);
		else mergeKeyedList(ctx, node as YAMLSeq, value as Record<string, unknown>[], path, keyField!, weak);
		return;
	}
	mergeLeaf(ctx, current, value, path, weak, (node) => map.set(key, node));
}

function isKeyedList(list: unknown[], keyField: string): boolean {
	const keys = list.map((item) => (isPlainObject(item) ? item[keyField] : undefined));
	return keys.every((key) => typeof key === 'string' && key !== '') && new Set(keys).size === keys.length;
}

function mergeKeyedList(ctx: Context, seq: YAMLSeq, items: Record<string, unknown>[], path: string, keyField: string, weak: boolean) {
	const find = (key: unknown) => seq.items.find((node) => isMap(node) && nodeValue(node.get(keyField, true)) === key) as YAMLMap | undefined;
	for (const item of items) {
		const key = item[keyField];
		const p = itemPath(path, key);
		let node = find(key);
		if (!node) {
			if (recordsUnder(ctx, p).length) {
				if (!weak && !hasTodo(item)) ctx.report.kept.push(p);
				continue;
			}
			node = new YAMLMap();
			seq.items.push(node);
		}
		mergeMap(ctx, node, item, p, new Set(), weak);
	}
	// Items this importer wrote that the source no longer has.
	const wanted = new Set(items.map((item) => item[keyField]));
	const recorded = new Set<unknown>();
	for (const [recordPath, rec] of Object.entries(ctx.records)) {
		if (rec.by !== ctx.by || !recordPath.startsWith(`${path}[`)) continue;
		const match = /^\[("(?:[^"\\]|\\.)*")\]/.exec(recordPath.slice(path.length));
		if (match) recorded.add(JSON.parse(match[1]!));
	}
	for (const key of recorded) {
		if (wanted.has(key)) continue;
		const index = seq.items.findIndex((node) => isMap(node) && nodeValue(node.get(keyField, true)) === key);
		const p = itemPath(path, key);
		if (index < 0) {
			for (const r of recordsUnder(ctx, p)) if (ctx.records[r]!.by === ctx.by) delete ctx.records[r];
			continue;
		}
		removeIfUnedited(ctx, seq, index, p);
	}
}

function mergeLeaf(ctx: Context, current: Node | undefined, value: unknown, path: string, weak: boolean, set: (node: Node) => void) {
	const rec = ctx.records[path];
	const incomingTodo = hasTodo(value);
	const gapOnly = weak || incomingTodo;
	const write = () => {
		set(replacement(ctx, current, value));
		record(ctx, path, value, gapOnly);
		ctx.report.changed.push(path);
	};
	if (current === undefined || current === null || nodeValue(current) === null) {
		if (rec && !todoValue(value)) {
			// The importer wrote it once and it is gone: a person deleted it.
			if (!gapOnly) ctx.report.kept.push(path);
			return;
		}
		if (rec && todoValue(value)) return;
		write();
		return;
	}
	const now = nodeValue(current);
	const hash = hashValue(now);
	if (hash === hashValue(value)) {
		if (!rec || (rec.weak && !gapOnly)) record(ctx, path, value, gapOnly);
		return;
	}
	if (todoValue(now)) {
		// A gap: any real value fills it; a TODO replaces a TODO only if it is still the importer's.
		if (!incomingTodo || (rec && rec.h === hash)) write();
		return;
	}
	if (rec && rec.h === hash) {
		// Unedited since an importer wrote it.
		if (incomingTodo) return; // a TODO never replaces a real value
		if (weak && !rec.weak) return; // a gap-filler never replaces a source's value
		write();
		return;
	}
	// Written or edited by a person.
	if (!gapOnly) ctx.report.kept.push(path);
}

function header(sources: FileState['sources']): string {
	const list = Object.entries(sources)
		.map(([source, files]) => `${source}: ${files!.slice(0, 3).join(', ')}${files!.length > 3 ? ` and ${files!.length - 3} more` : ''}`)
		.join('; ');
	return ` Imported by \`opsbook import\` from ${list}.`;
}

const HEADER_HELP = [
	' "TODO: …" values are what the source did not say; fill them in (the check reports each one).',
	' Edit anything: importing again updates only what you have not changed (see .imported.json).',
];

/** The file header: the provenance line updated, anything else a person wrote above it kept. */
function setHeader(doc: Document, sources: FileState['sources'], created: boolean) {
	const line = header(sources);
	const lines = (doc.commentBefore ?? '').split('\n');
	const at = lines.findIndex((l) => l.startsWith(' Imported by `opsbook import` from '));
	if (at >= 0) lines[at] = line;
	else if (created) lines.splice(0, lines.length, line, ...HEADER_HELP);
	else return;
	doc.commentBefore = lines.join('\n');
}

/** Credentials do not belong in a published handbook: any the source holds are masked, with a warning. */
function maskCredentials(value: unknown, found: { count: number }): unknown {
	if (typeof value === 'string') {
		const spans = findSecretSpans(value);
		if (!spans.length) return value;
		found.count += spans.length;
		let out = '';
		let at = 0;
		for (const span of spans) {
			out += value.slice(at, span.start) + maskSecret(value.slice(span.start, span.end));
			at = span.end;
		}
		return out + value.slice(at);
	}
	if (Array.isArray(value)) return value.map((item) => maskCredentials(item, found));
	if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskCredentials(v, found)]));
	return value;
}

const STRINGIFY = { lineWidth: 0, indentSeq: true } as const;

function addSources(state: FileState, by: ImportSource, sources: string[]) {
	state.sources[by] = [...new Set([...(state.sources[by] ?? []), ...sources])].sort();
}

/** Merges one entity into its file. Returns the report and, unless nothing changed, the new text. */
export function mergeEntity(entity: ImportedEntity, existing: string | undefined, fileState: FileState, by: ImportSource): { report: FileReport; text?: string } {
	const path = `${entity.kind}/${entity.id}.yaml`;
	const report: FileReport = { path, status: existing === undefined ? 'created' : 'unchanged', changed: [], kept: [], removed: [], todos: 0 };
	let doc: Document;
	if (existing === undefined) {
		doc = new Document(new YAMLMap());
	} else {
		doc = parseDocument(existing, { prettyErrors: false, keepSourceTokens: false });
		if (doc.errors.length || !isMap(doc.contents)) {
			report.status = 'skipped';
			report.problem = 'the file is not a YAML mapping that can be read; fix it, then import again';
			return { report };
		}
	}
	const records = (fileState.fields ??= {});
	const ctx: Context = { doc, by, records, report };
	mergeMap(ctx, doc.contents as YAMLMap, entity.data, '', new Set(entity.weak ?? []), entity.stub === true);
	const sourcesBefore = JSON.stringify(fileState.sources);
	addSources(fileState, by, entity.sources);
	setHeader(doc, fileState.sources, existing === undefined);
	report.todos = todoPaths(doc.toJS()).length;
	if (existing !== undefined && !report.changed.length && !report.removed.length && JSON.stringify(fileState.sources) === sourcesBefore) return { report };
	const text = doc.toString(STRINGIFY);
	if (existing !== undefined) report.status = text === existing ? 'unchanged' : 'updated';
	return { report, text: text === existing ? undefined : text };
}

export interface WriteOptions {
	dryRun?: boolean;
}

export interface WriteOutcome {
	reports: FileReport[];
	notes: ImportNote[];
	state: ImportState;
}

/** Writes an import into the model folder (or, with dryRun, only says what it would do). */
export function writeImport(result: ImportResult, contentDir: string, options: WriteOptions = {}): WriteOutcome {
	const state = readState(contentDir);
	const reports: FileReport[] = [];
	const notes: ImportNote[] = [];
	/** Writes a file of the model folder, refusing a folder that is a link leading out of it. */
	const put = (relative: string, text: string): string | undefined => {
		if (options.dryRun) return undefined;
		const target = join(contentDir, relative);
		mkdirSync(dirname(target), { recursive: true });
		const inside = relativePath(realpathSync(contentDir), realpathSync(dirname(target)));
		if (inside.startsWith('..')) return 'its folder is a link that leaves the model folder; not written';
		const temporary = `${target}.importing`;
		writeFileSync(temporary, text);
		renameSync(temporary, target);
		return undefined;
	};
	/** The text of a model file, unless it is a link (a link could point anywhere). */
	const current = (absolute: string): { text?: string; problem?: string } => {
		try {
			if (lstatSync(absolute).isSymbolicLink()) return { problem: 'the file is a link; replace it with the file itself, then import again' };
		} catch {
			return {};
		}
		try {
			return { text: new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(absolute)) };
		} catch {
			return { problem: 'the file cannot be read as UTF-8 text; fix it, then import again' };
		}
	};
	for (const entity of result.entities) {
		const masked = { count: 0 };
		const safe = { ...entity, data: maskCredentials(entity.data, masked) as Record<string, unknown> };
		if (masked.count) notes.push({ level: 'warning', file: entity.sources[0], message: `${entity.kind}/${entity.id}: masked ${masked.count} credential-like value(s); a handbook is published` });
		const relative = `${entity.kind}/${entity.id}.yaml`;
		const found = current(join(contentDir, relative));
		const before = structuredClone(state.files[relative]);
		const restore = () => {
			if (before) state.files[relative] = before;
			else delete state.files[relative];
		};
		if (found.problem) {
			reports.push({ path: relative, status: 'skipped', changed: [], kept: [], removed: [], todos: 0, problem: found.problem });
			continue;
		}
		const fileState = (state.files[relative] ??= { sources: {} });
		const { report, text } = mergeEntity(safe, found.text, fileState, result.source);
		const problem = report.status === 'skipped' ? undefined : text !== undefined ? put(relative, text) : undefined;
		if (problem) Object.assign(report, { status: 'skipped', problem });
		if (report.status === 'skipped') restore();
		reports.push(report);
	}
	for (const file of result.files) {
		const found = current(join(contentDir, file.path));
		if (found.problem) {
			reports.push({ path: file.path, status: 'skipped', changed: [], kept: [], removed: [], todos: 0, problem: found.problem });
			continue;
		}
		const fileState = (state.files[file.path] ??= { sources: {} });
		const report: FileReport = { path: file.path, status: 'unchanged', changed: [], kept: [], removed: [], todos: 0 };
		const existing = found.text;
		const hash = hashValue(file.text);
		if (existing === undefined && fileState.hash) {
			report.kept.push('(deleted by a person)');
		} else if (existing === undefined) {
			report.problem = put(file.path, file.text);
			report.status = report.problem ? 'skipped' : 'created';
			if (!report.problem) {
				report.changed.push('(file)');
				fileState.hash = hash;
			}
		} else if (existing === file.text) {
			fileState.hash = hash;
		} else if (fileState.hash && hashValue(existing) === fileState.hash) {
			report.problem = put(file.path, file.text);
			report.status = report.problem ? 'skipped' : 'updated';
			if (!report.problem) {
				report.changed.push('(file)');
				fileState.hash = hash;
			}
		} else {
			report.kept.push('(edited by a person)');
		}
		addSources(fileState, result.source, file.sources);
		reports.push(report);
	}
	if (!options.dryRun) {
		mkdirSync(contentDir, { recursive: true });
		const sorted: ImportState = { version: 1, files: Object.fromEntries(Object.entries(state.files).sort(([a], [b]) => a.localeCompare(b))) };
		writeFileSync(join(contentDir, STATE_FILE), `${JSON.stringify(sorted, null, '\t')}\n`);
	}
	return { reports, notes, state };
}
