/**
 * Incremental builds (src/site/incremental.ts, page-inputs.ts): after a change, only the pages
 * that read what changed are rendered again, and the output is byte for byte what a full build
 * of the same model writes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { copyModel, run } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-incremental-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const model = copyModel('tests/fixtures/good/minimal');
const env = { OPSBOOK_CONTENT: model, OPSBOOK_CACHE: join(scratch, 'cache'), OPSBOOK_TODAY: '2026-11-23' };

function build(out: string, ...flags: string[]) {
	const result = run('build', ['--out', join(scratch, out), ...flags], env);
	assert.equal(result.status, 0, result.output);
	const counts = /(\d+) model page\(s\) rendered, (\d+) unchanged and restored/.exec(result.output);
	assert.ok(counts, result.output.slice(-2000));
	return { rendered: Number(counts[1]), restored: Number(counts[2]), output: result.output };
}

/** The pages Astro's log marks "(restored)". */
function restoredPages(output: string): string[] {
	const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
	return [...plain.matchAll(/^.*├─ (\S+) \(restored\)$/gm)].map((match) => match[1]!);
}

function files(folder: string): Map<string, Buffer> {
	const all = new Map<string, Buffer>();
	for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
		const path = join(folder, file);
		try {
			all.set(relative(folder, path), readFileSync(path));
		} catch {
			// a folder
		}
	}
	return all;
}

function edit(file: string, from: RegExp, to: string) {
	const path = join(model, file);
	const text = readFileSync(path, 'utf8');
	assert.match(text, from);
	writeFileSync(path, text.replace(from, to));
}

test('a rebuild of an unchanged model renders no model page again', () => {
	const first = build('site');
	assert.equal(first.restored, 0);
	assert.ok(first.rendered > 10, first.output);
	const second = build('site');
	assert.equal(second.rendered, 0);
	assert.equal(second.restored, first.rendered);
});

test('after a build that was stopped while rendering, the next one renders every page', () => {
	// What a stopped build leaves: its marker, beside Astro's cache of the pages it had rendered.
	const [astroCache] = readdirSync(join(scratch, 'cache', 'astro'));
	writeFileSync(join(scratch, 'cache', 'astro', astroCache!, 'opsbook-building'), '2147483646');
	const next = build('site');
	assert.equal(next.restored, 0, next.output);
	assert.ok(next.rendered > 10);
	assert.equal(build('site').rendered, 0, 'and the one after that restores them again');
});

/** Builds incrementally and in full, and says which files differ. */
function sameAsFullBuild() {
	const incremental = build('site');
	const full = build('full', '--full');
	assert.equal(full.restored, 0);
	const a = files(join(scratch, 'site'));
	const b = files(join(scratch, 'full'));
	assert.deepEqual([...a.keys()], [...b.keys()]);
	assert.deepEqual(
		[...a].filter(([file, bytes]) => !bytes.equals(b.get(file)!)).map(([file]) => file),
		[],
	);
	return { incremental, pages: a };
}

test('after a rename, only the pages that show the name are rendered, and the output is what a full build writes', () => {
	edit('services/email-worker.yaml', /^name: Email worker$/m, 'name: Mailer');
	const { incremental, pages } = sameAsFullBuild();
	assert.ok(incremental.restored > 0 && incremental.rendered > 0, incremental.output);
	// The new name is on the pages of the services it depends on, not only its own.
	assert.match(pages.get('services/checkout-api/index.html')!.toString(), /Mailer/);
	// Another service's API pages read that service's entry, not every service: left as they were.
	const restored = restoredPages(incremental.output);
	assert.ok(restored.includes('/services/orders-db/index.html'), incremental.output);
	assert.ok(!restored.includes('/services/email-worker/index.html'));
	for (const page of ['/apis/checkout/index.html', '/apis/checkout/operations/createorder/index.html', '/apis/checkout/schemas/index.html']) {
		assert.ok(restored.includes(page), `${page} was rendered again`);
	}
});

test('after a recovery time, a runbook step and a new service, the output is what a full build writes', () => {
	const before = files(join(scratch, 'site'));
	edit('services/orders-db.yaml', /^ {2}rto: 30m$/m, '  rto: 45m');
	edit('runbooks/checkout-api-down.yaml', /title: Restart the deployment$/m, 'title: Restart the deployment, then watch the error rate');
	writeFileSync(join(model, 'services', 'sms-worker.yaml'), readFileSync(join(model, 'services', 'email-worker.yaml'), 'utf8').replace('id: email-worker', 'id: sms-worker').replace('name: Mailer', 'name: SMS worker'));
	const { pages } = sameAsFullBuild();
	assert.ok(pages.has('services/sms-worker/index.html'));
	assert.notDeepEqual(before.get('services/orders-db/index.html'), pages.get('services/orders-db/index.html'));
	assert.match(pages.get('runbooks/checkout-api-down/index.html')!.toString(), /then watch the error rate/);
});
