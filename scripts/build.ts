/**
 * `npm run build`: check the model and the coverage gate, then build the site into a staging
 * folder and swap it into dist/ only when the build succeeded — a failed build leaves the
 * previous dist/ untouched.
 *
 * Settings come from opsbook.config.* and the environment (src/config/): e.g.
 *   OPSBOOK_CONTENT=dir     another model folder
 *   OPSBOOK_BASE=/pr-42/    build under a sub-path (previews)
 *   OPSBOOK_ALLOW_GAPS=1    build despite coverage gaps; every page then says so in a banner
 *   --out DIR               output folder (default: the config's out, dist)
 *   --full                  render every page, not only those whose inputs changed (incremental builds)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { bundleApis } from '../src/apis/bundle.ts';
import { checkApis, withApiCheck } from '../src/apis/check.ts';
import { apisOf, bundleFolder } from '../src/apis/specs.ts';
import { loadConfigOrExit } from '../src/config/index.ts';
import { asOfNotice, judgementDay } from '../src/coverage/today.ts';
import { contentRoot, formatDiagnostic, loadModelForBuild } from '../src/load/index.ts';
import { printableLines } from '../src/lib/terminal.ts';
import { diagramBatch } from '../src/site/diagram-batch.ts';
import { diagramFailures } from '../src/site/prose-diagrams.ts';
import { kinds } from '../src/model/kinds.ts';
import { report } from '../src/report/check.ts';
import { forgetRenderedPages } from '../src/site/incremental.ts';

/** A model YAML file (path relative to the model folder), whose errors a preview can leave out. */
function isModelFile(file: string): boolean {
	const top = file.split(/[\\/]/)[0]!;
	return /\.ya?ml$/.test(file) && Object.values(kinds).some(({ location }) => ('folder' in location ? location.folder === top : location.file === file));
}

/** A problem the build found in the model's prose after Astro ran, already positioned. */
class SiteProblem extends Error {}

const project = resolve(import.meta.dirname, '..');
const config = await loadConfigOrExit();
const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? resolve(process.argv[outIndex + 1]!) : config.outDir;
const { allowGaps } = config;

const root = contentRoot();
// Astro runs in this process: the pages, the API plugin and the file writer reuse this load.
process.chdir(project);
// Parsed files come from the config's cacheDir (src/load/parse-cache.ts).
const loaded = loadModelForBuild(root);
const day = judgementDay(loaded.model.policy, config.today);
const today = day.today;
const apis = await checkApis(loaded, { allowRedoclyPlugins: config.allowRedoclyPlugins });
const checked = report(withApiCheck(loaded, apis), { today, gapsAsWarnings: allowGaps, apis });
process.stdout.write(checked.text);
const notice = asOfNotice(day);
if (notice) console.log(notice);
// With allowGaps, errors in model files do not stop a preview: what they broke is left out and
// every page says so. Errors elsewhere (an API spec, a guide) would break the pages they feed.
const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
const unskippable = errors.filter((d) => !isModelFile(relative(root, resolve(project, d.file))));
const preview = allowGaps && !checked.ok && unskippable.length === 0;
if (!checked.ok && !preview) {
	const hint =
		allowGaps && unskippable.length
			? `\nA preview cannot leave these out: ${[...new Set(unskippable.map((d) => d.file))].join(', ')}.`
			: '\nTo build a preview anyway, set OPSBOOK_ALLOW_GAPS=1 (or allowGaps in the config): what has errors is left out and every page carries a warning banner.';
	console.error(`\nBuild refused: fix the problems above (dist/ was left as it was).${hint}`);
	process.exit(1);
}
if (preview && errors.length) {
	console.log(`\nBuilding a preview despite ${errors.length} error${errors.length === 1 ? '' : 's'} (allowGaps): every page lists what was left out.`);
}

// The diagrams render (only the new ones: the rest are cached) while the specs bundle and Astro
// starts; the pages await this same batch.
void diagramBatch(loaded.model, join(config.cacheDir, 'diagrams'));

// Every API spec is bundled (external $refs resolved) for the pages to read; unchanged specs come from the cache.
const apiEntries = apisOf(loaded.model, root);
if (apiEntries.length) {
	const bundled = await bundleApis(apiEntries, { root, folder: bundleFolder(project, root), allowRedoclyPlugins: config.allowRedoclyPlugins });
	if (bundled.diagnostics.length) {
		console.error(`\n${bundled.diagnostics.map(formatDiagnostic).join('\n')}\nBuild refused: the API specs above could not be bundled (dist/ was left as it was).`);
		process.exit(1);
	}
	console.log(`\nBundled ${bundled.bundled} API spec(s) with Redocly in ${(bundled.elapsed / 1000).toFixed(1)} s${bundled.bundled < bundled.bundles.length ? ` (${bundled.bundles.length - bundled.bundled} unchanged, from the cache)` : ''}`);
}

// Staged in the handbook's own .opsbook/ (beside its output, so the swap is a rename on one disk).
const work = join(config.root, '.opsbook');
// One staging folder per output, named the same every time: Astro writes its path into the
// bundled code, and a path that changed would make an incremental build render every page.
const staging = join(work, `dist-next-${createHash('sha256').update(out).digest('hex').slice(0, 12)}`);
mkdirSync(work, { recursive: true });
removeStaleStaging(work);
claimStaging(staging);
const started = performance.now();
// Astro, in this process, reads these settings (astro.config.mjs takes the loaded config): the
// model folder of --content and the day the check judged on.
Object.assign(config, { content: root, contentDir: root, today, outDir: out });
process.env.ASTRO_TELEMETRY_DISABLED = '1';
try {
	const { build } = await import('astro');
	await build({ root: project, outDir: staging, force: process.argv.includes('--full') });
	const failures = diagramFailures();
	if (failures.length) throw new SiteProblem(`Guide diagrams that could not be drawn:\n${failures.join('\n')}`);
} catch (error) {
	rmSync(staging, { recursive: true, force: true });
	rmSync(`${staging}.pid`, { force: true });
	forgetRenderedPages(config);
	console.error(`\n${printableLines(siteBuildError(error))}\nSite build failed; dist/ was left as it was.`);
	process.exit(1);
}

// Swap: the old output is moved aside first so there is never a moment without a dist/.
const previous = join(work, `dist-previous-${process.pid}`);
rmSync(previous, { recursive: true, force: true });
if (existsSync(out)) renameSync(out, previous);
mkdirSync(dirname(out), { recursive: true });
renameSync(staging, out);
rmSync(`${staging}.pid`, { force: true });
removeInBackground(previous);
console.log(`\nBuilt ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// Astro keeps file watchers and workers alive after a programmatic build.
process.exit(0);

/**
 * An interrupted build (Ctrl+C, a killed CI job) leaves its staging folder behind; remove those
 * of builds that no longer run. Builds running beside this one (tests) keep theirs.
 */
function removeStaleStaging(folder: string) {
	for (const name of readdirSync(folder)) {
		// A staging folder named after its output: its build's process id is in <name>.pid.
		// (Checked first: a name of twelve hex digits may be all digits.)
		const named = /^dist-next-[0-9a-f]{12}$/.test(name);
		const pid = /^dist-(?:next|previous)-(\d+)$/.exec(name)?.[1];
		if (!named && pid === undefined) continue;
		const owner = named ? ownerOf(join(folder, name)) : Number(pid);
		if (owner !== undefined && running(owner)) continue;
		try {
			rmSync(join(folder, name), { recursive: true, force: true });
			rmSync(join(folder, `${name}.pid`), { force: true });
		} catch {
			// Being deleted in the background still (removeInBackground): it goes either way.
		}
	}
}

/**
 * The old output is deleted by a process of its own that outlives this one: nothing waits for it,
 * and at a thousand services its 24,000 files take two seconds to delete. Should that process be
 * stopped first, the folder (named after this build's process) goes with the next build's
 * `removeStaleStaging`.
 */
function removeInBackground(folder: string) {
	if (!existsSync(folder)) return;
	const script = "try { require('node:fs').rmSync(process.argv[1], { recursive: true, force: true }) } catch {}";
	spawn(process.execPath, ['-e', script, folder], { detached: true, stdio: 'ignore', windowsHide: true }).unref();
}

/** The process that staged into a folder (its `.pid` file), if any. */
function ownerOf(folder: string): number | undefined {
	return existsSync(`${folder}.pid`) ? Number(readFileSync(`${folder}.pid`, 'utf8')) : undefined;
}

/** The staging folder of this output, unless another build into the same output is running. */
function claimStaging(folder: string) {
	const owner = ownerOf(folder);
	if (owner && running(owner)) {
		console.error(`Another build into ${out} is running (process ${owner}); wait for it to finish.`);
		process.exit(1);
	}
	rmSync(folder, { recursive: true, force: true });
	writeFileSync(`${folder}.pid`, String(process.pid));
}

function running(pid: number): boolean {
	if (pid === process.pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

interface BuildError {
	name?: string;
	title?: string;
	message?: string;
	hint?: string;
	loc?: { file?: string; line?: number; column?: number };
	/** The file a Vite/Rolldown plugin error is about. */
	id?: string;
	stack?: string;
	errors?: BuildError[];
}

/**
 * What went wrong in the site build, as the Astro command would say it: a broken guide (MDX) is
 * named by file, line and column; an error that points nowhere is a crash, shown with its stack.
 */
function siteBuildError(error: unknown): string {
	const e = (error ?? {}) as BuildError;
	return (e.errors?.length ? e.errors : [e]).map(describeError).join('\n');
}

function describeError(e: BuildError): string {
	if (e instanceof SiteProblem) return e.message;
	const file = e.loc?.file ?? e.id;
	if (!file && !e.title) return String(e.stack ?? e.message ?? e);
	const shown = file && (file.startsWith(`${project}/`) ? relative(project, file) : file);
	const where = shown ? `${shown}${e.loc?.line ? `:${e.loc.line}:${e.loc.column ?? 1}` : ''}: ` : '';
	// MDX starts its message with the position, already given.
	const message = (e.message ?? '').replace(/^\d+:\d+: /, '');
	return `${where}${e.title && e.title !== message ? `${e.title}: ` : ''}${message}${e.hint ? `\n  hint: ${e.hint}` : ''}`;
}
