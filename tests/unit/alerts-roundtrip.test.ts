/**
 * The alert round trip on real rule files (tests/fixtures/import/prometheus, upstream files
 * unchanged): annotate points every rule at its handbook page and changes nothing else, byte for
 * byte; check finds an alert the model lacks and a runbook_url that leads to no built page.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { alertPage, annotate } from '../../src/alerts/annotate.ts';
import { checkRules } from '../../src/alerts/check.ts';
import { readRules } from '../../src/alerts/rules.ts';
import { alertSlug } from '../../src/site/alert-slug.ts';
import { fixtures, model, runbook, service } from './helpers.ts';

const SITE = 'https://ops.example.com/handbook';
const folder = join(fixtures, 'import', 'prometheus');
const files = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
const texts = new Map(files.map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
const names = [...new Set([...texts.values()].flatMap((text) => readRules(text).rules.map((rule) => rule.name)))];

/** A model that knows every alert of the files but the last, each on a service with a dashboard, half with a runbook. */
function knowing(known: string[]) {
	const services = known.map((name, i) =>
		service(`s${i}`, {
			links: [{ type: 'dashboard', url: `https://grafana.example.com/d/s${i}` }],
			alerts: [{ name, severity: 'critical', summary: 'Fires.', ...(i % 2 ? { runbookUrl: `https://runbooks.example.com/${name}` } : { runbook: 'shared' }) }],
		}),
	);
	return model({ services, runbooks: [runbook('shared', { services: ['s0'] })] });
}

const stripAnnotations = (text: string) => text.split('\n').filter((line) => !/^\s*(runbook_url|dashboard_url|annotations):/.test(line)).join('\n');

describe('annotate', () => {
	const m = knowing(names);
	for (const [name, text] of texts) {
		test(`${name}: every alerting rule points at its page; nothing else in the file changes`, () => {
			const result = annotate(text, m, SITE);
			assert.equal(result.problem, undefined);
			assert.deepEqual(result.unknown, []);
			const rules = readRules(result.text).rules;
			assert.ok(rules.length > 0);
			for (const rule of rules) assert.equal(rule.runbookUrl, alertPage(SITE, rule.name));
			// Only annotation lines differ: same comments, quoting, folding, indentation.
			assert.equal(stripAnnotations(result.text), stripAnnotations(text));
			assert.ok(result.text.includes('dashboard_url: https://grafana.example.com/d/s'));
			// A second run is a no-op.
			const again = annotate(result.text, m, SITE);
			assert.equal(again.text, result.text);
			assert.deepEqual(again.changed, []);
		});
	}
	test('all 126 real alerting rules are found (recording rules are not alerts)', () => {
		const count = [...texts.values()].reduce((sum, text) => sum + readRules(text).rules.length, 0);
		assert.equal(count, 126);
	});
	test('a rule without annotations gets a block at its own indentation; a file without a final newline keeps working', () => {
		const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels:\n          severity: critical';
		const result = annotate(text, knowing(['A']), SITE);
		assert.equal(result.text, `${text}\n        annotations:\n          runbook_url: ${SITE}/alerts/A/\n          dashboard_url: https://grafana.example.com/d/s0`);
		assert.deepEqual(readRules(result.text).rules.map((r) => r.runbookUrl), [`${SITE}/alerts/A/`]);
	});
	test('flow-style annotations get the entries inside their braces; an odd alert name gets a safe page address', () => {
		const text = 'groups:\n- name: g\n  rules:\n  - alert: "Disk full / root"\n    expr: x\n    annotations: { summary: "Full." }\n';
		const result = annotate(text, knowing(['Disk full / root']), SITE);
		const url = `${SITE}/alerts/${alertSlug('Disk full / root')}/`;
		assert.match(alertSlug('Disk full / root'), /^Disk-full-root-[a-z0-9]+$/);
		assert.ok(result.text.includes(`annotations: { summary: "Full.", runbook_url: ${JSON.stringify(url)}, dashboard_url: "https://grafana.example.com/d/s0" }`), result.text);
	});
});

describe('check', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'opsbook-alerts-'));
	after(() => rmSync(scratch, { recursive: true, force: true }));
	const text = texts.get('etcd-mixin-alerts.yaml')!;
	const all = readRules(text).rules.map((rule) => rule.name);
	// The model lacks the last alert; the site was built with every page but one.
	const m = knowing(all.slice(0, -1));
	const dist = join(scratch, 'dist');
	for (const name of all.slice(1, -1)) {
		mkdirSync(join(dist, 'alerts', alertSlug(name)), { recursive: true });
		writeFileSync(join(dist, 'alerts', alertSlug(name), 'index.html'), '<!doctype html>');
	}
	const annotated = annotate(text, knowing(all), SITE).text;
	const problems = checkRules(annotated, m, { siteUrl: SITE, dist }).problems.map((p) => `${p.line}: ${p.message}`);

	test('an alert the model lacks is a problem, with the nearest name', () => {
		assert.ok(problems.some((p) => p.includes(`alert ${all.at(-1)} is not in the model`)), problems.join('\n'));
	});
	test('a runbook_url into the handbook that names no built page is a 404', () => {
		assert.ok(problems.some((p) => p.includes(`runbook_url ${SITE}/alerts/${all[0]}/ is not a page of the built handbook (404)`)), problems.join('\n'));
	});
	test('nothing else: the rest are known, have runbooks and land on pages', () => {
		assert.equal(problems.length, 2, problems.join('\n'));
	});
	test('the upstream file, not annotated: the rules without a runbook_url are flagged, external ones are not judged', () => {
		const plain = checkRules(text, knowing(all), { siteUrl: SITE, dist });
		const without = readRules(text).rules.filter((rule) => !rule.runbookUrl).length;
		assert.ok(without > 0);
		assert.equal(plain.problems.length, without);
		assert.ok(plain.problems.every((p) => p.message.includes('has no annotations.runbook_url')));
	});
});
