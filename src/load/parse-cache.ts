/**
 * Parsed model files kept between runs, by the hash of their text: a re-check after one edit
 * parses one file. Reading YAML (and the hostile-input scans before it, and the secret scan of
 * the text) is most of a check's time; the schema checks, the references and the coverage run
 * every time, on every file, so the result is the same as without the cache.
 *
 *   <cacheDir>/parsed/<model folder hash>.v8   one file per model folder
 *
 * Only files that js-yaml read cleanly are kept (a file with an error, anchors or aliases goes to
 * the reference parser each time), with the positions a report looked up in them. The file is written in V8's serialisation format (plain data,
 * no code), and starts over when the parser or the secret patterns change (`fingerprint`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Position } from './source.ts';

export interface ParsedEntry {
	/** The file's data as js-yaml read it. */
	data: Record<string, unknown>;
	/** No credential-like text anywhere in the file (the secret scan found nothing). */
	clean: boolean;
	/** Where paths are in the text, as `locate` found them (see `positions`). */
	positions?: Record<string, Position>;
}

/** Positions in one text, by `locate`'s key. */
export interface PositionMemo {
	get(key: string): Position | undefined;
	set(key: string, position: Position): void;
}

export interface ParseCache {
	/** The entry for a text, by `textHash`. */
	get(hash: string): ParsedEntry | undefined;
	set(hash: string, entry: ParsedEntry): void;
	/**
	 * The positions found in the text with this hash, kept with its entry once that is set: a
	 * finding or a gap reported on every run would otherwise have its file parsed again, for
	 * positions, each time.
	 */
	positions(hash: string): PositionMemo;
	/** Writes what this run used (entries of files no longer there are dropped), when that changed. */
	save(): void;
}

interface Stored {
	fingerprint: string;
	entries: Map<string, ParsedEntry>;
}

export function textHash(text: string): string {
	return createHash('sha1').update(text).digest('base64url');
}

/**
 * What the cached results depend on besides the text: the reading code and the secret patterns,
 * and js-yaml's version. Any change there starts the cache over.
 */
function fingerprint(): string {
	const hash = createHash('sha1');
	for (const file of ['./source.ts', './secrets.ts', '../lib/secret-patterns.ts']) hash.update(readFileSync(new URL(file, import.meta.url)));
	const require = createRequire(import.meta.url);
	hash.update((require('js-yaml/package.json') as { version: string }).version);
	return hash.digest('base64url');
}

export function openParseCache(cacheDir: string, modelRoot: string): ParseCache {
	const file = join(cacheDir, 'parsed', `${createHash('sha1').update(resolve(modelRoot)).digest('hex').slice(0, 16)}.v8`);
	const current = fingerprint();
	let previous = new Map<string, ParsedEntry>();
	try {
		const stored = deserialize(readFileSync(file)) as Stored;
		if (stored.fingerprint === current && stored.entries instanceof Map) previous = stored.entries;
	} catch {
		// No cache yet, or an unreadable one: start over.
	}
	const used = new Map<string, ParsedEntry>();
	let added = false;
	let stored = previous.size;
	return {
		get(hash) {
			const entry = previous.get(hash);
			if (entry) used.set(hash, entry);
			return entry;
		},
		set(hash, entry) {
			used.set(hash, entry);
			added = true;
		},
		positions(hash) {
			return {
				get: (key) => used.get(hash)?.positions?.[key],
				set(key, position) {
					const entry = used.get(hash);
					if (!entry) return; // a text that is not kept
					(entry.positions ??= {})[key] = position;
					added = true;
				},
			};
		},
		save() {
			// Unchanged: nothing new, and nothing dropped.
			if (!added && used.size === stored) return;
			try {
				mkdirSync(join(cacheDir, 'parsed'), { recursive: true });
				const temporary = `${file}.${process.pid}`;
				writeFileSync(temporary, serialize({ fingerprint: current, entries: used } satisfies Stored));
				renameSync(temporary, file);
				added = false;
				stored = used.size;
			} catch {
				// A read-only cache folder: the check still works, only slower next time.
			}
		},
	};
}
