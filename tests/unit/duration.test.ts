import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DURATION_PATTERN, formatDuration, parseDuration, seconds } from '../../src/lib/duration.ts';

describe('parseDuration', () => {
	const cases: [string, number][] = [
		['0', 0],
		['250ms', 0.25],
		['30s', 30],
		['15m', 900],
		['2h', 7200],
		['1d', 86400],
		['2w', 1209600],
		['1h30m', 5400],
		['1.5h', 5400],
		['1d12h', 129600],
		['0m', 0],
		['90s', 90],
	];
	for (const [text, expected] of cases) {
		test(`${text} is ${expected} s`, () => assert.equal(parseDuration(text), expected));
	}

	for (const text of ['', '15', '1hour', '1H', '-1h', 'h', '1 h', '1h ', ' 1h', '1.h', '.5h', 'PT1H', '1y', '00']) {
		test(`${JSON.stringify(text)} is not a duration`, () => assert.equal(parseDuration(text), undefined));
	}

	test('the pattern is anchored at both ends', () => {
		const pattern = new RegExp(DURATION_PATTERN);
		assert.ok(pattern.test('15m'));
		assert.ok(!pattern.test('x15m'));
		assert.ok(!pattern.test('15mx'));
	});
});

describe('seconds', () => {
	test('returns the same value as parseDuration', () => assert.equal(seconds('4h'), 14400));
	test('throws on text that is not a duration', () => assert.throws(() => seconds('soon'), /not a duration: soon/));
});

describe('formatDuration', () => {
	const cases: [number, string][] = [
		[0, '0'],
		[0.2, '200 ms'],
		[0.25, '250 ms'],
		[1, '1 s'],
		[1.5, '1.5 s'],
		[30, '30 s'],
		[60, '1 min'],
		[90, '1.5 min'],
		[900, '15 min'],
		[2580, '43 min'],
		[2592, '43.2 min'],
		[3600, '1 h'],
		[5400, '1 h 30 min'],
		[14400, '4 h'],
		[47 * 3600, '47 h'],
		[48 * 3600, '2 d'],
		[86400 * 30, '30 d'],
		[86400 * 2.5, '2.5 d'],
	];
	for (const [input, expected] of cases) {
		test(`${input} s is "${expected}"`, () => assert.equal(formatDuration(input), expected));
	}

	test('rounding never yields 60 of a unit', () => {
		assert.equal(formatDuration(0.9999), '1 s');
		assert.equal(formatDuration(59.99), '1 min');
		assert.equal(formatDuration(3599), '1 h');
		assert.equal(formatDuration(7199), '2 h');
		assert.equal(formatDuration(3600 + 59.8 * 60), '2 h');
	});

	test('round-trips the durations operators write', () => {
		for (const [text, shown] of [['15m', '15 min'], ['2h', '2 h'], ['250ms', '250 ms'], ['7d', '7 d'], ['1h30m', '1 h 30 min']] as const) {
			assert.equal(formatDuration(seconds(text)), shown);
		}
	});
});
