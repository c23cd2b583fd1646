/** loadModel end to end on small models written to a temporary folder: positions, paths, layout. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { contentRoot, formatDiagnostic, loadModel, loadModelForBuild, type LoadResult } from '../../src/load/index.ts';
import { describeValue, formatPath, sortDiagnostics, type Diagnostic } from '../../src/load/diagnostics.ts';
import { fixtures, repoRoot } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-loader-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** Writes files into a fresh model folder and loads it with the folder as working directory. */
function load(files: Record<string, string>): LoadResult {
	const root = join(scratch, `m${++counter}`);
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, file)), { recursive: true });
		writeFileSync(join(root, file), text);
	}
	return loadModel(root, { cwd: root });
}

const lines = (result: LoadResult) => result.diagnostics.map(formatDiagnostic);
const find = (result: LoadResult, path: string) => {
	const found = result.diagnostics.find((d) => d.path === path);
	assert.ok(found, `no diagnostic at ${path}; got:\n${lines(result).join('\n')}`);
	return found;
};

const TEAM = 'id: team-a\nname: A\nchat:\n  channel: "#a"\n';
const SYSTEM = 'id: core\nname: Core\nsummary: The core.\nowner: team-a\n';
const SERVICE_HEAD = `id: api
name: API
summary: The API.
system: core
owner: team-a
tier: 2
lifecycle: production
kind: service
dataClassification: internal
`;
const base = { 'teams/team-a.yaml': TEAM, 'systems/core.yaml': SYSTEM };

describe('the good fixture', () => {
	const result = loadModel(join(fixtures, 'good', 'minimal'), { cwd: repoRoot });
	test('loads without any diagnostic', () => {
		assert.deepEqual(lines(result), []);
		assert.equal(result.ok, true);
	});
	test('holds every kind', () => {
		const m = result.model;
		assert.deepEqual([m.systems.size, m.teams.size, m.services.size, m.runbooks.size, m.trees.size], [1, 2, 3, 2, 1]);
		assert.ok(m.security && m.incident && m.policy);
		assert.deepEqual(m.guides, ['guides/intro.md']);
		assert.equal(result.files, 12);
	});
	test('entities remember their file relative to the model folder', () => {
		assert.equal(result.model.services.get('orders-db')!.file, 'services/orders-db.yaml');
		assert.equal(result.model.security!.file, 'security-response-plan.yaml');
	});
	test('entities are sorted by id', () => {
		assert.deepEqual([...result.model.services.keys()], ['checkout-api', 'email-worker', 'orders-db']);
	});
	test('position() finds a field for the analysis output', () => {
		assert.deepEqual(result.position('services/checkout-api.yaml', ['dependencies', 0, 'service']), { line: 22, column: 14 });
		assert.deepEqual(result.position('services/checkout-api.yaml', ['slos', 1, 'threshold']), { line: 38, column: 16 });
		assert.deepEqual(result.position('no/such/file.yaml', ['id']), { line: 1, column: 1 });
	});
	test('the index links alerts, runbooks and trees', () => {
		const index = result.model.index;
		assert.deepEqual(index.runbooksByAlert.get('CheckoutApiDown')?.map((r) => r.id), ['checkout-api-down']);
		assert.deepEqual(index.treesByService.get('orders-db')?.map((t) => t.id), ['checkout-errors']);
		assert.deepEqual(index.dependants.get('checkout-api')?.map((d) => [d.service.id, d.type]), [['email-worker', 'soft']]);
	});
});

describe('positions', () => {
	const result = load({
		...base,
		'services/api.yaml': `${SERVICE_HEAD}dependencies:
  - service: db
    type: hard
    reason: data
    onFailure: down
  - service: cache
    type: hardish
    reason: speed
recovery:
  rpo: 5m
slos:
  - name: Availability
    indicator: availability
    target: "99.9"
    window: 30d
    budgetMethod: occurrences
`,
	});
	test('a bad scalar deep in a list points at the value', () => {
		const d = find(result, 'dependencies[1].type');
		assert.deepEqual([d.line, d.column], [16, 11]);
		assert.equal(d.message, 'expected one of "hard", "soft", found "hardish"; did you mean "hard"?');
	});
	test('a missing field of a list item points at the item', () => {
		const d = find(result, 'dependencies[1].onFailure');
		assert.deepEqual([d.line, d.column], [15, 5]);
		assert.equal(d.message, 'missing required field "onFailure" (expected text)');
	});
	test('a missing field of a mapping points at its parent key', () => {
		const d = find(result, 'recovery.rto');
		assert.deepEqual([d.line, d.column], [18, 1]);
		assert.equal(d.message, 'missing required field "rto" (expected a duration such as "250ms", "15m", "2h", "1d" or "0")');
	});
	test('a quoted number is a wrong type, pointed at its opening quote', () => {
		const d = find(result, 'slos[0].target');
		assert.deepEqual([d.line, d.column], [23, 13]);
		assert.equal(d.message, 'expected a percentage as a number, e.g. 99.9, found "99.9"');
	});
	test('an unknown field points at its key and suggests the right one', () => {
		const d = find(result, 'slos[0].budgetMethod');
		assert.deepEqual([d.line, d.column], [25, 5]);
		assert.equal(d.message, 'unknown field "budgetMethod"; did you mean "budgetingMethod"?');
	});
	test('a missing top-level field points at the start of the file', () => {
		const missing = load({ 'teams/team-a.yaml': '# The A team\nid: team-a\nname: A\n' });
		assert.deepEqual(lines(missing), ['teams/team-a.yaml:2:1  chat  missing required field "chat" (expected a mapping of fields)']);
	});
	test('a block value is pointed at by its key', () => {
		const r = load({ ...base, 'services/api.yaml': `${SERVICE_HEAD}environments:\n  name: production\n` });
		assert.deepEqual(lines(r), ['services/api.yaml:10:1  environments  expected a list, found a mapping']);
	});
	test('a value in a flow list', () => {
		const r = load({ ...base, 'services/api.yaml': `${SERVICE_HEAD}tags: [a, 7, c]\n` });
		assert.deepEqual(lines(r), ['services/api.yaml:10:11  tags[1]  expected text, found number 7']);
	});
	test('every problem in a file is reported, in file order', () => {
		assert.deepEqual(result.diagnostics.map((d) => d.line), [15, 16, 18, 23, 25]);
	});
});

describe('paths and layout', () => {
	test('file paths are relative to the working directory', () => {
		const root = join(scratch, 'cwd-test');
		mkdirSync(join(root, 'teams'), { recursive: true });
		writeFileSync(join(root, 'teams', 'team-a.yaml'), 'id: team-a\nname: A\n');
		const result = loadModel(root, { cwd: scratch });
		assert.equal(result.diagnostics[0]!.file, 'cwd-test/teams/team-a.yaml');
	});
	test('a missing model folder is one clear error', () => {
		const result = loadModel(join(scratch, 'nowhere'), { cwd: scratch });
		assert.equal(result.ok, false);
		assert.deepEqual(result.diagnostics.map((d) => d.message), [`model folder not found: ${join(scratch, 'nowhere')} (set --content DIR or OPSBOOK_CONTENT)`]);
	});
	test('an unknown top-level entry is a warning with the likely name', () => {
		const result = load({ ...base, 'service/api.yaml': SERVICE_HEAD });
		assert.deepEqual(lines(result), ['service:1:1  (file)  warning: not part of the model, so it is ignored; did you mean "services"?']);
		assert.equal(result.ok, true);
	});
	test('a file that is not YAML inside a kind folder is a warning', () => {
		const result = load({ ...base, 'teams/README.md': '# Teams\n' });
		assert.deepEqual(lines(result), ['teams/README.md:1:1  (file)  warning: not a .yaml file, so it is ignored (team files end in .yaml)']);
	});
	test('.yml files and sub-folders are read; dot files are skipped', () => {
		const result = load({ ...base, 'teams/more/team-b.yml': 'id: team-b\nname: B\nchat:\n  channel: "#b"\n', 'teams/.draft.yaml': 'nonsense: [' });
		assert.deepEqual(lines(result), []);
		assert.equal(result.model.teams.get('team-b')!.file, 'teams/more/team-b.yml');
	});
	test('a guide that is not Markdown is a warning', () => {
		const result = load({ ...base, 'guides/intro.md': '# Intro\n', 'guides/notes.txt': 'x' });
		assert.deepEqual(lines(result), ['guides/notes.txt:1:1  (file)  warning: guides are Markdown (.md) or MDX (.mdx); this file is ignored']);
		assert.deepEqual(result.model.guides, ['guides/intro.md']);
	});
	test('a kind folder that is a file is an error', () => {
		const result = load({ teams: 'id: x\n' });
		assert.deepEqual(lines(result), ['teams:1:1  (file)  expected a folder of team files']);
	});
	test('an id that differs from its file name is a warning', () => {
		const result = load({ 'teams/a.yaml': TEAM });
		assert.deepEqual(lines(result), ['teams/a.yaml:1:5  id  warning: id "team-a" differs from the file name "a"; name the file after the id so it is easy to find']);
	});
	test('a link to a file outside the model folder is refused', () => {
		const outside = join(scratch, 'outside.yaml');
		writeFileSync(outside, TEAM);
		const root = join(scratch, 'linked');
		mkdirSync(join(root, 'teams'), { recursive: true });
		symlinkSync(outside, join(root, 'teams', 'team-a.yaml'));
		const result = loadModel(root, { cwd: root });
		assert.deepEqual(lines(result), ['teams/team-a.yaml:1:1  (file)  this file is a link that leaves the model folder; copy the file in instead']);
	});
	test('contentRoot: --content, then the config (OPSBOOK_CONTENT overrides it), then content/', () => {
		assert.equal(contentRoot(['node', 'check', '--content', '/x/y']), '/x/y');
		const saved = process.env.OPSBOOK_CONTENT;
		try {
			process.env.OPSBOOK_CONTENT = '/a/b';
			assert.equal(contentRoot(['node', 'check']), '/a/b');
			delete process.env.OPSBOOK_CONTENT;
			assert.equal(contentRoot(['node', 'check']), join(process.cwd(), 'content'));
		} finally {
			if (saved === undefined) delete process.env.OPSBOOK_CONTENT;
			else process.env.OPSBOOK_CONTENT = saved;
		}
	});
});

describe('layers work together', () => {
	test('a file with a shape error does not also make every reference to it an error', () => {
		const result = load({
			'teams/team-a.yaml': 'id: team-a\nname: A\n',
			'systems/core.yaml': SYSTEM,
			'services/api.yaml': SERVICE_HEAD,
		});
		assert.deepEqual(lines(result), ['teams/team-a.yaml:1:1  chat  missing required field "chat" (expected a mapping of fields)']);
	});
	test('a file that does not parse does not make every reference to its id an error', () => {
		const broken = load({
			'teams/team-a.yaml': 'id: team-a\nname: A\nchat: [unclosed\n',
			'systems/core.yaml': SYSTEM,
			'services/api.yaml': SERVICE_HEAD,
		});
		assert.equal(broken.diagnostics.length, 1, lines(broken).join('\n'));
		assert.match(lines(broken)[0]!, /^teams\/team-a\.yaml:\d+:\d+  \(file\)  YAML syntax error/);
		// Without an id line, the file name stands for the id.
		const unnamed = load({ 'teams/team-a.yaml': 'name: A\n\tchat: x\n', 'systems/core.yaml': SYSTEM });
		assert.equal(unnamed.diagnostics.length, 1, lines(unnamed).join('\n'));
		// A reference to an id no file meant to define is still reported.
		const other = load({ 'teams/team-b.yaml': 'id: team-b\nchat: [\n', 'systems/core.yaml': SYSTEM });
		assert.ok(lines(other).some((line) => line.includes('unknown team "team-a"')), lines(other).join('\n'));
	});
	test('shape errors in one file and model errors in another are reported in one run', () => {
		const result = load({
			...base,
			'teams/team-b.yaml': 'id: team-b\nname: B\nchat: "#b"\n',
			'services/api.yaml': SERVICE_HEAD.replace('system: core', 'system: cor'),
		});
		assert.deepEqual(lines(result), [
			'services/api.yaml:4:9  system  unknown system "cor"; did you mean "core"?',
			'teams/team-b.yaml:3:7  chat  expected a mapping of fields, found "#b"',
		]);
	});
	test('a model with errors still holds every entity that passed its shape check', () => {
		const result = load({ ...base, 'services/api.yaml': SERVICE_HEAD.replace('owner: team-a', 'owner: team-z') });
		assert.equal(result.ok, false);
		assert.ok(result.model.services.has('api'));
	});
	test('duplicate ids keep the first entity', () => {
		const result = load({ ...base, 'services/api.yaml': SERVICE_HEAD, 'services/b/api.yaml': SERVICE_HEAD.replace('name: API', 'name: Second') });
		assert.equal(result.model.services.get('api')!.name, 'API');
	});
});

describe('diagnostics', () => {
	const d = (over: Partial<Diagnostic>): Diagnostic => ({ severity: 'error', file: 'a.yaml', line: 1, column: 1, path: '', message: 'm', ...over });
	test('formatDiagnostic: file:line:col  path  message', () => {
		assert.equal(formatDiagnostic(d({ line: 3, column: 7, path: 'owner', message: 'unknown team' })), 'a.yaml:3:7  owner  unknown team');
		assert.equal(formatDiagnostic(d({ severity: 'warning' })), 'a.yaml:1:1  (file)  warning: m');
	});
	test('formatPath', () => {
		assert.equal(formatPath(['dependencies', 1, 'service']), 'dependencies[1].service');
		assert.equal(formatPath([0, 'a']), '[0].a');
		assert.equal(formatPath([]), '');
	});
	test('sortDiagnostics orders by file, line, column, message', () => {
		const sorted = sortDiagnostics([d({ file: 'b' }), d({ line: 2 }), d({ column: 2 }), d({ message: 'a' })]);
		assert.deepEqual(sorted.map((x) => `${x.file}:${x.line}:${x.column}:${x.message}`), ['a.yaml:1:1:a', 'a.yaml:1:2:m', 'a.yaml:2:1:m', 'b:1:1:m']);
	});
	test('describeValue', () => {
		assert.equal(describeValue(undefined), 'nothing');
		assert.equal(describeValue(null), 'null (an empty value)');
		assert.equal(describeValue('x'.repeat(50)), `"${'x'.repeat(37)}…"`);
		assert.equal(describeValue(3), 'number 3');
		assert.equal(describeValue(true), 'boolean true');
		assert.equal(describeValue([1, 2]), 'a list of 2');
		assert.equal(describeValue({}), 'a mapping');
	});
});

describe('one load per build', () => {
	test('every copy of the loader in a build process gets the same load, one per model folder', async () => {
		const good = join(fixtures, 'good', 'minimal');
		const first = loadModelForBuild(good);
		assert.equal(first.ok, true);
		assert.equal(loadModelForBuild(`${good}/`), first, 'the same folder, spelled another way');
		// Another copy of the module (as Vite loads one for the site) shares the process-wide slot.
		const copy = (await import(`../../src/load/index.ts?copy=${Date.now()}`)) as typeof import('../../src/load/index.ts');
		assert.notEqual(copy.loadModelForBuild, loadModelForBuild);
		assert.equal(copy.loadModelForBuild(good), first);
		const other = load({ 'teams/a.yaml': 'id: a\nname: A\n' });
		assert.notEqual(loadModelForBuild(other.root), first);
		assert.notEqual(loadModel(good), first, 'loadModel itself always reads the folder');
	});
});
