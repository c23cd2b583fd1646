/** A value error inside one list item costs that item, not the file (src/load/salvage.ts). */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatDiagnostic, loadModel } from '../../src/load/index.ts';
import { fixtures } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-salvage-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** A copy of the minimal model with one file edited. */
function edited(file: string, edit: (text: string) => string) {
	const root = join(scratch, `m${++counter}`);
	cpSync(join(fixtures, 'good', 'minimal'), root, { recursive: true });
	writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
	return loadModel(root, { cwd: root });
}

test('an unquoted ": " in one playbook step drops that step, not the security plan', () => {
	const result = edited('security-response-plan.yaml', (text) =>
		text.replace('    containment: [Revoke the affected credentials.]\n', '    containment:\n      - Revoke the affected credentials.\n      - Rotate keys: every key the token could read\n'),
	);
	assert.deepEqual(result.diagnostics.map(formatDiagnostic), [
		'security-response-plan.yaml:39:9  playbooks[0].containment[1]  expected text, found a mapping; a ": " inside unquoted text starts a mapping in YAML — put the text in quotes',
	]);
	assert.equal(result.ok, false);
	assert.ok(result.model.security, 'the plan is still in the model');
	assert.deepEqual(result.model.security.playbooks[0]!.containment, ['Revoke the affected credentials.']);
	assert.deepEqual(result.leftOut, [{ file: 'security-response-plan.yaml', what: 'playbooks[0].containment[1]' }]);
});

test('an item whose list then becomes empty is dropped one level out', () => {
	const result = edited('security-response-plan.yaml', (text) =>
		text.replace('    containment: [Revoke the affected credentials.]\n', '    containment:\n      - Rotate keys: every key\n'),
	);
	assert.equal(result.model.security?.playbooks.length, 5);
	assert.deepEqual(result.leftOut, [{ file: 'security-response-plan.yaml', what: 'playbooks[0]' }]);
});

test('a bad alert is left out; positions of the items after it still point at their own lines', () => {
	const result = edited('services/checkout-api.yaml', (text) =>
		text.replace(/^alerts:\n/m, 'alerts:\n  - name: Broken\n    severity: sometimes\n    summary: Nobody knows.\n'),
	);
	assert.deepEqual(result.leftOut.map((l) => `${l.file} ${l.what}`), ['services/checkout-api.yaml alerts[0]']);
	const service = result.model.services.get('checkout-api')!;
	assert.ok(service.alerts.length >= 1 && service.alerts.every((a) => a.name !== 'Broken'));
	// The first alert kept is now alerts[0] of the data, but still on its own line of the file.
	const text = readFileSync(join(scratch, `m${counter}`, 'services', 'checkout-api.yaml'), 'utf8').split('\n');
	const line = text.findIndex((l) => l.includes(`name: ${service.alerts[0]!.name}`)) + 1;
	assert.equal(result.position('services/checkout-api.yaml', ['alerts', 0, 'name']).line, line);
});

test('an error outside every list still leaves the whole file out', () => {
	const result = edited('services/email-worker.yaml', (text) => text.replace(/^tier: 3$/m, 'tier: 9'));
	assert.equal(result.model.services.has('email-worker'), false);
	assert.deepEqual(result.leftOut, [{ file: 'services/email-worker.yaml', what: 'whole file' }]);
});
