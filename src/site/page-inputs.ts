/**
 * Incremental builds: what each page read from the model, so that the next build renders only
 * the pages whose inputs changed and Astro restores the others' HTML from its cache.
 *
 * Astro does the reusing (`experimental.incrementalBuild`): a path whose `cacheKey` from
 * getStaticPaths and whose route's code are those of the previous build is not rendered; its
 * output comes back from `<astro cacheDir>/dist/`. Astro also starts over when its config or
 * the lock file changed. What Astro cannot know is which parts of the model a page depends on:
 *
 * - while a page renders, every read through the tracked site data (tracked-data.ts) notes an
 *   *input key*: `model.services\0api` for one service, `model.services\0*` for all of them,
 *   `diagram\0service/api` for a diagram;
 * - the build writes those keys per page (`opsbook-pages.json`, beside Astro's manifest);
 * - the next build's getStaticPaths gives each page the hash of its inputs' current values as
 *   its cacheKey (`withCacheKeys`): unchanged values, same key, the page is restored.
 *
 * A page nobody recorded (new, or the first incremental build) gets a key that never matched, so
 * it renders. Every value a page can reach comes through a noting wrapper, and each input is
 * hashed from the model as loaded, so a restored page is what a full build would write
 * (tests/build/incremental.test.ts compares the two outputs byte for byte).
 *
 * Pages render one after another (build.concurrency 1, Astro's default, which incremental.ts
 * pins), so "the page being rendered" is simply the one the middleware saw last.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One read: the source's name, a NUL, and the item's key or `*` for the whole source. */
export type InputKey = string;

export interface PageInputsManifest {
	version: 1;
	/** Page (route pattern + params) → the input keys it read when it was last rendered. */
	pages: Record<string, InputKey[]>;
}

interface State {
	/** The page being rendered, or undefined (getStaticPaths, set-up, a static route). */
	current?: string;
	/** Nesting of untracked() calls. */
	paused: number;
	/** What each page rendered in this build read. */
	read: Map<string, Set<InputKey>>;
	/** Pages that getStaticPaths listed in this build, with cacheKeys. */
	listed: Set<string>;
	/** The previous build's record, read once per build (null: none). */
	previous?: PageInputsManifest | null;
	/** Where the record lives; undefined when incremental builds are off (nothing is tracked). */
	file?: string;
	/** Unique per build: the cacheKey of a page with nothing recorded never matches a later one. */
	buildId: string;
	/** The cacheKey each listed page was given, and what it was worked out from. */
	given: Map<string, { key: string; props: string }>;
	/** How keys are worked out in this build (set by the first withCacheKeys). */
	keyer?: { valueHash: (key: InputKey) => string; global: string };
}

// Shared by the Vite-bundled pages and the integration (plain Node), which are two module copies.
const STATE = Symbol.for('opsbook.page-inputs');
function state(): State {
	const slot = globalThis as { [STATE]?: State };
	return (slot[STATE] ??= { paused: 0, read: new Map(), listed: new Set(), buildId: randomUUID(), given: new Map() });
}

/** Turns tracking on for this build: the record is read from and written to `file`. */
export function startTracking(file: string): void {
	const s = state();
	Object.assign(s, { file, current: undefined, paused: 0, read: new Map(), listed: new Set(), previous: undefined, buildId: randomUUID(), given: new Map(), keyer: undefined });
}

export function tracking(): boolean {
	return state().file !== undefined;
}

/** The page key of a route and its params: the same in getStaticPaths and in the middleware. */
export function pageKey(routePattern: string, params: Record<string, string | number | undefined>): string {
	const entries = Object.entries(params)
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => [name, String(value)])
		.sort(([a], [b]) => a!.localeCompare(b!));
	return `${routePattern} ${JSON.stringify(entries)}`;
}

/** The middleware's call: from now on, reads belong to this page. */
export function beginPage(key: string): void {
	const s = state();
	if (!s.file) return;
	s.current = key;
	s.read.set(key, new Set());
}

/** Notes that the page being rendered read `item` of `source` (`*`: all of it). */
export function noteInput(source: string, item = '*'): void {
	const s = state();
	if (s.current === undefined || s.paused > 0) return;
	s.read.get(s.current)?.add(`${source}\0${item}`);
}

/**
 * Runs `work` without noting reads: work done once for many pages (all diagrams, the exact-match
 * index) whose result the pages then note by its own key.
 */
export function untracked<T>(work: () => T): T {
	const s = state();
	s.paused++;
	try {
		return work();
	} finally {
		s.paused--;
	}
}

function previous(s: State): PageInputsManifest | null {
	if (s.previous !== undefined) return s.previous;
	try {
		const parsed = JSON.parse(readFileSync(s.file!, 'utf8')) as PageInputsManifest;
		s.previous = parsed.version === 1 && typeof parsed.pages === 'object' ? parsed : null;
	} catch {
		s.previous = null;
	}
	return s.previous;
}

/**
 * Adds a cacheKey to each path of a dynamic route (when incremental builds are on): the hash of
 * what the page read last time, as those inputs are now (`valueHash`), plus its props and
 * `global` (what every page depends on: the settings and the day the build judges on).
 */
export function withCacheKeys<T extends { params: Record<string, string | number | undefined>; props?: unknown }>(
	routePattern: string,
	paths: T[],
	valueHash: (key: InputKey) => string,
	global: string,
	/** The hash of what names the page's props (by default the props: a page shows what it is given). */
	propsHash: (path: T) => string = (path) => hashOf(path.props ?? null),
): (T & { cacheKey?: string })[] {
	const s = state();
	if (!s.file) return paths;
	s.keyer ??= { valueHash, global };
	const record = previous(s);
	return paths.map((path) => {
		const page = pageKey(routePattern, path.params);
		s.listed.add(page);
		const props = propsHash(path);
		const inputs = record?.pages[page];
		const cacheKey = inputs ? keyOf(global, props, inputs, valueHash) : `unrecorded ${s.buildId} ${page}`;
		s.given.set(page, { key: cacheKey, props });
		return { ...path, cacheKey };
	});
}

function keyOf(global: string, props: string, inputs: readonly InputKey[], valueHash: (key: InputKey) => string): string {
	const hash = createHash('sha256').update(global).update('\n').update(props);
	for (const input of inputs) hash.update(`\n${input}=${valueHash(input)}`);
	return hash.digest('base64url');
}

/**
 * Writes this build's record: the inputs of every page rendered now, and for every page Astro
 * restored, what it had read when it was rendered. Pages no longer listed drop out.
 */
export function writeRecord(): { rendered: number; restored: number } | undefined {
	const s = state();
	if (!s.file) return undefined;
	const before = previous(s);
	const pages: Record<string, InputKey[]> = {};
	let rendered = 0;
	let restored = 0;
	/** Astro's key of a page rendered now → the key its inputs as read now give. */
	const settled = new Map<string, string>();
	for (const key of [...s.listed].sort()) {
		const now = s.read.get(key);
		if (now) {
			pages[key] = [...now].sort();
			rendered++;
			const given = s.given.get(key);
			if (given && s.keyer) settled.set(given.key, keyOf(s.keyer.global, given.props, pages[key]!, s.keyer.valueHash));
		} else if (before?.pages[key]) {
			pages[key] = before.pages[key]!;
			restored++;
		}
	}
	mkdirSync(dirname(s.file), { recursive: true });
	const temporary = join(dirname(s.file), `.${process.pid}.pages.json`);
	writeFileSync(temporary, JSON.stringify({ version: 1, pages } satisfies PageInputsManifest));
	renameSync(temporary, s.file);
	settleAstroKeys(join(dirname(s.file), 'incremental-build.json'), settled);
	s.current = undefined;
	return { rendered, restored };
}

/**
 * Astro recorded each rendered page under the key getStaticPaths gave it, worked out from what the
 * page read the time before (or "unrecorded" for a new page). Now that the page has been read,
 * its key is rewritten to the one the next build will work out, so that the next build restores it
 * rather than rendering it once more. A hook into Astro's manifest (src/hooks/README.md): if its
 * shape changed, nothing is rewritten and the next build renders those pages again, no worse.
 */
export function settleAstroKeys(file: string, settled: Map<string, string>): void {
	if (settled.size === 0) return;
	let manifest: { routes?: Record<string, { paths?: Record<string, { cacheKey?: string }> }> };
	try {
		manifest = JSON.parse(readFileSync(file, 'utf8')) as typeof manifest;
	} catch {
		return;
	}
	let changed = false;
	for (const route of Object.values(manifest.routes ?? {})) {
		for (const path of Object.values(route.paths ?? {})) {
			const key = path.cacheKey === undefined ? undefined : settled.get(path.cacheKey);
			if (key !== undefined && key !== path.cacheKey) {
				path.cacheKey = key;
				changed = true;
			}
		}
	}
	if (!changed) return;
	const temporary = `${file}.${process.pid}`;
	writeFileSync(temporary, JSON.stringify(manifest, null, '\t'));
	renameSync(temporary, file);
}

/** JSON with Maps and Sets written as lists, so two equal values always hash alike. */
export function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v)) ?? 'undefined';
}

export function hashOf(value: unknown): string {
	return createHash('sha256').update(stableJson(value)).digest('base64url');
}
