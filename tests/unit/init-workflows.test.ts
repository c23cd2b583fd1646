/**
 * The GitHub workflows `opsbook init` writes into a team's repository
 * (src/init/templates/github/workflows/ → .github/workflows/). Each is linted with GitHub's own
 * workflow parser, as tests/unit/workflows.test.ts does for this repository's workflows, then held
 * to the same security rules: actions pinned to a commit with the release in a comment,
 * `permissions: {}` at the top and a minimal map per job, read-only tokens and no git credentials
 * where the pull request's code runs, no expression expanded inside a script, `npm ci`, and only
 * the `npx opsbook check|build|diff` commands a scaffolded repository has. The preview comment's
 * script and the path scripts are run here too, with GitHub's API faked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from './helpers.ts';
import { level, lint, readWorkflows, triggers, type Job, type Workflow } from './workflow-files.ts';

const folder = join(repoRoot, 'src', 'init', 'templates', 'github', 'workflows');
const { files, texts, workflows } = readWorkflows(folder);

const stepNamed = (job: Job, name: string) => {
	const step = job.steps.find((s) => s.name === name);
	assert.ok(step, `a step named "${name}"`);
	return step;
};
const action = (job: Job, name: string) => job.steps.find((s) => s.uses?.startsWith(`${name}@`));

/** What each job's token may do, at most; a job without an entry fails. */
const allowedPermissions: Record<string, Record<string, Record<string, 'read' | 'write'>>> = {
	'pr.yml': { check: { contents: 'read' } },
	'preview.yml': { preview: { contents: 'read' }, comment: { 'pull-requests': 'write' } },
	'deploy.yml': { build: { contents: 'read', pages: 'read' }, deploy: { pages: 'write', 'id-token': 'write' } },
};
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
/** Steps that run the repository's dependencies or its model through Opsbook. */
const RUNS_CODE = /\bnpm\b|\bnpx\b|\b(?:yarn|pnpm|node)\b/;


/** Every way `file` breaks the rules, one line each; none for a sound workflow. */
function audit(file: string, text: string): string[] {
	const problems: string[] = [];
	const workflow = parse(text) as Workflow;
	for (const trigger of ['pull_request_target', 'workflow_run']) {
		if (triggers(workflow).includes(trigger)) problems.push(`${file}: triggered by ${trigger}, which runs with a write token beside untrusted code`);
	}
	if (JSON.stringify(workflow.permissions) !== '{}') problems.push(`${file}: top-level permissions must be {}, not ${JSON.stringify(workflow.permissions)}`);

	// Pinned by commit, with the release named in a comment (the YAML parser drops comments).
	for (const [i, line] of text.split('\n').entries()) {
		const match = line.match(/^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/);
		if (!match) continue;
		if (!PINNED.test(match[2]!)) problems.push(`${file}:${i + 1}: ${match[2]} is not pinned to a full commit SHA`);
		else if (!/^# v\d+\.\d+\.\d+$/.test(match[3]?.trim() ?? '')) problems.push(`${file}:${i + 1}: ${match[2]} does not name its release in a comment (# vX.Y.Z)`);
	}

	for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
		const where = `${file}: ${id}`;
		const steps = job.steps ?? [];
		const permissions = job.permissions;
		let writes: string[] = [];
		if (permissions === undefined || typeof permissions !== 'object' || permissions === null) {
			problems.push(`${where}: no explicit permissions map (got ${JSON.stringify(permissions)})`);
			writes = ['(the repository default)'];
		} else {
			const allowed = allowedPermissions[file]?.[id];
			if (!allowed) problems.push(`${where}: not in the permissions allow-list of this test`);
			for (const [scope, value] of Object.entries(permissions)) {
				if ((level[value] ?? 3) > (level[allowed?.[scope] ?? 'none'] ?? 0)) problems.push(`${where}: ${scope}: ${value} is more than it may have (${allowed?.[scope] ?? 'none'})`);
				if (value !== 'read' && value !== 'none') writes.push(scope);
			}
		}
		const runsCode = steps.some((step) => (step.run && RUNS_CODE.test(step.run)) || step.uses?.startsWith('actions/cache@'));
		if (runsCode && writes.length) problems.push(`${where}: runs repository code while holding ${writes.join(', ')}: write`);
		if (runsCode && /\bsecrets\.|\bgithub\.token\b/.test(JSON.stringify(job))) problems.push(`${where}: runs repository code and can read a secret or the token`);
		if (writes.length && steps.some((step) => step.uses?.startsWith('actions/checkout@'))) problems.push(`${where}: checks out the repository while holding a write token`);

		let installed = false;
		for (const step of steps) {
			const label = `${where}: ${step.name ?? step.uses ?? step.run?.split('\n')[0]}`;
			for (const [what, script] of [['run', step.run], ['script', step.with?.script]] as const) {
				if (typeof script === 'string' && script.includes('${{')) problems.push(`${label}: an expression expanded inside ${what}: (pass it through env:)`);
			}
			if (step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) problems.push(`${label}: keeps the git credentials (persist-credentials: false)`);
			if (!step.run) continue;
			if (/\bnpm (?:install|i|add|update)\b|\b(?:yarn|pnpm)\b/.test(step.run)) problems.push(`${label}: installs with npm install (or another tool) instead of npm ci`);
			if (/\bnpm ci\b/.test(step.run)) installed = true;
			for (const match of step.run.matchAll(/\bnpx\b(.*)/g)) {
				if (!installed) problems.push(`${label}: runs npx before npm ci`);
				if (!/^ opsbook (?:check|build|diff)\b/.test(match[1]!)) problems.push(`${label}: npx${match[1]} is not npx opsbook check|build|diff`);
			}
			if (/\bnpm (?:test|run)\b/.test(step.run)) problems.push(`${label}: a scaffolded repository has no npm scripts to run here; use npx opsbook`);
		}
	}
	return problems;
}

test('the three workflow templates exist, in a folder npm packs (github, not .github)', () => {
	assert.deepEqual(files, ['deploy.yml', 'pr.yml', 'preview.yml']);
});

describe('GitHub workflow parser', () => {
	for (const file of files) {
		test(`${file} has no errors`, async () => {
			assert.deepEqual(await lint(file, texts.get(file)!), []);
		});
	}
	test('the linter does catch mistakes', async () => {
		const broken = ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo ${{ github.foo( }}', '      - uses: x/y@v1', '        bogus: 1', ''].join('\n');
		const errors = await lint('broken.yml', broken);
		assert.ok(errors.some((e) => /Line: 6.*Unexpected symbol/.test(e)), errors.join('\n'));
		assert.ok(errors.some((e) => /Line: 8.*Unexpected value 'bogus'/.test(e)), errors.join('\n'));
	});
});

describe('security', () => {
	for (const file of files) {
		test(`${file} passes the audit`, () => {
			assert.deepEqual(audit(file, texts.get(file)!), []);
		});
	}

	test('each file starts with a comment block saying what it does and what to configure', () => {
		for (const [file, text] of texts) {
			const head = text.slice(0, text.search(/^name:/m));
			assert.ok(head.split('\n').filter((line) => line.startsWith('#')).length >= 5, `${file}: a comment block first`);
			assert.match(head, /configure/i, `${file}: says what to configure`);
		}
		assert.match(texts.get('deploy.yml')!, /Settings → Pages → Build and deployment → Source: "GitHub Actions"/);
	});

	test('an action shared with this repository\'s own workflows is pinned to the same commit and release', () => {
		const pins = (text: string) => [...text.matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s*#\s*(\S+)/g)].map((m) => [m[1]!, `${m[2]} ${m[3]}`] as const);
		const ours = new Map<string, Set<string>>();
		const github = join(repoRoot, '.github', 'workflows');
		for (const file of readdirSync(github).filter((f) => /\.ya?ml$/.test(f))) {
			for (const [name, pin] of pins(readFileSync(join(github, file), 'utf8'))) ours.set(name, (ours.get(name) ?? new Set()).add(pin));
		}
		const theirs = new Map<string, Set<string>>();
		for (const text of texts.values()) for (const [name, pin] of pins(text)) theirs.set(name, (theirs.get(name) ?? new Set()).add(pin));
		for (const [name, set] of theirs) {
			assert.equal(set.size, 1, `${name}: one pin in all templates (${[...set].join(' | ')})`);
			if (ours.has(name)) assert.deepEqual(set, ours.get(name), `${name}: the same pin as .github/workflows/`);
		}
		for (const name of ['actions/checkout', 'actions/setup-node', 'actions/cache', 'actions/upload-artifact', 'actions/download-artifact', 'actions/github-script']) {
			assert.ok(theirs.has(name), `${name} is used`);
		}
		for (const name of ['actions/configure-pages', 'actions/upload-pages-artifact', 'actions/deploy-pages']) assert.ok(theirs.has(name), `${name} is used`);
	});

	test('the jobs that run the pull request\'s code have a read-only token and no git credentials', () => {
		for (const [file, id] of [['pr.yml', 'check'], ['preview.yml', 'preview'], ['deploy.yml', 'build']] as const) {
			const job = workflows.get(file)!.jobs[id]!;
			assert.ok(typeof job.permissions === 'object' && Object.values(job.permissions).every((v) => v === 'read'), `${file}: ${id}: ${JSON.stringify(job.permissions)}`);
			assert.equal(action(job, 'actions/checkout')?.with?.['persist-credentials'], false, `${file}: ${id}`);
			assert.ok(job.steps.some((s) => s.run && /^npm ci\b/.test(s.run)), `${file}: ${id} installs with npm ci`);
		}
	});

	test('the audit does catch mistakes', () => {
		const bad = [
			'name: bad',
			'on: pull_request_target',
			'permissions: { contents: read }',
			'jobs:',
			'  build:',
			'    runs-on: ubuntu-latest',
			'    permissions:',
			'      contents: write',
			'    steps:',
			'      - uses: actions/checkout@v4',
			'      - uses: actions/setup-node@0123456789abcdef0123456789abcdef01234567',
			'      - run: npm install',
			'      - run: echo "${{ github.event.pull_request.title }}"',
			'      - run: npm test',
			'        env: { TOKEN: "${{ secrets.NPM_TOKEN }}" }',
			'  other:',
			'    runs-on: ubuntu-latest',
			'    steps:',
			'      - run: npx astro build',
			'      - uses: actions/github-script@0123456789abcdef0123456789abcdef01234567 # v8.0.0',
			'        with: { script: "core.info(\'${{ github.event.issue.title }}\')" }',
			'',
		].join('\n');
		const problems = audit('bad.yml', bad);
		const expect = [
			/triggered by pull_request_target/,
			/top-level permissions must be \{\}/,
			/bad\.yml:10: actions\/checkout@v4 is not pinned/,
			/bad\.yml:11: actions\/setup-node@0123.* does not name its release/,
			/build: not in the permissions allow-list/,
			/build: contents: write is more than it may have/,
			/build: runs repository code while holding contents: write/,
			/build: runs repository code and can read a secret/,
			/build: checks out the repository while holding a write token/,
			/build: actions\/checkout@v4: keeps the git credentials/,
			/build: npm install: installs with npm install/,
			/build: echo .*: an expression expanded inside run:/,
			/build: npm test: a scaffolded repository has no npm scripts/,
			/other: no explicit permissions/,
			/other: npx astro build: runs npx before npm ci/,
			/other: npx astro build: npx astro build is not npx opsbook/,
			/other: actions\/github-script@0123.*: an expression expanded inside script:/,
		];
		for (const pattern of expect) assert.ok(problems.some((p) => pattern.test(p)), `${pattern}\n${problems.join('\n')}`);
	});
});

describe('what each workflow does', () => {
	test('pr.yml: on pull requests, npm ci, then npx opsbook check and build', () => {
		const pr = workflows.get('pr.yml')!;
		assert.deepEqual(triggers(pr), ['pull_request']);
		const job = pr.jobs.check!;
		assert.equal(action(job, 'actions/setup-node')?.with?.['node-version'], 24);
		assert.equal(action(job, 'actions/setup-node')?.with?.cache, 'npm');
		const commands = job.steps.flatMap((s) => (s.run ? [s.run] : []));
		assert.deepEqual(commands, ['npm ci --no-audit --no-fund', 'npx opsbook check', 'npx opsbook build']);
		assert.match((pr.concurrency as { group: string }).group, /github\.event\.pull_request\.number/);
	});

	test('preview.yml: builds under /<repository>/pr-<n>/ with the banner, keeps it as preview-pr-<n>, diffs against origin/<base>', () => {
		const preview = workflows.get('preview.yml')!;
		assert.deepEqual(triggers(preview), ['pull_request']);
		const job = preview.jobs.preview!;
		assert.equal(action(job, 'actions/checkout')?.with?.['fetch-depth'], 0, 'the base branch is fetched with the checkout');
		assert.equal(action(job, 'actions/setup-node')?.with?.['node-version'], 24);
		const names = job.steps.map((s) => s.name ?? s.uses);
		assert.ok(names.indexOf('Fetch the base branch') < names.indexOf('Model diff against the base branch'), 'the base branch is fetched first');
		assert.match(stepNamed(job, 'Fetch the base branch').run!, /git fetch --no-tags origin "\+refs\/heads\/\$\{BASE_REF\}:refs\/remotes\/origin\/\$\{BASE_REF\}"/);
		assert.match(stepNamed(job, 'Model diff against the base branch').run!, /npx opsbook diff "origin\/\$\{BASE_REF\}" > \.opsbook\/comment\/diff\.md/);
		assert.match(stepNamed(job, 'Check (the coverage verdict)').run!, /set -o pipefail\n.*\nnpx opsbook check 2>&1 \| tee \.opsbook\/comment\/check\.txt/);
		const build = stepNamed(job, "Build under the preview's sub-path");
		assert.equal(build.run, 'npx opsbook build');
		assert.equal(build.env?.OPSBOOK_PREVIEW, '${{ github.event.pull_request.number }}');
		assert.equal(build.env?.OPSBOOK_ALLOW_GAPS, '1');
		assert.equal(build.env?.OPSBOOK_BASE, '${{ steps.paths.outputs.base }}');
		const upload = job.steps.find((s) => s.id === 'upload')!;
		assert.equal(upload.with?.name, 'preview-pr-${{ github.event.pull_request.number }}');
		assert.equal(upload.with?.path, 'dist');
		assert.equal(upload.if, "steps.build.outcome == 'success'");
	});

	test('preview.yml: the comment job reads the texts as data and runs no repository code', () => {
		const preview = workflows.get('preview.yml')!;
		const comment = preview.jobs.comment!;
		assert.equal(comment.needs, 'preview');
		assert.deepEqual(comment.permissions, { 'pull-requests': 'write' });
		assert.ok(!comment.steps.some((s) => s.run || s.uses?.startsWith('actions/checkout@') || s.uses?.startsWith('actions/setup-node@')), 'no checkout, no run step');
		const download = action(comment, 'actions/download-artifact')!;
		assert.equal(download.with?.name, 'preview-texts-pr-${{ github.event.pull_request.number }}');
		assert.match(String(download.with?.path), /^\$\{\{ runner\.temp \}\}\//);
		const upload = preview.jobs.preview!.steps.find((s) => s.with?.name === download.with?.name)!;
		assert.equal(upload.if, '${{ !cancelled() }}', 'the texts are kept even when the build fails');
	});

	test('deploy.yml: main (and a manual run) is built and published with GitHub\'s Pages actions', () => {
		const deploy = workflows.get('deploy.yml')!;
		assert.deepEqual(((deploy.on as Record<string, unknown>).push as { branches: string[] }).branches, ['main']);
		assert.ok(triggers(deploy).includes('workflow_dispatch'));
		assert.deepEqual(deploy.concurrency, { group: 'pages', 'cancel-in-progress': false });
		const { build, deploy: publish } = deploy.jobs;
		assert.deepEqual(build!.steps.flatMap((s) => (s.run && !s.id ? [s.run] : [])), ['npm ci --no-audit --no-fund', 'npx opsbook check', 'npx opsbook build']);
		const names = build!.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
		assert.ok(names.indexOf('actions/configure-pages') < names.indexOf('npx opsbook build'));
		assert.ok(names.indexOf('npx opsbook build') < names.indexOf('actions/upload-pages-artifact'));
		const site = build!.steps.find((s) => s.run === 'npx opsbook build')!;
		assert.deepEqual(site.env, { OPSBOOK_BASE: '${{ steps.paths.outputs.base }}', OPSBOOK_SITE: '${{ steps.paths.outputs.origin }}' });
		assert.equal(action(build!, 'actions/upload-pages-artifact')?.with?.path, 'dist');
		assert.equal(publish!.needs, 'build');
		assert.deepEqual(publish!.environment, { name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
		assert.deepEqual(publish!.steps.map((s) => s.uses?.split('@')[0]), ['actions/deploy-pages']);
		assert.equal(publish!.steps[0]!.id, 'deployment');
	});

	test('the paths: /<repository>/ by default, or what Pages reports, or the repository variables', () => {
		const outputs = (script: string, env: Record<string, string>) => {
			const dir = mkdtempSync(join(tmpdir(), 'opsbook-init-gh-'));
			try {
				const file = join(dir, 'out');
				const result = spawnSync('bash', ['-e', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH, GITHUB_OUTPUT: file, PR_NUMBER: '42', OWNER: 'acme', REPOSITORY: 'handbook', PAGES_BASE: '', PAGES_URL: '', ...env } });
				assert.equal(result.status, 0, result.stderr);
				return Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		};
		const preview = stepNamed(workflows.get('preview.yml')!.jobs.preview!, 'Where the preview lives').run!;
		assert.deepEqual(outputs(preview, {}), { base: '/handbook/pr-42/', origin: 'https://acme.github.io' });
		assert.deepEqual(outputs(preview, { PAGES_BASE: '/', PAGES_URL: 'https://ops.example.com/' }), { base: '/pr-42/', origin: 'https://ops.example.com' });
		assert.deepEqual(outputs(preview, { PAGES_BASE: 'docs' }).base, '/docs/pr-42/');

		const deploy = stepNamed(workflows.get('deploy.yml')!.jobs.build!, 'Where the site lives').run!;
		const pages = { PAGES_PATH: '/handbook', PAGES_ORIGIN: 'https://acme.github.io' };
		assert.deepEqual(outputs(deploy, pages), { base: '/handbook/', origin: 'https://acme.github.io' });
		assert.deepEqual(outputs(deploy, { PAGES_PATH: '', PAGES_ORIGIN: 'https://ops.example.com' }), { base: '/', origin: 'https://ops.example.com' }, 'a custom domain');
		assert.deepEqual(outputs(deploy, { ...pages, PAGES_BASE: '/ops', PAGES_URL: 'https://docs.example.com/' }), { base: '/ops/', origin: 'https://docs.example.com' });
		assert.deepEqual(outputs(deploy, {}), { base: '/handbook/', origin: 'https://acme.github.io' }, 'without configure-pages outputs');
	});
});

describe('the preview comment (the github-script, run with GitHub faked)', () => {
	const script = String(action(workflows.get('preview.yml')!.jobs.comment!, 'actions/github-script')!.with!.script);
	const marker = '<!-- opsbook-preview -->';

	interface Fake {
		existing?: { id: number; body: string; user: { login: string } }[];
		fail?: number;
	}
	/** Runs the script as github-script does (the body of an async function); returns what it did. */
	async function post(files: { check?: string; diff?: string }, env: Record<string, string> = {}, fake: Fake = {}) {
		const dir = mkdtempSync(join(tmpdir(), 'opsbook-init-gh-'));
		const created: string[] = [];
		const updated: { id: number; body: string }[] = [];
		const summary: string[] = [];
		const warnings: string[] = [];
		const fail = () => {
			if (fake.fail) throw Object.assign(new Error('Resource not accessible by integration'), { status: fake.fail });
		};
		const github = {
			paginate: async () => {
				fail();
				return fake.existing ?? [];
			},
			rest: {
				issues: {
					listComments: 'listComments',
					createComment: async ({ body, issue_number }: { body: string; issue_number: number }) => {
						assert.equal(issue_number, 42);
						created.push(body);
					},
					updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => updated.push({ id: comment_id, body }),
				},
			},
		};
		const core = {
			summary: { addRaw(text: string) { summary.push(text); return this; }, write: async () => undefined },
			notice: (text: string) => warnings.push(text),
			warning: (text: string) => warnings.push(text),
		};
		if (files.check !== undefined) writeFileSync(join(dir, 'check.txt'), files.check);
		if (files.diff !== undefined) writeFileSync(join(dir, 'diff.md'), files.diff);
		const vars: Record<string, string> = {
			TEXTS: dir,
			CHECK: 'failure',
			DIFF: 'success',
			BUILD: 'success',
			BASE: '/handbook/pr-42/',
			ARTIFACT_URL: 'https://github.com/acme/handbook/actions/runs/7/artifacts/9',
			BASE_REF: 'main',
			HEAD_SHA: 'abcdef0123456789',
			FORK: 'false',
			RUN_URL: 'https://github.com/acme/handbook/actions/runs/7',
			PR_NUMBER: '42',
			...env,
		};
		const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
		Object.assign(process.env, vars);
		try {
			await new Function('require', 'github', 'context', 'core', `return (async () => {\n${script}\n})();`)(createRequire(import.meta.url), github, { repo: { owner: 'acme', repo: 'handbook' }, issue: { number: 42 } }, core);
		} finally {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
			rmSync(dir, { recursive: true, force: true });
		}
		return { created, updated, summary, warnings };
	}

	test('one comment: created the first time, found by its marker and updated in place after', async () => {
		const first = await post({ check: 'ok\n', diff: '### Model changes\n' }, { CHECK: 'success' });
		assert.equal(first.created.length, 1);
		const body = first.created[0]!;
		assert.ok(body.startsWith(`${marker}\n## Opsbook preview for #42\n\n**Preview:** [the \`preview-pr-42\` artifact](https://github.com/acme/handbook/actions/runs/7/artifacts/9) (built from abcdef0).`), body);
		assert.match(body, /OPSBOOK_BASE=\/handbook\/pr-42\/ OPSBOOK_OUT=<folder> npx opsbook preview/);
		assert.match(body, /\*\*Check:\*\* ✔ `npx opsbook check` passes/);
		assert.match(body, /### Model changes\n$/);

		const existing = [
			{ id: 1, body: `${marker}\nby someone else`, user: { login: 'mallory' } },
			{ id: 2, body: 'unrelated', user: { login: 'github-actions[bot]' } },
			{ id: 3, body, user: { login: 'github-actions[bot]' } },
		];
		const second = await post({ check: 'gaps\n', diff: '### Model changes\n' }, {}, { existing });
		assert.deepEqual(second.created, []);
		assert.deepEqual(second.updated.map((u) => u.id), [3]);
		assert.match(second.updated[0]!.body, /\*\*Check:\*\* ✖ `npx opsbook check` fails\. The preview was built anyway/);
	});

	test('the check output sits in a fence it cannot close; the build\'s text cannot fake the marker or mention anyone', async () => {
		const attack = `services/x.yaml:1:1  bad name\n\`\`\`\`\`\`\`\`\n</details>\n\n## Approved by @org/security\n${marker}\n\u001b[31mred\u001b[0m`;
		const { created } = await post({ check: attack, diff: `${marker}\n**Preview:** https://evil.example/\ncc @org/security and @alice\n` });
		const body = created[0]!;
		assert.equal(body.split(marker).length, 2, 'one marker');
		assert.ok(body.startsWith(`${marker}\n## Opsbook preview for #42\n\n**Preview:** [the`), body);
		const block = body.match(/<summary><code>npx opsbook check<\/code> output<\/summary>\n\n(`{3,})\n([\s\S]*?)\n\1\n\n<\/details>\n/);
		assert.ok(block, body);
		assert.ok(block[1]!.length > 8, 'the fence is longer than any backtick run in the output');
		assert.equal(block[2], attack.replace(`${marker}`, '').replace(/\u001b\[\d+m/g, ''));
		assert.doesNotMatch(block[2]!, /\u001b/, 'no terminal escapes');
		const after = body.slice(body.lastIndexOf('</details>'));
		assert.doesNotMatch(after, /@(?:org|alice)/, 'mentions in the diff are defused');
		assert.match(after, /@\u200borg\/security and @\u200balice/);
	});

	test('a link that is not a plain URL is not shown; a failed build and a failed diff say so', async () => {
		const odd = await post({ check: 'x\n', diff: '' }, { ARTIFACT_URL: 'https://x.example/a)[click](https://evil.example', DIFF: 'failure', BASE: '/x/`rm`/' });
		const body = odd.created[0]!;
		assert.match(body, /\*\*Preview:\*\* the `preview-pr-42` artifact of \[the workflow run\]\(https:\/\/github\.com\/acme\/handbook\/actions\/runs\/7\)/);
		assert.doesNotMatch(body, /evil|`rm`/);
		assert.match(body, /The model diff against `main` could not be made/);
		const failed = await post({}, { BUILD: 'failure', CHECK: 'failure', ARTIFACT_URL: '' });
		assert.match(failed.created[0]!, /\*\*Preview:\*\* the site did not build/);
		assert.match(failed.created[0]!, /fix the model errors/);
		const early = await post({}, { BUILD: 'skipped', CHECK: 'skipped', DIFF: 'skipped', ARTIFACT_URL: '' });
		assert.match(early.created[0]!, /\*\*Check:\*\* did not run/);
	});

	test('a very long diff is cut to fit a comment', async () => {
		const diff = Array.from({ length: 5000 }, (_, i) => `- line ${i} ${'x'.repeat(20)}`).join('\n');
		const { created } = await post({ check: 'x\n', diff });
		assert.ok(created[0]!.length <= 65536, String(created[0]!.length));
		assert.match(created[0]!, /… \(cut here: the whole diff is in the summary of \[the workflow run\]/);
	});

	test('a fork\'s pull request (read-only token): the comment goes to the run summary, the API is not called', async () => {
		const { created, updated, summary, warnings } = await post({ check: 'x\n', diff: '### Model changes\n' }, { FORK: 'true' }, { fail: 403 });
		assert.deepEqual([created, updated], [[], []]);
		assert.equal(summary.length, 1);
		assert.ok(summary[0]!.startsWith('## Opsbook preview for #42\n'), summary[0]);
		assert.match(warnings.join('\n'), /fork/);
	});

	test('a read-only token in the repository itself (Dependabot): a warning and the summary, not a failure', async () => {
		const { created, summary, warnings } = await post({ check: 'x\n', diff: '' }, {}, { fail: 403 });
		assert.deepEqual(created, []);
		assert.equal(summary.length, 1);
		assert.match(warnings.join('\n'), /Could not comment on the pull request \(403\)/);
		await assert.rejects(post({}, {}, { fail: 500 }), /Resource not accessible/, 'other errors still fail the job');
	});
});

test('opsbook init copies the three workflows to .github/workflows/ unchanged', async () => {
	const { scaffold } = await import('../../src/init/index.ts');
	const dir = mkdtempSync(join(tmpdir(), 'opsbook-init-gh-'));
	try {
		const target = join(dir, 'handbook');
		mkdirSync(target);
		const result = scaffold(target, { today: '2026-12-01' });
		assert.ok(result.ok, result.lines.join('\n'));
		for (const file of files) {
			assert.ok(result.written.includes(`.github/workflows/${file}`), result.written.join('\n'));
			assert.equal(readFileSync(join(target, '.github', 'workflows', file), 'utf8'), texts.get(file));
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
