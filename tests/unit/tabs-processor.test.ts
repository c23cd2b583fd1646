/**
 * The tab panel processor gives what Starlight's own gives, HTML compared after normalising
 * (Starlight's serialises the whole fragment again; ours leaves the HTML between items as it is).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { processPanels as starlight } from '../../node_modules/@astrojs/starlight/dist/user-components/tabs-processor.js';
import { processPanels } from '../../src/hooks/tabs-processor.ts';
import { tabsProcessor } from '../../src/hooks/vite-tabs.ts';

/** Starlight's processor on HTML without tab items only parses and serialises it again. */
const normalise = (html: string) => starlight(html, 0).html;
const item = (label: string, body: string, icon?: string) => `<starlight-tab-item data-label="${label}"${icon ? ` data-icon="${icon}"` : ''}>${body}</starlight-tab-item>`;

function same(html: string, index = 0) {
	const ours = processPanels(html, index);
	const theirs = starlight(html, index);
	assert.deepEqual(ours.panels, theirs.panels);
	assert.equal(normalise(ours.html), theirs.html);
	return ours;
}

describe('tab panels as Starlight makes them', () => {
	test('two items: ids, labels, the first shown, both focusable themselves', () => {
		const { html, panels } = same(`\n${item('JSON', '<p>one</p>')}\n${item('XML', '<p>two</p>')}\n`, 3);
		assert.deepEqual(panels.map((p) => p.panelId), ['tab-panel-3-0', 'tab-panel-3-1']);
		assert.match(html, /<div id="tab-panel-3-1" aria-labelledby="tab-3-1" role="tabpanel" tabindex="0" hidden><p>two<\/p><\/div>/);
	});

	test('a panel holding something focusable is not focusable itself', () => {
		const cases = [
			'<a href="#x">link</a>',
			'<p><button type="button">go</button></p>',
			'<input type="text">',
			'<details><summary>more</summary></details>',
			'<div tabindex="0">scrolls</div>',
			'<span contenteditable>edit</span>',
			'<video controls></video>',
			'<svg><a href="#n">node</a></svg>',
		];
		for (const body of cases) {
			const { html } = same(item('A', body));
			assert.doesNotMatch(html, /role="tabpanel" tabindex/, body);
		}
	});

	test('what does not count as focusable', () => {
		const cases = ['<a>no href</a>', '<button disabled>off</button>', '<input type="hidden">', '<a href="#x" hidden>hid</a>', '<a href="#x" tabindex="-1">out</a>', '<video></video>', '<p title="a > b">text with &lt;a href&gt;</p>', '<!-- <a href="#x"> -->', '<script>const a = "<a href=\'#\'>";</script>'];
		for (const body of cases) {
			const { html } = same(item('A', body));
			assert.match(html, /role="tabpanel" tabindex="0"/, body);
		}
	});

	test('labels and icons with entities', () => {
		const { panels } = same(item('A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x263A;', '<p>x</p>', 'star') + item('plain', ''));
		assert.equal(panels[0]!.label, 'A & B <c> "d" \'e\' ☺');
		assert.equal(panels[0]!.icon, 'star');
	});

	test('nested tabs: only the top level is rewritten, and inner panels are left as they are', () => {
		const inner = processPanels(item('string', '<p>s</p>') + item('integer', '<p>i</p>'), 0).html;
		const html = `<div class="wrap">${item('anyOf 1', `<starlight-tabs>${inner}</starlight-tabs>`)}</div>${item('anyOf 2', '<p>two</p>')}`;
		const { panels } = same(html, 1);
		assert.deepEqual(panels.map((p) => p.label), ['anyOf 1', 'anyOf 2']);
		// Items still unprocessed inside an item belong to that item's own <Tabs> and stay as they
		// are (compared without normalising, which would process them).
		const raw = item('outer', `<starlight-tabs>${item('inner', '<p>x</p>')}</starlight-tabs>`);
		const ours = processPanels(raw, 0);
		assert.deepEqual(ours.panels, starlight(raw, 0).panels);
		assert.equal(ours.html, `<div id="tab-panel-0-0" aria-labelledby="tab-0-0" role="tabpanel" tabindex="0"><starlight-tabs>${item('inner', '<p>x</p>')}</starlight-tabs></div>`);
	});

	test('what TabItem never writes goes to Starlight unchanged', () => {
		for (const html of [
			'<starlight-tab-item data-label="A" class="x"><p>a</p></starlight-tab-item>',
			item('&copy; 2026', '<p>a</p>'),
			`${item('A', '<p>a</p>')}</starlight-tab-item>`,
			'<starlight-tab-item data-label="A"><p>unclosed</p>',
		]) {
			assert.deepEqual(processPanels(html, 2), starlight(html, 2), html);
		}
	});

	test('HTML without items passes through', () => {
		const html = '<p>nothing <em>to</em> do</p>';
		assert.deepEqual(processPanels(html, 0), { panels: [], html });
	});
});

describe('the Vite plugin', () => {
	const starlightComponents = join(import.meta.dirname, '../../node_modules/@astrojs/starlight/dist/user-components');
	test("points Starlight's Tabs and TabItem at this processor, and nothing else", () => {
		const plugin = tabsProcessor();
		for (const file of ['Tabs.astro', 'TabItem.astro']) {
			// If Starlight stops importing it this way, the override silently stops: fail here instead.
			assert.match(readFileSync(join(starlightComponents, file), 'utf8'), /from '\.\/tabs-processor'/, file);
			assert.match(String(plugin.resolveId('./tabs-processor', join(starlightComponents, file))), /src[\\/]hooks[\\/]tabs-processor\.ts$/);
		}
		assert.equal(plugin.resolveId('./tabs-processor', join(starlightComponents, 'Card.astro')), null);
		assert.equal(plugin.resolveId('./other', join(starlightComponents, 'Tabs.astro')), null);
	});
});
