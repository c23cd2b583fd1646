/**
 * Post-incident reviews and compliance pages of the example handbook: they open without console
 * errors and pass axe; the service page lists its reviews; search finds a review by a symptom
 * only the review records.
 */
import { expect, test, type Page } from '@playwright/test';
import { eachPageOpensCleanly } from './open-cleanly.ts';
import { modelOf } from './model.ts';
import { search } from './search.ts';
import { SITES } from './sites.ts';

const model = modelOf(SITES.example.content);
const reviews = [...model.reviews.values()];
const review = reviews.find((r) => r.timeline.length && r.actions.length) ?? reviews[0]!;
const framework = [...model.controls.values()].map((c) => c.framework).sort()[0]!;


const pages: [string, string][] = [
	['post-incident review', `reviews/${review.id}/`],
	['reviews index', 'reviews/'],
	['compliance index', 'compliance/'],
	['compliance framework', `compliance/${framework}/`],
];

eachPageOpensCleanly(pages);

test('a review shows its times, timeline and actions; the index has mean times per service and quarter', async ({ page }) => {
	await page.goto(`reviews/${review.id}/`);
	await expect(page.locator('h1').first()).toHaveText(review.title);
	await expect(page.locator('#times ~ dl.ob-facts').first()).toContainText('Time to recover');
	await expect(page.locator('#timeline ~ table').first()).toContainText(review.timeline.at(-1)!.what.replace(/`/g, ''));
	await expect(page.locator('#actions ~ table').first()).toContainText(review.actions[0]!.title);
	await page.goto('reviews/');
	await expect(page.locator('#by-service ~ table').first()).toContainText('MTTR');
	await expect(page.locator('#by-quarter ~ table').first()).toContainText(/\d{4} Q[1-4]/);
	await expect(page.locator('#reviews ~ table').first().getByRole('link', { name: review.title })).toHaveAttribute('href', new RegExp(`/reviews/${review.id}/$`));
});

test('a service page lists its reviews; a framework page lists its controls with their evidence state', async ({ page }) => {
	const service = review.services[0]!;
	await page.goto(`services/${service}/`);
	await expect(page.locator('#reviews + ul')).toContainText(review.title);
	const controls = [...model.controls.values()].filter((c) => c.framework === framework);
	await page.goto(`compliance/${framework}/`);
	for (const control of controls) await expect(page.locator(`#control-${control.id}`)).toContainText(control.control);
	await expect(page.locator('#controls ~ table').first()).toContainText(/in order|not met|not judged/);
});

test('search finds a review by a symptom only the review records', async ({ page }) => {
	const runbookSymptoms = new Set([...model.runbooks.values()].flatMap((r) => r.triggers.symptoms));
	const [target, symptom] = reviews.flatMap((r) => r.symptoms.filter((s) => !runbookSymptoms.has(s)).map((s) => [r, s] as const))[0]!;
	await page.goto('');
	const results = await search(page, symptom);
	expect(results.slice(0, 3).some((url) => url.endsWith(`/reviews/${target.id}/`)), `${symptom} → ${results.join(', ')}`).toBe(true);
});
