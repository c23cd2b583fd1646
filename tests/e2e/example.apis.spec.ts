/**
 * The example handbook's API reference in a real browser: an operation page and a webhook page
 * of the example APIs open cleanly and link back to their service, the sidebar shows an API's
 * navigation on its own pages only, and searching an operation's path finds its page.
 */
import { expect, test } from '@playwright/test';
import { watchConsole } from './console.ts';
import { apisOf } from '../../src/apis/specs.ts';
import { seriousAxe } from './axe.ts';
import { modelOf } from './model.ts';
import { search } from './search.ts';
import { SITES } from './sites.ts';

const model = modelOf(SITES.example.content);
const apis = apisOf(model, SITES.example.content);
const registry = apis.find((entry) => entry.api.id === 'gsv-agent-registry')!;
const nomark = apis.find((entry) => entry.api.id === 'nomark-devops')!;


test('the example services expose their APIs', () => {
	expect(registry, 'gsv-agent-registry lists its API').toBeTruthy();
	expect(nomark, 'nomark-n8n lists its API').toBeTruthy();
	expect(nomark.service.id).toBe('nomark-n8n');
});

test('an AsyncAPI definition has its page: channels, operations, message payloads; listed on the APIs index and its service', async ({ page }) => {
	await page.goto('apis/gsv-usage-events/');
	await expect(page.locator('h1').first()).toHaveText('GSV usage events');
	await expect(page.locator('#channel-usageRecorded')).toContainText('gsv:usage');
	await expect(page.locator('.sl-markdown-content')).toContainText('receive reconcileUsage');
	await expect(page.locator('.sl-markdown-content')).toContainText('"invocationId"');
	await page.goto('apis/');
	await expect(page.locator('#other-definitions ~ table').first()).toContainText('AsyncAPI');
	await page.goto('services/gsv-agent-registry/');
	await expect(page.locator('#apis ~ ul').first().getByRole('link', { name: 'GSV usage events' })).toHaveAttribute('href', /\/apis\/gsv-usage-events\/$/);
});

test('an operation page shows the operation and links back to the service that exposes it', async ({ page }) => {
	const problems = watchConsole(page);
	const response = await page.goto(`apis/${registry.api.id}/operations/invokeagent/`);
	expect(response?.status()).toBe(200);
	await expect(page.locator('h1')).toHaveText('Invoke an agent');
	await expect(page.locator('.sl-openapi-operation-method').first()).toContainText('/v1/agents/{agentId}/invoke');
	await expect(page.locator('#request-body')).toBeVisible();
	await expect(page.locator('#responses')).toBeVisible();
	await expect(page.locator('main')).toContainText('quota_exceeded');
	const owner = page.locator('.ob-api-owner');
	await expect(owner).toContainText('Operation POST /v1/agents/{agentId}/invoke of');
	await owner.getByRole('link', { name: registry.service.name, exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/services/${registry.service.id}/$`));
	// …and the service page links to the API overview.
	await page.locator('#apis ~ ul').first().getByRole('link', { name: registry.api.name }).click();
	await expect(page).toHaveURL(new RegExp(`/apis/${registry.api.id}/$`));
	await expect(page.locator('h1')).toHaveText(registry.api.name);
	await expect(page.locator('.ob-api-facts')).toContainText('RateLimit-Remaining');
	await expect(page.locator('.ob-api-facts')).toContainText('application/problem+json');
	expect(problems).toEqual([]);
});

test('a webhook page documents the payload and the HMAC signature', async ({ page }) => {
	const problems = watchConsole(page);
	const response = await page.goto(`apis/${registry.api.id}/webhooks/onagentpublished/`);
	expect(response?.status()).toBe(200);
	await expect(page.locator('h1')).toHaveText('An agent version was published');
	await expect(page.locator('.ob-api-owner')).toContainText('Webhook agent.published of');
	await expect(page.locator('main')).toContainText('GSV-Signature');
	await expect(page.locator('main')).toContainText('webhookSignature');
	await expect(page.locator('#request-body')).toBeVisible();
	await page.waitForLoadState('networkidle');
	expect(await seriousAxe(page)).toEqual([]);
	expect(problems).toEqual([]);
});

test('an operation with a callback and a schema from a second spec file', async ({ page }) => {
	await page.goto(`apis/${nomark.api.id}/operations/intaketask/`);
	await expect(page.locator('#callbacks')).toBeVisible();
	await expect(page.locator('main')).toContainText('taskFinished');
	// TaskRequest lives in apis/nomark/task.yaml; Redocly bundled it in.
	await expect(page.locator('main')).toContainText('requestedBy');
	await page.goto(`apis/${nomark.api.id}/schemas/`);
	await expect(page.locator('#schema-TaskRequest')).toBeVisible();
});

test("an API's navigation is in the sidebar on its own pages only", async ({ page }) => {
	await page.goto(`apis/${registry.api.id}/operations/listagents/`);
	const sidebar = page.locator('#starlight__sidebar');
	await expect(sidebar.getByRole('link', { name: 'Schemas' })).toBeVisible();
	await expect(sidebar).toContainText(registry.api.name);
	await expect(sidebar).not.toContainText(nomark.api.name);
	await page.goto('services/');
	await expect(page.locator('#starlight__sidebar')).not.toContainText(registry.api.name);
	await expect(page.locator('#starlight__sidebar').getByRole('link', { name: 'APIs' })).toBeVisible();
});

test("searching an operation's path finds its page, labelled as an API operation", async ({ page }) => {
	/** Result pages in order, each once (a page's sub-results repeat its URL). */
	const pages = async (query: string) => [...new Set((await search(page, query)).map((url) => url.replace(/#.*$/, '')))];
	await page.goto('');
	const invoke = await pages('/v1/agents/{agentId}/invoke');
	expect(invoke.slice(0, 3).some((url) => url.endsWith(`/apis/${registry.api.id}/operations/invokeagent/`)), invoke.join('\n')).toBe(true);
	const intake = await pages('/webhook/task-intake');
	expect(intake.slice(0, 3).some((url) => url.endsWith(`/apis/${nomark.api.id}/operations/intaketask/`)), intake.join('\n')).toBe(true);
	await expect(page.locator('#starlight__search .pagefind-ui__result-title').filter({ hasText: 'API operation ·' }).first()).toBeVisible();
});

for (const [name, path] of [
	['APIs index', 'apis/'],
	['API overview', `apis/${registry.api.id}/`],
	['API operation', `apis/${registry.api.id}/operations/invokeagent/`],
	['API schemas', `apis/${registry.api.id}/schemas/`],
	['API tag overview', `apis/${nomark.api.id}/operations/tags/mcp/`],
	['AsyncAPI', 'apis/gsv-usage-events/'],
]) {
	test(`${name} page passes axe, light and dark`, async ({ page }) => {
		const problems = watchConsole(page);
		expect((await page.goto(path!))?.status()).toBe(200);
		await page.waitForLoadState('networkidle');
		expect(await seriousAxe(page), `axe on ${path}`).toEqual([]);
		await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		expect(await seriousAxe(page), `axe on ${path} (dark)`).toEqual([]);
		expect(problems).toEqual([]);
	});
}
