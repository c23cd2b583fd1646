/**
 * The GitHub Actions workflows are valid and run what the README says. Each file is linted with
 * GitHub's own workflow parser (@actions/workflow-parser, the one behind the Actions language
 * server: schema, expressions, job graph), offline; then its structure is checked with `yaml`;
 * then `audit` holds it to the security rules: actions pinned to a commit, least-privilege
 * tokens, no pull-request code in a job that can write, no expression expanded inside a script,
 * `npm ci`, no git credentials left where nothing is pushed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from './helpers.ts';
import { level, lint, readWorkflows, triggers, type Workflow } from './workflow-files.ts';

const folder = join(repoRoot, '.github', 'workflows');
const { files, texts, workflows } = readWorkflows(folder);
const scripts = Object.keys(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>);

const runs = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));

/**
 * What each job's token may do, at most. A new job has to be added here, with the least it
 * needs: a job without an entry, or asking for more, fails the audit.
 */
const allowedPermissions: Record<string, Record<string, Record<string, 'read' | 'write'>>> = {
	'deploy.yml': { build: { contents: 'read' }, deploy: { contents: 'write' } },
	'pr.yml': { checks: { contents: 'read' } },
	'preview.yml': {
		preview: { contents: 'read' },
		publish: { contents: 'write' },
		comment: { 'pull-requests': 'write' },
		remove: { contents: 'write' },
		'remove-comment': { 'pull-requests': 'write' },
	},
};

/** Steps that run the project's dependencies or build code (install scripts, tests, the build). */
const BUILDS = /\bnpm (?:ci|test|install|i|add|update)\b|\bnpm run (?:--silent )?(?!pages\b)[\w:-]+|\bnpx\b|\b(?:yarn|pnpm)\b/;
/** Installs that do not follow the lock file exactly. */
const LOOSE_INSTALL = /\bnpm (?:install|i|add|update)\b|\b(?:yarn|pnpm)(?: install)?\b/;
/** Steps that need the dependencies installed first. */
const NEEDS_DEPENDENCIES = /\bnpm test\b|\bnpm run (?:--silent )?(?!pages\b)[\w:-]+|\bnpx\b/;
/** The one way a workflow pushes: scripts/pages.ts, with the credentials checkout leaves. */
const PUSHES = /\bnpm run pages\b/;
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;

/** Every way `file` breaks the security rules, one line each; none for a sound workflow. */
function audit(file: string, text: string): string[] {
	const problems: string[] = [];
	const workflow = parse(text) as Workflow;
	const on = triggers(workflow);
	for (const trigger of ['pull_request_target', 'workflow_run']) {
		if (on.includes(trigger)) problems.push(`${file}: triggered by ${trigger}, which runs with a write token beside untrusted code; the audit does not cover it`);
	}
	const top = workflow.permissions;
	const topOk = top !== undefined && typeof top === 'object' && top !== null && Object.entries(top).every(([scope, value]) => scope === 'contents' && value === 'read');
	if (!topOk) problems.push(`${file}: top-level permissions must be {} or { contents: read }, not ${JSON.stringify(top)}`);

	// Pinned by commit, with the release named in a comment (the YAML parser drops comments).
	for (const [i, line] of text.split('\n').entries()) {
		const match = line.match(/^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/);
		if (!match || match[2]!.startsWith('./')) continue;
		if (!PINNED.test(match[2]!)) problems.push(`${file}:${i + 1}: ${match[2]} is not pinned to a full commit SHA`);
		else if (!/^# v\d+\.\d+\.\d+$/.test(match[3]?.trim() ?? '')) problems.push(`${file}:${i + 1}: ${match[2]} does not name its release in a comment (# vX.Y.Z)`);
	}

	for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
		const where = `${file}: ${id}`;
		const steps = job.steps ?? [];
		const scripts = steps.flatMap((step) => (step.run ? [step.run] : []));
		// Runs dependencies or build code, or restores a cache a build wrote.
		const builds = scripts.some((run) => BUILDS.test(run)) || steps.some((step) => step.uses?.startsWith('actions/cache@'));
		const pushes = scripts.some((run) => PUSHES.test(run));

		const permissions = job.permissions;
		if (permissions === undefined || typeof permissions !== 'object' || permissions === null) {
			problems.push(`${where}: no explicit permissions map (got ${JSON.stringify(permissions)})`);
		} else {
			const allowed = allowedPermissions[file]?.[id];
			if (!allowed) problems.push(`${where}: not in the permissions allow-list of this test`);
			for (const [scope, value] of Object.entries(permissions)) {
				if ((level[value] ?? 3) > (level[allowed?.[scope] ?? 'none'] ?? 0)) problems.push(`${where}: ${scope}: ${value} is more than it may have (${allowed?.[scope] ?? 'none'})`);
			}
		}

		// What the token can actually do: the job's map, else the workflow's (no map at all: the
		// repository's default, possibly write).
		const effective = permissions ?? top;
		const writes =
			typeof effective === 'string'
				? effective === 'read-all' ? [] : [effective]
				: Object.entries(effective ?? { default: 'write' }).filter(([, value]) => value === 'write').map(([scope]) => scope);
		if (writes.length) {
			if (builds) problems.push(`${where}: installs or builds code while holding ${writes.join(', ')}: write (split the job; pass the result as an artifact)`);
			for (const step of steps) {
				if (step.uses?.startsWith('actions/setup-node@') && (step.with?.cache !== undefined || step.with?.['package-manager-cache'] !== false)) {
					problems.push(`${where}: setup-node may restore a package cache in a job with a write token (no cache:, package-manager-cache: false)`);
				}
				if (step.uses?.startsWith('actions/checkout@') && on.some((t) => t.startsWith('pull_request')) && step.with?.ref !== '${{ github.event.pull_request.base.sha }}') {
					problems.push(`${where}: checks out the pull request's code while holding a write token (ref: \${{ github.event.pull_request.base.sha }})`);
				}
			}
		}

		if (builds && /\bsecrets\.|\bgithub\.token\b/.test(JSON.stringify(job))) problems.push(`${where}: builds code and can read a secret or the token`);

		let installed = false;
		for (const step of steps) {
			const label = `${where}: ${step.name ?? step.uses ?? step.run?.split('\n')[0]}`;
			for (const [what, script] of [['run', step.run], ['script', step.with?.script]] as const) {
				if (typeof script === 'string' && script.includes('${{')) {
					const expressions = script.match(/\$\{\{[^}]*\}\}/g)?.join(' ') ?? '${{';
					problems.push(`${label}: ${expressions} expanded inside ${what}: (text from a pull request could become code); pass it through env: instead`);
				}
			}
			if (step.run && LOOSE_INSTALL.test(step.run)) problems.push(`${label}: installs with npm install (or another tool) instead of npm ci`);
			if (step.run && /\bnpm ci\b/.test(step.run)) installed = true;
			if (step.run && NEEDS_DEPENDENCIES.test(step.run) && !installed) problems.push(`${label}: runs before the dependencies are installed with npm ci`);
			if (step.uses?.startsWith('actions/checkout@') && !pushes && step.with?.['persist-credentials'] !== false) {
				problems.push(`${label}: keeps the git credentials in a job that pushes nothing (persist-credentials: false)`);
			}
		}
	}
	return problems;
}


test('the three workflows exist', () => {
	assert.deepEqual(files, ['deploy.yml', 'pr.yml', 'preview.yml']);
});

describe('GitHub workflow parser', () => {
	for (const file of files) {
		test(`${file} has no errors`, async () => {
			assert.deepEqual(await lint(file, readFileSync(join(folder, file), 'utf8')), []);
		});
	}
	test('the linter does catch mistakes (a broken expression, an unknown key, a job without runs-on)', async () => {
		const broken = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo ${{ github.foo( }}', '      - uses: x/y@v1', '        bogus: 1', '  b:', '    steps: []', ''].join('\n');
		const errors = await lint('broken.yml', broken);
		assert.ok(errors.some((e) => /Line: 6.*Unexpected symbol/.test(e)), errors.join('\n'));
		assert.ok(errors.some((e) => /Line: 8.*Unexpected value 'bogus'/.test(e)), errors.join('\n'));
		assert.ok(errors.some((e) => /runs-on/.test(e)), errors.join('\n'));
	});
});

describe('structure', () => {
	test('every job runs on a runner and has steps; every action is pinned to a commit', () => {
		for (const [file, workflow] of workflows) {
			assert.ok(workflow.name, `${file}: name`);
			assert.ok(workflow.on && typeof workflow.on === 'object', `${file}: on`);
			for (const [id, job] of Object.entries(workflow.jobs)) {
				assert.match(job['runs-on'], /^ubuntu-/, `${file}: ${id} runs-on`);
				assert.ok(job.steps.length > 0, `${file}: ${id} steps`);
				for (const step of job.steps) {
					assert.ok(step.run || step.uses, `${file}: ${id}: a step runs or uses something`);
					if (step.uses) assert.match(step.uses, PINNED, `${file}: ${id}: ${step.uses} is pinned to a commit`);
				}
			}
		}
	});

	test('every `npm run X` in a workflow is a script in package.json', () => {
		for (const [file, workflow] of workflows) {
			for (const run of runs(workflow)) {
				for (const match of run.matchAll(/\bnpm run (?:--silent )?([\w:-]+)/g)) {
					assert.ok(scripts.includes(match[1]!), `${file}: npm run ${match[1]} is not in package.json`);
				}
			}
		}
	});

	test('every job that builds starts from the last run\'s build caches (.opsbook/cache, keyed by content)', () => {
		for (const [file, workflow] of workflows) {
			for (const [id, job] of Object.entries(workflow.jobs)) {
				const builds = job.steps.findIndex((step) => step.run && /\bnpm run build\b/.test(step.run));
				if (builds < 0) continue;
				const cache = job.steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
				assert.ok(cache >= 0 && cache < builds, `${file}: ${id} restores the caches before it builds`);
				const withs = job.steps[cache]!.with ?? {};
				assert.equal(withs.path, '.opsbook/cache', `${file}: ${id}`);
				assert.ok(withs['restore-keys'], `${file}: ${id} falls back to an earlier run's cache`);
			}
		}
	});

	test('pull requests get check, tests and build — the README commands', () => {
		const pr = workflows.get('pr.yml')!;
		assert.ok(triggers(pr).includes('pull_request'));
		const commands = runs(pr).join('\n');
		for (const command of ['npm ci --no-audit --no-fund', 'npm run check', 'npm test', 'npm run build']) assert.ok(commands.includes(command), command);
		const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
		for (const command of ['npm install', 'npm run check', 'npm test', 'npm run build']) assert.ok(readme.includes(command), `README: ${command}`);
		assert.deepEqual(pr.permissions, { contents: 'read' });
	});

	test('the preview builds under /pr-<number>/ with the banner, diffs against the base, and keeps one comment', () => {
		const preview = workflows.get('preview.yml')!;
		const job = preview.jobs.preview!;
		const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
		assert.equal(checkout.with?.['fetch-depth'], 0, 'the diff needs the base commit');
		const build = job.steps.find((s) => s.run?.includes('npm run build'))!;
		assert.equal(build.env?.OPSBOOK_PREVIEW, '${{ github.event.pull_request.number }}');
		assert.equal(build.env?.OPSBOOK_ALLOW_GAPS, '1');
		assert.match(build.env?.OPSBOOK_BASE ?? '', /steps\.paths\.outputs\.base/);
		const paths = job.steps.find((s) => s.name === 'Where the preview lives')!;
		assert.match(paths.run!, /pr-\$\{PR_NUMBER\}\//);
		assert.ok(runs(preview).some((r) => r.includes('npm run --silent diff -- "$BASE_SHA" --label "$BASE_REF"')));
		assert.ok(runs(preview).some((r) => /npm run pages -- publish .* --into "pr-\$PR_NUMBER"/.test(r)));
		const comment = preview.jobs.comment!.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
		assert.match(String(comment.with?.script), /updateComment/);
		assert.match(String(comment.with?.script), /<!-- opsbook-preview -->/);
		assert.match(String(comment.with?.script), /\[marker, `## Opsbook preview for #/, 'the comment starts with the marker');
		assert.ok(preview.jobs.remove, 'a closed pull request removes its preview');
		assert.ok(preview.jobs['remove-comment'], '…and says so in its comment');
	});

	test('the preview\'s write jobs take the build\'s output as data: outside the checkout, base-branch code only', () => {
		const preview = workflows.get('preview.yml')!;
		const { publish, comment } = preview.jobs;
		assert.equal(publish!.needs, 'preview');
		assert.deepEqual(comment!.needs, ['preview', 'publish']);
		for (const job of [publish!, comment!]) {
			for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/download-artifact@'))) assert.match(String(step.with?.path), /^\$\{\{ runner\.temp \}\}\//);
		}
		assert.ok(!comment!.steps.some((s) => s.uses?.startsWith('actions/checkout@') || s.run), 'the comment job runs no repository code');
		assert.ok(!preview.jobs['remove-comment']!.steps.some((s) => s.uses?.startsWith('actions/checkout@') || s.run));
		const site = publish!.steps.find((s) => s.run?.includes('npm run pages'))!;
		assert.match(site.env?.SITE ?? '', /^\$\{\{ runner\.temp \}\}\/preview\/site$/);
	});

	test('the comment job writes the marker and the preview line itself; the build\'s text cannot fake them', async () => {
		const script = String(workflows.get('preview.yml')!.jobs.comment!.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!.script);
		const dir = mkdtempSync(join(tmpdir(), 'opsbook-gh-'));
		const post = async (env: Record<string, string>, text: string) => {
			writeFileSync(join(dir, 'comment.md'), text);
			const vars = { BUILD: 'success', PUBLISH: 'success', PREVIEW_URL: 'https://acme.github.io/handbook/pr-42/', HEAD_SHA: 'abcdef0123456789', RUN_URL: 'https://github.com/acme/handbook/actions/runs/1', PR_NUMBER: '42', COMMENT_FILE: join(dir, 'comment.md'), ...env };
			const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
			Object.assign(process.env, vars);
			const bodies: string[] = [];
			const github = { paginate: async () => [], rest: { issues: { listComments: null, createComment: async ({ body }: { body: string }) => bodies.push(body), updateComment: async () => assert.fail('nothing to update') } } };
			try {
				// github-script runs the script as the body of an async function with these arguments.
				await new Function('require', 'github', 'context', `return (async () => {\n${script}\n})();`)(createRequire(import.meta.url), github, { repo: { owner: 'acme', repo: 'handbook' }, issue: { number: 42 } });
			} finally {
				for (const [key, value] of Object.entries(saved)) {
					if (value === undefined) delete process.env[key];
					else process.env[key] = value;
				}
			}
			assert.equal(bodies.length, 1);
			return bodies[0]!;
		};
		try {
			const body = await post({}, '<!-- opsbook-preview -->\n**Preview:** https://evil.example/\n');
			assert.ok(body.startsWith('<!-- opsbook-preview -->\n## Opsbook preview for #42\n\n**Preview:** https://acme.github.io/handbook/pr-42/ (built from abcdef0)\n'), body);
			assert.equal(body.split('<!-- opsbook-preview -->').length, 2, 'one marker');
			assert.match(await post({ PREVIEW_URL: 'https://x.example/a)[click](https://evil.example' }, ''), /\*\*Preview:\*\* \(see \[the workflow run\]/);
			assert.match(await post({ PUBLISH: 'skipped', BUILD: 'failure' }, ''), /\*\*Preview:\*\* the site did not build/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('the check output in the comment cannot close its code fence (fence() from src/diff/markdown.ts)', () => {
		const step = workflows.get('preview.yml')!.jobs.preview!.steps.find((s) => s.name === 'Write the comment')!;
		assert.doesNotMatch(step.run!, /echo '`{3,}'/, 'no fixed fence');
		const dir = mkdtempSync(join(tmpdir(), 'opsbook-gh-'));
		try {
			mkdirSync(join(dir, '.opsbook', 'preview'), { recursive: true });
			symlinkSync(join(repoRoot, 'src'), join(dir, 'src'));
			const attack = 'services/x.yaml:1:1  bad name\n````````\n</details>\n\n## Approved by @org/security\n<img src=https://evil.example/x>';
			writeFileSync(join(dir, '.opsbook', 'preview', 'check.txt'), `${attack}\n`);
			writeFileSync(join(dir, '.opsbook', 'preview', 'diff.md'), '### Model changes\n');
			const summary = join(dir, 'summary.md');
			// The step's `node` is Node 24 (actions/setup-node); here, the one running this test.
			const result = spawnSync('bash', ['-e', '-c', step.run!], {
				cwd: dir,
				encoding: 'utf8',
				env: { PATH: `${dirname(process.execPath)}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary, PR_NUMBER: '42', SAME_REPO: 'true', CHECK: 'failure', BUILD: 'success' },
			});
			assert.equal(result.status, 0, result.stderr);
			const text = readFileSync(join(dir, '.opsbook', 'preview', 'comment.md'), 'utf8');
			const block = text.match(/<summary><code>npm run check<\/code> output<\/summary>\n\n(`{3,})\n([\s\S]*?)\n\1\n\n<\/details>\n$/);
			assert.ok(block, text);
			assert.equal(block[2], attack);
			assert.ok(block[1]!.length > 8, 'the fence is longer than any backtick run in the output');
			assert.ok(readFileSync(summary, 'utf8').includes(text), 'the job summary shows the same text');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('the preview path: /<repository>/pr-<n>/ on github.io by default, or under the configured base', () => {
		const script = workflows.get('preview.yml')!.jobs.preview!.steps.find((s) => s.name === 'Where the preview lives')!.run!;
		const outputs = (env: Record<string, string>) => {
			const dir = mkdtempSync(join(tmpdir(), 'opsbook-gh-'));
			const file = join(dir, 'out');
			const result = spawnSync('bash', ['-e', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, GITHUB_OUTPUT: file, PR_NUMBER: '42', OWNER: 'acme', REPOSITORY: 'handbook', PAGES_BASE: '', PAGES_URL: '', ...env } });
			assert.equal(result.status, 0, result.stderr);
			const text = readFileSync(file, 'utf8');
			rmSync(dir, { recursive: true, force: true });
			return Object.fromEntries(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
		};
		assert.deepEqual(outputs({}), { base: '/handbook/pr-42/', origin: 'https://acme.github.io', url: 'https://acme.github.io/handbook/pr-42/' });
		assert.deepEqual(outputs({ PAGES_BASE: '/', PAGES_URL: 'https://ops.example.com/' }), { base: '/pr-42/', origin: 'https://ops.example.com', url: 'https://ops.example.com/pr-42/' });
		assert.deepEqual(outputs({ PAGES_BASE: 'docs' }).base, '/docs/pr-42/');
	});

	test('main is deployed to the root of gh-pages, keeping the previews', () => {
		const deploy = workflows.get('deploy.yml')!;
		assert.deepEqual(((deploy.on as Record<string, unknown>).push as { branches: string[] }).branches, ['main']);
		const commands = runs(deploy).join('\n');
		for (const command of ['npm run check', 'npm test', 'npm run build', "npm run pages -- publish dist --into . --keep 'pr-*'"]) assert.ok(commands.includes(command), command);
	});
});

describe('security', () => {
	for (const file of files) {
		test(`${file} passes the audit`, () => {
			assert.deepEqual(audit(file, texts.get(file)!), []);
		});
	}

	test('each action is pinned to one commit, named the same everywhere', () => {
		const seen = new Map<string, Set<string>>();
		for (const text of texts.values()) {
			for (const match of text.matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s*(#.*)/g)) {
				const key = match[1]!;
				seen.set(key, (seen.get(key) ?? new Set()).add(`${match[2]} ${match[3]!.trim()}`));
			}
		}
		assert.ok(seen.size >= 5, [...seen.keys()].join(', '));
		for (const [action, pins] of seen) assert.equal(pins.size, 1, `${action}: ${[...pins].join(' | ')}`);
	});

	test('the audit does catch mistakes', () => {
		const bad = [
			'name: bad',
			'on: pull_request_target',
			'permissions: write-all',
			'jobs:',
			'  build:',
			'    runs-on: ubuntu-latest',
			'    permissions:',
			'      contents: write',
			'      pull-requests: write',
			'    steps:',
			'      - uses: actions/checkout@v4',
			'      - uses: actions/setup-node@0123456789abcdef0123456789abcdef01234567',
			'        with: { cache: npm }',
			'      - run: npm install',
			'      - run: echo "${{ github.event.pull_request.title }}"',
			'      - run: npm test',
			'        env: { TOKEN: "${{ secrets.NPM_TOKEN }}" }',
			'  other:',
			'    runs-on: ubuntu-latest',
			'    steps:',
			'      - uses: ./local-action',
			'      - run: npm run build',
			'      - run: echo ${{ github.head_ref }} ${{ inputs.name }}',
			'      - uses: actions/github-script@0123456789abcdef0123456789abcdef01234567 # v8.0.0',
			'        with: { script: "core.info(\'${{ github.event.issue.title }}\')" }',
			'',
		].join('\n');
		const problems = audit('bad.yml', bad);
		const expect = [
			/bad\.yml: triggered by pull_request_target/,
			/top-level permissions must be/,
			/bad\.yml:11: actions\/checkout@v4 is not pinned/,
			/bad\.yml:12: actions\/setup-node@0123.* does not name its release/,
			/build: not in the permissions allow-list/,
			/build: contents: write is more than it may have/,
			/build: installs or builds code while holding contents, pull-requests: write/,
			/build: setup-node may restore a package cache/,
			/build: checks out the pull request's code while holding a write token/,
			/build: builds code and can read a secret/,
			/build: npm install: installs with npm install/,
			/build: echo .*: \$\{\{ github\.event\.pull_request\.title \}\} expanded inside run:/,
			/build: actions\/checkout@v4: keeps the git credentials/,
			/other: no explicit permissions/,
			/other: installs or builds code while holding write-all: write/,
			/other: npm run build: runs before the dependencies are installed with npm ci/,
			/other: echo .*: \$\{\{ github\.head_ref \}\} \$\{\{ inputs\.name \}\} expanded inside run:/,
			/other: actions\/github-script@0123.*: \$\{\{ github\.event\.issue\.title \}\} expanded inside script:/,
		];
		for (const pattern of expect) assert.ok(problems.some((p) => pattern.test(p)), `${pattern}\n${problems.join('\n')}`);
		assert.ok(!problems.some((p) => p.includes('local-action')), 'a local action needs no pin');
	});
});
