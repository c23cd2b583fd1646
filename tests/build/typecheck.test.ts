/** The TypeScript sources type-check in strict mode (Astro components are checked by the build). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { project } from './helpers.ts';

test('tsc --noEmit reports no error', () => {
	const result = spawnSync(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', project], { cwd: project, encoding: 'utf8' });
	assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});
