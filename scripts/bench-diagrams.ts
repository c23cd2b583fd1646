/**
 * `npm run bench:diagrams -- 50 500`: cold and warm rendering of N service-neighbourhood
 * diagrams, in one browser, through the same renderer and cache the build uses. Prints figures;
 * asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDiagrams, type RenderJob } from '../src/diagrams/render.ts';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (!sizes.length) sizes.push(50, 500);

/** A deterministic neighbourhood diagram like the ones service pages show (5–9 nodes). */
function job(i: number): RenderJob {
	const lines = ['flowchart LR', `accTitle: Service ${i}`, `accDescr: Service ${i} and its neighbours`];
	const n = 4 + (i % 5);
	lines.push(`s_${i}["Service ${i} · tier ${1 + (i % 4)}"]`);
	for (let k = 0; k < n; k++) {
		const shape = k % 3 === 0 ? ['[(', ')]'] : k % 3 === 1 ? ['[', ']'] : ['{{', '}}'];
		lines.push(`d_${i}_${k}${shape[0]}"Dependency ${k} of ${i}"${shape[1]}`);
		lines.push(k % 2 ? `s_${i} -.-> d_${i}_${k}` : `s_${i} ==> d_${i}_${k}`);
	}
	lines.push('classDef tier1 stroke-width:3px', `class s_${i} tier1`);
	return { key: `bench/${i}`, text: lines.join('\n') };
}

const rows: string[] = ['| diagrams | cold total | cold per diagram | warm total | avg SVG |', '| ---: | ---: | ---: | ---: | ---: |'];
for (const size of sizes) {
	const cache = mkdtempSync(join(tmpdir(), 'opsbook-diagrams-'));
	const jobs = Array.from({ length: size }, (_, i) => job(i));
	const cold = await renderDiagrams(jobs, cache);
	const warm = await renderDiagrams(jobs, cache);
	const average = [...cold.svgs.values()].reduce((sum, svg) => sum + svg.length, 0) / size;
	rows.push(
		`| ${size} | ${(cold.stats.milliseconds / 1000).toFixed(1)} s | ${(cold.stats.milliseconds / size).toFixed(0)} ms (${cold.stats.rendered} renders) | ${warm.stats.milliseconds.toFixed(0)} ms (${warm.stats.reused} reused) | ${(average / 1024).toFixed(1)} KB |`,
	);
	rmSync(cache, { recursive: true, force: true });
}
console.log(rows.join('\n'));
