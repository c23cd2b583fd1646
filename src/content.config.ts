/**
 * Prose guides live in the model folder (content/guides/) beside the YAML, so a team adopting
 * Opsbook keeps everything in one place. Generated pages come from src/pages.
 */
import { docsSchema } from '@astrojs/starlight/schema';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const root = process.env.OPSBOOK_CONTENT || 'content';

export const collections = {
	docs: defineCollection({
		loader: glob({
			pattern: '**/[^_]*.{md,mdx}',
			base: `${root}/guides`,
			generateId: ({ entry }) => `guides/${entry.replace(/\.mdx?$/, '').toLowerCase()}`,
		}),
		schema: docsSchema(),
	}),
};
