/**
 * Business impact analysis: the schema on systems and services, how a service's own analysis
 * overrides its system's, and the finding for an RTO longer than the maximum tolerable downtime.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyse, findingTitles, rtosBeyondMtd } from '../../src/analysis/findings.ts';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { impactOf } from '../../src/model/governance.ts';
import { businessImpact, describeCost, serviceImpact } from '../../src/model/impact.ts';
import { systemSchema } from '../../src/model/system.ts';
import { model, service, system } from './helpers.ts';

const IMPACT = {
	dependents: [
		{ who: 'Business-plan customers', type: 'customers' as const, impact: 'Cannot chat.' },
		{ who: 'Support', type: 'internal' as const, team: 'team-a' },
	],
	outage: 'Customers cannot chat; the SLA breaks after 3.6 h a month.',
	costPerHour: { amount: 2500, currency: 'EUR' },
	maxTolerableDowntime: '4h',
	workaround: 'Post on the status page; Business customers get e-mail updates.',
};
const rto = (value: string) => ({ recovery: { rto: value, stateless: true } });

describe('the schema', () => {
	test('a system takes an impact analysis; dependents default to none', () => {
		const parsed = systemSchema.parse({ id: 'shop', name: 'Shop', summary: 'Sells.', owner: 'team-a', impact: { outage: 'No sales.', maxTolerableDowntime: '1d' } });
		assert.deepEqual(parsed.impact, { dependents: [], outage: 'No sales.', maxTolerableDowntime: '1d' });
	});
	test('the outage and the maximum tolerable downtime are required on a system', () => {
		const result = businessImpact.safeParse({ dependents: [] });
		assert.equal(result.success, false);
		assert.deepEqual(result.error!.issues.map((issue) => issue.path.join('.')).sort(), ['maxTolerableDowntime', 'outage']);
	});
	test('a cost is an amount with an ISO currency, or the estimate as written', () => {
		assert.equal(businessImpact.safeParse({ ...IMPACT, costPerHour: 'AUD 200–500' }).success, true);
		const bad = businessImpact.safeParse({ ...IMPACT, costPerHour: { amount: 10, currency: 'euro' } });
		assert.equal(bad.success, false);
		assert.equal(describeCost({ amount: 2500, currency: 'EUR' }), 'EUR 2,500');
		assert.equal(describeCost('AUD 200–500'), 'AUD 200–500');
		assert.equal(describeCost(undefined), undefined);
	});
	test('a dependent is customers, internal or partners; unknown fields are refused', () => {
		assert.equal(businessImpact.safeParse({ ...IMPACT, dependents: [{ who: 'Bots', type: 'robots' }] }).success, false);
		assert.equal(businessImpact.safeParse({ ...IMPACT, mtd: '4h' }).success, false);
	});
	test('the MTD is a duration', () => {
		assert.equal(businessImpact.safeParse({ ...IMPACT, maxTolerableDowntime: 'four hours' }).success, false);
	});
	test('on a service every field is optional', () => {
		assert.deepEqual(serviceImpact.parse({ maxTolerableDowntime: '1d' }), { maxTolerableDowntime: '1d' });
		assert.deepEqual(service('api', { impact: {} }).impact, {});
	});
});

describe('a service\'s impact: its own fields over its system\'s', () => {
	test('inherits the system\'s analysis', () => {
		const m = model({ systems: [system('core', { impact: IMPACT })], services: [service('api')] });
		const impact = impactOf(m, m.services.get('api')!)!;
		assert.equal(impact.maxTolerableDowntime, '4h');
		assert.equal(impact.mtdFrom, 'system');
		assert.equal(impact.system?.id, 'core');
		assert.equal(impact.dependents?.length, 2);
	});
	test('a field the service gives replaces the system\'s; the others stay', () => {
		const m = model({ systems: [system('core', { impact: IMPACT })], services: [service('api', { impact: { maxTolerableDowntime: '1d', workaround: 'Use the dashboard.' } })] });
		const impact = impactOf(m, m.services.get('api')!)!;
		assert.equal(impact.maxTolerableDowntime, '1d');
		assert.equal(impact.mtdFrom, 'service');
		assert.equal(impact.workaround, 'Use the dashboard.');
		assert.equal(impact.outage, IMPACT.outage);
	});
	test('none when neither says anything', () => {
		const m = model({ services: [service('api')] });
		assert.equal(impactOf(m, m.services.get('api')!), undefined);
	});
	test('a service of a system without an analysis may have its own', () => {
		const m = model({ services: [service('api', { impact: { outage: 'Nothing works.', maxTolerableDowntime: '2h' } })] });
		const impact = impactOf(m, m.services.get('api')!)!;
		assert.equal(impact.mtdFrom, 'service');
		assert.equal(impact.system, undefined);
	});
});

describe('finding: RTO beyond the maximum tolerable downtime', () => {
	test('a service whose RTO is longer than its system\'s MTD', () => {
		const m = model({ systems: [system('core', { impact: IMPACT })], services: [service('api', rto('1h')), service('db', rto('8h'))] });
		assert.deepEqual(rtosBeyondMtd(m), [
			{
				kind: 'rto-beyond-mtd',
				service: 'db',
				services: ['db'],
				path: ['recovery', 'rto'],
				message: "db may take 8 h to recover (RTO 8h) but its system core's maximum tolerable downtime is 4 h (MTD 4h)",
				fix: 'plan a recovery within 4h and set "rto: 4h" or less, or, if the business can bear a longer outage of this service, say so in "impact.maxTolerableDowntime" in systems/core.yaml (or give the service its own "impact.maxTolerableDowntime")',
			},
		]);
	});
	test('an RTO equal to the MTD is no finding', () => {
		const m = model({ systems: [system('core', { impact: IMPACT })], services: [service('api', rto('4h'))] });
		assert.deepEqual(rtosBeyondMtd(m), []);
	});
	test('a service\'s own MTD replaces its system\'s, both ways', () => {
		const longer = model({ systems: [system('core', { impact: IMPACT })], services: [service('grafana', { ...rto('8h'), impact: { maxTolerableDowntime: '1d' } })] });
		assert.deepEqual(rtosBeyondMtd(longer), []);
		const shorter = model({ systems: [system('core', { impact: IMPACT })], services: [service('pager', { ...rto('1h'), impact: { maxTolerableDowntime: '30m' } })] });
		const [finding] = rtosBeyondMtd(shorter);
		assert.equal(finding?.message, 'pager may take 1 h to recover (RTO 1h) but its own maximum tolerable downtime is 30 min (MTD 30m)');
		assert.equal(finding?.fix, 'plan a recovery within 30m and set "rto: 30m" or less, or, if the business can bear a longer outage of this service, say so in "impact.maxTolerableDowntime" on this service');
	});
	test('no finding without an RTO or without an MTD', () => {
		assert.deepEqual(rtosBeyondMtd(model({ systems: [system('core', { impact: IMPACT })], services: [service('api')] })), []);
		assert.deepEqual(rtosBeyondMtd(model({ services: [service('api', rto('1w'))] })), []);
	});
	test('is part of the analysis, with a title', () => {
		const m = model({ systems: [system('core', { impact: IMPACT })], services: [service('db', rto('8h'))] });
		assert.deepEqual(analyse(m).map((f) => f.kind), ['rto-beyond-mtd']);
		assert.equal(findingTitles['rto-beyond-mtd'], 'RTO beyond tolerable downtime');
	});
});

describe('from YAML', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'opsbook-bia-'));
	after(() => rmSync(scratch, { recursive: true, force: true }));
	let counter = 0;
	const write = (files: Record<string, string>) => {
		const root = join(scratch, `m${++counter}`);
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(dirname(join(root, file)), { recursive: true });
			writeFileSync(join(root, file), text);
		}
		return loadModel(root, { cwd: root });
	};
	const TEAM = 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n';
	const SYSTEM = `id: core
name: Core
summary: The core system.
owner: platform
impact:
  dependents:
    - who: The platform team
      type: internal
      team: platfrom
  outage: Nothing ships.
  costPerHour: { amount: 400, currency: EUR }
  maxTolerableDowntime: 4h
`;
	const SERVICE = `id: db
name: DB
summary: Holds it all.
kind: database
tier: 2
lifecycle: production
system: core
owner: platform
dataClassification: internal
recovery:
  rto: 8h
  rpo: 1h
`;
	test('a dependent team that is not in the model is an error with the nearest id', () => {
		const loaded = write({ 'teams/platform.yaml': TEAM, 'systems/core.yaml': SYSTEM, 'services/db.yaml': SERVICE });
		assert.deepEqual(loaded.diagnostics.map(formatDiagnostic), ['systems/core.yaml:9:13  impact.dependents[0].team  unknown team "platfrom"; did you mean "platform"?']);
	});
	test('so is one in a service\'s own analysis', () => {
		const loaded = write({
			'teams/platform.yaml': TEAM,
			'systems/core.yaml': SYSTEM.replace('platfrom', 'platform'),
			'services/db.yaml': `${SERVICE}impact:\n  dependents:\n    - who: Ops\n      type: internal\n      team: platfor\n`,
		});
		assert.deepEqual(loaded.diagnostics.map(formatDiagnostic), ['services/db.yaml:17:13  impact.dependents[0].team  unknown team "platfor"; did you mean "platform"?']);
	});
	test('the finding points at the RTO line of the service file', () => {
		const loaded = write({ 'teams/platform.yaml': TEAM, 'systems/core.yaml': SYSTEM.replace('platfrom', 'platform'), 'services/db.yaml': SERVICE });
		assert.deepEqual(loaded.diagnostics, []);
		const [finding] = rtosBeyondMtd(loaded.model);
		assert.ok(finding);
		assert.deepEqual(loaded.position(loaded.model.services.get(finding.service)!.file, finding.path), { line: 11, column: 8 });
	});
});

describe('the business impact table', () => {
	test('a row per system with an analysis: the longest RTO, the services beyond the MTD, the ones with their own', async () => {
		const { impactRows, impactWithoutSystem } = await import('../../src/site/queries-governance.ts');
		const m = model({
			systems: [system('core', { impact: IMPACT }), system('ops')],
			services: [
				service('api', { ...rto('1h'), tier: 1 }),
				service('db', rto('8h')),
				service('grafana', { ...rto('8h'), impact: { maxTolerableDowntime: '1d' } }),
				service('tool', { system: 'ops', ...rto('1d'), impact: { outage: 'Nothing.', maxTolerableDowntime: '1w' } }),
			],
		});
		const rows = impactRows(m);
		assert.equal(rows.length, 1);
		assert.equal(rows[0]!.system.id, 'core');
		assert.deepEqual([rows[0]!.longest?.service.id, rows[0]!.longest?.rto], ['db', '8h']);
		assert.deepEqual(rows[0]!.beyond.map((s) => s.id), ['db']);
		assert.deepEqual(rows[0]!.overrides.map((o) => `${o.service.id} ${o.impact.maxTolerableDowntime} ${o.impact.mtdFrom}`), ['grafana 1d service']);
		assert.deepEqual(impactWithoutSystem(m).map((s) => s.id), ['tool']);
	});
});
