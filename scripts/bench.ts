/**
 * `npm run bench -- 200` (or several sizes: `npm run bench -- 50 200 1000`): generates a
 * synthetic model of that many services (scripts/lib/synthetic.ts) and measures, side by side
 * with plain Starlight building the same number of Markdown pages (scripts/lib/plain.ts):
 *
 * - the model check (the `npm run check` command, and load + validate + analyse + coverage in process);
 * - full site builds: wall time, peak memory, pages, dist/ and Pagefind sizes — Opsbook with a
 *   cold caches (diagrams, code blocks, API bundles), again with warm ones, and after one service changed (diagrams rendered
 *   versus reused); plain Starlight twice (its second build reuses Astro's content cache);
 * - client JavaScript on a runbook page, and whether any page ships the mermaid runtime;
 * - search latency in Chromium, from typing a query to its first result.
 *
 * Prints a Markdown table and writes it, with the JSON figures, to .opsbook/bench/. Asserts
 * nothing: the figures are for the README's Performance section and for finding what to fix.
 *
 *   --seed S     another synthetic model (default "opsbook")
 *   --no-plain   skip the plain Starlight builds
 *   --repeat N   warm builds (Opsbook's and plain Starlight's second) run N times, the fastest
 *                counts (default 2): on a shared virtual machine one run can be 20 % off. The
 *                two sides alternate, so a slow spell of the machine falls on both.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { loadModel } from '../src/load/index.ts';
import { report } from '../src/report/check.ts';
import { clientJavaScript, folderBytes, htmlPages, measure, type Run } from './lib/measure.ts';
import { writePlainStarlight } from './lib/plain.ts';
import { searchLatency, type Query, type SearchFigures } from './lib/search-latency.ts';
import { generateModel, writeModel, type SyntheticModel } from './lib/synthetic.ts';

const project = resolve(import.meta.dirname, '..');
const TODAY = '2026-11-23';
const args = process.argv.slice(2);
const seed = args.includes('--seed') ? args[args.indexOf('--seed') + 1]! : 'opsbook';
const withPlain = !args.includes('--no-plain');
const repeat = args.includes('--repeat') ? Math.max(1, Number(args[args.indexOf('--repeat') + 1])) : 2;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && !['--seed', '--repeat'].includes(args[i - 1]!)).map(Number);
if (!sizes.length) sizes.push(50);

interface Build {
	seconds: number;
	peakMB: number;
	pages: number;
	distMB: number;
	pagefindMB: number;
	avgPageKB: number;
}

interface Figures {
	size: number;
	files: number;
	check: { commandSeconds: number; inProcessMs: number; redoclyMs: number | undefined; apis: number };
	cold: Build & { diagramsRendered: number; diagramSeconds: number };
	warm: Build & { diagramsReused: number };
	changed: Build & { diagramsRendered: number; diagramsReused: number };
	plain?: { cold: Build; warm: Build };
	/** Opsbook's warm build over plain Starlight's second build, for each pair run back to back. */
	pairRatios?: number[];
	runbookJs: { raw: number; gzip: number };
	plainPageJs?: { raw: number; gzip: number };
	mermaidRuntimeFiles: number;
	search: SearchFigures;
	plainSearch?: SearchFigures;
}

const node = process.execPath;
const results: Figures[] = [];
const folder = join(project, '.opsbook', 'bench');
const name = `results-${sizes.join('-')}`;
let table = '';
for (const size of sizes) {
	results.push(await bench(size));
	// Written after each size, so a long run that is stopped keeps what it measured.
	table = markdown(results);
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, `${name}.md`), `${table}\n`);
	writeFileSync(join(folder, `${name}.json`), `${JSON.stringify({ machine: machine(), date: TODAY, seed, results }, null, 2)}\n`);
}
console.log(`\n${table}\n\nWritten to .opsbook/bench/${name}.md and .json`);

/** Runs a measurement n times and keeps the fastest: noise on a shared machine only adds time. */
async function fastest<T extends { seconds: number }>(n: number, run: (i: number) => Promise<T>): Promise<T> {
	let best: T | undefined;
	for (let i = 1; i <= n; i++) {
		const figures = await run(i);
		if (!best || figures.seconds < best.seconds) best = figures;
	}
	return best!;
}

async function bench(size: number): Promise<Figures> {
	const base = join(project, '.opsbook', 'bench', String(size));
	const content = join(base, 'model');
	const dist = join(base, 'dist');
	// All of the build's caches (diagrams, code blocks, Markdown, lint findings, API bundles) start cold together.
	const cacheDir = join(base, 'cache');
	const log = (text: string) => console.error(`[bench ${size}] ${text}`);

	const model = generateModel({ size, seed, today: TODAY });
	const files = writeModel(model, content);
	log(`model: ${model.services.length} services, ${model.runbooks.length} runbooks, ${model.trees.length} trees, ${model.specs.size} API specs, ${files} files`);

	// The check, as a user runs it (Node start-up and Redocly's lint of the specs included), best of three.
	const checks: Run[] = [];
	// As \`npm run check\` runs it: with Node's compile cache (package.json sets NODE_COMPILE_CACHE).
	for (let i = 0; i < 3; i++) checks.push(await measure(node, ['scripts/check.ts', '--content', content, '--today', TODAY], { cwd: project, env: { NODE_COMPILE_CACHE: join(project, '.opsbook', 'cache', 'node') } }));
	if (checks[0]!.status !== 0) throw new Error(`the synthetic model does not pass its check:\n${checks[0]!.output.slice(-4000)}`);
	const redocly = /linted with Redocly in (\d+) ms/.exec(checks[0]!.output);
	// The same work in this process, without start-up and without the lint (a separate tool).
	const inProcess: number[] = [];
	for (let i = 0; i < 3; i++) {
		const started = performance.now();
		report(loadModel(content), { today: TODAY });
		inProcess.push(performance.now() - started);
	}
	const check = {
		commandSeconds: Math.min(...checks.map((c) => c.seconds)),
		inProcessMs: Math.min(...inProcess),
		redoclyMs: redocly ? Number(redocly[1]) : undefined,
		apis: model.specs.size,
	};
	log(`check: ${check.commandSeconds.toFixed(2)} s as a command, ${check.inProcessMs.toFixed(0)} ms in process`);

	const opsbook = async (what: string) => {
		log(`Opsbook build (${what})…`);
		const run = await measure(node, ['scripts/build.ts', '--out', dist], {
			cwd: project,
			env: { OPSBOOK_CONTENT: content, OPSBOOK_TODAY: TODAY, OPSBOOK_CACHE: cacheDir },
		});
		if (run.status !== 0) throw new Error(`the Opsbook build failed:\n${run.output.slice(-4000)}`);
		const diagrams = [...run.output.matchAll(/\[opsbook\] diagrams: (\d+) rendered, (\d+) reused from cache \(([\d.]+) s\)/g)];
		const sum = (i: number) => diagrams.reduce((total, m) => total + Number(m[i]), 0);
		const figures = { ...outputFigures(dist, run), diagramsRendered: sum(1), diagramsReused: sum(2), diagramSeconds: sum(3) };
		log(`${figures.seconds.toFixed(1)} s, ${figures.pages} pages, diagrams ${figures.diagramsRendered} rendered / ${figures.diagramsReused} reused`);
		return figures;
	};
	const root = join(base, 'plain');
	let written = 0;
	const plainBuild = async (what: string) => {
		log(`plain Starlight build of ${written} pages (${what})…`);
		const run = await measure(node, [join(project, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], { cwd: root, env: { ASTRO_TELEMETRY_DISABLED: '1' } });
		if (run.status !== 0) throw new Error(`the plain Starlight build failed:\n${run.output.slice(-4000)}`);
		const figures = outputFigures(join(root, 'dist'), run);
		log(`${figures.seconds.toFixed(1)} s, ${figures.pages} pages`);
		return figures;
	};

	rmSync(cacheDir, { recursive: true, force: true });
	const cold = await opsbook('cold caches');
	if (withPlain) written = writePlainStarlight(model, root, cold.pages);
	const plainCold = withPlain ? await plainBuild('first') : undefined;
	// Warm builds, the two sides alternating: the machine's slow spells fall on both.
	let warm: Awaited<ReturnType<typeof opsbook>> | undefined;
	let plainWarm: Build | undefined;
	const pairRatios: number[] = [];
	for (let i = 1; i <= repeat; i++) {
		const ours = await opsbook(`warm caches, run ${i} of ${repeat}`);
		if (!warm || ours.seconds < warm.seconds) warm = ours;
		if (!withPlain) continue;
		const theirs = await plainBuild(`second, run ${i} of ${repeat}`);
		if (!plainWarm || theirs.seconds < plainWarm.seconds) plainWarm = theirs;
		pairRatios.push(ours.seconds / theirs.seconds);
	}
	renameOneService(content, model);
	const changed = await opsbook('one service renamed');

	const runbookPage = join(dist, 'runbooks', model.runbooks[0]!.id, 'index.html');
	const runbookJs = clientJavaScript(dist, runbookPage);
	const mermaidRuntimeFiles = readdirSync(join(dist, '_astro'), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.js'))
		.filter((file) => /mermaidAPI|flowchart-v2|securityLevel/.test(readFileSync(join(dist, '_astro', file), 'utf8'))).length;
	const queries = queriesOf(model);
	log('search latency (Opsbook)…');
	const search = await searchLatency(dist, queries);

	let plain: Figures['plain'];
	let plainPageJs: Figures['plainPageJs'];
	let plainSearch: SearchFigures | undefined;
	if (plainCold && plainWarm) {
		plain = { cold: plainCold, warm: plainWarm };
		plainPageJs = clientJavaScript(join(root, 'dist'), join(root, 'dist', 'runbooks', model.runbooks[0]!.id, 'index.html'));
		log('search latency (plain Starlight)…');
		plainSearch = await searchLatency(join(root, 'dist'), queries);
	}

	return {
		size,
		files,
		check,
		cold,
		warm: warm!,
		changed,
		...(plain ? { plain, pairRatios } : {}),
		runbookJs,
		...(plainPageJs ? { plainPageJs } : {}),
		mermaidRuntimeFiles,
		search,
		...(plainSearch ? { plainSearch } : {}),
	};
}

function outputFigures(dist: string, run: Run): Build {
	const pages = htmlPages(dist);
	const html = pages.reduce((total, file) => total + readFileSync(file).length, 0);
	return {
		seconds: run.seconds,
		peakMB: run.peakMB,
		pages: pages.length,
		distMB: folderBytes(dist) / 1e6,
		pagefindMB: folderBytes(join(dist, 'pagefind')) / 1e6,
		avgPageKB: html / pages.length / 1024,
	};
}

/** A realistic one-line change: a service's display name, which its neighbours' diagrams show. */
function renameOneService(content: string, model: SyntheticModel) {
	const service = model.services[Math.floor(model.services.length / 2)]!;
	const file = join(content, 'services', `${service.id}.yaml`);
	const text = readFileSync(file, 'utf8');
	writeFileSync(file, text.replace(/^name: .*$/m, `name: ${service.name} (renamed)`));
}

/** Alert names (whose runbook should come first), service names and symptoms, from the model. */
function queriesOf(model: SyntheticModel): Query[] {
	const spread = <T>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]!);
	const alerts = spread(model.services.flatMap((s) => s.alerts), 6).map((a) => ({ text: a.name, expect: `/runbooks/${a.runbook}/` }));
	const services = spread(model.services, 5).map((s) => ({ text: s.name }));
	const symptoms = spread(model.runbooks.flatMap((r) => r.triggers.symptoms), 5).map((s) => ({ text: s.split(/\s+/).slice(0, 4).join(' ') }));
	return [...alerts, ...services, ...symptoms];
}

function machine(): string {
	return `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}`;
}

function markdown(all: Figures[]): string {
	const s = (n: number) => `${n.toFixed(1)} s`;
	const mb = (n: number) => `${n.toFixed(0)} MB`;
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const ms = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(0)} ms`);
	const row = (label: string, cell: (f: Figures) => string) => `| ${label} | ${all.map(cell).join(' | ')} |`;
	const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '—');
	const lines = [
		`Opsbook benchmark, ${TODAY}, seed "${seed}" — ${machine()}`,
		'',
		`| | ${all.map((f) => `${f.size} services`).join(' | ')} |`,
		`| --- | ${all.map(() => '---:').join(' | ')} |`,
		row('model files', (f) => String(f.files)),
		row('check (`npm run check`, Node start-up and Redocly lint included)', (f) => s(f.check.commandSeconds)),
		row('check in process (load, validate, analyse, coverage)', (f) => ms(f.check.inProcessMs)),
		row('Redocly lint of the API specs (part of the check)', (f) => `${ms(f.check.redoclyMs)} (${f.check.apis} specs)`),
		row('pages (Opsbook / plain Starlight)', (f) => `${f.cold.pages} / ${f.plain?.cold.pages ?? '—'}`),
		row('average page HTML (Opsbook / plain)', (f) => `${f.cold.avgPageKB.toFixed(1)} / ${f.plain?.cold.avgPageKB.toFixed(1) ?? '—'} KB`),
		row('Opsbook build, cold caches', (f) => `${s(f.cold.seconds)} (diagrams: ${f.cold.diagramsRendered} in ${s(f.cold.diagramSeconds)}, ${f.cold.diagramsRendered ? ms((f.cold.diagramSeconds * 1000) / f.cold.diagramsRendered) : '—'} each)`),
		row(`Opsbook build, warm caches (fastest of ${repeat})`, (f) => s(f.warm.seconds)),
		row(`plain Starlight build (first / second, fastest of ${repeat})`, (f) => (f.plain ? `${s(f.plain.cold.seconds)} / ${s(f.plain.warm.seconds)}` : '—')),
		row('**ratio, warm Opsbook / plain Starlight (second build)**', (f) => `**${ratio(f.warm.seconds, f.plain?.warm.seconds)}**`),
		row('ratio of each back-to-back pair (Opsbook warm / plain second)', (f) => (f.pairRatios?.length ? f.pairRatios.map((r) => `${r.toFixed(2)}×`).join(', ') : '—')),
		row('ratio, warm Opsbook / plain Starlight (first build)', (f) => ratio(f.warm.seconds, f.plain?.cold.seconds)),
		row('after one service renamed: build, diagrams rendered / reused', (f) => `${s(f.changed.seconds)}, ${f.changed.diagramsRendered} / ${f.changed.diagramsReused}`),
		row('peak memory, warm build (Opsbook / plain)', (f) => `${mb(f.warm.peakMB)} / ${f.plain ? mb(f.plain.warm.peakMB) : '—'}`),
		row('dist/ size (Opsbook / plain)', (f) => `${mb(f.warm.distMB)} / ${f.plain ? mb(f.plain.warm.distMB) : '—'}`),
		row('Pagefind index (Opsbook / plain)', (f) => `${f.warm.pagefindMB.toFixed(1)} / ${f.plain?.warm.pagefindMB.toFixed(1) ?? '—'} MB`),
		row('client JS on a runbook page, gzip (Opsbook / plain)', (f) => `${kb(f.runbookJs.gzip)} / ${f.plainPageJs ? kb(f.plainPageJs.gzip) : '—'}`),
		row('JS files with the mermaid runtime', (f) => String(f.mermaidRuntimeFiles)),
		row('search: first query, index loading included (Opsbook / plain)', (f) => `${ms(f.search.firstMs)} / ${ms(f.plainSearch?.firstMs)}`),
		row('search: typing → first result, median (Opsbook / plain)', (f) => `${ms(f.search.medianMs)} / ${ms(f.plainSearch?.medianMs)}`),
		row('search: slowest of the rest (Opsbook / plain)', (f) => `${ms(f.search.maxMs)} / ${ms(f.plainSearch?.maxMs)}`),
		row('search: exact alert name → runbook link, median', (f) => ms(f.search.exactMedianMs)),
		row('alert name → its runbook first (Opsbook / plain)', (f) => `${f.search.expectedFirst}/${f.search.expected} / ${f.plainSearch ? `${f.plainSearch.expectedFirst}/${f.plainSearch.expected}` : '—'}`),
	];
	return lines.join('\n');
}
