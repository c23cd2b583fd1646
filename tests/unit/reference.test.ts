/** The model reference is walked from the schemas, and every example on it validates. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { examples, moreExamples } from '../../src/model/examples.ts';
import { kinds, type KindName } from '../../src/model/kinds.ts';
import { kindReferences, referenceRows, type FieldRow } from '../../src/model/reference.ts';
import { serviceSchema } from '../../src/model/service.ts';

const names = Object.keys(kinds) as KindName[];

describe('every kind has an example that its schema accepts', () => {
	for (const kind of names) {
		test(kind, () => {
			const example = examples[kind];
			assert.ok(example, `no example for ${kind}`);
			const result = kinds[kind].schema.safeParse(parse(example));
			const issues = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
			assert.deepEqual(issues, []);
		});
	}
});

describe('the further examples validate too', () => {
	for (const [kind, list] of Object.entries(moreExamples) as [KindName, { title: string; yaml: string }[]][]) {
		for (const more of list) {
			test(`${kind}: ${more.title}`, () => {
				const result = kinds[kind].schema.safeParse(parse(more.yaml));
				assert.deepEqual(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), []);
			});
		}
	}
});

describe('referenceRows', () => {
	const rows = referenceRows(serviceSchema);
	const row = (path: string): FieldRow => {
		const found = rows.find((r) => r.path === path);
		assert.ok(found, `no row for ${path}`);
		return found;
	};

	test('lists top-level, nested and list-item fields with dotted paths', () => {
		for (const path of ['id', 'owner', 'recovery', 'recovery.rto', 'recovery.backup.lastRestoreTest', 'dependencies', 'dependencies[].type', 'alerts[].runbook', 'sla.responseTimes[].severity']) row(path);
		assert.equal(row('recovery.backup.lastRestoreTest').depth, 2);
		assert.equal(row('dependencies[].type').depth, 1);
	});

	test('names types: ids, references, durations, dates, enums, lists, bounded numbers', () => {
		assert.equal(row('id').type, 'id (kebab-case)');
		assert.equal(row('owner').type, 'id of a team');
		assert.equal(row('system').type, 'id of a system');
		assert.equal(row('dependencies[].service').type, 'id of a service');
		assert.equal(row('alerts[].runbook').type, 'id of a runbook');
		assert.equal(row('recovery.rto').type, 'duration');
		assert.equal(row('lastReviewed').type, 'date (YYYY-MM-DD)');
		assert.equal(row('description').type, 'Markdown');
		assert.equal(row('links[].url').type, 'URL');
		assert.equal(row('tier').type, 'integer, 1 to 4');
		assert.equal(row('slos[].target').type, 'number, > 0 and ≤ 100');
		assert.equal(row('tags').type, 'list of strings');
		assert.equal(row('dependencies').type, 'list of objects');
		assert.equal(row('exposesApi').type, 'true or false');
		assert.deepEqual(row('dependencies[].type').values, ['hard', 'soft']);
	});

	test('says what is required, optional or defaulted', () => {
		assert.equal(row('id').required, true);
		assert.equal(row('recovery').required, false);
		assert.equal(row('recovery').default, undefined);
		assert.equal(row('recovery.rto').required, true, 'required inside its optional parent');
		assert.equal(row('tags').required, false);
		assert.equal(row('tags').default, '[] (none)');
		assert.equal(row('exposesApi').default, 'false');
		assert.equal(row('slos[].budgetingMethod').default, '"occurrences"');
	});

	test('keeps the field description over the building block description', () => {
		assert.match(row('owner').description, /owning team/);
		assert.match(row('recovery').description, /Recovery objectives/);
	});

	test('walks schemas built in place, list minimums and enum lists', () => {
		const schema = z.strictObject({
			a: z.array(z.enum(['x', 'y'])).min(1).describe('A.'),
			b: z.strictObject({ c: z.number().optional() }).default({}),
			d: z.preprocess((value) => value, z.int().min(0)),
		});
		assert.deepEqual(referenceRows(schema), [
			{ path: 'a', depth: 0, type: 'list (at least 1), each item one of', values: ['x', 'y'], required: true, description: 'A.' },
			{ path: 'b', depth: 0, type: 'object', required: false, default: '{}', description: '' },
			{ path: 'b.c', depth: 1, type: 'number', required: false, description: '' },
			{ path: 'd', depth: 0, type: 'integer, ≥ 0', required: true, description: '' },
		]);
	});
});

describe('kindReferences', () => {
	test('covers every kind with its location, description and fields', () => {
		const all = kindReferences();
		assert.deepEqual(all.map((k) => k.name), names);
		for (const kind of all) {
			assert.ok(kind.description, `${kind.name} has no description`);
			assert.ok(kind.rows.length > 0, `${kind.name} has no fields`);
			const unnamed = kind.rows.filter((r) => !r.type || /undefined|^(pipe|transform|unknown|any)\b/.test(r.type));
			assert.deepEqual(unnamed.map((r) => r.path), [], `${kind.name} has fields without a readable type`);
		}
		assert.equal(all.find((k) => k.name === 'services')!.location, 'services/<id>.yaml');
		assert.equal(all.find((k) => k.name === 'policy')!.location, 'policy.yaml');
	});
});
