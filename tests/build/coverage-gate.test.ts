/**
 * The coverage gate on a copy of the example model: removing a tier-1 service's only
 * disaster-recovery runbook fails check and build; a waiver lets them pass; an expired one fails again.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { loadModel } from '../../src/load/index.ts';
import { copyModel, run } from './helpers.ts';

const example = loadModel('content').model;
// A tier-1 service with a disaster-recovery runbook: the test takes that coverage away from it.
const target = [...example.services.values()].find(
	(s) => s.tier === 1 && (example.index.runbooksByService.get(s.id) ?? []).some((r) => r.kind === 'disaster-recovery'),
);

/**
 * Removes the service's disaster-recovery runbooks from a model copy without touching any other
 * service: it leaves each shared runbook's service list, and a runbook of its own stops being
 * a DR runbook (deleting the file would also break the alerts that name it).
 */
/** `line:column` of a service's `id:` value in its file, where its gaps about other files point. */
function idLine(model: string, serviceId: string): string {
	const lines = readFileSync(join(model, 'services', `${serviceId}.yaml`), 'utf8').split('\n');
	const index = lines.findIndex((line) => line.startsWith('id:'));
	return `${index + 1}:${lines[index]!.indexOf(serviceId) + 1}`;
}

function removeDisasterRecovery(model: string, serviceId: string) {
	for (const runbook of example.index.runbooksByService.get(serviceId) ?? []) {
		if (runbook.kind !== 'disaster-recovery') continue;
		const file = join(model, runbook.file);
		const doc = parseDocument(readFileSync(file, 'utf8'));
		if (runbook.services.length > 1) doc.set('services', runbook.services.filter((id) => id !== serviceId));
		else doc.set('kind', 'maintenance');
		writeFileSync(file, doc.toString());
	}
}

test('the example model passes its own check', () => {
	const { status, output } = run('check');
	assert.equal(status, 0, output);
	assert.match(output, /Model content: \d+ systems, \d+ teams, \d+ services/);
	assert.match(output, /0 coverage gaps/);
});

test('removing a DR runbook fails check and build; a waiver passes; an expired waiver fails', { skip: !target && 'no tier-1 service with a DR runbook' }, () => {
	const model = copyModel('content');
	const service = target!;
	removeDisasterRecovery(model, service.id);
	// Positioned at the service's id: the fix is a runbook in another file.
	const gapLine = `services/${service.id}.yaml:${idLine(model, service.id)}  id  tier 1 requires a disaster-recovery runbook, but no runbook of kind disaster-recovery lists ${service.id} — add a runbook with "kind: disaster-recovery" that lists service ${service.id}`;

	const check = run('check', ['--content', model]);
	assert.equal(check.status, 1, check.output);
	assert.ok(check.output.includes(gapLine), check.output);
	assert.match(check.output, /Coverage gaps \(1\):/, 'only that service loses coverage');

	const out = join(mkdtempSync(join(tmpdir(), 'opsbook-out-')), 'dist');
	const build = run('build', ['--out', out], { OPSBOOK_CONTENT: model });
	assert.equal(build.status, 1, build.output);
	assert.ok(build.output.includes(gapLine), build.output);
	assert.ok(!existsSync(out), 'a refused build writes no output');

	const policyFile = join(model, 'policy.yaml');
	const policy = readFileSync(policyFile, 'utf8');
	const waiver = (expires: string) =>
		`${policy.replace(/^waivers:\s*\[\]\s*$/m, 'waivers:')}${/^waivers:/m.test(policy) ? '' : '\nwaivers:'}\n  - service: ${service.id}\n    requirement: dr-runbook\n    reason: DR runbook is being rewritten after the move to the new region\n    approver: Head of Platform\n    expires: ${expires}\n`;

	writeFileSync(policyFile, waiver('2999-12-31'));
	const waived = run('check', ['--content', model]);
	assert.equal(waived.status, 0, waived.output);
	assert.match(waived.output, new RegExp(`${service.id} / dr-runbook until 2999-12-31`));
	const built = run('build', ['--out', out], { OPSBOOK_CONTENT: model });
	assert.equal(built.status, 0, built.output);
	assert.ok(statSync(join(out, 'index.html')).isFile());

	writeFileSync(policyFile, waiver('2020-01-31'));
	const expired = run('check', ['--content', model]);
	assert.equal(expired.status, 1, expired.output);
	assert.ok(expired.output.includes(`${gapLine} (its waiver expired on 2020-01-31)`), expired.output);
	assert.match(expired.output, new RegExp(`${service.id} / dr-runbook expired 2020-01-31`));
	const refused = run('build', ['--out', out], { OPSBOOK_CONTENT: model });
	assert.equal(refused.status, 1);
	assert.ok(statSync(join(out, 'index.html')).isFile(), 'the previous output is left intact');
});

test('two reference errors, a missing DR runbook and a stale runbook are all reported in one run, each positioned; a preview still builds', () => {
	const model = 'tests/fixtures/errors-and-gaps';
	const check = run('check', ['--content', model], { OPSBOOK_TODAY: '2026-11-23' });
	assert.equal(check.status, 1, check.output);
	const at = (line: string) => assert.ok(check.output.includes(line), `missing: ${line}\n${check.output}`);
	at(`${model}/runbooks/checkout-api-down.yaml:20:9  escalation.team  unknown team "platfrom"; did you mean "platform"?`);
	at(`${model}/services/checkout-api.yaml:22:14  dependencies[0].service  unknown service "orders-bd"; did you mean "orders-db"?`);
	at(`${model}/services/checkout-api.yaml:1:5  id  tier 1 requires a disaster-recovery runbook, but no runbook of kind disaster-recovery lists checkout-api`);
	at(`${model}/runbooks/orders-db-restore.yaml:16:13  lastTested  orders-db is tier 1, which requires its runbooks tested recently, but runbook orders-db-restore: the last test 2025-01-10 is 682 days old; the window is 180d — exercise it`);
	assert.match(check.output, /✖ 2 errors, 0 warnings, 2 coverage gaps/);

	// allowGaps: the errors' entities load (a dangling reference is shown as text), every page says why.
	const out = join(mkdtempSync(join(tmpdir(), 'opsbook-out-')), 'dist');
	const refused = run('build', ['--out', out], { OPSBOOK_CONTENT: model, OPSBOOK_TODAY: '2026-11-23' });
	assert.equal(refused.status, 1, refused.output);
	assert.match(refused.output, /To build a preview anyway, set OPSBOOK_ALLOW_GAPS=1/);
	const preview = run('build', ['--out', out], { OPSBOOK_CONTENT: model, OPSBOOK_TODAY: '2026-11-23', OPSBOOK_ALLOW_GAPS: '1' });
	assert.equal(preview.status, 0, preview.output);
	assert.match(preview.output, /Building a preview despite 2 errors/);
	const page = readFileSync(join(out, 'services', 'checkout-api', 'index.html'), 'utf8');
	assert.match(page, /Preview of a model with 2 errors: pages may be incomplete\./);
});
