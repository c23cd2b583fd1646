/**
 * Issue 17, part 2, on the example handbook: the data inventory, the access matrix and the
 * business impact table open without console errors, pass axe, show what the model says, and
 * fit their column at 1280 and 375 px (wide tables scroll inside a focusable, named region).
 */
import { expect, test, type Page } from '@playwright/test';
import { eachPageOpensCleanly } from './open-cleanly.ts';
import { layoutProblems } from './layout.ts';
import { seconds } from '../../src/lib/duration.ts';
import { impactOf } from '../../src/model/governance.ts';
import { describeCost } from '../../src/model/impact.ts';
import { modelOf } from './model.ts';
import { SITES } from './sites.ts';

const model = modelOf(SITES.example.content);
const systems = [...model.systems.values()];
const services = [...model.services.values()];
const dataServices = services.filter((s) => s.data.length > 0);
const withImpact = systems.filter((s) => s.impact);
const withAccess = systems.filter((s) => s.access);



const pages: [string, string][] = [
	['data inventory', 'data/'],
	['access', 'access/'],
	['business continuity', 'continuity/'],
	['a system with its impact and access', `systems/${withAccess[0]!.id}/`],
	['a service with its data', `services/${dataServices[0]!.id}/`],
];

eachPageOpensCleanly(pages);

test('the data inventory lists every data set with its service, classification, encryption and runbooks', async ({ page }) => {
	await page.goto('data/');
	for (const service of dataServices) {
		for (const [i, data] of service.data.entries()) {
			const row = page.locator(`#data-${service.id}-${i + 1}`);
			await expect(row.locator('th')).toContainText(data.name);
			await expect(row.locator('th').getByRole('link', { name: service.name })).toHaveAttribute('href', new RegExp(`/services/${service.id}/#data$`));
			await expect(row).toContainText(data.classification ?? service.dataClassification);
			for (const category of data.categories) await expect(row).toContainText(category);
			if (data.encryption?.atRest?.enabled) await expect(row).toContainText('at rest: yes');
			for (const id of [data.exportRunbook, data.erasureRunbook].filter((r): r is string => r !== undefined)) {
				await expect(row.getByRole('link', { name: model.runbooks.get(id)!.title })).toHaveAttribute('href', new RegExp(`/runbooks/${id}/$`));
			}
		}
	}
	await expect(page.locator('.ob-gap')).toHaveCount(0);
});

test('the access page is the matrix of every role, with who grants it, MFA, how to request it and the recertification', async ({ page }) => {
	await page.goto('access/');
	const matrix = page.locator('#matrix ~ .ob-scroll table');
	for (const system of withAccess) {
		const group = matrix.locator(`#access-${system.id}`);
		await expect(group.locator('tr')).toHaveCount(system.access!.roles.length);
		await expect(group.locator('th[scope="rowgroup"] a').first()).toHaveText(system.name);
		await expect(group.locator('th[scope="rowgroup"]')).toContainText(`recertified every ${system.access!.recertifyEvery}; last ${system.access!.lastRecertified}`);
		for (const [i, role] of system.access!.roles.entries()) {
			const row = group.locator('tr').nth(i);
			await expect(row).toContainText(role.name);
			await expect(row.getByRole('link', { name: model.teams.get(role.grantedBy)!.name, exact: true })).toBeVisible();
			await expect(row.locator('td').nth(2)).toHaveText(role.mfa ? 'yes' : 'no');
			if (role.request) await expect(row.getByRole('link', { name: model.runbooks.get(role.request)!.title })).toHaveAttribute('href', new RegExp(`/runbooks/${role.request}/$`));
		}
		if (system.access!.breakGlass) {
			await expect(page.locator('#break-glass ~ ul li', { hasText: system.name }).getByRole('link', { name: model.runbooks.get(system.access!.breakGlass)!.title })).toBeVisible();
		}
	}
	const checklist = withAccess.find((s) => s.access!.onboarding.length)!;
	await expect(page.locator(`#checklist-${checklist.id} + p + ol > li`)).toHaveCount(checklist.access!.onboarding.length);
});

test('the onboarding guide leads to the access page', async ({ page }) => {
	await page.goto('guides/onboarding/');
	await page.locator('.sl-markdown-content').getByRole('link', { name: 'access page' }).first().click();
	await expect(page).toHaveURL(/\/access\/$/);
	await expect(page.locator('h1')).toHaveText('Access');
});

test('the continuity page has a business impact row per system with MTD, cost, longest RTO and workaround', async ({ page }) => {
	await page.goto('continuity/');
	const region = page.getByRole('region', { name: /Business impact/ });
	await expect(region).toHaveAttribute('tabindex', '0');
	await expect(region.locator('tbody')).toHaveCount(withImpact.length);
	for (const system of withImpact) {
		const group = page.locator(`#impact-${system.id}`);
		const impact = system.impact!;
		const first = group.locator('tr').first();
		await expect(group.locator('th[scope="rowgroup"]')).toHaveText(system.name);
		await expect(first.locator('td.ob-mtd')).toHaveText(impact.maxTolerableDowntime);
		if (impact.costPerHour !== undefined) await expect(first.locator('td.ob-cost')).toHaveText(describeCost(impact.costPerHour)!);
		const rtos = services.filter((s) => s.system === system.id && s.recovery).map((s) => s.recovery!.rto);
		const longest = rtos.sort((a, b) => seconds(b) - seconds(a))[0]!;
		await expect(first.locator('td.ob-longest')).toContainText(longest);
		for (const dependent of impact.dependents) await expect(first.locator('td').first()).toContainText(dependent.team ? model.teams.get(dependent.team)!.name : dependent.who);
		await expect(group.locator('td.ob-outage .ob-md')).toBeVisible();
		if (impact.workaround) await expect(group.locator('td.ob-workaround .ob-md')).toBeVisible();
	}
	// The example keeps every RTO inside the MTD that applies to it (a service's own or its system's): nothing is flagged.
	for (const service of services) {
		const mtd = impactOf(model, service)?.maxTolerableDowntime;
		if (mtd && service.recovery) expect(seconds(service.recovery.rto), service.id).toBeLessThanOrEqual(seconds(mtd));
	}
	await expect(page.locator('table.ob-impact .ob-gap')).toHaveCount(0);
});

for (const width of [1280, 375] as const) {
	test.describe(`${width} px`, () => {
		test.use({ viewport: { width, height: 800 } });
		for (const [name, path] of pages) {
			test(`${name}: everything fits its column; wide tables scroll in a named, focusable region`, async ({ page }) => {
				await page.goto(path);
				expect(await layoutProblems(page)).toEqual([]);
				for (const wrapper of await page.locator('.sl-markdown-content .ob-scroll.ob-wide').all()) {
					await expect(wrapper).toHaveAttribute('tabindex', '0');
					await expect(wrapper).toHaveAttribute('role', 'region');
					await expect(wrapper).toHaveAttribute('aria-label', /\S/);
					// On a wide screen the table fits its column: the region scrolls only on a phone.
					if (width === 1280) expect(await wrapper.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), await wrapper.getAttribute('aria-label') ?? '').toBe(true);
				}
			});
		}
	});
}
