/**
 * Parsed model files kept between runs, by the hash of their text: a re-check after one edit
 * parses one file. Reading YAML (and the hostile-input scans before it, and the secret scan of
 * the text) is most of a check's time; the schema checks, the references and the coverage run
 * every time, on every file, so the result is the same as without the cache.
 *
 *   <cacheDir>/parsed/<model folder hash>.v8   one file per model folder
 *
 * Only files that js-yaml read cleanly are kept (a file with an error, anchors or aliases goes to
 * the reference parser each time). The file is written in V8's serialisation format (plain data,
 * no code), and starts over when the parser or the secret patterns change (`fingerprint`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';

export interface ParsedEntry {
	/** The file's data as js-yaml read it. */
	data: Record<string, unknown>;
	/** No credential-like text anywhere in the file (the secret scan found nothing). */
	clean: boolean;
}

export interface ParseCache {
	/** The entry for a text, by `textHash`. */
	get(hash: string): ParsedEntry | undefined;
	set(hash: string, entry: ParsedEntry): void;
	/** Writes what this run used (entries of files no longer there are dropped). */
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
		save() {
			// Unchanged: nothing new, and nothing dropped.
			if (!added && used.size === previous.size) return;
			try {
				mkdirSync(join(cacheDir, 'parsed'), { recursive: true });
				const temporary = `${file}.${process.pid}`;
				writeFileSync(temporary, serialize({ fingerprint: current, entries: used } satisfies Stored));
				renameSync(temporary, file);
			} catch {
				// A read-only cache folder: the check still works, only slower next time.
			}
		},
	};
}
