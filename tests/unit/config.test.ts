/**
 * astro.config.mjs must load in plain Node: when it does not, Astro loads it again through a Vite
 * server, ~0.7 s of every build and dev start. starlight-openapi (TypeScript in node_modules) is
 * what used to stop it; load-openapi.ts now loads that package in Node.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot } from './helpers.ts';

test('the Astro config and starlight-openapi load in plain Node', () => {
	const script = `
		const config = (await import('./astro.config.mjs')).default;
		const { loadStarlightOpenAPI } = await import('./src/apis/load-openapi.ts');
		const openapi = await loadStarlightOpenAPI();
		console.log(JSON.stringify({
			integrations: config.integrations.map((i) => i.name),
			openapi: typeof openapi.default,
			groups: Array.isArray(openapi.openAPISidebarGroups),
		}));
	`;
	const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
	assert.equal(run.status, 0, run.stderr);
	assert.doesNotMatch(run.stderr, /Warning/);
	const loaded = JSON.parse(run.stdout) as { integrations: string[]; openapi: string; groups: boolean };
	assert.ok(loaded.integrations.includes('@astrojs/starlight'), loaded.integrations.join(', '));
	assert.equal(loaded.openapi, 'function');
	assert.equal(loaded.groups, true);
});
