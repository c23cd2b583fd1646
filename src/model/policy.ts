import { z } from 'zod';
import { date, duration, id, linkType, percent, ref, text } from './common.ts';
import { runbookKind } from './runbook.ts';
import { builtinClassifications, builtinLifecycles, sloIndicator } from './service.ts';

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
		'trees-reviewed',
		'links',
		'objectives',
		'sunset',
		'incident-reviews',
		'review-actions',
		'data-handling',
		'access-review',
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

/** The window a runbook of this kind is judged by, for a service of this tier. */
export function runbookWindow(policy: Pick<Policy, 'freshness'>, kind: string, tier: number): string {
	const byKind = policy.freshness.runbookTestByKind?.[kind as keyof NonNullable<Policy['freshness']['runbookTestByKind']>];
	return windowFor(byKind ?? policy.freshness.runbookTest, tier);
}

const thresholds = z
	.strictObject({
		minAvailability: percent.optional().describe('The lowest availability objective (percent) an availability SLO may have, e.g. 99.9.'),
		maxRto: duration.optional().describe('The longest RTO a service may have, e.g. "1h".'),
		maxRpo: duration.optional().describe('The longest RPO a service may have, e.g. "15m".'),
		minEscalationLevels: z.int().min(1).optional().describe('Escalation levels the owning team needs (the `escalation` requirement); 2 when not set.'),
		minReplicas: z.int().min(1).optional().describe('Production replicas the `replicas` requirement asks for; the top-level minReplicas when not set.'),
		links: z.array(linkType).optional().describe('Link types every service needs (the `links` requirement), e.g. [dashboard, logs]; [dashboard] when not set.'),
		alertRunbooks: z
			.enum(['any', 'in-model'])
			.optional()
			.describe('What the `alert-runbooks` requirement accepts: any runbook, an external `runbookUrl` included (any, the default), or only a runbook in the model (in-model).'),
		objectives: z
			.array(sloIndicator)
			.optional()
			.describe('SLO indicators every service needs (the `objectives` requirement), e.g. [availability, latency, error-rate]; [availability] when not set.'),
		reviewWithin: duration
			.optional()
			.describe('How soon after an incident is resolved its post-incident review must be published (the `incident-reviews` requirement), e.g. "5d"; the incident-management policy\'s postIncidentReview.within when not set, else 5d.'),
	})
	.describe('Thresholds the requirements are judged against.');

export type Thresholds = z.infer<typeof thresholds>;

/** Built-in thresholds: today's behaviour when a policy sets none. */
const thresholdDefaults: Thresholds = { minEscalationLevels: 2, links: ['dashboard'], objectives: ['availability'] };

/** The threshold that applies to a tier: the tier's own, else `default`, else the built-in one. */
export function thresholdFor<K extends keyof Thresholds>(policy: Pick<Policy, 'thresholds' | 'minReplicas'>, tier: number, key: K): Thresholds[K] {
	const own = policy.thresholds?.[String(tier) as '1' | '2' | '3' | '4']?.[key];
	if (own !== undefined) return own;
	const fallback = policy.thresholds?.default?.[key];
	if (fallback !== undefined) return fallback;
	if (key === 'minReplicas') return policy.minReplicas as Thresholds[K];
	return thresholdDefaults[key];
}

/** What data of one classification must have (the `data-handling` requirement). */
const dataRule = z
	.strictObject({
		erasureRunbook: z.boolean().optional().describe('Each data set names an erasureRunbook: how to erase a person\'s data on request.'),
		exportRunbook: z.boolean().optional().describe('Each data set names an exportRunbook: how to export a person\'s data, or the whole set.'),
		encryption: z.boolean().optional().describe('Each data set is encrypted at rest and in transit (encryption.atRest.enabled and encryption.inTransit.enabled).'),
		retention: z.boolean().optional().describe('Each data set says how long it is kept (retention).'),
		residency: z.boolean().optional().describe('Each data set says where it is stored (residency).'),
	})
	.describe('What each data set of this classification must have; a rule left out or false is not asked.');

export type DataRule = z.infer<typeof dataRule>;

/** A term a model declares beyond the built-in ones (a lifecycle stage, a data classification). */
// Generic in its extra fields, so a declared classification's `like` keeps its type.
const declaredTerm = <Extra extends z.ZodRawShape = Record<never, never>>(what: string, extra: Extra = {} as Extra) =>
	z
		.strictObject({
			id: id.describe(`The ${what}'s id, as services write it.`),
			description: text(`What the ${what} means here.`),
			...extra,
		})
		.describe(`A ${what} this model uses beyond the built-in ones.`);

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
				runbookTestByKind: z
					.partialRecord(runbookKind, freshnessWindow('The test window for runbooks of this kind.'))
					.optional()
					.describe('Test windows for runbooks of particular kinds, instead of runbookTest: { disaster-recovery: 180d } while other runbooks keep 365d.'),
				controlReview: duration
					.optional()
					.describe('A compliance control whose lastReviewed is older than this is a control gap; not judged when left out.'),
			})
			.describe('Freshness windows.'),
		asOf: date
			.optional()
			.describe(
				'Judge freshness and waiver expiry as of this date instead of the day of the check — for an example or archived handbook whose dates are a snapshot. A live handbook leaves it out; every check and build says when it is set. `--today` / OPSBOOK_TODAY override it.',
			),
		thresholds: z
			.strictObject({
				'1': thresholds.optional().describe('For tier-1 services.'),
				'2': thresholds.optional().describe('For tier-2 services.'),
				'3': thresholds.optional().describe('For tier-3 services.'),
				'4': thresholds.optional().describe('For tier-4 services.'),
				default: thresholds.optional().describe('For the tiers not listed, and the settings a tier leaves out.'),
			})
			.optional()
			.describe(
				'What the requirements are judged against, per tier: minimum availability objective, longest RTO and RPO, escalation levels, replicas, required link types and SLO indicators.',
			),
		lifecycles: z
			.strictObject({
				exempt: z.array(id).default([]).describe('Lifecycle stages the coverage gate does not judge, e.g. [experimental, retired].'),
				needSunset: z
					.array(id)
					.default([])
					.describe('Lifecycle stages whose services must name a sunset date and a replacement (the `sunset` requirement, judged whatever the tier), e.g. [deprecated].'),
			})
			.default({ exempt: [], needSunset: [] })
			.describe('Rules by lifecycle stage.'),
		vocabulary: z
			.strictObject({
				lifecycles: z.array(declaredTerm('lifecycle stage')).default([]).describe(`Lifecycle stages beyond the built-in ${builtinLifecycles.join(', ')}.`),
				classifications: z
					.array(
						declaredTerm('data classification', {
							like: z
								.enum(builtinClassifications)
								.describe('The built-in classification it is as sensitive as: rules for that one apply to it.'),
						}),
					)
					.default([])
					.describe(`Data classifications beyond the built-in ${builtinClassifications.join(', ')}, e.g. restricted-pii.`),
			})
			.default({ lifecycles: [], classifications: [] })
			.describe('Terms this model declares for its services: lifecycle stages and data classifications.'),
		dataRules: z
			.partialRecord(z.enum(builtinClassifications), dataRule)
			.optional()
			.describe(
				'What data of each built-in classification must have, judged by the `data-handling` requirement: { restricted: { erasureRunbook: true, encryption: true } }. A declared classification follows the rules of its `like`.',
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
