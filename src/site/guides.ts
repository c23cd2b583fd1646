/**
 * The sidebar's Guides group. Starlight's `autogenerate` only finds pages under
 * src/content/docs/, and the guides live in the model folder beside the YAML (content/guides/),
 * so the group is listed here, the way autogenerate would: each guide's `sidebar.label` or
 * `title`, ordered by `sidebar.order` and then by label, without `sidebar.hidden` or draft ones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { frontmatterBlock } from '../load/guides.ts';

export interface SidebarLink {
	label: string;
	link: string;
}

/**
 * The guides of a model folder, as content.config.ts collects them into pages: Markdown and MDX
 * files under guides/, except those whose name starts with `_` and hidden ones.
 */
export function readGuides(root: string): { path: string; text: string }[] {
	const folder = join(root, 'guides');
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((file) => /\.mdx?$/.test(file) && !/(^|[\\/])_[^\\/]*$/.test(file) && !/(^|[\\/])\./.test(file))
		.sort()
		.map((file) => ({ path: relative(root, join(folder, file)).split('\\').join('/'), text: readFileSync(join(folder, file), 'utf8') }));
}

export function guideLinks(files: readonly { path: string; text: string }[]): SidebarLink[] {
	const links: (SidebarLink & { order: number })[] = [];
	for (const { path, text } of files) {
		const data = frontmatter(text);
		const sidebar = (data.sidebar ?? {}) as { label?: unknown; order?: unknown; hidden?: unknown };
		if (sidebar.hidden === true || data.draft === true) continue;
		// The page id, as content.config.ts makes it.
		const id = path.replace(/\.mdx?$/, '').toLowerCase();
		const label = typeof sidebar.label === 'string' ? sidebar.label : typeof data.title === 'string' ? data.title : id.split('/').pop()!;
		links.push({ label, link: `/${id}/`, order: typeof sidebar.order === 'number' ? sidebar.order : Number.POSITIVE_INFINITY });
	}
	return links.sort((a, b) => a.order - b.order || a.label.localeCompare(b.label)).map(({ label, link }) => ({ label, link }));
}

/** The YAML frontmatter of a Markdown file; empty when it has none or it does not parse (the build reports that). */
function frontmatter(text: string): Record<string, unknown> {
	const block = frontmatterBlock(text);
	if (!block) return {};
	try {
		const data: unknown = parse(block.yaml);
		return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}
