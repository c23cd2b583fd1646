/**
 * The trust boundary: the URL policy, untrusted guides, diagram text, page titles and terminal
 * output. (Secrets: secrets.test.ts; API specs: apis-safety.test.ts; the built pages, in
 * Chromium: tests/e2e/fixture.safety.spec.ts.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveConfig } from '../../src/config/index.ts';
import { isSafeUrl, safeHref, urlScheme } from '../../src/lib/safe-url.ts';
import { printable, printableLines } from '../../src/lib/terminal.ts';
import { checkGuide, guidesMode } from '../../src/load/guides.ts';
import { link, url } from '../../src/model/common.ts';
import { escapeMermaidHtml, mermaidBlockLines } from '../../src/site/prose-diagrams.ts';
import { escapeBanner, escapeHeadText } from '../../src/site/route-escapes.ts';
import { unsafeProperties } from '../../src/site/untrusted-markdown.ts';

describe('the URL policy', () => {
	test('http(s), mailto, tel and relative links are safe', () => {
		for (const href of ['https://example.com/a?b#c', 'http://x', 'mailto:ops@example.com', 'tel:+4412345', '/services/', '../x', '#node-a', '?q=1', 'runbooks/a/']) {
			assert.equal(isSafeUrl(href), true, href);
		}
	});
	test('script, data and file schemes are refused, however they are written', () => {
		for (const href of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			' javascript:alert(1)',
			'java\tscript:alert(1)',
			'java\nscript:alert(1)',
			'\u0001javascript:alert(1)',
			'&#106;avascript:alert(1)',
			'&#x6A;avascript:alert(1)',
			'javascript&colon;alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox(1)',
			'file:///etc/passwd',
			'blob:https://x/1',
		]) {
			assert.equal(isSafeUrl(href), false, JSON.stringify(href));
		}
		assert.equal(urlScheme('java\tscript:x'), 'javascript');
	});
	test('safeHref gives no href for an unsafe or empty link', () => {
		assert.equal(safeHref('javascript:alert(1)'), undefined);
		assert.equal(safeHref(''), undefined);
		assert.equal(safeHref(undefined), undefined);
		assert.equal(safeHref('https://example.com'), 'https://example.com');
	});
	test('the schema refuses unsafe URLs with the policy in its message', () => {
		const result = url.safeParse('javascript:alert(1)');
		assert.equal(result.success, false);
		assert.match(result.error!.issues[0]!.message, /"javascript:" is refused/);
		assert.equal(result.error!.issues.length, 1, 'one message, not two');
		assert.equal(link.safeParse({ type: 'docs', url: 'data:text/html,x' }).success, false);
		assert.equal(link.safeParse({ type: 'docs', url: 'https://docs.example.com' }).success, true);
	});
});

describe('untrusted Markdown guides', () => {
	test('unsafe URL attributes and event handlers are dropped, safe ones kept', () => {
		assert.deepEqual(unsafeProperties({ href: 'javascript:alert(1)', title: 'x' }), ['href']);
		assert.deepEqual(unsafeProperties({ src: 'data:image/svg+xml,<svg onload=alert(1)>' }), ['src']);
		assert.deepEqual(unsafeProperties({ onClick: 'alert(1)', onerror: 'x' }), ['onClick', 'onerror']);
		assert.deepEqual(unsafeProperties({ srcSet: ['https://x/a.png 1x', 'javascript:alert(1) 2x'] }), ['srcSet']);
		assert.deepEqual(unsafeProperties({ href: 'https://example.com', className: ['a'] }), []);
	});

	const guide = (frontmatter: string) => `---\n${frontmatter}\n---\n\nText.\n`;
	const messages = (text: string, file = 'guides/a.md', mode: 'markdown-only' | 'mdx' = 'markdown-only') =>
		checkGuide(file, text, mode).map((d) => `${d.line}:${d.column} ${d.path} ${d.message.split(':')[0]}`);

	test('frontmatter that Starlight trusts with HTML or attributes is refused, with its position', () => {
		assert.deepEqual(messages(guide('title: A\nhead:\n  - tag: script\n    content: alert(1)')), ['3:1 head "head" is not allowed in a Markdown guide']);
		assert.deepEqual(messages(guide('title: A\nhero:\n  tagline: <img src=x onerror=alert(1)>')), ['3:1 hero "hero" is not allowed in a Markdown guide']);
		assert.deepEqual(messages(guide('title: A\nsidebar:\n  order: 1\n  attrs:\n    onclick: alert(1)')), ['5:3 sidebar.attrs "sidebar.attrs" is not allowed in a Markdown guide']);
	});
	test('link fields follow the URL policy; a plain prev/next label is not a link', () => {
		assert.deepEqual(messages(guide('title: A\neditUrl: javascript:alert(1)')), ['3:10 editUrl links may use http']);
		assert.deepEqual(messages(guide('title: A\nnext:\n  link: "data:text/html,x"\n  label: Next')), ['4:9 next.link links may use http']);
		assert.deepEqual(messages(guide('title: A\nprev: "Read this: the intro"\neditUrl: https://git.example.com/edit')), []);
	});
	test('MDX guides are refused unless the repository trusts them', () => {
		assert.deepEqual(messages('# x\n', 'guides/a.mdx'), ['1:1  MDX guides are code (they can import and run modules while the site builds), so they are built only when the repository trusts them']);
		assert.deepEqual(messages(guide('head:\n  - tag: script\n    content: x'), 'guides/a.mdx', 'mdx'), []);
		assert.equal(guidesMode(resolveConfig({}, { root: '/r' })), 'markdown-only');
		assert.equal(guidesMode(resolveConfig({}, { root: '/r', env: { OPSBOOK_GUIDES: 'mdx' } })), 'mdx');
		assert.equal(guidesMode(resolveConfig({ guides: 'mdx' }, { root: '/r' })), 'mdx');
		assert.throws(() => resolveConfig({}, { root: '/r', env: { OPSBOOK_GUIDES: 'yes' } }), /environment OPSBOOK_GUIDES:1:1 {2}guides {2}/);
	});
});

describe('guide diagrams', () => {
	test('HTML in a label becomes text; arrows and class annotations are untouched', () => {
		assert.equal(escapeMermaidHtml('A["<img src=x onerror=alert(1)>"] --> B'), 'A["#lt;img src=x onerror=alert(1)>"] --> B');
		assert.equal(escapeMermaidHtml('A["<b>x</b>"]'), 'A["#lt;b>x#lt;/b>"]');
		for (const text of ['A --> B', 'A <--> B', 'A <-.-> B', 'Animal <|-- Duck', 'class Shape{\n  <<interface>>\n}', 'Alice->>Bob: hi', 'A-- text -->B']) {
			assert.equal(escapeMermaidHtml(text), text);
		}
	});
	test('each mermaid fence is found at its line, for positioned errors', () => {
		assert.deepEqual(mermaidBlockLines('---\ntitle: x\n---\n\ntext\n\n```mermaid\nflowchart LR\nA-->B\n```\n\n~~~mermaid\nA\n~~~\n'), [7, 12]);
	});
});

describe('page titles', () => {
	test('the <title> text is escaped (Starlight writes head entries as HTML)', () => {
		const head = [
			{ tag: 'title' as const, attrs: {}, content: 'Checkout </title><script>alert(1)</script> & co | Opsbook' },
			{ tag: 'meta' as const, attrs: { name: 'x' }, content: '' },
		];
		escapeHeadText(head);
		assert.equal(head[0]!.content, 'Checkout &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co | Opsbook');
	});
	test("a Markdown guide's banner is given to Starlight as text; a trusted MDX guide's as written", () => {
		const entry = { id: 'guides/a', data: { title: 'A', banner: { content: '<img src=x onerror=alert(1)>Read <a href="/x/">this</a>' } } };
		const escaped = escapeBanner(entry, false);
		assert.equal(escaped.data.banner!.content, '&lt;img src=x onerror=alert(1)&gt;Read &lt;a href="/x/"&gt;this&lt;/a&gt;');
		assert.equal(entry.data.banner.content.startsWith('<img'), true, 'the shared entry is left as it was');
		assert.equal(escapeBanner(entry, true), entry);
	});
});

describe('terminal output', () => {
	test('escape sequences and line breaks in model text are shown, not obeyed', () => {
		assert.equal(printable('name \u001b[2Jgone'), 'name \\x1b[2Jgone');
		assert.equal(printable('a\nb\rc'), 'a\\nb\\rc');
		assert.equal(printable('bidi \u202etxt.exe'), 'bidi \\u202etxt.exe');
		assert.equal(printable('tab\tkept'), 'tab\tkept');
	});
	test('model text can never start a GitHub Actions workflow command', () => {
		assert.equal(printable('ok: text\n::error file=x::pwned'), 'ok: text\\n::error file=x::pwned');
		assert.equal(printable('::add-mask::x'), '  ::add-mask::x');
		assert.equal(printable('##[error]x'), '  ##[error]x');
		assert.equal(printableLines('one\n::warning::two\nthree'), 'one\n  ::warning::two\nthree');
	});
});
