/** The sites the end-to-end tests run against; scripts/test.ts builds each once. */
export interface Site {
	name: string;
	/** Model folder. */
	content: string;
	/** Build output. */
	out: string;
	base: string;
	port: number;
	/** Test files (regex on the path) that run against this site. */
	tests: RegExp;
	/** Extra environment for its build. */
	env?: Record<string, string>;
	/** Another Astro project that builds it (its own astro.config.mjs), instead of Opsbook's build. */
	root?: string;
}

export const SITES = {
	example: { name: 'example', content: 'content', out: '.opsbook/e2e/example', base: '/', port: 4391, tests: /example\..*spec\.ts$/ },
	// The hostile fixture: script payloads in every rendered field kind (tests/fixtures/hostile).
	fixture: { name: 'fixture', content: 'tests/fixtures/hostile', out: '.opsbook/e2e/fixture', base: '/', port: 4392, tests: /fixture\..*spec\.ts$/, env: { OPSBOOK_TODAY: '2026-11-23' } },
	// A pull-request preview: built under a sub-path with the preview banner, as the preview workflow does.
	subpath: { name: 'subpath', content: 'content', out: '.opsbook/e2e/subpath', base: '/pr-42/', port: 4393, tests: /subpath\..*spec\.ts$/, env: { OPSBOOK_PREVIEW: '42' } },
	// A preview of a model with errors and gaps (allowGaps): two bad references, a missing DR runbook, a stale runbook.
	previewErrors: {
		name: 'preview-errors',
		content: 'tests/fixtures/errors-and-gaps',
		out: '.opsbook/e2e/preview-errors',
		base: '/',
		port: 4395,
		tests: /preview-errors\..*spec\.ts$/,
		env: { OPSBOOK_TODAY: '2026-11-23', OPSBOOK_ALLOW_GAPS: '1' },
	},
	// A team's own Starlight site with the handbook added by Opsbook's Starlight plugin.
	starlight: { name: 'starlight-site', content: 'tests/fixtures/good/minimal', out: '.opsbook/e2e/starlight-site', base: '/', port: 4394, tests: /starlight-site\..*spec\.ts$/, root: 'tests/fixtures/starlight-site' },
} satisfies Record<string, Site>;
