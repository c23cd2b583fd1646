/**
 * Where the exact-match index keeps a key. The index is split into shards by a hash of the
 * whole key, so the search box fetches one small file for what was typed instead of the whole
 * index (1.2 MB at 1,000 services). Shared by the build (src/pages/exact/) and the browser
 * (the Search override): both must agree, so this module stays free of anything else.
 */

/** A query as the index keys it. */
export function exactKey(query: string): string {
	return query.trim().toLowerCase();
}

/** Entries per shard the build aims for: a few kilobytes each. */
const PER_SHARD = 64;

/** How many shards an index of this many entries is split into. */
export function shardCount(entries: number): number {
	return Math.max(1, Math.ceil(entries / PER_SHARD));
}

/** The shard of a key: FNV-1a over its UTF-16 code units, modulo the shard count. */
export function shardOf(key: string, shards: number): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) {
		hash ^= key.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash % shards;
}
