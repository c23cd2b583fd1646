/** Mermaid text generators: pure functions of the model. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
	architectureDiagram,
	DEPENDANTS_SHOWN,
	edgeLabel,
	label,
	nodeId,
	ROLL_UP_THRESHOLD,
	serviceDiagram,
	systemDiagram,
	treeDiagram,
} from '../../src/diagrams/mermaid.ts';
import { mermaidBlocks } from '../../src/site/prose-diagrams.ts';
import { hard, model, service, soft, system, tree } from './helpers.ts';

describe('escaping', () => {
	test('node ids are prefixed, so mermaid keywords and odd characters are safe', () => {
		assert.equal(nodeId('s', 'end'), 's_end');
		assert.equal(nodeId('s', 'graph-1'), 's_graph_1');
		assert.equal(nodeId('n', 'a.b c'), 'n_a_b_c');
	});
	test('labels escape quotes, angle brackets and hashes, and fold line breaks', () => {
		assert.equal(label('Say "hi" <b>#1</b>\nnow'), '"Say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; now"');
		// Mermaid shows an edge label's #quot; as "&quot;": edges get typographic quotes instead.
		assert.equal(edgeLabel('Shows "Reconnecting" or "Offline" <b>'), '"Shows \u201cReconnecting\u201d or \u201cOffline\u201d #lt;b#gt;"');
	});
});

const shop = () =>
	model({
		systems: [system('core'), system('edge')],
		services: [
			service('api', { tier: 1, dependencies: [hard('db'), soft('cache')], environments: [{ name: 'production', replicas: 3 }] }),
			service('db', { kind: 'database', tier: 1, environments: [{ name: 'production', replicas: 1 }] }),
			service('cache', { kind: 'cache' }),
			service('cdn', { kind: 'external', system: 'edge', dependencies: [hard('api')] }),
		],
	});

describe('architecture', () => {
	test('systems are subgraphs; hard edges are thick, soft edges dotted; external services dashed', () => {
		const d = architectureDiagram(shop());
		assert.match(d.text, /^flowchart LR/);
		assert.match(d.text, /subgraph sys_core\["core"\]/);
		assert.match(d.text, /subgraph sys_edge\["edge"\]/);
		assert.ok(d.text.includes('s_api ==> s_db'));
		assert.ok(d.text.includes('s_api -.-> s_cache'));
		assert.ok(d.text.includes('s_db[("db")]'), 'a database is drawn as a cylinder');
		assert.match(d.text, /class s_cdn external/);
		assert.match(d.text, /class s_db spof/, 'a tier-1 single replica is marked');
		assert.match(d.description, /api depends on: db \(hard\), cache \(soft\)\./);
		assert.match(d.text, /^accTitle: /m);
	});
	test('a large model rolls up to one node per system with counted edges', () => {
		const services = Array.from({ length: ROLL_UP_THRESHOLD + 1 }, (_, i) =>
			service(`s${i}`, { system: i % 2 ? 'edge' : 'core', dependencies: i > 0 ? [hard(`s${i - 1}`)] : [] }),
		);
		const d = architectureDiagram(model({ systems: [system('core'), system('edge')], services }));
		assert.equal(d.title, 'Whole architecture rolled up by system');
		assert.ok(!d.text.includes('s_s1'), 'no service nodes');
		assert.match(d.text, /sys_edge ==>\|"\d+ hard"\| sys_core/);
	});
});

describe('system and service', () => {
	test('a system diagram shows the other systems it touches as their own subgraphs', () => {
		const d = systemDiagram(shop(), 'core');
		assert.match(d.text, /subgraph sys_edge/);
		assert.ok(d.text.includes('s_cdn ==> s_api'));
		assert.match(d.description, /cdn \(edge\) depends on api \(hard\)/);
	});
	test('a service neighbourhood is one hop each way, focused and marked', () => {
		const d = serviceDiagram(shop(), 'db');
		assert.ok(d.text.includes('s_api ==> s_db'));
		assert.ok(!d.text.includes('s_cache'), 'two hops away is left out');
		assert.match(d.text, /s_db\[\("db · tier 1 · SPOF"\)\]/);
		assert.match(d.text, /class s_db focus/);
		assert.match(d.description, /single point of failure/);
	});
});

describe('a service with many dependants', () => {
	const users = (count: number, systemId: string, type: 'hard' | 'soft') =>
		Array.from({ length: count }, (_, i) => service(`${systemId}-${i}`, { system: systemId, dependencies: [type === 'hard' ? hard('k8s') : soft('k8s')] }));
	const big = model({
		systems: [system('core'), system('shop', { name: 'Shop' }), system('ops', { name: 'Ops' })],
		services: [service('k8s'), ...users(DEPENDANTS_SHOWN, 'shop', 'hard'), ...users(3, 'ops', 'soft')],
	});
	test('shows one node per system of them, hard when any of them is', () => {
		const d = serviceDiagram(big, 'k8s');
		assert.ok(d.text.includes('users_shop[["Shop: 12 services"]]'), d.text);
		assert.ok(d.text.includes('users_shop ==> s_k8s'));
		assert.ok(d.text.includes('users_ops[["Ops: 3 services"]]'));
		assert.ok(d.text.includes('users_ops -.-> s_k8s'));
		assert.ok(!d.text.includes(nodeId('s', 'shop-0')), 'no single dependant is drawn');
		// The text alternative still names every one.
		assert.match(d.description, /shop-11 \(hard\)/);
	});
	test('on a system diagram, more dependants outside than the limit are one node per system of them', () => {
		const d = systemDiagram(big, 'core');
		assert.ok(d.text.includes('users_shop[["Shop: 12 services"]]'), d.text);
		assert.ok(d.text.includes('users_shop ==> s_k8s'));
		assert.ok(d.text.includes('users_ops -.-> s_k8s'));
		assert.ok(!d.text.includes(nodeId('s', 'shop-0')), 'no single dependant is drawn');
		assert.ok(!/subgraph sys_shop/.test(d.text), 'nor their systems as subgraphs');
		assert.match(d.description, /shop-11 \(shop\) depends on k8s \(hard\)/);
		// A renamed dependant leaves the picture as it was: nothing to draw again.
		const renamed = model({
			systems: [system('core'), system('shop', { name: 'Shop' }), system('ops', { name: 'Ops' })],
			services: [service('k8s'), ...users(DEPENDANTS_SHOWN, 'shop', 'hard').map((s, i) => (i === 0 ? { ...s, name: 'Renamed' } : s)), ...users(3, 'ops', 'soft')],
		});
		assert.equal(systemDiagram(renamed, 'core').text, d.text);
	});
	test('up to the limit each dependant is drawn', () => {
		const d = serviceDiagram(model({ systems: [system('core'), system('shop')], services: [service('k8s'), ...users(DEPENDANTS_SHOWN, 'shop', 'hard')] }), 'k8s');
		assert.ok(d.text.includes(`${nodeId('s', 'shop-0')} ==> s_k8s`), d.text);
		assert.ok(!d.text.includes('users_'));
	});
});

describe('trees', () => {
	const t = tree('t', {
		start: 'up',
		nodes: [
			{ id: 'up', question: 'Is it "up"?', answers: [{ label: 'No', next: 'end' }, { label: 'Yes', resolution: 'Nothing to do. Close it.' }] },
			{ id: 'end', question: 'Logs show <errors>?', answers: [{ label: 'Yes', runbook: 'fix' }, { label: 'No', escalate: 'team-a' }] },
		],
	});
	test('questions are decisions linking to their step-through sections; answers label the edges', () => {
		const d = treeDiagram(t, (node) => `#node-${node}`);
		assert.match(d.text, /^flowchart TD/);
		assert.ok(d.text.includes('n_up{"Is it #quot;up#quot;?"}'));
		assert.ok(d.text.includes('click n_end href "#node-end"'));
		assert.ok(d.text.includes('n_up -->|"No"| n_end'), 'a node named "end" is safe');
		// Ends are rounded boxes; a stadium `([…])` costs ~40 KB of path points per node.
		assert.match(d.text, /n_end -->\|"Yes"\| e_end_0\("Runbook: fix"\)$/m);
		assert.match(d.text, /e_up_1\("Resolved: Nothing to do"\)$/m);
		assert.doesNotMatch(d.text, /\(\[/);
		assert.ok(!/classDef end\b/.test(d.text), '"end" is a mermaid keyword');
	});
});

describe('prose', () => {
	test('mermaid fences are found in guide Markdown, other code blocks are not', () => {
		const md = 'Intro\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n```sh\necho\n```\n\n~~~mermaid\ngraph TD\n~~~\n';
		assert.deepEqual(mermaidBlocks(md), ['flowchart LR\n  a --> b', 'graph TD']);
	});
});

describe('renderer post-processing', async () => {
	const { cacheKey } = await import('../../src/diagrams/render.ts');
	const { optimise, PALETTE, themeable } = await import('../../src/diagrams/in-browser.ts');
	test('sentinel colours become theme variables with the light colour as fallback', () => {
		const svg = `<svg><style>.node rect{fill:${PALETTE.primaryColor.sentinel};stroke:${PALETTE.primaryBorderColor.sentinel.toUpperCase()}}</style></svg>`;
		assert.equal(themeable(svg), '<svg><style>.node rect{fill:var(--ob-d-fill, #e7ecfd);stroke:var(--ob-d-border, #3b55c4)}</style></svg>');
	});
	test('the cache key changes with the text and only with it', () => {
		assert.equal(cacheKey('flowchart LR\na-->b'), cacheKey('flowchart LR\na-->b'));
		assert.notEqual(cacheKey('flowchart LR\na-->b'), cacheKey('flowchart LR\na-->c'));
	});
	test('the remembered stylesheet keeps each diagram its own root id and drops rules nothing uses', () => {
		const svg = (id: string, cls: string) =>
			`<svg id="${id}" xmlns="http://www.w3.org/2000/svg"><style>#${id} .node  rect { fill : red ; }\n#${id} .cluster rect { fill: blue; }</style><g class="${cls}"><rect width="1" height="1"/></g></svg>`;
		const a = optimise(svg('d1', 'node'));
		const b = optimise(svg('d2', 'node'));
		assert.match(a, /<style>#d1 \.node rect\{fill:red\}<\/style>/);
		assert.match(b, /<style>#d2 \.node rect\{fill:red\}<\/style>/);
		// Another set of classes is another entry: the cluster rule stays where a cluster is drawn.
		assert.match(optimise(svg('d3', 'cluster')), /<style>#d3 \.cluster rect\{fill:#00f\}<\/style>/);
		// Mermaid's bookkeeping attributes go.
		assert.doesNotMatch(optimise(svg('d4', 'node').replace('<rect ', '<rect data-points="AAAA" ')), /data-points/);
	});
	test('every sentinel is distinct, so no two theme colours can be confused', () => {
		const sentinels = Object.values(PALETTE).map((c) => c.sentinel.toLowerCase());
		assert.equal(new Set(sentinels).size, sentinels.length);
	});
});

describe('renderer loading', () => {
	test('a build whose diagrams are all cached never loads Chromium, Playwright, svgo or csso', async () => {
		const { cacheKey } = await import('../../src/diagrams/render.ts');
		const cache = mkdtempSync(join(tmpdir(), 'opsbook-diagrams-'));
		const text = 'flowchart LR\n  a --> b';
		writeFileSync(join(cache, `${cacheKey(text)}.svg`), '<svg id="cached"></svg>');
		// A fresh process records every module it resolves while rendering from the cache.
		const script = `
			import { registerHooks } from 'node:module';
			const resolved = [];
			registerHooks({ resolve(specifier, context, next) { resolved.push(specifier); return next(specifier, context); } });
			const { renderDiagrams } = await import(${JSON.stringify(new URL('../../src/diagrams/render.ts', import.meta.url).href)});
			const { svgs, stats } = await renderDiagrams([{ key: 'k', text: ${JSON.stringify(text)} }], ${JSON.stringify(cache)});
			console.log(JSON.stringify({ svg: svgs.get('k'), reused: stats.reused, resolved }));
		`;
		const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
		assert.equal(run.status, 0, run.stderr);
		const { svg, reused, resolved } = JSON.parse(run.stdout) as { svg: string; reused: number; resolved: string[] };
		assert.equal(svg, '<svg id="cached"></svg>');
		assert.equal(reused, 1);
		assert.ok(resolved.includes('node:crypto'), 'the hook sees the renderer\'s imports');
		for (const heavy of ['./in-browser.ts', 'playwright-core', 'svgo', 'csso']) assert.ok(!resolved.includes(heavy), `${heavy} was loaded`);
	});
});
