/**
 * The GitHub Actions workflows are valid and run what the README says. Each file is linted with
 * GitHub's own workflow parser (@actions/workflow-parser, the one behind the Actions language
 * server: schema, expressions, job graph), offline; then its structure is checked with `yaml`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { repoRoot } from './helpers.ts';

// The parser's dist imports its JSON schema without `with { type: 'json' }` (it is built for
// bundlers); serve those JSON files to Node as modules.
registerHooks({
	load(url, context, nextLoad) {
		if (url.endsWith('.json') && url.includes('/node_modules/@actions/')) {
			return { format: 'module', source: `export default ${readFileSync(fileURLToPath(url), 'utf8')};`, shortCircuit: true };
		}
		return nextLoad(url, context);
	},
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const folder = join(repoRoot, '.github', 'workflows');
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
const scripts = Object.keys(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>);

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	if?: string;
	env?: Record<string, string>;
	with?: Record<string, unknown>;
}
interface Job {
	'runs-on': string;
	if?: string;
	steps: Step[];
}
interface Workflow {
	name: string;
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}
const workflows = new Map(files.map((file) => [file, parse(readFileSync(join(folder, file), 'utf8')) as Workflow]));
const runs = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));

/** Errors from GitHub's parser, as "file (Line: n, Col: n): message". */
async function lint(name: string, content: string): Promise<string[]> {
	const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
	const errors = result.context.errors.getErrors().map((e) => e.message);
	if (result.value) {
		const template = await convertWorkflowTemplate(result.context, result.value);
		for (const error of template.errors ?? []) if (!errors.includes(error.Message)) errors.push(error.Message);
	}
	return errors;
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
	test('every job runs on a runner and has steps; every action is pinned to a version', () => {
		for (const [file, workflow] of workflows) {
			assert.ok(workflow.name, `${file}: name`);
			assert.ok(workflow.on && typeof workflow.on === 'object', `${file}: on`);
			for (const [id, job] of Object.entries(workflow.jobs)) {
				assert.match(job['runs-on'], /^ubuntu-/, `${file}: ${id} runs-on`);
				assert.ok(job.steps.length > 0, `${file}: ${id} steps`);
				for (const step of job.steps) {
					assert.ok(step.run || step.uses, `${file}: ${id}: a step runs or uses something`);
					if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w.-]+@v\d+$/, `${file}: ${id}: ${step.uses} is pinned`);
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
		assert.ok('pull_request' in pr.on);
		const commands = runs(pr).join('\n');
		for (const command of ['npm install', 'npm run check', 'npm test', 'npm run build']) assert.ok(commands.includes(command), command);
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
		const comment = job.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
		assert.match(String(comment.with?.script), /updateComment/);
		assert.match(String(comment.with?.script), /<!-- opsbook-preview -->/);
		assert.ok(job.steps.some((s) => s.run?.includes("echo '<!-- opsbook-preview -->'")), 'the comment starts with the marker');
		assert.ok(preview.jobs.remove, 'a closed pull request removes its preview');
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
		assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ['main']);
		const commands = runs(deploy).join('\n');
		for (const command of ['npm run check', 'npm test', 'npm run build', "npm run pages -- publish dist --into . --keep 'pr-*'"]) assert.ok(commands.includes(command), command);
	});
});
