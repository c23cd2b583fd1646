/** Every page type of the example handbook: opens, no console errors, no serious axe violations. */
import { expect, test } from '@playwright/test';
import { eachPageOpensCleanly } from './open-cleanly.ts';
import { watchConsole } from './console.ts';
import { seriousAxe } from './axe.ts';
import { SITES } from './sites.ts';
import { modelOf } from './model.ts';
import { pagerLabel } from '../../src/site/queries.ts';

const model = modelOf(SITES.example.content);
const first = <T>(map: Map<string, T>) => [...map.keys()][0]!;

const pages: [string, string][] = [
	['home', ''],
	['service catalog', 'services/'],
	['service', `services/${first(model.services)}/`],
	['systems', 'systems/'],
	['system', `systems/${first(model.systems)}/`],
	['teams', 'teams/'],
	['team', `teams/${first(model.teams)}/`],
	['runbooks', 'runbooks/'],
	['runbook', `runbooks/${first(model.runbooks)}/`],
	['trees', 'trees/'],
	['tree', `trees/${first(model.trees)}/`],
	['architecture', 'architecture/'],
	['business continuity', 'continuity/'],
	['reliability', 'reliability/'],
	['security response plan', 'security/'],
	['incident management', 'incidents/'],
	['coverage', 'coverage/'],
	['model reference', 'reference/'],
	['onboarding guide', 'guides/onboarding/'],
];


eachPageOpensCleanly(pages);

test('the service page shows owner, how to page them, RTO/RPO and the error budget', async ({ page }) => {
	const service = [...model.services.values()].find((s) => s.tier === 1 && s.recovery && s.slos.some((o) => o.indicator === 'availability'))!;
	const team = model.teams.get(service.owner)!;
	await page.goto(`services/${service.id}/`);
	await expect(page.locator('#on-call ~ p').first()).toContainText(team.name);
	if (team.onCall) await expect(page.getByRole('link', { name: pagerLabel(team) })).toHaveAttribute('href', team.onCall.pager);
	const escalation = page.locator('table').filter({ hasText: 'Level' }).first();
	for (const level of team.escalation) await expect(escalation).toContainText(level.who);
	await expect(page.locator('.ob-facts').first()).toContainText(service.recovery!.rto);
	await expect(page.locator('#slos ~ table').first()).toContainText(/min of downtime per|h of downtime per/);
});

test('runbook pages print without navigation chrome', async ({ page }) => {
	await page.goto(`runbooks/${first(model.runbooks)}/`);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.ob-steps').first()).toBeVisible();
	await expect(page.locator('nav.sidebar, #starlight__sidebar').first()).toBeHidden();
});

test('runbook commands are highlighted code blocks with a copy button; the page loads their styles and script once', async ({ page }) => {
	// Most blocks come from the build's code cache; the first of a page carries the asset links.
	const runbook = [...model.runbooks.values()].sort((a, b) => b.steps.filter((s) => s.command).length - a.steps.filter((s) => s.command).length)[0]!;
	const commands = runbook.steps.filter((step) => step.command).length + runbook.rollback.filter((step) => step.command).length;
	const problems = watchConsole(page);
	await page.goto(`runbooks/${runbook.id}/`);
	await expect(page.locator('.expressive-code')).toHaveCount(commands);
	await expect(page.locator('.expressive-code button[data-code]')).toHaveCount(commands);
	await expect(page.locator('link[rel="stylesheet"][href*="/ec."]')).toHaveCount(1);
	await expect(page.locator('script[src*="/ec."]')).toHaveCount(1);
	const background = await page.locator('.expressive-code pre').last().evaluate((pre) => getComputedStyle(pre).backgroundColor);
	expect(background).not.toBe('rgba(0, 0, 0, 0)');
	expect(problems).toEqual([]);
});

test('the sidebar lists the guides in their order and marks the one open', async ({ page }) => {
	await page.goto('guides/glossary/');
	const guides = page.locator('#starlight__sidebar details', { has: page.locator('summary', { hasText: 'Guides' }) });
	await expect(guides.getByRole('link')).toHaveText(['New here?', 'Architecture', 'Glossary']);
	await expect(guides.getByRole('link', { name: 'Glossary' })).toHaveAttribute('aria-current', 'page');
	await guides.getByRole('link', { name: 'Architecture' }).click();
	await expect(page).toHaveURL(/\/guides\/architecture\/$/);
	await expect(page.locator('h1')).toHaveText('Architecture');
});

for (const [name, path] of pages.filter(([n]) => ['home', 'service', 'runbook', 'tree', 'coverage', 'incident management'].includes(n))) {
	test(`${name} page passes axe in dark mode`, async ({ page }) => {
		await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		expect(await seriousAxe(page), `axe on ${path} (dark)`).toEqual([]);
	});
}
