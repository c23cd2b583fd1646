/**
 * `npm run diff -- <git-ref>`: what the working tree changes in the model compared with a git
 * ref, as Markdown for a pull-request comment (or JSON with --json).
 *
 *   npm run diff -- origin/main                 Markdown on stdout
 *   npm run diff -- origin/main --json          the same as JSON, for tools
 *   npm run diff -- HEAD~1 --content DIR        another model folder (inside a git repository)
 *   npm run diff -- HEAD --today 2026-11-23     judge coverage freshness as of that date
 *                                               (else the policy's asOf, else today)
 *   npm run diff -- "$BASE_SHA" --label main    how the ref is named in the output
 *
 * The model at the ref is read straight from git objects (`git ls-tree` + `git cat-file`) into a
 * temporary folder: the working tree and the index are never touched. (Not `git archive`: it
 * applies `export-ignore` and `export-subst` from .gitattributes, which could drop or rewrite
 * model files.) Both sides are judged with the same date.
 *
 * Exit status: 0 when the diff was printed (whatever it says), 2 when it could not be made
 * (not a git repository, unknown ref).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { diffModels, renderJson, renderMarkdown, snapshot } from '../src/diff/index.ts';
import { judgementDay } from '../src/coverage/today.ts';
import { loadConfigOrExit } from '../src/config/index.ts';
import { contentRoot, formatDiagnostic, loadModel } from '../src/load/index.ts';
import { printableLines } from '../src/lib/terminal.ts';

const args = process.argv.slice(2);
const flagsWithValue = new Set(['--content', '--today', '--title', '--label']);
const positional = args.filter((arg, i) => !arg.startsWith('--') && !flagsWithValue.has(args[i - 1] ?? ''));
const json = args.includes('--json');
const ref = positional[0];
const config = await loadConfigOrExit();
const explicitDay = valueOf('--today') || config.today;

if (!ref || args.includes('--help')) {
	fail('usage: npm run diff -- <git-ref> [--json] [--content DIR] [--today YYYY-MM-DD] [--label NAME] [--title TEXT]\n  compares the model at <git-ref> with the working tree, e.g. npm run diff -- origin/main');
}

const root = contentRoot();
// The repository is found from the model folder (or its nearest existing parent).
let anchor = root;
while (!existsSync(anchor) && dirname(anchor) !== anchor) anchor = dirname(anchor);
const top = git(['rev-parse', '--show-toplevel'], anchor);
if (top.status !== 0) fail(`not inside a git repository: ${anchor}\n${top.stderr.trim()}`);
const repo = realpathSync(top.stdout.trim());
const modelPath = relative(repo, existsSync(root) ? realpathSync(root) : root).split('\\').join('/');
if (modelPath.startsWith('..')) fail(`the model folder ${root} is not inside the git repository ${repo}`);

const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], repo);
if (commit.status !== 0) {
	fail(`unknown git ref "${ref}": no commit by that name in ${repo}.\nIn CI, fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin ${ref}).`);
}
const sha = commit.stdout.trim();

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-diff-'));
try {
	const baseFolder = materialise(sha, modelPath, scratch);
	const base = baseFolder ? loadModel(baseFolder, { cwd: scratch }) : undefined;
	const head = loadModel(root, { cwd: repo });
	// Both sides are judged on one day: the change's policy decides when it pins one.
	const today = judgementDay(head.model.policy ?? base?.model.policy, explicitDay).today;
	// Diagnostics name files relative to the loader's cwd; the diff compares model-relative paths.
	const inModel = (cwd: string, folder: string) => (file: string) => relative(folder, resolve(cwd, file)).split('\\').join('/');
	const diff = diffModels(
		snapshot(valueOf('--label') || (/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref), base, today, { format: formatDiagnostic, modelFile: inModel(scratch, baseFolder ?? scratch) }),
		snapshot('working tree', head, today, { format: formatDiagnostic, modelFile: inModel(repo, root) }),
		today,
		{ modelPath: modelPath || '.' },
	);
	// Model text goes to a terminal or a CI log: no control characters, no workflow commands.
	process.stdout.write(json ? renderJson(diff) : printableLines(renderMarkdown(diff, { title: valueOf('--title') })));
} finally {
	rmSync(scratch, { recursive: true, force: true });
}

/**
 * Writes the files under `path` at `sha` into `into/path` and returns that folder, or
 * undefined when the ref has no such folder.
 */
function materialise(sha: string, path: string, into: string): string | undefined {
	const folder = join(into, path || '.');
	const listing = git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', ...(path ? [path] : [])], repo);
	if (listing.status !== 0) fail(`git ls-tree failed: ${listing.stderr.trim()}`);
	const blobs: { mode: string; object: string; file: string }[] = [];
	for (const entry of listing.stdout.split('\0')) {
		const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.+)$/s.exec(entry);
		if (!match || match[2] !== 'blob') continue; // submodules are not model files
		const [, mode, , object, file] = match;
		if (path && !file!.startsWith(`${path}/`)) continue;
		blobs.push({ mode: mode!, object: object!, file: file! });
	}
	if (blobs.length === 0) return undefined;
	mkdirSync(folder, { recursive: true });
	const contents = catFiles(blobs.map((b) => b.object));
	for (const blob of blobs) {
		if (blob.mode === '120000') {
			console.error(`note: ${blob.file} is a symbolic link at ${ref}; it was not compared`);
			continue;
		}
		const target = resolve(into, blob.file);
		if (relative(into, target).startsWith('..')) continue;
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, contents.get(blob.object)!);
	}
	return folder;
}

/** Every object's bytes from one `git cat-file --batch`. */
function catFiles(objects: string[]): Map<string, Buffer> {
	const unique = [...new Set(objects)];
	const result = spawnSync('git', ['cat-file', '--batch'], { cwd: repo, input: `${unique.join('\n')}\n`, maxBuffer: 1024 * 1024 * 1024 });
	if (result.status !== 0) fail(`git cat-file failed: ${result.stderr.toString().trim()}`);
	const out = result.stdout;
	const map = new Map<string, Buffer>();
	let at = 0;
	while (at < out.length) {
		const newline = out.indexOf(0x0a, at);
		const header = out.subarray(at, newline).toString();
		const [object, type, size] = header.split(' ');
		if (type === 'missing' || size === undefined) fail(`git object ${object} is missing`);
		const start = newline + 1;
		const end = start + Number(size);
		map.set(object!, out.subarray(start, end));
		at = end + 1; // each object is followed by a newline
	}
	return map;
}

function git(gitArgs: string[], cwd: string) {
	const result = spawnSync('git', gitArgs, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	if (result.error) fail(`could not run git: ${result.error.message}`);
	return result;
}

function valueOf(flag: string): string | undefined {
	const i = args.indexOf(flag);
	return i >= 0 ? args[i + 1] : undefined;
}

function fail(message: string): never {
	console.error(`opsbook diff: ${message}`);
	process.exit(2);
}
