import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closest, distance } from '../../src/lib/closest.ts';

describe('distance', () => {
	test('is 0 for equal strings', () => assert.equal(distance('platform', 'platform'), 0));
	test('counts a transposition as two edits', () => assert.equal(distance('platfrom', 'platform'), 2));
	test('counts insertions and deletions', () => {
		assert.equal(distance('', 'abc'), 3);
		assert.equal(distance('abc', ''), 3);
		assert.equal(distance('postgress', 'postgres'), 1);
	});
	test('is symmetric', () => assert.equal(distance('kitten', 'sitting'), distance('sitting', 'kitten')));
	test('classic example: kitten → sitting is 3', () => assert.equal(distance('kitten', 'sitting'), 3));
});

describe('closest', () => {
	const teams = ['platform', 'payments', 'data', 'security'];

	test('finds a misspelt id', () => assert.equal(closest('platfrom', teams), 'platform'));
	test('finds a doubled letter', () => assert.equal(closest('postgress', ['postgres', 'redis']), 'postgres'));
	test('ignores case', () => assert.equal(closest('Platform', teams), 'platform'));
	test('prefers an unambiguous abbreviation', () => assert.equal(closest('prod', ['experimental', 'production', 'deprecated', 'retired']), 'production'));
	test('suggests nothing for an unrelated word', () => assert.equal(closest('kubernetes', teams), undefined));
	test('suggests nothing without candidates', () => assert.equal(closest('anything', []), undefined));
	test('accepts any iterable', () => assert.equal(closest('secuirty', new Set(teams)), 'security'));
	test('breaks ties alphabetically, so suggestions are stable', () => assert.equal(closest('ab', ['ac', 'aa']), 'aa'));
	test('a one-letter fragment of a longer name is no hint', () => assert.equal(closest('a', ['name', 'summary']), undefined));
	test('a word containing the candidate is a hint', () => assert.equal(closest('payments-service', ['payments', 'platform']), 'payments'));
	test('an ambiguous prefix falls back to edit distance', () => assert.equal(closest('pay', ['payments', 'payroll', 'play']), 'play'));
	test('unknown field names get the nearest schema key', () => {
		const keys = ['id', 'name', 'summary', 'description', 'system', 'owner', 'tier', 'lifecycle'];
		assert.equal(closest('owners', keys), 'owner');
		assert.equal(closest('lifecyle', keys), 'lifecycle');
		assert.equal(closest('colour', keys), undefined);
	});
});
