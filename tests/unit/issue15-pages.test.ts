/** Page helpers of issue 15: code spans in plain-text fields, and freshness said in words. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { label, treeDiagram } from '../../src/diagrams/mermaid.ts';
import { freshnessText, runbookFreshness, treeFreshness } from '../../src/site/freshness.ts';
import { codeSpans } from '../../src/site/inline-text.ts';
import { model, policy, runbook, service, TODAY, tree } from './helpers.ts';

describe('code spans in plain text', () => {
	test('backtick pairs become code parts, the rest stays text', () => {
		assert.deepEqual(codeSpans('Run `kubectl get pods` then `exit`.'), [
			{ text: 'Run ', code: false },
			{ text: 'kubectl get pods', code: true },
			{ text: ' then ', code: false },
			{ text: 'exit', code: true },
			{ text: '.', code: false },
		]);
	});

	test('no backticks, an unpaired one or an empty pair leave the text as it is', () => {
		assert.deepEqual(codeSpans('plain'), [{ text: 'plain', code: false }]);
		assert.deepEqual(codeSpans('one ` only'), [{ text: 'one ` only', code: false }]);
		assert.deepEqual(codeSpans('empty `` pair'), [{ text: 'empty `` pair', code: false }]);
		assert.deepEqual(codeSpans(''), []);
	});

	test('a diagram label drops the backticks of a code span (an SVG label is plain text)', () => {
		assert.equal(label('Run `kubectl get pods` now'), '"Run kubectl get pods now"');
		assert.equal(label('one ` only'), '"one ` only"');
		assert.equal(label('`a;` and `b`'), '"a; and b"');
	});

	test("a tree's resolution label is its first sentence, not cut at a dot inside a name", () => {
		const t = tree('t', { start: 'a', nodes: [{ id: 'a', question: 'DNS?', answers: [{ label: 'Slow', resolution: 'Check `resolvectl query api.example.com`. Then retry.' }] }] });
		const d = treeDiagram(t, (node) => `#node-${node}`);
		assert.match(d.text, /\("Resolved: Check resolvectl query api\.example\.com"\)$/m);
		assert.doesNotMatch(d.text.split('\n').find((line) => line.startsWith('accDescr'))!, /`/);
	});

	test('markup in the text is kept as text for the component to escape', () => {
		assert.deepEqual(codeSpans('<b>x</b> `<script>`'), [
			{ text: '<b>x</b> ', code: false },
			{ text: '<script>', code: true },
		]);
	});
});

describe('freshness of runbooks and trees', () => {
	const m = model({
		services: [service('pay', { tier: 1 }), service('tool', { tier: 3 })],
		runbooks: [
			runbook('old', { services: ['tool', 'pay'], lastTested: '2025-01-02' }),
			runbook('new', { services: ['pay'], lastTested: '2026-11-01' }),
			runbook('never', { services: ['pay'] }),
			runbook('dr', { kind: 'disaster-recovery', services: ['tool'], lastTested: '2026-07-01' }),
		],
		trees: [tree('t', { services: ['pay'], lastReviewed: '2025-01-02' })],
		policy: policy({ freshness: { review: '365d', restoreTest: '90d', runbookTest: { '1': '90d', default: '365d' }, treeReview: '180d', runbookTestByKind: { 'disaster-recovery': '120d' } } }),
	});
	test('a runbook is judged by the window of its most critical service and says "stale" in words', () => {
		const old = runbookFreshness(m, m.runbooks.get('old')!, TODAY);
		assert.equal(old.window, '90d');
		assert.equal(old.stale, true);
		assert.equal(freshnessText(old, 'Tested'), 'Tested 2025-01-02 — stale (window 90d)');
		assert.equal(freshnessText(old, 'Tested', false), '2025-01-02 — stale (window 90d)');
	});
	test('a fresh or never-tested runbook is not called stale', () => {
		const fresh = runbookFreshness(m, m.runbooks.get('new')!, TODAY);
		assert.equal(fresh.stale, false);
		assert.equal(freshnessText(fresh, 'Tested'), 'Tested 2026-11-01');
		const never = runbookFreshness(m, m.runbooks.get('never')!, TODAY);
		assert.equal(never.stale, false);
		assert.equal(freshnessText(never, 'Tested'), 'Never tested');
	});
	test('a runbook of a kind with its own window is judged by that window', () => {
		const dr = runbookFreshness(m, m.runbooks.get('dr')!, TODAY);
		assert.equal(freshnessText(dr, 'Tested'), 'Tested 2026-07-01 — stale (window 120d)');
	});
	test('a tree is judged by the tree-review window', () => {
		const t = treeFreshness(m, m.trees.get('t')!, TODAY);
		assert.equal(freshnessText(t, 'Reviewed'), 'Reviewed 2025-01-02 — stale (window 180d)');
	});
});
