/** `opsbook import prometheus` on the real rule files in tests/fixtures/import/prometheus/ (see its SOURCES.md). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { runImport } from '../../src/import/index.ts';
import { alertEntry, importPrometheus, parseAlertMap, type ImportedAlert } from '../../src/import/prometheus.ts';
import { collectFiles, readYamlInputs } from '../../src/import/read.ts';
import { isTodo } from '../../src/lib/todo.ts';
import type { ImportNote } from '../../src/import/types.ts';
import { fixtures } from './helpers.ts';

const folder = join(fixtures, 'import', 'prometheus');
const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-prometheus-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = () => join(scratch, `m${++counter}`);

function inputs(paths = [folder]) {
	const notes: ImportNote[] = [];
	return readYamlInputs(collectFiles(paths, (name) => /\.ya?ml$/.test(name), notes), notes);
}

const all = importPrometheus(inputs());
const byName = (name: string) => all.alerts.find((alert) => alert.name === name)!;

describe('prometheus: the real rule files', () => {
	test('all 126 alerting rules are kept: 116 alert names, 8 of them with several rules; 71 recording rules skipped', () => {
		assert.equal(all.counts['alerting rules'], 126);
		assert.equal(all.counts['recording rules (skipped)'], 71);
		assert.equal(all.alerts.length, 116);
		assert.equal(all.alerts.reduce((sum, alert) => sum + alert.rules.length, 0), 126);
		const several = all.alerts.filter((alert) => alert.rules.length > 1).map((alert) => alert.name).sort();
		assert.deepEqual(several, [
			'KubeAPIErrorBudgetBurn',
			'KubeClientCertificateExpiration',
			'KubePersistentVolumeFillingUp',
			'KubePersistentVolumeInodesFillingUp',
			'KubeletClientCertificateExpiration',
			'KubeletServerCertificateExpiration',
			'etcdHighFsyncDurations',
			'etcdHighNumberOfFailedGRPCRequests',
		]);
	});

	test('per file: 15 etcd (plain rule file), 63 kube-prometheus (PrometheusRule spec.groups), 48 thanos', () => {
		const perFile = new Map<string, number>();
		for (const alert of all.alerts) for (const rule of alert.rules) perFile.set(rule.file, (perFile.get(rule.file) ?? 0) + 1);
		assert.deepEqual(Object.fromEntries(perFile), {
			'prometheus/etcd-mixin-alerts.yaml': 15,
			'prometheus/kube-prometheus-kubernetesControlPlane-prometheusRule.yaml': 63,
			'prometheus/thanos-mixin-alerts.yaml': 48,
		});
	});

	test('one service per rule group, named after it (no service/job/namespace labels in these files)', () => {
		const ids = all.entities.map((entity) => entity.id).sort();
		assert.equal(ids.length, 18);
		assert.ok(ids.includes('etcd') && ids.includes('kubernetes-storage') && ids.includes('kube-apiserver-slos') && ids.includes('thanos-compact'));
		const storage = all.entities.find((entity) => entity.id === 'kubernetes-storage')!;
		assert.equal(storage.data.name, 'kubernetes-storage');
		for (const field of ['summary', 'system', 'owner', 'tier', 'lifecycle', 'kind', 'dataClassification']) assert.ok(isTodo(storage.data[field]), field);
	});

	test('severities: one alert holds every rule of its name, worst severity on top', () => {
		const filling = byName('KubePersistentVolumeFillingUp');
		assert.deepEqual(filling.severities, ['critical', 'warning']);
		const entry = alertEntry(filling);
		assert.deepEqual(Object.keys(entry), ['name', 'severity', 'summary', 'expr', 'for', 'runbookUrl', 'rules']);
		assert.equal(entry.severity, 'critical');
		assert.equal(entry.for, '1m');
		assert.equal(entry.runbookUrl, 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepersistentvolumefillingup');
		assert.deepEqual((entry.rules as { severity: string; for: string }[]).map((rule) => [rule.severity, rule.for]), [['critical', '1m'], ['warning', '1h']]);

		const burn = alertEntry(byName('KubeAPIErrorBudgetBurn'));
		assert.deepEqual((burn.rules as { severity: string; for: string }[]).map((rule) => [rule.severity, rule.for]), [['critical', '2m'], ['critical', '15m'], ['warning', '1h'], ['warning', '3h']]);
		assert.match(burn.expr as string, /burnrate1h/);
		// Its rules differ by the labels long and short, kept in the importer's record.
		assert.deepEqual(byName('KubeAPIErrorBudgetBurn').rules.map((rule) => rule.labels.long), ['1h', '6h', '1d', '3d']);

		const single = alertEntry(byName('KubePodCrashLooping'));
		assert.equal(single.rules, undefined);
		assert.equal(single.severity, 'warning');
		assert.equal(single.summary, 'Pod is crash looping.');
	});

	test('no runbook_url is a missing runbookUrl, not a TODO: etcd has 1 of 15, thanos all 48', () => {
		const etcd = all.alerts.filter((alert) => alert.service === 'etcd');
		assert.equal(etcd.length, 13);
		assert.deepEqual(etcd.filter((alert) => alert.runbookUrl).map((alert) => alert.runbookUrl), ['https://etcd.io/docs/v3.5/op-guide/maintenance/#defragmentation']);
		const thanos = all.alerts.filter((alert) => alert.service.startsWith('thanos-'));
		assert.ok(thanos.every((alert) => alert.runbookUrl?.startsWith('https://github.com/thanos-io/thanos/tree/main/mixin/runbook.md#alert-name-')));
	});

	test('the files written hold every rule (126) in the alert shape', () => {
		const content = fresh();
		const run = runImport('prometheus', [folder], { content });
		assert.equal(run.ok, true, run.lines.join('\n'));
		let rules = 0;
		let entries = 0;
		for (const entity of run.result!.entities) {
			const data = parse(readFileSync(join(content, 'services', `${entity.id}.yaml`), 'utf8')) as { alerts: { rules?: unknown[] }[] };
			for (const alert of data.alerts) {
				entries++;
				rules += alert.rules?.length ?? 1;
			}
		}
		assert.equal(entries, 116);
		assert.equal(rules, 126);
		const text = readFileSync(join(content, 'services', 'kubernetes-storage.yaml'), 'utf8');
		assert.match(text, /^# Imported by `opsbook import` from prometheus: prometheus\/kube-prometheus-kubernetesControlPlane-prometheusRule\.yaml\./);
		assert.match(text, /- name: KubePersistentVolumeFillingUp\n {4}severity: critical\n/);
		assert.match(run.lines[0]!, /18 entities \(services 18\)/);
	});
});

describe('prometheus: which service an alert belongs to', () => {
	test('a --map file: group names and label matchers (alertname included), first match wins', () => {
		const { entries, problems } = parseAlertMap([
			{ service: 'kube-apiserver', match: { alertname: 'KubeAPI.*|KubeClient.*' } },
			{ service: 'Etcd Cluster', groups: ['etcd'] },
			{ service: 'kubernetes', groups: ['kubernetes-apps', 'kubernetes-storage'], match: { severity: 'critical' } },
		]);
		assert.deepEqual(problems, []);
		const mapped = importPrometheus(inputs(), { map: entries });
		const service = (name: string, severity?: string) => mapped.alerts.find((a) => a.name === name && (!severity || a.severities.includes(severity as never)))!.service;
		assert.equal(service('KubeAPIErrorBudgetBurn'), 'kube-apiserver');
		assert.equal(service('KubeClientCertificateExpiration'), 'kube-apiserver');
		assert.equal(service('etcdNoLeader'), 'etcd-cluster');
		assert.equal(service('KubePersistentVolumeErrors'), 'kubernetes');
		// The warning rule of KubePersistentVolumeFillingUp does not match severity=critical: it stays with its group.
		const filling = mapped.alerts.filter((a) => a.name === 'KubePersistentVolumeFillingUp').map((a) => [a.service, a.rules.length]);
		assert.deepEqual(filling, [['kubernetes', 1], ['kubernetes-storage', 1]]);
		assert.ok(mapped.notes.some((note) => note.message.includes('KubePersistentVolumeFillingUp goes to 2 services')));
	});

	test('the short map form, group → service; bad entries are reported', () => {
		assert.deepEqual(parseAlertMap({ etcd: 'etcd-main' }).entries, [{ service: 'etcd-main', groups: ['etcd'] }]);
		assert.match(parseAlertMap([{ service: 'x' }]).problems[0]!, /groups.*match/);
		assert.match(parseAlertMap([{ service: 'x', match: { alertname: '(' } }]).problems[0]!, /not a regular expression/);
		assert.match(parseAlertMap('nonsense').problems[0]!, /expected a list/);
	});

	test('a service that already lists the alert keeps it; then service/job/namespace labels', () => {
		const content = fresh();
		mkdirSync(join(content, 'services'), { recursive: true });
		writeFileSync(join(content, 'services', 'etcd-main.yaml'), 'id: etcd-main\nname: etcd\nalerts:\n  - name: etcdNoLeader\n    severity: critical\n    summary: mine\n');
		const run = runImport('prometheus', [join(folder, 'etcd-mixin-alerts.yaml')], { content });
		assert.equal(run.ok, true);
		const main = parse(readFileSync(join(content, 'services', 'etcd-main.yaml'), 'utf8')) as { alerts: Record<string, unknown>[] };
		assert.equal(main.alerts.length, 1);
		assert.equal(main.alerts[0]!.summary, 'mine'); // written by a person: kept
		assert.match(main.alerts[0]!.expr as string, /etcd_server_has_leader/); // missing: filled in
		assert.ok(run.reports.some((r) => r.path === 'services/etcd-main.yaml' && r.kept.includes('alerts["etcdNoLeader"].summary')));

		const labelled = importPrometheus([
			{ file: 'x.yaml', docs: [{ groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', labels: { severity: 'page', job: 'Payments API' } }, { alert: 'B', expr: 'x', labels: { namespace: 'billing' } }] }] }] },
		]);
		assert.deepEqual(labelled.alerts.map((a) => [a.name, a.service]), [['A', 'payments-api'], ['B', 'billing']]);
		const a = alertEntry(labelled.alerts[0]!);
		assert.ok(isTodo(a.severity), 'severity "page" is not guessed');
		assert.ok(isTodo(alertEntry(labelled.alerts[1]!).severity));
		assert.ok(isTodo(a.summary));
	});
});

describe('prometheus: hostile input', () => {
	test('a javascript: runbook_url is dropped, control characters removed, output safe to print', () => {
		const dir = fresh();
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			join(dir, 'evil.yaml'),
			[
				'groups:',
				'  - name: "evil\\u001b[31m group"',
				'    rules:',
				'      - alert: "Evil\\u001b]0;owned\\u0007Alert"',
				'        expr: up == 0',
				'        labels: { severity: critical }',
				'        annotations:',
				'          summary: "Red \\u001b[31malert\\u202e reversed"',
				'          runbook_url: "java\\tscript:alert(1)"',
				'      - alert: Other',
				'        expr: up == 0',
				'        annotations: { runbook_url: "javascript:alert(1)", summary: "::error::x" }',
			].join('\n'),
		);
		const content = fresh();
		const run = runImport('prometheus', [dir], { content });
		assert.equal(run.ok, true);
		const alerts = run.result!.entities.flatMap((e) => e.data.alerts as Record<string, unknown>[]);
		assert.equal(alerts.length, 2);
		assert.ok(alerts.every((alert) => alert.runbookUrl === undefined));
		assert.equal(alerts[0]!.name, 'Evil]0;ownedAlert');
		assert.equal(alerts[0]!.summary, 'Red [31malert reversed');
		const written = readFileSync(join(content, 'services', `${run.result!.entities[0]!.id}.yaml`), 'utf8');
		assert.doesNotMatch(written, /[\u0000-\u0008\u000b-\u001f\u007f\u202e]|javascript/);
		assert.equal(run.notes.filter((n) => n.message.includes('dropped runbook_url')).length, 2);
		for (const line of run.lines) {
			assert.doesNotMatch(line, /[\u0000-\u001f\u007f]/);
			assert.doesNotMatch(line, /^\s*::/);
		}
	});
});

test('alertEntry: the exact shape, minimal', () => {
	const alert: ImportedAlert = {
		service: 's',
		name: 'A',
		severities: ['warning'],
		summary: 'S',
		runbookUrls: [],
		rules: [{ file: 'f', group: 'g', severity: 'warning', expr: 'up == 0', labels: {} }],
	};
	assert.deepEqual(alertEntry(alert), { name: 'A', severity: 'warning', summary: 'S', expr: 'up == 0' });
});
