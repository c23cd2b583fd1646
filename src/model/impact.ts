/**
 * Business impact analysis (BIA): who depends on a system, what an outage costs them, how long
 * the business can bear it (the maximum tolerable downtime, MTD) and what people do meanwhile.
 * Written on a system; a service may override any part of it for itself.
 */
import { z } from 'zod';
import { duration, markdown, ref, text } from './common.ts';

export const dependent = z
	.strictObject({
		who: text('Who depends on it, as the business names them, e.g. "Business-plan customers" or "All product development teams".'),
		type: z
			.enum(['customers', 'internal', 'partners'])
			.describe('customers: people or companies who pay for or use the product; internal: teams of our own; partners: providers, resellers, integrators.'),
		team: ref('team').optional().describe('Id of the team, when the dependents are a team of the model.'),
		impact: z.string().optional().describe('What they cannot do during an outage, in one sentence.'),
	})
	.describe('Someone who depends on the system: a team, customers, partners.');

export const costPerHour = z
	.union(
		[
			z
				.strictObject({
					amount: z.number({ error: 'expected the cost as a number, e.g. 2500' }).min(0).describe('What an hour of outage costs, e.g. 2500.'),
					currency: z
						.string()
						.regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code such as "EUR", "USD" or "AUD"' })
						.describe('ISO 4217 currency code, e.g. "EUR".'),
				})
				.describe('An amount and its currency.'),
			text('An estimate or range as written, e.g. "AUD 200–500 (team productivity)".'),
		],
		{ error: 'expected { amount, currency } such as { amount: 2500, currency: EUR }, or the estimate as text, e.g. "AUD 200–500"' },
	)
	.describe('What an hour of outage costs: { amount: 2500, currency: EUR }, or an estimate or range as text, e.g. "AUD 200–500".');

const dependents = z.array(dependent).describe('Who depends on it: teams, customers, partners.');
const outage = markdown.describe('What an outage does to the business: who cannot do what, what is lost, which commitments break.');
const maxTolerableDowntime = duration.describe(
	'Maximum tolerable downtime (MTD): the longest outage the business can bear before the damage is unacceptable. Every RTO of the system\'s services should be at most this (the analysis reports one that is not).',
);
const workaround = markdown.describe('What people do meanwhile: the manual process, the fallback, who tells customers what.');

export const businessImpact = z
	.strictObject({
		dependents: dependents.default([]),
		outage,
		costPerHour: costPerHour.optional(),
		maxTolerableDowntime,
		workaround: workaround.optional(),
	})
	.describe('The business impact analysis of the system: who depends on it, what an outage costs, how long the business can bear one.');

/** On a service: any part of its system's analysis, for this service only (the rest is its system's). */
export const serviceImpact = z
	.strictObject({
		dependents: dependents.optional(),
		outage: outage.optional(),
		costPerHour: costPerHour.optional(),
		maxTolerableDowntime: maxTolerableDowntime.optional(),
		workaround: workaround.optional(),
	})
	.describe('Where this service differs from its system\'s business impact analysis (systems/<id>.yaml `impact`): each field given here replaces the system\'s for this service.');

export type BusinessImpact = z.infer<typeof businessImpact>;
export type ServiceImpact = z.infer<typeof serviceImpact>;
export type CostPerHour = z.infer<typeof costPerHour>;
export type Dependent = z.infer<typeof dependent>;

/** How a cost reads: "EUR 2,500" or the text as written. */
export function describeCost(cost: CostPerHour | undefined): string | undefined {
	if (cost === undefined) return undefined;
	if (typeof cost === 'string') return cost;
	return `${cost.currency} ${cost.amount.toLocaleString('en-GB')}`;
}
