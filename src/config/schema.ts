/**
 * Opsbook's settings: one typed, documented config. A team writes `opsbook.config.mjs` (or
 * `.js`, `.ts`, `.json`) beside its `package.json`; every option has a default, so a repository
 * with a `content/` folder needs none. The descriptions below are the documentation: the
 * README's config reference is generated from them (`npm run schemas`).
 */
import { z } from 'zod';
import { isSafeUrl } from '../lib/safe-url.ts';

export const configSchema = z
	.strictObject({
		content: z
			.string()
			.min(1)
			.default('content')
			.describe('The model folder (YAML, guides, API specs), relative to the config file.'),
		site: z
			.url({ protocol: /^https?$/, error: 'expected the site\'s absolute URL, such as "https://ops.example.com"' })
			.default('https://opsbook.example')
			.describe('Where the handbook is served: canonical links, the sitemap and `catalog.json` page URLs start with it.'),
		base: z
			.string()
			.regex(/^\/([^/]+\/)*$/, { error: 'expected a path that starts and ends with "/", such as "/" or "/ops/"' })
			.default('/')
			.describe('The sub-path the site is served under, such as `/pr-42/` for a pull-request preview.'),
		title: z.string().min(1).default('Opsbook').describe('The site title, in the header and every page title.'),
		description: z
			.string()
			.default('The operations handbook: services, owners, on-call, recovery, SLOs, runbooks.')
			.describe('The site description, for search engines and link previews.'),
		out: z.string().min(1).default('dist').describe('The build output folder, relative to the config file.'),
		cacheDir: z
			.string()
			.min(1)
			.default('.opsbook/cache')
			.describe('Where rendered diagrams, highlighted code, Markdown, lint findings, API bundles, parsed model files and the pages an incremental build restores are kept between builds (all keyed by content; safe to delete, worth keeping in CI).'),
		incremental: z
			.boolean()
			.default(true)
			.describe('Render again only the pages whose part of the model, settings or code changed since the last build, and restore the others from the cache (`npm run build -- --full` renders everything once). The output is the same as a full build\'s.'),
		today: z.iso
			.date({ error: 'expected a date written as YYYY-MM-DD' })
			.optional()
			.describe('Judge freshness and waivers as of this date instead of the clock (the policy\'s `asOf` does the same for a snapshot handbook).'),
		allowGaps: z
			.boolean()
			.default(false)
			.describe('Build even when coverage gaps remain (model errors still refuse); every page then carries a red banner. For previews.'),
		preview: z
			.string()
			.optional()
			.describe('Mark the build as a preview: every page says "Preview of …"; a number reads as a pull request (`42` → "PR #42").'),
		guides: z
			.enum(['markdown-only', 'mdx'])
			.default('markdown-only')
			.describe('`mdx` builds `.mdx` guides too. MDX is code that runs while the site builds: trust it like the repository\'s own source, never from a fork\'s pull request.'),
		sidebar: z
			.array(
				z.strictObject({
					label: z.string().min(1).describe('The group\'s heading.'),
					items: z
						.array(
							z.strictObject({
								label: z.string().min(1).describe('The link text.'),
								link: z
									.string()
									.min(1)
									.refine(isSafeUrl, { error: 'links may use http:, https:, mailto: or tel:, or be site-relative' })
									.describe('A site-relative path (`/guides/x/`) or an http(s) URL.'),
							}),
						)
						.min(1)
						.describe('Its links.'),
				}),
			)
			.default([])
			.describe('Extra sidebar groups after the handbook\'s own, such as links to a status page or the team\'s other docs: `[{ label: "Elsewhere", items: [{ label: "Status", link: "https://status.example.com" }] }]`.'),
		allowRedoclyPlugins: z
			.boolean()
			.default(false)
			.describe('Let the model\'s `apis/redocly.yaml` load Redocly plugins (JavaScript run by the check and the build). Off, it may only choose rules.'),
	})
	.describe('Opsbook settings (opsbook.config.mjs).');

/** The settings as written (every field optional). */
export type OpsbookUserConfig = z.input<typeof configSchema>;
/** The settings with defaults filled in, paths still as written. */
export type OpsbookConfig = z.output<typeof configSchema>;

/**
 * Environment variables that override the config (for CI and one-off runs), the one table of
 * them. Anything else Opsbook reads from the environment is a tool's own (NODE_*, CI) or
 * `OPSBOOK_CHROMIUM` (which browser to drive, a property of the machine, not of the handbook).
 */
export const ENV_OVERRIDES = {
	OPSBOOK_CONTENT: 'content',
	OPSBOOK_SITE: 'site',
	OPSBOOK_BASE: 'base',
	OPSBOOK_OUT: 'out',
	OPSBOOK_CACHE: 'cacheDir',
	OPSBOOK_TODAY: 'today',
	OPSBOOK_ALLOW_GAPS: 'allowGaps',
	OPSBOOK_PREVIEW: 'preview',
	OPSBOOK_GUIDES: 'guides',
} as const satisfies Record<string, keyof OpsbookConfig>;
