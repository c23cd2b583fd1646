/**
 * `npm run bench -- 200` (or several sizes: `npm run bench -- 50 200 1000`): generates a
 * synthetic model of that many services (scripts/lib/synthetic.ts) and measures, side by side
 * with plain Starlight building the same number of Markdown pages (scripts/lib/plain.ts):
 *
 * - the model check (the `npm run check` command, and load + validate + analyse + coverage in
 *   process), cold (no parsed files kept) and again after one file was edited (the parse cache);
 * - full site builds: wall time, peak memory, pages, dist/ and Pagefind sizes — Opsbook with
 *   cold caches (diagrams, code blocks, API bundles), again with warm ones; plain Starlight twice
 *   (its second build reuses Astro's content cache);
 * - after one service is renamed: the incremental build (only the pages that read it rendered)
 *   beside a full build of the same model (every page rendered, as before incremental builds),
 *   and whether their outputs are byte-identical;
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
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { loadModel } from '../src/load/index.ts';
import { report } from '../src/report/check.ts';
import { scriptNodeFlags } from './lib/node-flags.ts';
import { clientJavaScript, folderBytes, htmlPages, measure, type Run } from './lib/measure.ts';
import { writePlainStarlight } from './lib/plain.ts';
import { searchLatency, type Query, type SearchFigures } from './lib/search-latency.ts';
import { generateModel, writeModel, type SyntheticModel } from './lib/synthetic.ts';

const project = resolve(import.meta.dirname, '..');
/** The Node flags `npm run check` passes, so the check is measured as it runs. */
const checkNodeFlags = scriptNodeFlags(project, 'check');
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

interface Incremental {
	/** Pages of the model (and API pages) rendered, and restored unchanged from the previous build. */
	rendered: number;
	restored: number;
}

interface Figures {
	size: number;
	files: number;
	check: {
		commandSeconds: number;
		inProcessMs: number;
		/** With the parse cache filled and one file edited since. */
		warmCommandSeconds: number;
		warmInProcessMs: number;
		redoclyMs: number | undefined;
		apis: number;
	};
	cold: Build & { diagramsRendered: number; diagramSeconds: number };
	warm: Build & { diagramsReused: number };
	/** An incremental build with nothing changed. */
	unchanged: Build & Incremental;
	/** One service renamed: the incremental build, and a full build of the same model. */
	changed: Build & Incremental & { diagramsRendered: number; diagramsReused: number };
	changedFull: Build & { diagramsRendered: number };
	/** Files that differ between the two outputs of the renamed model (0: byte-identical). */
	changedDiffering: number;
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
	// All of the build's caches (diagrams, code blocks, Markdown, lint findings, API bundles,
	// parsed files, Astro's) start cold together.
	const log = (text: string) => console.error(`[bench ${size}] ${text}`);

	const model = generateModel({ size, seed, today: TODAY });
	const files = writeModel(model, content);
	log(`model: ${model.services.length} services, ${model.runbooks.length} runbooks, ${model.trees.length} trees, ${model.specs.size} API specs, ${files} files`);

	// The check, as a user runs it (Node start-up and Redocly's lint of the specs included), best of
	// three: cold (no parsed files kept; the lint cache warm), then after one file was edited.
	const cacheDir = join(base, 'cache');
	const parsed = join(cacheDir, 'parsed');
	const checkCommand = () =>
		measure(node, [...checkNodeFlags, 'scripts/check.ts', '--content', content, '--today', TODAY], {
			cwd: project,
			// As \`npm run check\` runs it: with Node's compile cache (package.json sets NODE_COMPILE_CACHE).
			env: { NODE_COMPILE_CACHE: join(project, '.opsbook', 'cache', 'node'), OPSBOOK_CACHE: cacheDir },
		});
	const checks: Run[] = [];
	for (let i = 0; i < 3; i++) {
		rmSync(parsed, { recursive: true, force: true });
		checks.push(await checkCommand());
	}
	if (checks[0]!.status !== 0) throw new Error(`the synthetic model does not pass its check:\n${checks[0]!.output.slice(-4000)}`);
	const redocly = /linted with Redocly in (\d+) ms/.exec(checks[0]!.output);
	const edited = join(content, 'services', `${model.services[0]!.id}.yaml`);
	const original = readFileSync(edited, 'utf8');
	const warmChecks: Run[] = [];
	for (let i = 0; i < 3; i++) {
		writeFileSync(edited, `${original}# edited ${i}\n`);
		warmChecks.push(await checkCommand());
	}
	// The same work in this process, without start-up and without the lint (a separate tool).
	const inProcess = (cache?: string) => {
		const started = performance.now();
		report(loadModel(content, cache ? { cache } : {}), { today: TODAY });
		return performance.now() - started;
	};
	const cold: number[] = [];
	const warmRuns: number[] = [];
	for (let i = 0; i < 3; i++) cold.push(inProcess());
	for (let i = 0; i < 3; i++) {
		writeFileSync(edited, `${original}# edited again ${i}\n`);
		warmRuns.push(inProcess(cacheDir));
	}
	writeFileSync(edited, original);
	const check = {
		commandSeconds: Math.min(...checks.map((c) => c.seconds)),
		inProcessMs: Math.min(...cold),
		warmCommandSeconds: Math.min(...warmChecks.map((c) => c.seconds)),
		warmInProcessMs: Math.min(...warmRuns),
		redoclyMs: redocly ? Number(redocly[1]) : undefined,
		apis: model.specs.size,
	};
	log(`check: ${check.commandSeconds.toFixed(2)} s as a command, ${check.inProcessMs.toFixed(0)} ms in process; after one edit ${check.warmCommandSeconds.toFixed(2)} s / ${check.warmInProcessMs.toFixed(0)} ms`);

	const opsbook = async (what: string, { full = false, out = dist } = {}) => {
		log(`Opsbook build (${what})…`);
		const run = await measure(node, ['scripts/build.ts', '--out', out, ...(full ? ['--full'] : [])], {
			cwd: project,
			env: { OPSBOOK_CONTENT: content, OPSBOOK_TODAY: TODAY, OPSBOOK_CACHE: cacheDir },
		});
		if (run.status !== 0) throw new Error(`the Opsbook build failed:\n${run.output.slice(-4000)}`);
		await oldOutputDeleted();
		const diagrams = [...run.output.matchAll(/\[opsbook\] diagrams: (\d+) rendered, (\d+) reused from cache \(([\d.]+) s\)/g)];
		const sum = (i: number) => diagrams.reduce((total, m) => total + Number(m[i]), 0);
		const pages = /(\d+) model page\(s\) rendered, (\d+) unchanged and restored/.exec(run.output);
		const figures = {
			...outputFigures(out, run),
			diagramsRendered: sum(1),
			diagramsReused: sum(2),
			diagramSeconds: sum(3),
			rendered: Number(pages?.[1] ?? 0),
			restored: Number(pages?.[2] ?? 0),
		};
		log(`${figures.seconds.toFixed(1)} s, ${figures.pages} pages (${figures.rendered} model pages rendered, ${figures.restored} restored), diagrams ${figures.diagramsRendered} rendered / ${figures.diagramsReused} reused`);
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
	const coldBuild = await opsbook('cold caches', { full: true });
	if (withPlain) written = writePlainStarlight(model, root, coldBuild.pages);
	const plainCold = withPlain ? await plainBuild('first') : undefined;
	// Warm builds, the two sides alternating: the machine's slow spells fall on both.
	let warm: Awaited<ReturnType<typeof opsbook>> | undefined;
	let plainWarm: Build | undefined;
	const pairRatios: number[] = [];
	for (let i = 1; i <= repeat; i++) {
		const ours = await opsbook(`warm caches, every page rendered, run ${i} of ${repeat}`, { full: true });
		if (!warm || ours.seconds < warm.seconds) warm = ours;
		if (!withPlain) continue;
		const theirs = await plainBuild(`second, run ${i} of ${repeat}`);
		if (!plainWarm || theirs.seconds < plainWarm.seconds) plainWarm = theirs;
		pairRatios.push(ours.seconds / theirs.seconds);
	}
	const unchanged = await opsbook('incremental, nothing changed');
	renameOneService(content, model);
	// Both builds of the renamed model start from the same diagram cache: each renders the
	// diagrams that show the new name (the incremental one while Astro starts).
	const diagramCache = join(cacheDir, 'diagrams');
	const snapshot = join(base, 'diagrams-before-rename');
	rmSync(snapshot, { recursive: true, force: true });
	cpSync(diagramCache, snapshot, { recursive: true });
	const changed = await opsbook('incremental, one service renamed');
	rmSync(diagramCache, { recursive: true, force: true });
	renameSync(snapshot, diagramCache);
	const distFull = join(base, 'dist-full');
	const changedFull = await opsbook('one service renamed, every page rendered', { full: true, out: distFull });
	const changedDiffering = differingFiles(dist, distFull);
	log(`incremental and full outputs: ${changedDiffering === 0 ? 'byte-identical' : `${changedDiffering} files differ`}`);

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
		cold: coldBuild,
		warm: warm!,
		unchanged,
		changed,
		changedFull,
		changedDiffering,
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

/** How many files differ between two output folders (present in one only, or different bytes). */
function differingFiles(a: string, b: string): number {
	const list = (folder: string) => new Set(readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(join(folder, file)).isFile()));
	const left = list(a);
	const right = list(b);
	let differing = 0;
	for (const file of new Set([...left, ...right])) {
		if (!left.has(file) || !right.has(file) || !readFileSync(join(a, file)).equals(readFileSync(join(b, file)))) differing++;
	}
	return differing;
}

/**
 * A build deletes the output it replaced in the background, after it has returned
 * (scripts/build.ts): each measured build starts once that is done, as builds run a few seconds
 * apart do, rather than sharing the disk with the one before.
 */
async function oldOutputDeleted() {
	const work = join(project, '.opsbook');
	for (let waited = 0; waited < 60_000; waited += 100) {
		if (!readdirSync(work).some((name) => name.startsWith('dist-previous-'))) return;
		await new Promise((done) => setTimeout(done, 100));
	}
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
		row('check, cold (`npm run check`, Node start-up and Redocly lint included) / in process', (f) => `${s(f.check.commandSeconds)} / ${ms(f.check.inProcessMs)}`),
		row('check after one file edited (parsed files cached) / in process', (f) => `${s(f.check.warmCommandSeconds)} / ${ms(f.check.warmInProcessMs)}`),
		row('Redocly lint of the API specs (part of the check)', (f) => `${ms(f.check.redoclyMs)} (${f.check.apis} specs)`),
		row('pages (Opsbook / plain Starlight)', (f) => `${f.cold.pages} / ${f.plain?.cold.pages ?? '—'}`),
		row('average page HTML (Opsbook / plain)', (f) => `${f.cold.avgPageKB.toFixed(1)} / ${f.plain?.cold.avgPageKB.toFixed(1) ?? '—'} KB`),
		row('Opsbook build, cold caches', (f) => `${s(f.cold.seconds)} (diagrams: ${f.cold.diagramsRendered} in ${s(f.cold.diagramSeconds)}, ${f.cold.diagramsRendered ? ms((f.cold.diagramSeconds * 1000) / f.cold.diagramsRendered) : '—'} each)`),
		row(`Opsbook build, warm caches (fastest of ${repeat})`, (f) => s(f.warm.seconds)),
		row(`plain Starlight build (first / second, fastest of ${repeat})`, (f) => (f.plain ? `${s(f.plain.cold.seconds)} / ${s(f.plain.warm.seconds)}` : '—')),
		row('**ratio, warm Opsbook / plain Starlight (second build)**', (f) => `**${ratio(f.warm.seconds, f.plain?.warm.seconds)}**`),
		row('ratio of each back-to-back pair (Opsbook warm / plain second)', (f) => (f.pairRatios?.length ? f.pairRatios.map((r) => `${r.toFixed(2)}×`).join(', ') : '—')),
		row('ratio, warm Opsbook / plain Starlight (first build)', (f) => ratio(f.warm.seconds, f.plain?.cold.seconds)),
		row('rebuild, nothing changed (incremental: pages rendered / restored)', (f) => `${s(f.unchanged.seconds)} (${f.unchanged.rendered} / ${f.unchanged.restored})`),
		row('**one service renamed: incremental build** (pages rendered / restored; diagrams rendered)', (f) => `**${s(f.changed.seconds)}** (${f.changed.rendered} / ${f.changed.restored}; ${f.changed.diagramsRendered})`),
		row('one service renamed: full build, every page rendered (as before; diagrams rendered)', (f) => `${s(f.changedFull.seconds)} (${f.changedFull.diagramsRendered})`),
		row('incremental output identical to the full build\'s', (f) => (f.changedDiffering === 0 ? 'yes, byte for byte' : `no: ${f.changedDiffering} files differ`)),
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
