/** The sidebar's Guides group, listed from the guides' frontmatter (Starlight's autogenerate cannot see them). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { guideLinks, readGuides } from '../../src/site/guides.ts';
import { sidebar } from '../../src/site/sidebar.ts';
import { repoRoot } from './helpers.ts';

const guide = (frontmatter: string, body = 'Text.') => `---\n${frontmatter}\n---\n\n${body}\n`;

test('guides are ordered by sidebar.order, then label; hidden and draft ones are left out', () => {
	const links = guideLinks([
		{ path: 'guides/zeta.md', text: guide('title: Zeta') },
		{ path: 'guides/alpha.md', text: guide('title: Alpha') },
		{ path: 'guides/second.mdx', text: guide('title: Second\nsidebar:\n  order: 2') },
		{ path: 'guides/first.md', text: guide('title: The first one\nsidebar:\n  order: 1\n  label: First') },
		{ path: 'guides/hidden.md', text: guide('title: Hidden\nsidebar:\n  hidden: true') },
		{ path: 'guides/draft.md', text: guide('title: Draft\ndraft: true') },
		{ path: 'guides/Ops/Deep.md', text: '# No frontmatter\n' },
		{ path: 'guides/broken.md', text: guide('title: [unclosed') },
	]);
	assert.deepEqual(links, [
		{ label: 'First', link: '/guides/first/' },
		{ label: 'Second', link: '/guides/second/' },
		{ label: 'Alpha', link: '/guides/alpha/' },
		{ label: 'broken', link: '/guides/broken/' },
		{ label: 'deep', link: '/guides/ops/deep/' },
		{ label: 'Zeta', link: '/guides/zeta/' },
	]);
});

test('the guides of a model folder are read like the content collection reads them', () => {
	const root = mkdtempSync(join(tmpdir(), 'opsbook-guides-'));
	mkdirSync(join(root, 'guides', 'ops'), { recursive: true });
	mkdirSync(join(root, 'guides', '.drafts'));
	writeFileSync(join(root, 'guides', 'a.md'), guide('title: A'));
	writeFileSync(join(root, 'guides', 'ops', 'b.mdx'), guide('title: B'));
	writeFileSync(join(root, 'guides', '_partial.md'), guide('title: Partial'));
	writeFileSync(join(root, 'guides', '.drafts', 'c.md'), guide('title: C'));
	writeFileSync(join(root, 'guides', 'notes.txt'), 'not a guide');
	assert.deepEqual(readGuides(root).map((g) => g.path), ['guides/a.md', 'guides/ops/b.mdx']);
	assert.deepEqual(readGuides(join(root, 'missing')), []);
});

test("the example's sidebar lists its guides in their order; no Guides group without guides", () => {
	const groups = sidebar(guideLinks(readGuides(join(repoRoot, 'content'))));
	const guides = groups.find((group) => group.label === 'Guides');
	assert.deepEqual(guides?.items.map((item) => item.label), ['New here?', 'Architecture', 'Glossary']);
	assert.equal(sidebar([]).some((group) => group.label === 'Guides'), false);
});
