/**
 * The site data as pages see it in an incremental build: the same values, read through wrappers
 * that note what the page being rendered read (page-inputs.ts). Every source a page can reach is
 * listed here once, with how to find its current value, so that the next build's getStaticPaths
 * can tell which pages' inputs changed (`cacheKeyed`).
 *
 * A page that reads an entity by id (`model.services.get(id)`, `runbooksOf(model, id)`) depends
 * on that entry only; one that walks a whole map or reads the findings depends on all of it. A
 * source not listed here could not be noted, so its pages would go stale: every value a page can
 * reach from `siteData()` comes through one of these wrappers.
 */
import { hashOf, noteInput, untracked, withCacheKeys, type InputKey } from './page-inputs.ts';
import { siteDiagramList } from './published.ts';
import { currentConfig } from '../config/index.ts';
import type { Diagram } from '../diagrams/mermaid.ts';
import type { Model, ModelIndex } from '../model/index.ts';
import type { SiteData } from './model.ts';

const ENTITY_MAPS = ['systems', 'teams', 'services', 'runbooks', 'trees', 'reviews', 'controls'] as const;
const MODEL_VALUES = ['security', 'incident', 'policy', 'guides'] as const;

/** A Map whose lookups note the entry and whose walks note the whole map. */
class TrackedMap<K, V> extends Map<K, V> {
	readonly #source: string;
	constructor(source: string, entries: Map<K, V>) {
		super(entries);
		this.#source = source;
	}
	override get(key: K): V | undefined {
		noteInput(this.#source, String(key));
		return super.get(key);
	}
	override has(key: K): boolean {
		noteInput(this.#source, String(key));
		return super.has(key);
	}
	override get size(): number {
		noteInput(this.#source);
		return super.size;
	}
	override keys() {
		noteInput(this.#source);
		return super.keys();
	}
	override values() {
		noteInput(this.#source);
		return super.values();
	}
	override entries() {
		noteInput(this.#source);
		return super.entries();
	}
	override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
		noteInput(this.#source);
		super.forEach(callback, thisArg);
	}
	override [Symbol.iterator]() {
		noteInput(this.#source);
		return super.entries();
	}
}

/** An object or list whose every property read notes the whole source. */
function watched<T extends object>(source: string, value: T): T {
	return new Proxy(value, {
		get(target, property, receiver) {
			noteInput(source);
			return Reflect.get(target, property, receiver) as unknown;
		},
	});
}

/** The model with every map tracked and its single values (policy, security plan…) noted when read. */
function trackedModel(model: Model): Model {
	const index = Object.fromEntries(Object.entries(model.index).map(([name, map]) => [name, new TrackedMap(`index.${name}`, map as Map<unknown, unknown>)])) as unknown as ModelIndex;
	const view = { ...model, index } as Model;
	for (const name of ENTITY_MAPS) (view as unknown as Record<string, unknown>)[name] = new TrackedMap(`model.${name}`, model[name] as Map<string, unknown>);
	for (const name of MODEL_VALUES) {
		Object.defineProperty(view, name, {
			enumerable: true,
			get() {
				noteInput(`model.${name}`);
				return model[name];
			},
		});
	}
	return view;
}

export function trackedView(data: SiteData): SiteData {
	return {
		...data,
		model: trackedModel(data.model),
		findings: watched('findings', data.findings),
		verdict: data.verdict && watched('verdict', data.verdict),
		// The folder and the positions are the same for every page; the problems and the texts vary.
		result: new Proxy(data.result, {
			get(target, property, receiver) {
				if (property === 'diagnostics' || property === 'leftOut') noteInput('result');
				if (property === 'sourceText') {
					return (file: string) => {
						noteInput('source', file);
						return target.sourceText(file);
					};
				}
				return Reflect.get(target, property, receiver) as unknown;
			},
		}),
	};
}

// ---- The current value of each source, for the next build's comparison ----

interface Source {
	/** One entry (`item`), or undefined for a source read whole only. */
	item?: (data: SiteData, key: string) => unknown;
	all: (data: SiteData) => unknown;
	/** A map's entries: its whole hash is then made of its entries' hashes, each worked out once. */
	map?: (data: SiteData) => Map<string, unknown>;
}

const perBuild = new WeakMap<SiteData, { hashes: Map<InputKey, string>; objects: WeakMap<object, string>; diagrams?: Map<string, Diagram> }>();
const memo = (data: SiteData) => {
	let entry = perBuild.get(data);
	if (!entry) perBuild.set(data, (entry = { hashes: new Map(), objects: new WeakMap() }));
	return entry;
};

/**
 * The hash of a value, once per object: an entity is hashed for its own page's key, for the pages
 * that look it up and for the maps that hold it. Nothing in the model changes during a build.
 */
function objectHash(data: SiteData, value: unknown): string {
	if (value === null || typeof value !== 'object') return hashOf(value);
	const objects = memo(data).objects;
	let hash = objects.get(value);
	if (hash === undefined) objects.set(value, (hash = hashOf(value)));
	return hash;
}

/** Props ({ service }, { runbook }…): each field by its value's hash. */
function propsHash(data: SiteData, value: unknown): string {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return objectHash(data, value);
	return hashOf(Object.entries(value).map(([name, field]) => [name, objectHash(data, field)]));
}

function diagramsOf(data: SiteData): Map<string, Diagram> {
	const entry = memo(data);
	return (entry.diagrams ??= new Map(siteDiagramList(data.model).map((d) => [d.key, d])));
}

const mapSource = (of: (data: SiteData) => Map<string, unknown>): Source => ({
	item: (data, key) => of(data).get(key) ?? null,
	all: (data) => [...of(data)],
	map: of,
});

const sources: Record<string, Source> = {
	...Object.fromEntries(ENTITY_MAPS.map((name) => [`model.${name}`, mapSource((data) => data.model[name] as Map<string, unknown>)])),
	...Object.fromEntries(MODEL_VALUES.map((name) => [`model.${name}`, { all: (data: SiteData) => data.model[name] ?? null }])),
	...Object.fromEntries(
		(Object.keys({ servicesBySystem: 0, servicesByTeam: 0, runbooksByService: 0, treesByService: 0, reviewsByService: 0, dependants: 0, alerts: 0, runbooksByAlert: 0, alertsByRunbook: 0 } satisfies Record<keyof ModelIndex, 0>) as (keyof ModelIndex)[]).map(
			(name) => [`index.${name}`, mapSource((data) => data.model.index[name] as Map<string, unknown>)],
		),
	),
	findings: { all: (data) => data.findings },
	verdict: { all: (data) => data.verdict ?? null },
	result: { all: (data) => [data.result.diagnostics, data.result.leftOut] },
	source: { item: (data, file) => data.result.sourceText(file) ?? null, all: () => null },
	diagram: { item: (data, key) => diagramsOf(data).get(key) ?? null, all: (data) => [...diagramsOf(data).keys()] },
};

/** Registers a source defined elsewhere (the API pages' bundled specs, the values site/model.ts works out). */
export function addSource(name: string, source: Source): void {
	sources[name] = source;
}

/** The hash of an input's value in this build's data; an input no source knows never matches. */
function valueHash(data: SiteData, input: InputKey): string {
	const hashes = memo(data).hashes;
	let hash = hashes.get(input);
	if (hash === undefined) {
		const [name, item] = input.split('\0') as [string, string | undefined];
		const source = sources[name];
		const whole = item === undefined || item === '*' || !source?.item;
		if (!source) hash = `unknown source ${Math.random()}`;
		else if (whole && source.map) hash = hashOf([...source.map(data)].map(([key, value]) => [key, objectHash(data, value)]));
		else hash = objectHash(data, (whole ? source.all(data) : source.item!(data, item!)) ?? null);
		hashes.set(input, hash);
	}
	return hash;
}

/**
 * getStaticPaths' paths with their cacheKeys (page-inputs.ts). `data` is the site data as
 * loaded, not the tracked view: working out keys is no page's read.
 */
export function cacheKeyed<T extends { params: Record<string, string | number | undefined>; props?: unknown }>(data: SiteData, routePattern: string, paths: T[], identity: (path: T) => unknown) {
	// What every page depends on besides the model: the settings (title, base, preview…) and the day.
	const global = hashOf([currentConfig(), data.today]);
	return untracked(() => withCacheKeys(routePattern, paths, (input) => valueHash(data, input), global, (path) => propsHash(data, identity(path))));
}

/** What the banner on every page says: errors, TODOs and what they left out, a failed coverage gate. */
export function bannerFacts(data: SiteData) {
	const { verdict, result } = data;
	return {
		coverageGaps: verdict !== undefined && !verdict.ok ? verdict.gaps.length : 0,
		errors: result.diagnostics.filter((d) => d.severity === 'error').length,
		todos: result.diagnostics.filter((d) => d.severity === 'todo').length,
		leftOut: [...new Set(result.leftOut.map(({ file, what }) => (what === 'whole file' ? file : `${file} (${what})`)))],
	};
}
