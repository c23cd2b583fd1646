/** `opsbook import runbooks` on the real prometheus-operator runbooks in tests/fixtures/import/runbooks/ (see its SOURCES.md). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { runImport } from '../../src/import/index.ts';
import { collectFiles, readTextInputs } from '../../src/import/read.ts';
import { commandOf, importRunbooks, runbookFromMarkdown, type Step } from '../../src/import/runbooks.ts';
import { safeMarkdown } from '../../src/import/text.ts';
import { isTodo } from '../../src/lib/todo.ts';
import type { ImportNote } from '../../src/import/types.ts';
import { fixtures } from './helpers.ts';

const folder = join(fixtures, 'import', 'runbooks');
const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-runbooks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = () => join(scratch, `m${++counter}`);

const notes: ImportNote[] = [];
const inputs = readTextInputs(collectFiles([folder], (name) => /\.md$/.test(name), notes), notes);
const owners = new Map([
	['KubePersistentVolumeFillingUp', ['kubernetes-storage']],
	['etcdNoLeader', ['etcd']],
]);
const result = importRunbooks(inputs, { alertOwners: owners });
const runbook = (id: string) => {
	const found = result.entities.find((e) => e.id === id);
	assert.ok(found, `no runbook ${id}; have ${result.entities.map((e) => e.id).join(', ')}`);
	return found.data;
};

describe('runbooks: the real Markdown files', () => {
	test('18 runbooks from 21 Markdown files (two _index.md and SOURCES.md are not runbooks)', () => {
		assert.equal(inputs.length, 21);
		assert.equal(result.entities.length, 18);
		assert.deepEqual(result.counts, { runbooks: 18, 'not runbooks (skipped)': 3 });
	});

	test('the file name names the alert; the title comes from the front matter, else the # heading', () => {
		const filling = runbook('kube-persistent-volume-filling-up');
		assert.equal(filling.title, 'Kube Persistent Volume Filling Up');
		assert.deepEqual(filling.triggers, { alerts: ['KubePersistentVolumeFillingUp'] });
		assert.equal(filling.kind, 'incident');
		assert.deepEqual(filling.services, ['kubernetes-storage']);
		assert.equal(runbook('etcd-no-leader').title, 'etcdNoLeader', 'no front matter');
		assert.deepEqual(runbook('cpu-throttling-high').triggers, { alerts: ['CPUThrottlingHigh'] });
		assert.ok(isTodo((runbook('watchdog').services as string[])[0]), 'no service lists Watchdog');
	});

	test('Meaning → summary, Impact → impact, Diagnosis → diagnosis', () => {
		const filling = runbook('kube-persistent-volume-filling-up');
		assert.equal(filling.summary, 'There can be various reasons why a volume is filling up. This runbook does not cover application specific reasons, only mitigations for volumes that are legitimately filling.');
		assert.equal(filling.impact, 'Service degradation, switching to read only mode.');
		assert.match(filling.diagnosis as string, /Check app usage in time\./);
		const fsync = runbook('etcd-high-fsync-durations');
		assert.match(fsync.diagnosis as string, /```promql\nhistogram_quantile\(0\.99/);
		assert.match(fsync.diagnosis as string, /\*\*Full context\*\*/, '<details><summary> becomes a bold line');
		assert.doesNotMatch(fsync.diagnosis as string, /<\/?details>|<summary>/);
	});

	test('Mitigation → steps: each code fence a step with its command, the $-less lines its expected output', () => {
		const steps = runbook('kube-persistent-volume-filling-up').steps as Step[];
		const commands = steps.filter((s) => s.command);
		assert.equal(commands.length, 4);
		assert.equal(commands[0]!.title, 'Direct Volume resizing');
		assert.equal(commands[0]!.command, "kubectl get storageclass `kubectl -n <my-namespace> get pvc <my-pvc> -ojson | jq -r '.spec.storageClassName'`");
		assert.match(commands[0]!.expected!, /^NAME +PROVISIONER/);
		assert.equal(commands[1]!.title, 'To resize the volume run');
		assert.equal(commands[1]!.command, 'kubectl -n <my-namespace> edit pvc <my-pvc>');
		assert.deepEqual(steps.slice(0, 3).map((s) => s.title), ['Data retention', 'Data export', 'Data rebalance in the cluster']);
		assert.equal(steps.length, 11);

		const fsync = runbook('etcd-high-fsync-durations').steps as Step[];
		assert.deepEqual(fsync.map((s) => [s.title, s.command]), [['Fragmented state', 'etcdctl defrag']]);

		const node = runbook('node-filesystem-space-filling-up').steps as Step[];
		assert.equal(node[0]!.command, 'NODE_NAME=<instance label from alert>\nkubectl -n default debug node/$NODE_NAME\nchroot /host');
		assert.ok(isTodo(node[1]!.command), '"# TODO: Command needed" is a TODO command');
		assert.equal(node[1]!.title, 'Remove dangling images');
		assert.equal(node[1]!.description, undefined, 'a description that only repeats the title is left out');
	});

	test('a numbered list without fences is a step per item; prose without fences is one step', () => {
		const burn = runbook('kube-api-error-budget-burn');
		const steps = burn.steps as Step[];
		assert.equal(steps[0]!.title, 'Take a look at the APIServer Grafana dashboard.');
		assert.match(steps[0]!.description!, /^1\. At the very top/);
		assert.equal(steps.filter((s) => s.command).length, 4, 'four PromQL fences');
		assert.ok(isTodo(burn.summary), 'it has no Meaning section');
		assert.match(burn.diagnosis as string, /### Critical\n/);
		const watchdog = runbook('watchdog').steps as Step[];
		assert.equal(watchdog.length, 1);
		assert.equal(watchdog[0]!.title, 'There are integrations with various notification mechanisms that send a notification when this alert is not firing.');
	});

	test('what the source lacks is a TODO: "TODO" sections, a stub that only points elsewhere', () => {
		const pleg = runbook('kubelet-pleg-duration-high');
		assert.ok(isTodo(pleg.impact) && /says only "TODO"/.test(pleg.impact as string));
		assert.ok(isTodo(pleg.diagnosis));
		assert.ok(isTodo((pleg.steps as Step[])[0]!.title));
		const raid = runbook('node-raid-disk-failure');
		assert.equal(raid.diagnosis, 'See Node RAID Degraded', 'the Hugo {{< ref >}} link becomes its text');
		assert.ok(isTodo(raid.summary) && isTodo(raid.impact));
	});

	test('safe links stay, the rest become text', () => {
		const crash = runbook('kube-pod-crash-looping');
		assert.match(JSON.stringify(crash.steps), /\[Debugging Pods\]\(https:\/\/kubernetes\.io\/docs\/tasks\/debug-application-cluster\/debug-application\/#debugging-pods\)/);
		const burn = runbook('kube-api-error-budget-burn');
		assert.match(JSON.stringify(burn.steps), /Check the queries below!/);
		assert.doesNotMatch(JSON.stringify(burn.steps), /\(#example-queries-for-slow-requests\)/);
		assert.match(JSON.stringify(runbook('etcd-high-fsync-durations').steps), /\[raft\]\(https:\/\/en\.wikipedia\.org\/wiki\/Raft_\(algorithm\)#Log_replication\)/, 'parentheses inside a URL');
	});

	test('imported after the alert rules, a runbook lists the services that fire its alert', () => {
		const content = fresh();
		assert.equal(runImport('prometheus', [join(fixtures, 'import', 'prometheus')], { content }).ok, true);
		const run = runImport('runbooks', [folder], { content });
		assert.equal(run.ok, true);
		const written = parse(readFileSync(join(content, 'runbooks', 'kube-api-error-budget-burn.yaml'), 'utf8')) as { services: string[] };
		assert.deepEqual(written.services, ['kube-apiserver-slos']);
		const linked = run.result!.entities.filter((e) => !isTodo((e.data.services as string[])[0]));
		assert.equal(linked.length, 9);
	});
});

describe('runbooks: hostile Markdown', () => {
	const evil = [
		'---',
		'title: "Evil\\u001b[31m runbook"',
		'---',
		'# EvilAlert',
		'',
		'## Meaning',
		'',
		'Click [here](javascript:alert(1)) or [there](JaVaScRiPt:alert(1)) or [tab](java\tscript:alert(1)) or ![img](data:image/svg+xml,<svg onload=alert(1)>).',
		'Entity: [ent](&#106;avascript:alert(1)), autolink <javascript:alert(1)>, ref [r][bad]. Bell\u0007 and \u001b[2J clear.',
		'',
		'[bad]: javascript:alert(1)',
		'',
		'## Impact',
		'',
		'<script>alert(1)</script> <a href="javascript:alert(1)">x</a>',
		'',
		'## Mitigation',
		'',
		'Run [the fix](vbscript:msgbox) now:',
		'',
		'```shell',
		'$ echo "[not a link](javascript:kept-in-code)"',
		'```',
	].join('\n');

	test('no unsafe link target survives outside code; control characters are gone', () => {
		const out = runbookFromMarkdown({ file: 'evil/EvilAlert.md', text: evil })!;
		const text = JSON.stringify(out.data);
		assert.equal(out.data.title, 'Evil[31m runbook');
		assert.doesNotMatch(text, /\\u001b|\\u0007/);
		assert.match(out.data.summary as string, /^Click here or there or tab or img\./);
		const withoutCommand = JSON.stringify({ ...out.data, steps: (out.data.steps as Step[]).map((s) => ({ ...s, command: undefined })) });
		assert.doesNotMatch(withoutCommand, /\]\((?!https?:)[^)]*\)|vbscript:|\(javascript|\(data:|<javascript|\[bad\]:/i);
		assert.equal((out.data.steps as Step[])[0]!.command, 'echo "[not a link](javascript:kept-in-code)"');
		assert.equal((out.data.steps as Step[])[0]!.title, 'Run the fix now');
	});

	test('safeMarkdown keeps http(s), mailto and tel links and code as written', () => {
		assert.equal(safeMarkdown('[a](https://x.example/a_(b)) [m](mailto:ops@example.com) `[c](javascript:x)`'), '[a](https://x.example/a_(b)) [m](mailto:ops@example.com) `[c](javascript:x)`');
		assert.equal(safeMarkdown('[a](./relative.md) [b](#anchor)'), 'a b');
	});

	test('written files and printed lines carry no control characters', () => {
		const dir = fresh();
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'Evil\u001bAlert.md'), evil);
		const content = fresh();
		const run = runImport('runbooks', [dir], { content });
		assert.equal(run.ok, true);
		for (const line of run.lines) assert.doesNotMatch(line, /[\u0000-\u001f\u007f]/);
		const file = readFileSync(join(content, 'runbooks', `${run.result!.entities[0]!.id}.yaml`), 'utf8');
		assert.doesNotMatch(file, /[\u0000-\u0008\u000b-\u001f\u007f]/);
	});
});

test('commandOf: $ lines are the command, the rest the expected output; a fence without $ is all command', () => {
	assert.deepEqual(commandOf(['$ kubectl get nodes', 'NAME STATUS', 'n1 Ready', '']), { command: 'kubectl get nodes', expected: 'NAME STATUS\nn1 Ready' });
	assert.deepEqual(commandOf(['journalctl -u kubelet']), { command: 'journalctl -u kubelet' });
});
