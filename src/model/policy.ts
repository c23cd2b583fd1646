import { z } from 'zod';
import { date, duration, ref, text } from './common.ts';

/** Every requirement the coverage gate knows; each is explained in src/coverage/requirements.ts. */
export const requirementId = z
	.enum([
		'owner',
		'on-call',
		'escalation',
		'availability-slo',
		'latency-slo',
		'rto',
		'rpo',
		'backup',
		'restore-test',
		'incident-runbook',
		'dr-runbook',
		'troubleshooting-tree',
		'alert-runbooks',
		'alerts',
		'api-spec',
		'replicas',
		'review',
		'runbooks-tested',
	])
	.describe('A coverage requirement.');

/**
 * A freshness window: one duration for every tier, or one per tier with a default for the
 * others, as real policies write them (review tier 1 every 180 days, everything else yearly).
 */
const freshnessWindow = (what: string) =>
	z
		.union([
			duration,
			z.strictObject({
				'1': duration.optional().describe('For tier-1 services.'),
				'2': duration.optional().describe('For tier-2 services.'),
				'3': duration.optional().describe('For tier-3 services.'),
				'4': duration.optional().describe('For tier-4 services.'),
				default: duration.describe('For the tiers not listed.'),
			}),
		])
		.describe(`${what} One duration for every tier, or one per tier with a default: { "1": "180d", default: "365d" }.`);

export type FreshnessWindow = z.infer<ReturnType<typeof freshnessWindow>>;

/** The window that applies to a service of this tier. */
export function windowFor(window: FreshnessWindow, tier: number): string {
	if (typeof window === 'string') return window;
	return window[String(tier) as '1' | '2' | '3' | '4'] ?? window.default;
}

/** How a window reads on a page: "90d", or "tier 1: 90d; others: 180d". */
export function describeWindow(window: FreshnessWindow): string {
	if (typeof window === 'string') return window;
	const tiers = (['1', '2', '3', '4'] as const).filter((tier) => window[tier]).map((tier) => `tier ${tier}: ${window[tier]}`);
	return [...tiers, `${tiers.length ? 'others' : 'every tier'}: ${window.default}`].join('; ');
}

export const policySchema = z
	.strictObject({
		tiers: z
			.strictObject({
				'1': z.array(requirementId).describe('Requirements for tier-1 services.'),
				'2': z.array(requirementId).describe('Requirements for tier-2 services.'),
				'3': z.array(requirementId).describe('Requirements for tier-3 services.'),
				'4': z.array(requirementId).describe('Requirements for tier-4 services.'),
			})
			.describe('What each tier must have.'),
		freshness: z
			.strictObject({
				review: freshnessWindow('A service review older than this is stale.'),
				restoreTest: freshnessWindow('A restore test older than this is stale.'),
				runbookTest: freshnessWindow('A runbook not tested for this long is stale (judged by the tier of the service it is for).'),
				treeReview: freshnessWindow('A troubleshooting tree not reviewed for this long is stale (judged by the tier of the service it is for).'),
			})
			.describe('Freshness windows.'),
		asOf: date
			.optional()
			.describe(
				'Judge freshness and waiver expiry as of this date instead of the day of the check — for an example or archived handbook whose dates are a snapshot. A live handbook leaves it out; every check and build says when it is set. `--today` / OPSBOOK_TODAY override it.',
			),
		minReplicas: z.int().min(1).default(2).describe('Production replicas the `replicas` requirement asks for (unless failover is automatic).'),
		waivers: z
			.array(
				z.strictObject({
					service: ref('service'),
					requirement: requirementId,
					reason: text('Why the gap is accepted for now.'),
					approver: text('Who accepted it.'),
					expires: date.describe('After this date the waiver no longer counts.'),
				}),
			)
			.default([])
			.describe('Accepted gaps, each with a reason, an approver and an expiry.'),
	})
	.describe('The coverage policy (one file: policy.yaml).');

export type Policy = z.infer<typeof policySchema>;
export type RequirementId = z.infer<typeof requirementId>;
