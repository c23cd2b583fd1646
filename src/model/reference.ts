/**
 * The model reference, generated from the zod schemas: one row per field (nested objects and
 * list items included, e.g. `dependencies[].type`) with its type, whether it is required or
 * its default, and its description. Pure: a function of the schemas only, so it is unit-tested
 * and the reference page can never drift from what the loader accepts.
 */
import { globalRegistry, type z } from 'zod';
import { duration, id, markdown } from './common.ts';
import { kinds, type KindInfo, type KindName } from './kinds.ts';

export interface FieldRow {
	/** Dotted path from the top of the file, `[]` marking list items: `dependencies[].type`. */
	path: string;
	/** Nesting depth: 0 for top-level fields. */
	depth: number;
	/** Human-readable type: "string", "duration", "id of a team", "list of objects, at least 1"… */
	type: string;
	/** Allowed values, when the field (or each item of a list field) is an enum. */
	values?: string[];
	required: boolean;
	/** The default, as YAML-ish text, when the field has one. */
	default?: string;
	/** From the schema's description; empty when it has none. */
	description: string;
}

export interface KindReference {
	name: KindName;
	label: string;
	/** `services/<id>.yaml` or `policy.yaml`. */
	location: string;
	/** True when each entity is one file in a folder. */
	folder: boolean;
	description: string;
	schemaFile: string;
	rows: FieldRow[];
}

/** The parts of a zod 4 def this walker reads. */
interface Def {
	type: string;
	shape?: Record<string, z.ZodType>;
	element?: z.ZodType;
	innerType?: z.ZodType;
	entries?: Record<string, string | number>;
	values?: unknown[];
	options?: z.ZodType[];
	valueType?: z.ZodType;
	format?: string;
	checks?: { _zod: { def: CheckDef } }[];
	defaultValue?: unknown;
	in?: z.ZodType;
	out?: z.ZodType;
}

interface CheckDef {
	check: string;
	value?: number | bigint;
	inclusive?: boolean;
	minimum?: number;
	maximum?: number;
	format?: string;
}

type Schema = z.core.$ZodType;

const defOf = (schema: Schema) => schema._zod.def as unknown as Def;
const descriptionOf = (schema: Schema): string | undefined => globalRegistry.get(schema)?.description;

/** Wrappers that do not change what is written in YAML, only whether it must be. */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

interface Unwrapped {
	schema: Schema;
	required: boolean;
	default?: unknown;
	hasDefault: boolean;
	description?: string;
}

/** Peels optional/default wrappers, keeping the outermost description. */
export function unwrap(schema: Schema): Unwrapped {
	let current = schema;
	let required = true;
	let hasDefault = false;
	let value: unknown;
	let description = descriptionOf(current);
	for (let def = defOf(current); WRAPPERS.has(def.type) && def.innerType; def = defOf(current)) {
		if (def.type === 'optional' || def.type === 'nullable') required = false;
		if (def.type === 'default' || def.type === 'prefault') {
			required = false;
			hasDefault = true;
			value = def.defaultValue;
		}
		if (def.type === 'nonoptional') required = true;
		current = def.innerType;
		description ??= descriptionOf(current);
	}
	return { schema: current, required, default: value, hasDefault, description };
}

/** `ref('team')` is described "Id of a team."; a later `.describe()` keeps it on the parent chain. */
function refKind(schema: Schema): string | undefined {
	for (let s: Schema | undefined = schema; s; s = s._zod.parent) {
		const match = /^Id of an? ([^.]+)\.$/.exec(descriptionOf(s) ?? '');
		if (match) return match[1];
	}
	return undefined;
}

/** Whether the schema is (a described copy of) one of the shared building blocks. */
const sameAs = (schema: Schema, block: Schema) => schema._zod.def === block._zod.def;

const plural = (noun: string) => (/(s|sh|ch|x)$/.test(noun) ? `${noun}es` : noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`);

function bounds(checks: CheckDef[]): string {
	const parts: string[] = [];
	let low: CheckDef | undefined;
	let high: CheckDef | undefined;
	for (const check of checks) {
		if (check.check === 'greater_than') low = check;
		if (check.check === 'less_than') high = check;
	}
	const safe = (value: number | bigint | undefined) => value !== undefined && Math.abs(Number(value)) < Number.MAX_SAFE_INTEGER;
	if (low && high && safe(low.value) && safe(high.value) && low.inclusive && high.inclusive) return `${low.value} to ${high.value}`;
	if (low && safe(low.value)) parts.push(`${low.inclusive ? '≥' : '>'} ${low.value}`);
	if (high && safe(high.value)) parts.push(`${high.inclusive ? '≤' : '<'} ${high.value}`);
	return parts.join(' and ');
}

interface Noun {
	one: string;
	many: string;
	values?: string[];
	/** An object whose fields get their own rows. */
	object?: Schema;
	/** True when those rows are list items (`escalation[].team`). */
	list?: boolean;
	/** True when those rows are the values of a map (`dataRules.<key>.encryption`). */
	map?: boolean;
}

/** What a value of this schema is, in words, singular and plural. */
function noun(schema: Schema): Noun {
	const def = defOf(schema);
	const checks = (def.checks ?? []).map((c) => c._zod.def);
	// The shared building blocks first: some (duration) are pipes, not plain strings.
	if (sameAs(schema, duration)) return { one: 'duration', many: 'durations' };
	if (sameAs(schema, id)) return { one: 'id (kebab-case)', many: 'ids' };
	if (sameAs(schema, markdown)) return { one: 'Markdown', many: 'Markdown texts' };
	switch (def.type) {
		case 'pipe': {
			// A preprocess is a pipe from a transform: describe what it hands on. Otherwise describe its input.
			const side = def.in && defOf(def.in).type !== 'transform' ? def.in : def.out;
			return side ? noun(unwrap(side).schema) : { one: 'value', many: 'values' };
		}
		case 'object':
			return { one: 'object', many: 'objects', object: schema };
		case 'array': {
			const item = noun(unwrap(def.element!).schema);
			const min = checks.find((c) => c.check === 'min_length')?.minimum;
			const max = checks.find((c) => c.check === 'max_length')?.maximum;
			const size = [min ? `at least ${min}` : '', max !== undefined ? `at most ${max}` : ''].filter(Boolean).join(', ');
			const one = item.values ? `list${size ? ` (${size})` : ''}, each item one of` : `list of ${item.many}${size ? `, ${size}` : ''}`;
			return { one, many: `lists of ${item.many}`, values: item.values, object: item.object, list: item.object !== undefined };
		}
		case 'enum': {
			const values = Object.values(def.entries ?? {}).map(String);
			return { one: 'one of', many: 'values', values };
		}
		case 'literal':
			return { one: (def.values ?? []).map((v) => JSON.stringify(v)).join(' or '), many: 'literals' };
		case 'string': {
			const kind = refKind(schema);
			if (kind) return { one: `id of a ${kind}`, many: `ids of ${plural(kind)}` };
			const format = def.format ?? checks.find((c) => c.check === 'string_format')?.format;
			if (format === 'date') return { one: 'date (YYYY-MM-DD)', many: 'dates' };
			if (format === 'datetime') return { one: 'date and time (ISO 8601, with offset)', many: 'dates and times' };
			if (format === 'url') return { one: 'URL', many: 'URLs' };
			if (format === 'email') return { one: 'email address', many: 'email addresses' };
			return { one: 'string', many: 'strings' };
		}
		case 'number': {
			const integer = def.format === 'safeint' || def.format === 'int32' || def.format === 'uint32';
			const range = bounds(checks);
			const base = integer ? 'integer' : 'number';
			return { one: range ? `${base}, ${range}` : base, many: range ? `${plural(base)}, ${range}` : plural(base) };
		}
		case 'int':
			return { one: 'integer', many: 'integers' };
		case 'boolean':
			return { one: 'true or false', many: 'booleans' };
		case 'union': {
			const options = (def.options ?? []).map((o) => noun(unwrap(o).schema));
			// One object or a list of them (a runbook's escalation): the object's fields still get rows.
			const withFields = options.find((o) => o.object);
			return {
				one: options.map((o) => o.one).join(' or '),
				many: options.map((o) => o.many).join(' or '),
				object: withFields?.object,
				list: options.some((o) => o.object && o.list),
			};
		}
		case 'record': {
			// A map keyed by an enum (dataRules by classification): name the keys, give the values' fields rows.
			const value = def.valueType ? noun(unwrap(def.valueType).schema) : undefined;
			const keyType = (def as Def & { keyType?: z.ZodType }).keyType;
			const keys = keyType && defOf(unwrap(keyType).schema).type === 'enum' ? Object.values(defOf(unwrap(keyType).schema).entries ?? {}).map(String) : undefined;
			const by = keys ? `, keyed by ${keys.length < 2 ? keys.join('') : `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`}` : '';
			return { one: `map of ${value ? value.many : 'values'}${by}`, many: 'maps', object: value?.object, map: value?.object !== undefined };
		}
		default:
			return { one: def.type, many: def.type };
	}
}

function showDefault(value: unknown): string {
	if (value === undefined) return '';
	if (Array.isArray(value) && value.length === 0) return '[] (none)';
	if (typeof value === 'string') return JSON.stringify(value);
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>);
		if (entries.length === 0) return '{}';
		if (entries.every(([, v]) => Array.isArray(v) && v.length === 0)) return '{} (all lists empty)';
		return JSON.stringify(value);
	}
	return String(value);
}

/** Every field of an object schema, depth first, in declaration order. */
export function referenceRows(schema: z.ZodType | Schema, prefix = '', depth = 0): FieldRow[] {
	const top = unwrap(schema).schema;
	const shape = defOf(top).shape;
	if (!shape) return [];
	const rows: FieldRow[] = [];
	for (const [key, field] of Object.entries(shape)) {
		const path = `${prefix}${key}`;
		const unwrapped = unwrap(field);
		const what = noun(unwrapped.schema);
		const row: FieldRow = { path, depth, type: what.one, required: unwrapped.required, description: unwrapped.description ?? '' };
		if (what.values) row.values = what.values;
		if (unwrapped.hasDefault) row.default = showDefault(unwrapped.default);
		rows.push(row);
		if (what.object) {
			rows.push(...referenceRows(what.object, `${path}${what.list ? '[]' : ''}${what.map ? '.<key>' : ''}.`, depth + 1));
		}
	}
	return rows;
}

/** Where a kind lives in the model folder. */
export function locationOf(info: Pick<KindInfo, 'location'>): { location: string; folder: boolean } {
	return 'folder' in info.location
		? { location: `${info.location.folder}/<id>.yaml`, folder: true }
		: { location: info.location.file, folder: false };
}

/** The reference for every kind, in the order of the kinds table. */
export function kindReferences(table: Record<string, KindInfo> = kinds): KindReference[] {
	return Object.entries(table).map(([name, info]) => ({
		name: name as KindName,
		label: info.label,
		...locationOf(info),
		description: descriptionOf(info.schema) ?? '',
		schemaFile: info.schemaFile,
		rows: referenceRows(info.schema),
	}));
}
