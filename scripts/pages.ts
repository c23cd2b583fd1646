/**
 * Publishes a built site into a folder of the `gh-pages` branch (GitHub Pages "deploy from a
 * branch"), keeping everything else on the branch: the live handbook at the root and one
 * preview per pull request under `pr-<n>/` live side by side. Used by the workflows in
 * .github/workflows; any other static host can replace this one step (see the README).
 *
 *   node scripts/pages.ts publish dist --into pr-42    a preview
 *   node scripts/pages.ts publish dist --into . --keep 'pr-*'   the live site; previews stay
 *   node scripts/pages.ts remove pr-42                 a closed pull request's preview
 *
 * Options: --branch NAME (default gh-pages), --remote NAME (default origin), --message TEXT.
 * Works in a temporary `git worktree` of the current repository, so the checkout (and the
 * credentials actions/checkout set up for it) is reused and the working tree is not touched.
 * A push that loses a race with another publish is retried on top of the new branch head.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const command = args[0];
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const branch = option('--branch') ?? 'gh-pages';
const remote = option('--remote') ?? 'origin';
const keep = args.flatMap((arg, i) => (args[i - 1] === '--keep' ? [arg] : []));

let source: string | undefined;
let target: string;
if (command === 'publish' && args[1] && option('--into')) {
	source = resolve(args[1]);
	if (!existsSync(join(source, 'index.html'))) stop(`${source} has no index.html; build the site first`);
	target = option('--into')!;
} else if (command === 'remove' && args[1]) {
	target = args[1];
} else {
	stop("usage: node scripts/pages.ts publish DIR --into FOLDER [--keep 'pr-*'] | remove FOLDER  [--branch gh-pages] [--remote origin]");
}
target = normalize(target).replace(/\/+$/, '') || '.';
if (isAbsolute(target) || target.startsWith('..')) stop(`--into must be a folder inside the branch, not ${target}`);
if (command === 'remove' && target === '.') stop('refusing to remove the whole site');
const message = option('--message') ?? (command === 'remove' ? `Remove ${target}` : `Publish ${target === '.' ? 'the site' : target}`);

try {
	for (let attempt = 1; ; attempt++) {
		const result = publishOnce();
		if (result === 'done') break;
		if (attempt === 5) fail(`could not push to ${remote}/${branch} after ${attempt} attempts`);
		console.error(`push to ${branch} was rejected (another publish won the race); retrying (${attempt + 1}/5)`);
	}
} catch (error) {
	console.error(`opsbook pages: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 2;
}

function publishOnce(): 'done' | 'retry' {
	const exists = git(['ls-remote', '--exit-code', '--heads', remote, branch], { allowFail: true }).status === 0;
	const tree = join(mkdtempSync(join(tmpdir(), 'opsbook-pages-')), 'tree');
	const orphan = `opsbook-pages-${process.pid}`;
	try {
		if (exists) {
			git(['fetch', '--quiet', '--depth=1', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
			git(['worktree', 'add', '--quiet', '--detach', tree, `refs/remotes/${remote}/${branch}`]);
		} else {
			if (command === 'remove') {
				console.log(`${remote} has no ${branch} branch; nothing to remove`);
				return 'done';
			}
			git(['worktree', 'add', '--quiet', '--detach', tree]);
			git(['checkout', '--quiet', '--orphan', orphan], { cwd: tree });
			git(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.'], { cwd: tree });
			for (const entry of readdirSync(tree)) if (entry !== '.git') rmSync(join(tree, entry), { recursive: true, force: true });
		}
		const folder = join(tree, target);
		if (target === '.') {
			// The live site: everything goes except what --keep protects (the previews).
			const kept = (name: string) => name === '.git' || name === '.nojekyll' || keep.some((pattern) => glob(pattern).test(name));
			for (const entry of readdirSync(tree)) if (!kept(entry)) rmSync(join(tree, entry), { recursive: true, force: true });
		} else rmSync(folder, { recursive: true, force: true });
		if (source) cpSync(source, folder, { recursive: true });
		// Without it GitHub Pages runs Jekyll, which drops folders starting with "_" (Astro's _astro/).
		writeFileSync(join(tree, '.nojekyll'), '');
		git(['add', '-A', '.'], { cwd: tree });
		if (git(['diff', '--cached', '--quiet'], { cwd: tree, allowFail: true }).status === 0 && exists) {
			console.log(`${branch} already has this content; nothing to push`);
			return 'done';
		}
		git(['-c', 'user.name=github-actions[bot]', '-c', 'user.email=41898282+github-actions[bot]@users.noreply.github.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--no-verify', '-m', message], { cwd: tree });
		const push = git(['push', '--quiet', remote, `HEAD:refs/heads/${branch}`], { cwd: tree, allowFail: true });
		if (push.status !== 0) {
			console.error(push.stderr.trim());
			return 'retry';
		}
		const files = source ? countFiles(source) : 0;
		console.log(command === 'remove' ? `Removed ${target}/ from ${branch}` : `Published ${files} files to ${branch}:${target === '.' ? '/' : `${target}/`}`);
		return 'done';
	} finally {
		git(['worktree', 'remove', '--force', tree], { allowFail: true });
		if (!exists) git(['branch', '-q', '-D', orphan], { allowFail: true });
		rmSync(resolve(tree, '..'), { recursive: true, force: true });
	}
}

function glob(pattern: string): RegExp {
	return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function countFiles(folder: string): number {
	let n = 0;
	for (const entry of readdirSync(folder)) {
		const path = join(folder, entry);
		n += statSync(path).isDirectory() ? countFiles(path) : 1;
	}
	return n;
}

function git(gitArgs: string[], { cwd = process.cwd(), allowFail = false }: { cwd?: string; allowFail?: boolean } = {}) {
	const result = spawnSync('git', gitArgs, { cwd, encoding: 'utf8' });
	if (result.error) fail(`could not run git: ${result.error.message}`);
	if (result.status !== 0 && !allowFail) fail(`git ${gitArgs.join(' ')} failed:\n${result.stderr.trim()}`);
	return result;
}

/** A usage error, before anything was touched. */
function stop(text: string): never {
	console.error(`opsbook pages: ${text}`);
	process.exit(2);
}

/** Thrown, so a failure inside a publish still removes its worktree. */
function fail(text: string): never {
	throw new Error(text);
}
