/** The exact-match index's sharding (src/site/exact-shard.ts): the build and the browser must agree. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactKey, shardCount, shardOf } from '../../src/site/exact-shard.ts';

test('a query is keyed trimmed and in lower case', () => {
	assert.equal(exactKey('  KubePodCrashLooping '), 'kubepodcrashlooping');
});

test('the shard of a key is stable and inside the range', () => {
	// Fixed values: a change here breaks every published index, so it must be deliberate.
	assert.equal(shardOf('kubepodcrashlooping', 1), 0);
	assert.equal(shardOf('kubepodcrashlooping', 16), shardOf('kubepodcrashlooping', 16));
	for (const key of ['a', 'agentregistrydown', 'grokapp-api-gateway', 'ü-ß', '']) {
		const shard = shardOf(key, 7);
		assert.ok(Number.isInteger(shard) && shard >= 0 && shard < 7, key);
	}
});

test('a thousand services spread over small shards, none much fuller than the rest', () => {
	const keys = Array.from({ length: 3000 }, (_, i) => `svc-${i}-payments`);
	const shards = shardCount(keys.length);
	assert.ok(shards >= 40, `${shards} shards`);
	const sizes = new Array(shards).fill(0);
	for (const key of keys) sizes[shardOf(key, shards)]++;
	assert.ok(Math.max(...sizes) < (keys.length / shards) * 2, `largest shard ${Math.max(...sizes)}`);
});

test('a small index is one shard', () => {
	assert.equal(shardCount(0), 1);
	assert.equal(shardCount(64), 1);
	assert.equal(shardCount(65), 2);
});
