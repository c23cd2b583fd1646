/** The model diff rendered for a pull-request comment (Markdown) and for tools (JSON). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { code, diffModels, escapeMarkdown, renderJson, renderMarkdown, snapshot } from '../../src/diff/index.ts';
import { escapeHtml, fence } from '../../src/diff/markdown.ts';
import type { Model } from '../../src/model/index.ts';
import { availability, model, pagedTeam, policy, runbook, service, TODAY } from './helpers.ts';

const ok = (m: Model) => ({ model: m, diagnostics: [] });
const render = (before: Model, after: Model) => renderMarkdown(diffModels(snapshot('origin/main', ok(before), TODAY), snapshot('working tree', ok(after), TODAY), TODAY));

describe('escaping', () => {
	test('model text cannot inject HTML, formatting, table cells or mentions', () => {
		assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
		assert.equal(escapeMarkdown('a | b *c* _d_ [e](f)'), 'a \\| b \\*c\\* \\_d\\_ \\[e\\](f)');
		assert.equal(escapeMarkdown('ping @org/team'), 'ping @&#8203;org/team');
		assert.equal(escapeMarkdown('two\nlines'), 'two lines');
	});
	test('code spans survive backticks', () => {
		assert.equal(code('api'), '`api`');
		assert.equal(code('a`b'), '`` a`b ``');
	});
	test('a lone carriage return is a line break too: it cannot start a new line (a table row, a heading)', () => {
		assert.equal(escapeMarkdown('a\r# b\r\nc'), 'a \\# b c');
		assert.equal(code('a\rb'), '`a b`');
	});
	test('HTML text: no tags, no entities, no mentions, one line', () => {
		assert.equal(escapeHtml('<img src="x" onerror=\'alert(1)\'> & @org/team\n'), '&lt;img src=&quot;x&quot; onerror=&#39;alert(1)&#39;&gt; &amp; @&#8203;org/team ');
	});
});

describe('fence', () => {
	/** The lines a CommonMark parser would take as the block's content, or undefined if the block closes early. */
	function content(block: string): string | undefined {
		const lines = block.split('\n');
		const open = lines[0]!.match(/^`{3,}/)![0];
		// A closing fence: up to three spaces, at least as many backticks as the opening, nothing else.
		const close = lines.findIndex((line, i) => i > 0 && new RegExp(`^ {0,3}\`{${open.length},}[ \t]*$`).test(line));
		return close === lines.length - 1 ? lines.slice(1, -1).join('\n') : undefined;
	}

	test('plain text: three backticks', () => {
		assert.equal(fence('npm run check\nok'), '```\nnpm run check\nok\n```');
	});

	test('text that holds a fence (or a longer one, or one indented) cannot close the block', () => {
		const attacks = [
			'before\n```\n<img src=x> @org/team\n```\nafter',
			'````\n</details>\n\n# Approved',
			'   ``````  \n**bold**',
			'inline `code` and ``more``',
			'`',
			'a\r```\r<b>x</b>',
		];
		for (const text of attacks) {
			const block = fence(text);
			assert.equal(content(block), text.replace(/\r\n?/g, '\n'), block);
			const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
			assert.equal(block.indexOf('\n'), Math.max(3, longest + 1), `${block}: the fence is longer than any backtick run`);
		}
	});

	test('line endings are normalised and a trailing line break is dropped', () => {
		assert.equal(fence('a\r\nb\n\n'), '```\na\nb\n```');
		assert.equal(fence(''), '```\n\n```');
	});

	test('errors quoted in the diff comment use it: a file name with a fence in it stays inside', () => {
		const m = model({ services: [service('api')] });
		const diff = diffModels(
			snapshot('main', ok(m), TODAY),
			snapshot('working tree', { model: m, diagnostics: [{ severity: 'error', file: 'services/x.yaml' }] }, TODAY, { format: () => 'services/````\n</details>\n@org/team.yaml:1:1  oops' }),
			TODAY,
		);
		const text = renderMarkdown(diff);
		assert.ok(text.includes('\n`````\nservices/````\n</details>\n@org/team.yaml:1:1  oops\n`````\n\n</details>'), text);
	});

	test('a ref name in the errors summary is HTML-escaped (Markdown is not rendered inside <summary>)', () => {
		const m = model({ services: [service('api')] });
		const diff = diffModels(
			snapshot('<img/src=x>', { model: m, diagnostics: [{ severity: 'error', file: 'services/x.yaml' }] }, TODAY, { format: () => 'x' }),
			snapshot('working tree', ok(m), TODAY),
			TODAY,
		);
		const text = renderMarkdown(diff);
		assert.match(text, /<details><summary>Errors at <code>&lt;img\/src=x&gt;<\/code><\/summary>/);
		// Elsewhere it is a code span, where HTML is shown as text.
		assert.ok(!text.replace(/`[^`\n]*`/g, '').includes('<img'), text);
	});
});

describe('Markdown', () => {
	const strict = policy({ tiers: { '1': ['owner', 'rto'], '2': [], '3': ['owner'], '4': [] } });
	const teams = [pagedTeam('team-a')];

	test('a whole comment, section by section', () => {
		const before = model({
			teams,
			policy: strict,
			services: [service('api', { tier: 1, recovery: { rto: '1h', stateless: true }, slos: [availability(99.9)] }), service('old', { name: 'Old <b>thing</b>' })],
			runbooks: [runbook('api-down', { title: 'API is down', triggers: { alerts: ['ApiDown'] }, lastTested: '2026-01-10' })],
		});
		const after = model({
			teams,
			policy: strict,
			services: [
				service('api', {
					tier: 1,
					recovery: { rto: '4h', stateless: true },
					slos: [availability(99.95)],
					alerts: [{ name: 'ApiDown', severity: 'critical', summary: 'down' }],
				}),
				service('new', { tier: 1 }),
			],
			runbooks: [runbook('api-down', { title: 'API is down', triggers: { alerts: ['ApiDown'] }, lastTested: '2026-11-01' })],
		});
		const lines = render(before, after).split('\n');
		// The gap's wording belongs to the coverage requirements; only its service and start are fixed here.
		const gap = lines.findIndex((line) => line.startsWith('- `new`: tier 1 requires '));
		assert.ok(gap > 0, lines.join('\n'));
		lines[gap] = '- `new`: tier 1 requires …';
		assert.equal(
			lines.join('\n'),
			[
				'### Model changes',
				'',
				'Comparing `origin/main` with the working tree; coverage judged on 2026-11-23.',
				'',
				'**Coverage: ✖ fails with 1 gap (75 %)** — before: ✔ passes (100 %)',
				'',
				'#### Services, systems and teams',
				'',
				'- Added service `new` — new (tier 1, owner team-a, production)',
				'- Removed service `old` — Old \\<b\\>thing\\</b\\>',
				'',
				'#### Recovery objectives and SLOs',
				'',
				'| service | objective | before | after | change |',
				'| --- | --- | --- | --- | --- |',
				'| `api` | RTO | 1h | 4h | ⚠ loosens |',
				'| `api` | SLO "Availability" target | 99.9 % | 99.95 % | tightens |',
				'',
				'#### Runbooks and troubleshooting trees',
				'',
				'- Retested runbook `api-down`: 2026-01-10 → 2026-11-01',
				'',
				'#### Coverage by tier',
				'',
				'| tier | before | after | change |',
				'| --- | --- | --- | --- |',
				'| 1 | 100 % (2 of 2) | 75 % (3 of 4) | −25 pts |',
				'| 3 | 100 % (1 of 1) | no services | no services now |',
				'| all | 100 % (3 of 3) | 75 % (3 of 4) | −25 pts |',
				'',
				'New gaps (1):',
				'',
				'- `new`: tier 1 requires …',
				'',
			].join('\n'),
		);
	});

	test('nothing changed', () => {
		const m = model({ services: [service('api')] });
		const text = render(m, m);
		assert.match(text, /\*\*Coverage: no policy\.yaml, so no coverage gate\*\* — before: no policy\.yaml, so no coverage gate\n\nNo changes to the model\.\n$/);
	});

	test('an invalid working tree: a warning with its errors; findings judged on what loaded', () => {
		const m = model({ services: [service('api')] });
		const diff = diffModels(
			snapshot('main', ok(m), TODAY),
			snapshot('working tree', { model: m, diagnostics: [{ severity: 'error', file: 'services/x.yaml' }, { severity: 'warning', file: 'y' }] }, TODAY, { format: (d) => `${d.file}:1:1  oops` }),
			TODAY,
		);
		const text = renderMarkdown(diff);
		assert.match(text, /^> \*\*Warning:\*\* the model in the working tree has 1 error \(`npm run check` lists them\), so this comparison is partial/m);
		assert.match(text, /<details><summary>Errors in the working tree<\/summary>\n\n```\nservices\/x\.yaml:1:1 {2}oops\n```\n\n<\/details>/);
		assert.match(text, /\*\*Coverage: not judged \(model errors\)\*\*/);
		assert.match(text, /coverage and findings are judged on them alone\./);
		assert.doesNotMatch(text, /Not compared: findings/);
	});
});

describe('JSON', () => {
	test('plain data with a format tag, parseable back to the same diff', () => {
		const d = diffModels(snapshot('main', ok(model({ policy: policy() })), TODAY), snapshot('working tree', ok(model({ policy: policy(), services: [service('api')] })), TODAY), TODAY);
		const parsed = JSON.parse(renderJson(d));
		assert.equal(parsed.format, 'opsbook-model-diff/1');
		assert.deepEqual(parsed, JSON.parse(JSON.stringify(d)));
		assert.deepEqual(parsed.coverage.tiers.map((t: { tier: string }) => t.tier), ['3', 'all']);
	});
});

test('business impact, data and access changes have their section', () => {
	const dataSet = (name: string) => ({ name, categories: ['customer-pii'] });
	const text = render(model({ services: [service('db', { kind: 'database', data: [dataSet('Orders')] })] }), model({ services: [service('db', { kind: 'database', data: [dataSet('Orders'), dataSet('<b>Invoices</b>')] })] }));
	assert.match(text, /^#### Business impact, data and access\n\n- Data inventory of service `db` changed: data set \\<b\\>Invoices\\<\/b\\> added$/m);
});
