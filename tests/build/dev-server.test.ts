/**
 * The dev loop: `npm run dev` on a copy of a model. A saved edit shows on the entity's own page
 * on the next request; a broken file is shown in the browser with its file, line and column
 * until it is fixed; fixing it brings the page back.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../../src/lib/browser.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { copyModel, project } from './helpers.ts';

const PORT = 4399;
const base = `http://127.0.0.1:${PORT}`;
const model = copyModel('tests/fixtures/good/minimal');
const file = join(model, 'services', 'checkout-api.yaml');
const original = readFileSync(file, 'utf8');

const server = spawn(process.execPath, [join(project, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(PORT), '--host', '127.0.0.1'], {
	cwd: project,
	env: { ...process.env, OPSBOOK_CONTENT: model, OPSBOOK_ALLOW_GAPS: '1', OPSBOOK_TODAY: '2026-11-23', ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
	stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
server.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
after(() => server.kill());

async function page(path: string): Promise<{ status: number; text: string }> {
	const response = await fetch(`${base}${path}`);
	return { status: response.status, text: await response.text() };
}

/** Asks until the page satisfies `ok` (the loader reloads the model at most once a second). */
async function until(path: string, ok: (p: { status: number; text: string }) => boolean, what: string) {
	let last = { status: 0, text: '' };
	for (let i = 0; i < 40; i++) {
		try {
			last = await page(path);
			if (ok(last)) return last;
		} catch {
			// The server is still starting.
		}
		await sleep(500);
	}
	assert.fail(`${what}: last answer ${last.status}\n${last.text.slice(0, 2000)}\n--- server log ---\n${log.slice(-3000)}`);
}

test('edit, break and fix a service file while the dev server runs', { timeout: 180_000 }, async () => {
	await until('/services/checkout-api/', (p) => p.status === 200 && p.text.includes('Checkout API'), 'the page is served');

	writeFileSync(file, original.replace('name: Checkout API', 'name: Checkout Service Renamed').replace('summary: Takes payment', 'summary: Now takes payment'));
	const edited = await until('/services/checkout-api/', (p) => p.text.includes('Checkout Service Renamed'), 'the new name shows');
	assert.match(edited.text, /<title>Checkout Service Renamed/);
	assert.match(edited.text, /Now takes payment/);

	writeFileSync(file, original.replace('tier: 1', 'tier: [1'));
	await until('/services/checkout-api/', (p) => p.status >= 500, 'the page fails');
	// Astro's error overlay is drawn by its client script: read it in a real browser.
	const found = findBrowser();
	const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
	try {
		const tab = await browser.newPage();
		const overlay = tab.locator('vite-error-overlay #message-content');
		// On a fresh checkout Vite optimises its dependencies on the first visit and reloads the
		// page, which can take the overlay away again: ask a few times.
		let shown = '';
		for (let attempt = 0; attempt < 4 && !shown; attempt++) {
			await tab.goto(`${base}/services/checkout-api/`);
			shown = await overlay.innerText({ timeout: 15_000 }).catch(() => '');
		}
		assert.match(shown, /checkout-api\.yaml:\d+:\d+ .*YAML/s, `the browser shows the file, line, column and the message\n--- server log ---\n${log.slice(-2000)}`);
		// The runbook and the tree that name checkout-api are not reported as well: one real error.
		assert.doesNotMatch(shown, /unknown service/, shown);
	} finally {
		await browser.close();
	}

	writeFileSync(file, original);
	await until('/services/checkout-api/', (p) => p.status === 200 && p.text.includes('<title>Checkout API'), 'the page recovers');
});
