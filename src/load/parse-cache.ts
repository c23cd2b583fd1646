/**
 * Parsed model files kept between runs, by the hash of their text: a re-check after one edit
 * parses one file. Reading YAML (and the hostile-input scans before it, and the secret scan of
 * the text) is most of a check's time; the schema checks, the references and the coverage run
 * every time, on every file, so the result is the same as without the cache.
 *
 *   <cacheDir>/parsed/<model folder hash>/<c>.v8   one folder per model folder, one file per
 *                                                  first character of the text hashes in it
 *
 * Only files that js-yaml read cleanly are kept (a file with an error, anchors or aliases goes to
 * the reference parser each time), with the positions a report looked up in them. The entries are
 * spread over 64 files so that an edit rewrites two small files, not the whole cache (14 MB at
 * 1,000 services). The files are written in V8's serialisation format (plain data, no code), and
 * start over when the parser or the secret patterns change (`fingerprint`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
	/** Writes what this run used (entries of files no longer there are dropped), where that changed. */
	save(): void;
}

interface Stored {
	fingerprint: string;
	entries: Map<string, ParsedEntry>;
}

/** One of the cache's files: the entries whose hash starts with one character. */
interface Shard {
	previous: Map<string, ParsedEntry>;
	used: Map<string, ParsedEntry>;
	/** Entries set or given positions in this run. */
	changed: boolean;
	/** How many entries its file holds now. */
	stored: number;
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

// base64url's alphabet, one file per first character (a file name on any file system: case
// matters, so the upper-case letters are written with a "_" before them).
const shardName = (hash: string) => `${/[A-Z]/.test(hash[0]!) ? '_' : ''}${hash[0]}.v8`;

export function openParseCache(cacheDir: string, modelRoot: string): ParseCache {
	const folder = join(cacheDir, 'parsed', createHash('sha1').update(resolve(modelRoot)).digest('hex').slice(0, 16));
	const current = fingerprint();
	// The one-file cache of earlier versions, beside this folder.
	rmSync(`${folder}.v8`, { force: true });
	const shards = new Map<string, Shard>();
	let names: string[] = [];
	try {
		names = readdirSync(folder).filter((name) => name.endsWith('.v8'));
	} catch {
		// No cache yet.
	}
	for (const name of names) {
		let previous = new Map<string, ParsedEntry>();
		try {
			const stored = deserialize(readFileSync(join(folder, name))) as Stored;
			if (stored.fingerprint === current && stored.entries instanceof Map) previous = stored.entries;
		} catch {
			// An unreadable file: its entries are parsed again and it is written anew.
		}
		// A file that was not (or no longer) readable counts as holding one entry, so it is rewritten.
		shards.set(name, { previous, used: new Map(), changed: false, stored: previous.size || 1 });
	}
	const shardOf = (hash: string): Shard => {
		const name = shardName(hash);
		let shard = shards.get(name);
		if (!shard) shards.set(name, (shard = { previous: new Map(), used: new Map(), changed: false, stored: 0 }));
		return shard;
	};
	return {
		get(hash) {
			const shard = shardOf(hash);
			const entry = shard.previous.get(hash);
			if (entry) shard.used.set(hash, entry);
			return entry;
		},
		set(hash, entry) {
			const shard = shardOf(hash);
			shard.used.set(hash, entry);
			shard.changed = true;
		},
		positions(hash) {
			return {
				get: (key) => shardOf(hash).used.get(hash)?.positions?.[key],
				set(key, position) {
					const shard = shardOf(hash);
					const entry = shard.used.get(hash);
					if (!entry) return; // a text that is not kept
					(entry.positions ??= {})[key] = position;
					shard.changed = true;
				},
			};
		},
		save() {
			for (const [name, shard] of shards) {
				// Unchanged: nothing new, and nothing dropped.
				if (!shard.changed && shard.used.size === shard.stored) continue;
				try {
					mkdirSync(folder, { recursive: true });
					const file = join(folder, name);
					if (shard.used.size === 0) rmSync(file, { force: true });
					else {
						const temporary = `${file}.${process.pid}`;
						writeFileSync(temporary, serialize({ fingerprint: current, entries: shard.used } satisfies Stored));
						renameSync(temporary, file);
					}
					shard.changed = false;
					shard.stored = shard.used.size;
				} catch {
					// A read-only cache folder: the check still works, only slower next time.
				}
			}
		},
	};
}
