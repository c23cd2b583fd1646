/** The plain-text files published beside the pages: every source file and every diagram, verbatim. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadModel } from '../../src/load/index.ts';
import { publishedFiles, siteDiagramList } from '../../src/site/published.ts';
import { repoRoot } from './helpers.ts';

const root = join(repoRoot, 'tests', 'fixtures', 'good', 'minimal');
const result = loadModel(root, { cwd: root });
const files = publishedFiles(result);
const byPath = new Map(files.map((file) => [file.path, file.text]));

describe('published files', () => {
	test('every model file a page comes from, as written', () => {
		const sources = files.filter((file) => file.path.startsWith('source/')).map((file) => file.path).sort();
		assert.deepEqual(sources, [
			'source/incident-management.yaml',
			'source/policy.yaml',
			'source/runbooks/checkout-api-down.yaml',
			'source/runbooks/orders-db-restore.yaml',
			'source/security-response-plan.yaml',
			'source/services/checkout-api.yaml',
			'source/services/email-worker.yaml',
			'source/services/orders-db.yaml',
			'source/systems/shop.yaml',
			'source/teams/payments.yaml',
			'source/teams/platform.yaml',
			'source/trees/checkout-errors.yaml',
		]);
		assert.equal(byPath.get('source/services/checkout-api.yaml'), readFileSync(join(root, 'services', 'checkout-api.yaml'), 'utf8'));
	});

	test("every diagram's mermaid text, one file each; tree nodes link to their section", () => {
		const diagrams = siteDiagramList(result.model);
		assert.deepEqual(files.filter((file) => file.path.endsWith('.mmd')).map((file) => file.path), diagrams.map((d) => `diagrams/${d.key}.mmd`));
		assert.ok(byPath.has('diagrams/architecture.mmd'));
		const tree = byPath.get('diagrams/tree/checkout-errors.mmd')!;
		assert.match(tree, /^flowchart/m);
		assert.match(tree, /^click n_health href "#node-health"/m);
	});
});
