/**
 * Prose guides live in the model folder (content/guides/) beside the YAML, so a team adopting
 * Opsbook keeps everything in one place. Generated pages come from src/pages.
 *
 * Guides are untrusted unless the repository opts in to MDX (src/load/guides.ts): then only
 * `.md` files are collected, and the frontmatter fields Starlight trusts with HTML, scripts or
 * attributes are dropped here too — the check refuses them, this is the second line.
 */
import { docsSchema } from '@astrojs/starlight/schema';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import config from 'virtual:opsbook/config';
import { isSafeUrl } from './lib/safe-url.ts';

const root = config.contentDir;
const mdx = config.guides === 'mdx';

/**
 * An untrusted guide's frontmatter without what could run or inject: Starlight merges `extend`
 * over its own fields, so these replace `head`, `hero`, `template` and the links' checks.
 */
const untrusted = z.object({
	head: z.unknown().optional().transform(() => []),
	hero: z.unknown().optional().transform(() => undefined),
	template: z.unknown().optional().transform(() => 'doc' as const),
	editUrl: z.unknown().optional().transform((value) => (typeof value === 'string' && isSafeUrl(value) ? value : value === false ? false : undefined)),
	prev: z.unknown().optional().transform(safeLink),
	next: z.unknown().optional().transform(safeLink),
	sidebar: z
		.object({ label: z.string().optional(), order: z.number().optional(), hidden: z.boolean().default(false), badge: z.unknown().optional() })
		.default({ hidden: false })
		.transform((sidebar) => ({ ...sidebar, attrs: {} })),
});

/** `prev`/`next` as Starlight takes them (true/false, a label, or `{ link, label }`), unsafe links dropped. */
function safeLink(value: unknown) {
	if (value && typeof value === 'object' && 'link' in value && typeof value.link === 'string' && !isSafeUrl(value.link)) return { ...value, link: undefined };
	return value;
}

const loader = glob({
	pattern: mdx ? '**/[^_]*.{md,mdx}' : '**/[^_]*.md',
	base: `${root}/guides`,
	generateId: ({ entry }) => `guides/${entry.replace(/\.mdx?$/, '').toLowerCase()}`,
});

export const collections = {
	docs: mdx ? defineCollection({ loader, schema: docsSchema() }) : defineCollection({ loader, schema: docsSchema({ extend: untrusted }) }),
};
