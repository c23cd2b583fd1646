/**
 * Every coverage requirement: what it asks, how it is judged, and how to fix a gap.
 * Judging is pure: a function of the model, the policy and today's date.
 */
import { closest } from '../lib/closest.ts';
import { seconds } from '../lib/duration.ts';
import { isOverdue, resolutionDay, severitiesNeedingReview } from '../analysis/reviews.ts';
import { productionReplicas, reviewsOf, runbookForAlert, runbooksOf, treesOf, type Model, type Policy, type Service, type Sourced } from '../model/index.ts';
import { classificationOf, dataRulesFor, isDataStore, mostCriticalService } from '../model/governance.ts';
import { runbookWindow, thresholdFor, windowFor, type RequirementId } from '../model/policy.ts';

type Path = readonly (string | number)[];

/**
 * One specific thing a gap is about (an alert, a runbook, a date), where it is written and
 * how to fix that one: a requirement may fail on several at once.
 */
export interface GapItem {
	/** The file to change, relative to the model folder; the service's file when absent. */
	file?: string;
	field: Path;
	detail: string;
	fix: string;
}

export type Judgement =
	| { status: 'met'; detail?: string }
	| {
			status: 'missing' | 'stale';
			detail: string;
			/** What the tier asks when a threshold applies ("an availability SLO of at least 99.9 %"). */
			needs?: string;
			/** Where, when not the requirement's own field; and the fix that fits this case. */
			field?: Path;
			fix?: string;
			/** The things that fail, each its own gap; the judgement's detail sums them up. */
			items?: GapItem[];
	  };

export interface Context {
	model: Model;
	policy: Policy;
	/** YYYY-MM-DD */
	today: string;
}

export interface Requirement {
	id: RequirementId;
	title: string;
	/** What the requirement asks, for the policy page and the model reference. */
	description: string;
	/** The phrase after "tier N requires …". */
	needs: string;
	/**
	 * Where in the service's file a gap is shown: the field to add or change, or for what lives
	 * in other files (runbooks, trees) the service's id. A field the file lacks is shown at the
	 * nearest key it has.
	 */
	field: Path;
	/** How to close the gap, for service `id`, when the judgement gives no fix of its own. */
	fix: (service: Service) => string;
	judge: (service: Sourced<Service>, context: Context) => Judgement;
}

const met = (detail?: string): Judgement => ({ status: 'met', detail });
const missing = (detail: string, more: Omit<Extract<Judgement, { status: 'missing' | 'stale' }>, 'status' | 'detail'> = {}): Judgement => ({ status: 'missing', detail, ...more });

/** Days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
	return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** Judges a date against a freshness window such as "90d"; `whose` says which window ("the tier-1 window"). */
export function freshness(date: string | undefined, window: string, today: string, what: string, whose = 'the window'): Judgement {
	if (!date) return missing(`no ${what} date recorded`);
	const age = daysBetween(date, today);
	const limit = seconds(window) / 86400;
	if (age > limit) return { status: 'stale', detail: `the ${what} ${date} is ${age} days old; ${whose} is ${window}` };
	return met(`${what} ${date} (${age} days ago)`);
}

/** "the tier-1 window" when the policy's window differs by tier, else "the window". */
function whose(window: unknown, tier: number, of = ''): string {
	return typeof window === 'string' ? `the ${of}window` : `the tier-${tier} ${of}window`;
}

const list = (items: readonly string[], and = 'and') => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`);
const didYouMean = (wanted: string, known: Iterable<string>) => {
	const guess = closest(wanted, known);
	return guess ? ` (did you mean "${guess}"?)` : '';
};

export const requirements: Requirement[] = [
	{
		id: 'owner',
		field: ['owner'],
		title: 'Owner',
		description: 'The service names an owning team that exists in the model.',
		needs: 'an owning team',
		fix: () => 'set "owner:" to the id of a team in teams/',
		judge: (s, { model }) =>
			model.teams.has(s.owner)
				? met(s.owner)
				: missing(`team "${s.owner}" is not in the model`, { fix: `set "owner:" to the id of a team in teams/${didYouMean(s.owner, model.teams.keys())}` }),
	},
	{
		id: 'on-call',
		field: ['owner'],
		title: 'On-call',
		description: 'The owning team has an on-call rotation with a pager link.',
		needs: 'an owner with an on-call rotation',
		fix: (s) => `add "onCall:" (rotation, schedule, pager) to teams/${s.owner}.yaml`,
		judge: (s, { model }) => {
			const team = model.teams.get(s.owner);
			if (team?.onCall) return met(team.onCall.rotation);
			if (!team) return missing(`team "${s.owner}" is not in the model`);
			return missing(`team "${s.owner}" has no on-call rotation`, {
				items: [{ file: team.file, field: ['onCall'], detail: `team "${team.id}" has no on-call rotation`, fix: 'add "onCall:" with rotation, schedule and pager' }],
			});
		},
	},
	{
		id: 'escalation',
		field: ['owner'],
		title: 'Escalation',
		description: 'The owning team has enough escalation levels (thresholds.minEscalationLevels, 2 unless the policy says otherwise), each with its delay.',
		needs: 'an escalation policy with at least two levels',
		fix: (s) => `add "escalation:" levels (who, after) to teams/${s.owner}.yaml`,
		judge: (s, { model, policy }) => {
			const wanted = thresholdFor(policy, s.tier, 'minEscalationLevels') ?? 2;
			const team = model.teams.get(s.owner);
			const levels = team?.escalation.length ?? 0;
			if (levels >= wanted) return met(`${levels} levels`);
			const detail = team ? `team "${team.id}" has ${levels} escalation level${levels === 1 ? '' : 's'}` : `team "${s.owner}" is not in the model`;
			const needs = `an escalation policy with at least ${wanted} levels`;
			if (!team) return missing(detail, { needs });
			return missing(detail, { needs, items: [{ file: team.file, field: ['escalation'], detail, fix: `add ${wanted - levels} more level${wanted - levels === 1 ? '' : 's'} (level, who, after) to "escalation:"` }] });
		},
	},
	{
		id: 'availability-slo',
		field: ['slos'],
		title: 'Availability SLO',
		description: 'At least one SLO with indicator: availability, at or above the tier\'s thresholds.minAvailability when the policy sets one.',
		needs: 'an availability SLO',
		fix: () => 'add an entry with "indicator: availability", "target" and "window" to "slos:"',
		judge: (s, { policy }) => {
			const floor = thresholdFor(policy, s.tier, 'minAvailability');
			const needs = floor === undefined ? undefined : `an availability SLO of at least ${floor} %`;
			const index = s.slos.findIndex((o) => o.indicator === 'availability');
			const slo = s.slos[index];
			if (!slo) return missing('it has no availability SLO', { needs });
			if (floor !== undefined && slo.target < floor) {
				return missing(`its availability objective is ${slo.target} %`, {
					needs,
					field: ['slos', index, 'target'],
					fix: `raise the objective to ${floor} % or more (and the service with it), or change the tier`,
				});
			}
			return met(`${slo.target} % / ${slo.window}`);
		},
	},
	{
		id: 'latency-slo',
		field: ['slos'],
		title: 'Latency SLO',
		description: 'At least one SLO with indicator: latency (a percentile under a threshold).',
		needs: 'a latency SLO',
		fix: () => 'add an entry with "indicator: latency", "percentile", "threshold", "target" and "window" to "slos:"',
		judge: (s) => {
			const slo = s.slos.find((o) => o.indicator === 'latency');
			return slo ? met(`p${slo.percentile} ≤ ${slo.threshold}`) : missing('it has no latency SLO');
		},
	},
	{
		id: 'objectives',
		field: ['slos'],
		title: 'Objectives',
		description: 'An SLO for each indicator the tier\'s thresholds.objectives lists (availability unless the policy says otherwise), e.g. availability, latency and error-rate.',
		needs: 'SLOs for the indicators its tier lists',
		fix: () => 'add the missing indicators to "slos:"',
		judge: (s, { policy }) => {
			const wanted = thresholdFor(policy, s.tier, 'objectives') ?? ['availability'];
			const absent = wanted.filter((indicator) => !s.slos.some((o) => o.indicator === indicator));
			if (!absent.length) return met(wanted.join(', '));
			return missing(`it has no ${list(absent, 'or')} SLO`, {
				needs: `an SLO for ${list(wanted)}`,
				fix: `add ${absent.length === 1 ? 'an entry' : 'entries'} with ${absent.map((i) => `"indicator: ${i}"`).join(', ')} to "slos:"`,
			});
		},
	},
	{
		id: 'rto',
		field: ['recovery', 'rto'],
		title: 'RTO',
		description: 'A recovery time objective, no longer than the tier\'s thresholds.maxRto when the policy sets one.',
		needs: 'an RTO',
		fix: () => 'add "recovery: { rto: 4h, … }"',
		judge: (s, { policy }) => {
			const ceiling = thresholdFor(policy, s.tier, 'maxRto');
			const needs = ceiling === undefined ? undefined : `an RTO of ${ceiling} or less`;
			if (!s.recovery) return missing('it has no recovery section', { needs });
			if (ceiling !== undefined && seconds(s.recovery.rto) > seconds(ceiling)) {
				return missing(`its RTO is ${s.recovery.rto}`, { needs, fix: `plan a recovery that takes ${ceiling} or less and set "rto: ${ceiling}", or change the tier` });
			}
			return met(s.recovery.rto);
		},
	},
	{
		id: 'rpo',
		field: ['recovery', 'rpo'],
		title: 'RPO',
		description: 'A recovery point objective (unless the service is stateless), no longer than the tier\'s thresholds.maxRpo when the policy sets one.',
		needs: 'an RPO',
		fix: () => 'add "rpo:" to "recovery:", or "stateless: true" when it holds no data',
		judge: (s, { policy }) => {
			const ceiling = thresholdFor(policy, s.tier, 'maxRpo');
			const needs = ceiling === undefined ? undefined : `an RPO of ${ceiling} or less`;
			if (!s.recovery) return missing('it has no recovery section', { needs });
			if (s.recovery.rpo === undefined) return s.recovery.stateless ? met('stateless') : missing('it has no RPO', { needs });
			if (ceiling !== undefined && !s.recovery.stateless && seconds(s.recovery.rpo) > seconds(ceiling)) {
				return missing(`its RPO is ${s.recovery.rpo}`, { needs, fix: `back up or replicate often enough to lose ${ceiling} or less and set "rpo: ${ceiling}", or change the tier` });
			}
			return met(s.recovery.stateless ? `${s.recovery.rpo} (stateless)` : s.recovery.rpo);
		},
	},
	{
		id: 'backup',
		field: ['recovery', 'backup'],
		title: 'Backup',
		description: 'Backups described (method, schedule, retention, location), unless stateless.',
		needs: 'a documented backup',
		fix: () => 'add "recovery.backup" with method, schedule, retention and location',
		judge: (s) => {
			if (s.recovery?.stateless) return met('stateless');
			return s.recovery?.backup ? met(s.recovery.backup.schedule) : missing('no backup is described');
		},
	},
	{
		id: 'restore-test',
		field: ['recovery', 'backup', 'lastRestoreTest'],
		title: 'Restore test',
		description: 'A successful restore test inside the restoreTest freshness window, unless stateless.',
		needs: 'a recent restore test',
		fix: () => 'restore a backup, then set "recovery.backup.lastRestoreTest" to the date',
		judge: (s, { policy, today }) => {
			if (s.recovery?.stateless) return met('stateless');
			if (!s.recovery?.backup) return missing('no backup is described', { fix: 'describe the backup in "recovery.backup", restore it, then set "lastRestoreTest"' });
			const window = policy.freshness.restoreTest;
			return freshness(s.recovery.backup.lastRestoreTest, windowFor(window, s.tier), today, 'last restore test', whose(window, s.tier));
		},
	},
	{
		id: 'incident-runbook',
		field: ['id'],
		title: 'Incident runbook',
		description: 'At least one runbook of kind incident lists the service.',
		needs: 'an incident runbook',
		fix: (s) => `add a runbook with "kind: incident" that lists service ${s.id}`,
		judge: (s, { model }) => {
			const found = runbooksOf(model, s.id, 'incident');
			return found.length ? met(`${found.length} runbook(s)`) : missing(`no runbook of kind incident lists ${s.id}`);
		},
	},
	{
		id: 'dr-runbook',
		field: ['id'],
		title: 'DR runbook',
		description: 'At least one runbook of kind disaster-recovery lists the service.',
		needs: 'a disaster-recovery runbook',
		fix: (s) => `add a runbook with "kind: disaster-recovery" that lists service ${s.id}`,
		judge: (s, { model }) => {
			const found = runbooksOf(model, s.id, 'disaster-recovery');
			return found.length ? met(found.map((r) => r.id).join(', ')) : missing(`no runbook of kind disaster-recovery lists ${s.id}`);
		},
	},
	{
		id: 'troubleshooting-tree',
		field: ['id'],
		title: 'Troubleshooting tree',
		description: 'At least one troubleshooting tree lists the service.',
		needs: 'a troubleshooting tree',
		fix: (s) => `add a tree in trees/ that lists service ${s.id}`,
		judge: (s, { model }) => {
			const found = treesOf(model, s.id);
			return found.length ? met(found.map((t) => t.id).join(', ')) : missing(`no troubleshooting tree lists ${s.id}`);
		},
	},
	{
		id: 'alerts',
		field: ['alerts'],
		title: 'Alerts',
		description: 'At least one alert is defined.',
		needs: 'at least one alert',
		fix: () => 'add the alerts that page for this service under "alerts:"',
		judge: (s) => (s.alerts.length ? met(`${s.alerts.length} alert(s)`) : missing('it has no alerts')),
	},
	{
		id: 'alert-runbooks',
		field: ['alerts'],
		title: 'Alert runbooks',
		description:
			'Every alert leads to a runbook: its runbook field, a runbook that names it in triggers.alerts, or an external runbookUrl (unless the tier\'s thresholds.alertRunbooks is in-model).',
		needs: 'a runbook for every alert',
		fix: () => 'give each alert a "runbook:", or name it in a runbook\'s "triggers.alerts"',
		judge: (s, { model, policy }) => {
			const inModel = thresholdFor(policy, s.tier, 'alertRunbooks') === 'in-model';
			const items: GapItem[] = [];
			s.alerts.forEach((alert, i) => {
				if (runbookForAlert(model, { alert, service: s })) return;
				if (alert.runbookUrl && !inModel) return;
				if (alert.runbookUrl) {
					items.push({
						field: ['alerts', i, 'runbookUrl'],
						detail: `alert ${alert.name} links only an external runbook`,
						fix: `bring the runbook into the model (runbooks/) and set "runbook:" on the alert, or add ${alert.name} to a runbook's "triggers.alerts"`,
					});
					return;
				}
				if (alert.runbook !== undefined) {
					items.push({
						field: ['alerts', i, 'runbook'],
						detail: `alert ${alert.name} names runbook "${alert.runbook}", which is not in the model`,
						fix: `correct the id${didYouMean(alert.runbook, model.runbooks.keys())}, or add runbooks/${alert.runbook}.yaml`,
					});
				} else {
					items.push({
						field: ['alerts', i, 'name'],
						detail: `alert ${alert.name} has no runbook`,
						fix: `set "runbook:" on the alert, or add ${alert.name} to a runbook's "triggers.alerts"`,
					});
				}
			});
			if (!items.length) return met(`${s.alerts.length} alert(s)`);
			return missing(`no runbook for ${items.length} alert${items.length === 1 ? '' : 's'}`, { items });
		},
	},
	{
		id: 'api-spec',
		field: ['apis'],
		title: 'API spec',
		description: 'A service that exposes an API (exposesApi: true) has at least one OpenAPI spec under apis.',
		needs: 'an OpenAPI spec for its API',
		fix: () => 'add the spec under apis/ and list it in "apis:" with its path',
		judge: (s) => {
			if (s.apis.length) return met(s.apis.map((a) => a.id).join(', '));
			return s.exposesApi ? missing('it exposes an API (exposesApi: true) but lists no spec') : met('exposes no API');
		},
	},
	{
		id: 'replicas',
		field: ['environments'],
		title: 'Replicas',
		description: 'Production runs at least minReplicas replicas (per tier in thresholds.minReplicas), or fails over automatically.',
		needs: 'redundancy in production',
		fix: () => 'raise the production "replicas", or describe automatic failover in "recovery.failover"',
		judge: (s, { policy }) => {
			if (s.kind === 'external') return met('external');
			if (s.recovery?.failover?.mode === 'automatic') return met('automatic failover');
			const wanted = thresholdFor(policy, s.tier, 'minReplicas') ?? policy.minReplicas;
			const index = s.environments.findIndex((env) => /^prod(uction)?$/i.test(env.name));
			const replicas = productionReplicas(s);
			const needs = `${wanted} production replicas or automatic failover`;
			if (replicas === undefined) return missing('no production environment is listed', { needs, fix: 'add the production environment with its replicas to "environments:"' });
			if (replicas >= wanted) return met(`${replicas} replicas`);
			return missing(`production runs ${replicas} replica${replicas === 1 ? '' : 's'}`, {
				needs,
				field: ['environments', index, 'replicas'],
				fix: `run ${wanted} or more replicas, or describe automatic failover in "recovery.failover"`,
			});
		},
	},
	{
		id: 'links',
		field: ['links'],
		title: 'Links',
		description: 'A link of each type the tier\'s thresholds.links lists (a dashboard unless the policy says otherwise), e.g. dashboard and logs.',
		needs: 'links to its dashboards',
		fix: () => 'add the missing links under "links:"',
		judge: (s, { policy }) => {
			const wanted = thresholdFor(policy, s.tier, 'links') ?? ['dashboard'];
			const absent = wanted.filter((type) => !s.links.some((l) => l.type === type));
			if (!absent.length) return met(wanted.join(', '));
			return missing(`it has no ${list(absent, 'or')} link`, {
				needs: `a ${list(wanted)} link`,
				fix: `add ${absent.map((type) => `{ type: ${type}, url: … }`).join(' and ')} to "links:"`,
			});
		},
	},
	{
		id: 'review',
		field: ['lastReviewed'],
		title: 'Reviewed',
		description: 'An owner reviewed the entry inside the review freshness window.',
		needs: 'a recent review',
		fix: () => 'review the entry with its owners, then set "lastReviewed" to the date',
		judge: (s, { policy, today }) => {
			const window = policy.freshness.review;
			return freshness(s.lastReviewed, windowFor(window, s.tier), today, 'last review', whose(window, s.tier));
		},
	},
	{
		id: 'runbooks-tested',
		field: ['id'],
		title: 'Runbooks tested',
		description: 'Every runbook for the service was tested inside its window (runbookTest, or runbookTestByKind for its kind).',
		needs: 'its runbooks tested recently',
		fix: () => 'exercise the runbooks listed, then set their "lastTested"',
		judge: (s, { model, policy, today }) => {
			const items: GapItem[] = [];
			for (const runbook of runbooksOf(model, s.id)) {
				const byKind = policy.freshness.runbookTestByKind?.[runbook.kind];
				const window = runbookWindow(policy, runbook.kind, s.tier);
				const label = byKind ? whose(byKind, s.tier, `${runbook.kind} runbook `) : whose(policy.freshness.runbookTest, s.tier);
				const j = freshness(runbook.lastTested, window, today, 'last test', label);
				if (j.status === 'met') continue;
				items.push({
					file: runbook.file,
					field: ['lastTested'],
					detail: `runbook ${runbook.id}: ${j.detail}`,
					fix: `exercise it (a drill, a game day or real use), then set "lastTested" to that date`,
				});
			}
			if (!items.length) return met();
			return { status: 'stale', detail: items.map((item) => item.detail).join('; '), items };
		},
	},
	{
		id: 'trees-reviewed',
		field: ['id'],
		title: 'Trees reviewed',
		description: 'Every troubleshooting tree for the service was walked through inside the treeReview window.',
		needs: 'its troubleshooting trees reviewed recently',
		fix: () => 'walk through the trees listed, then set their "lastReviewed"',
		judge: (s, { model, policy, today }) => {
			const items: GapItem[] = [];
			for (const tree of treesOf(model, s.id)) {
				const window = policy.freshness.treeReview;
				const j = freshness(tree.lastReviewed, windowFor(window, s.tier), today, 'last review', whose(window, s.tier));
				if (j.status === 'met') continue;
				items.push({
					file: tree.file,
					field: ['lastReviewed'],
					detail: `tree ${tree.id}: ${j.detail}`,
					fix: 'walk through it against the running system, then set "lastReviewed" to that date',
				});
			}
			if (!items.length) return met();
			return { status: 'stale', detail: items.map((item) => item.detail).join('; '), items };
		},
	},
	{
		id: 'sunset',
		field: ['lifecycle'],
		title: 'Sunset',
		description: 'A service in a lifecycle stage that lifecycles.needSunset lists (deprecated when it lists none) names its sunset date and its replacement, and the date has not passed. Judged whatever the tier for the stages needSunset lists.',
		needs: 'a sunset date and a replacement',
		fix: () => 'set "sunset: YYYY-MM-DD" and "replacement:" (the id of the service that takes over)',
		judge: (s, { policy, today }) => {
			// Listed in a tier, it asks this of the tier's deprecated services (or the stages needSunset names).
			const stages = policy.lifecycles.needSunset.length ? policy.lifecycles.needSunset : ['deprecated'];
			if (!stages.includes(s.lifecycle)) return met(`${s.lifecycle}: no sunset needed`);
			const absent = [s.sunset === undefined && 'sunset', s.replacement === undefined && 'replacement'].filter((x): x is string => Boolean(x));
			if (absent.length) {
				return missing(`it is ${s.lifecycle} and names no ${list(absent, 'or')}`, {
					fix: absent.map((field) => (field === 'sunset' ? 'set "sunset: YYYY-MM-DD"' : 'set "replacement:" to the id of the service that takes over')).join(' and '),
				});
			}
			if (s.sunset! < today) {
				return {
					status: 'stale',
					detail: `its sunset date ${s.sunset} passed ${daysBetween(s.sunset!, today)} days ago`,
					field: ['sunset'],
					fix: 'retire it ("lifecycle: retired") or set the new date',
				};
			}
			return met(`${s.sunset} → ${s.replacement}`);
		},
	},
	{
		id: 'incident-reviews',
		field: ['id'],
		title: 'Incident reviews',
		description:
			'Every post-incident review that lists the service, of an incident whose severity asks for a review (`review: true` in the incident-management matrix; sev1 and sev2 when there is none), is published (`published:`) within the tier\'s thresholds.reviewWithin of the incident\'s resolution (else the incident-management policy\'s postIncidentReview.within, else 5d). A review still a draft after that is a gap; one published late is shown as late on its page.',
		needs: 'a published review of every major incident',
		fix: () => 'hold the review, then set "published:" to the day it was published',
		judge: (s, { model, policy, today }) => {
			const own = policy.thresholds?.[String(s.tier) as '1' | '2' | '3' | '4']?.reviewWithin;
			const threshold = thresholdFor(policy, s.tier, 'reviewWithin');
			const within = threshold ?? model.incident?.postIncidentReview.within ?? '5d';
			const source = own ? `the tier-${s.tier} review window` : threshold ? 'the review window' : model.incident ? 'the incident-management policy\'s review window' : 'the default review window';
			const limit = seconds(within) / 86400;
			const needing = severitiesNeedingReview(model.incident);
			const due = reviewsOf(model, s.id).filter((review) => needing.includes(review.severity));
			const items: GapItem[] = [];
			for (const review of due) {
				if (review.published) continue;
				const resolved = resolutionDay(review);
				const age = daysBetween(resolved, today);
				if (age <= limit) continue;
				items.push({
					file: review.file,
					field: ['id'],
					detail: `review ${review.id} of the ${review.severity} incident of ${review.date} is still a draft ${age} days after it was resolved (${resolved}); ${source} is ${within}`,
					fix: 'hold the review with everyone involved, then set "published:" to the day it was published',
				});
			}
			if (items.length) return { status: 'stale', detail: items.map((item) => item.detail).join('; '), items };
			if (!due.length) return met(`no ${list(needing, 'or')} reviews`);
			const drafts = due.filter((review) => !review.published).length;
			const published = due.length - drafts;
			return met([published && `${published} published`, drafts && `${drafts} draft${drafts === 1 ? '' : 's'} within ${within}`].filter(Boolean).join(', '));
		},
	},
	{
		id: 'review-actions',
		field: ['id'],
		title: 'Review actions',
		description: 'Every action item of the post-incident reviews that list the service is done, or decided against (wont-do), by its due date.',
		needs: 'the actions of its incident reviews done on time',
		fix: () => 'finish the overdue actions and set their "status", or agree new due dates',
		judge: (s, { model, today }) => {
			const items: GapItem[] = [];
			let total = 0;
			for (const review of reviewsOf(model, s.id)) {
				review.actions.forEach((action, i) => {
					total++;
					if (!isOverdue(action, today)) return;
					items.push({
						file: review.file,
						field: ['actions', i, 'due'],
						detail: `action "${action.title}" of review ${review.id} (owner ${action.owner}) is ${action.status} and was due ${action.due}, ${daysBetween(action.due, today)} days ago`,
						fix: 'finish it and set "status: done" (or "wont-do", saying why), or agree a new date with its owner and set "due"',
					});
				});
			}
			if (items.length) return { status: 'stale', detail: items.map((item) => item.detail).join('; '), items };
			return met(total ? `${total} action${total === 1 ? '' : 's'}, none overdue` : 'no review actions');
		},
	},
	{
		id: 'data-handling',
		field: ['data'],
		title: 'Data handling',
		description:
			'A database, storage, queue or cache that is not stateless lists the data it stores (`data:`), and every data set has what the policy\'s dataRules ask of its classification (a declared classification follows its `like`): an erasure and an export runbook that exist, encryption at rest and in transit, a retention, a residency.',
		needs: 'its data handled as the policy\'s dataRules ask',
		fix: () => 'add "data:" with each data set the service stores (name, categories, classification, residency, retention, encryption)',
		judge: (s, { model, policy }) => {
			if (!s.data.length) {
				if (!isDataStore(s)) return met('holds no data of its own');
				return missing(`it is a ${s.kind} and lists no data sets`, { needs: 'a data inventory' });
			}
			const items: GapItem[] = [];
			s.data.forEach((data, i) => {
				const classification = classificationOf(s, data);
				const found = dataRulesFor(policy, classification);
				if (!found) return;
				const { rule, under } = found;
				const label = `data set "${data.name}" (${classification}${classification === under ? '' : `, like ${under}`})`;
				const procedures = [
					['erasureRunbook', 'erasure', 'erases one person\'s data from it on request'],
					['exportRunbook', 'export', 'exports one person\'s data (or the whole set) on request'],
				] as const;
				for (const [field, what, does] of procedures) {
					if (!rule[field]) continue;
					const wanted = data[field];
					if (wanted === undefined) {
						items.push({ field: ['data', i, field], detail: `${label} names no ${what} runbook`, fix: `write the runbook that ${does} and set "${field}:" to its id` });
					} else if (!model.runbooks.has(wanted)) {
						items.push({
							field: ['data', i, field],
							detail: `${label} names ${what} runbook "${wanted}", which is not in the model`,
							fix: `correct the id${didYouMean(wanted, model.runbooks.keys())}, or add runbooks/${wanted}.yaml`,
						});
					}
				}
				if (rule.encryption) {
					for (const [side, words] of [['atRest', 'at rest'], ['inTransit', 'in transit']] as const) {
						const state = data.encryption?.[side];
						if (state?.enabled === true) continue;
						items.push({
							field: ['data', i, 'encryption', side],
							detail: state ? `${label} is not encrypted ${words}` : `${label} does not say whether it is encrypted ${words}`,
							fix: state ? `encrypt it ${words}, then set "enabled: true" and say how` : `add "encryption: { ${side}: { enabled: true, how: … } }" once it is encrypted ${words}`,
						});
					}
				}
				if (rule.retention && data.retention === undefined) {
					items.push({ field: ['data', i, 'retention'], detail: `${label} gives no retention`, fix: 'set "retention:" to how long it is kept, e.g. "30d" or "while the account exists, then 30 days"' });
				}
				if (rule.residency && data.residency.length === 0) {
					items.push({ field: ['data', i, 'residency'], detail: `${label} gives no residency`, fix: 'set "residency:" to the regions it is stored in, backups and replicas included' });
				}
			});
			if (!items.length) return met(`${s.data.length} data set${s.data.length === 1 ? '' : 's'}`);
			return missing(items.map((item) => item.detail).join('; '), { items });
		},
	},
	{
		id: 'access-review',
		field: ['system'],
		title: 'Access review',
		description:
			'The service\'s system documents its access (`access:` in systems/<id>.yaml: roles, recertifyEvery) and its last recertification is no older than recertifyEvery. Judged once per system, on its most critical service (lowest tier, then id), so at that service\'s tier.',
		needs: 'its system\'s access recertified on time',
		fix: (s) => `add "access:" (roles, recertifyEvery, lastRecertified) to systems/${s.system}.yaml`,
		judge: (s, { model, policy, today }) => {
			const system = model.systems.get(s.system);
			if (!system) return missing(`system "${s.system}" is not in the model`, { fix: `set "system:" to the id of a system in systems/${didYouMean(s.system, model.systems.keys())}` });
			const judged = mostCriticalService(model, system.id, policy.lifecycles.exempt);
			if (judged && judged.id !== s.id) return met(`judged on ${judged.id}, the most critical service of ${system.id}`);
			const access = system.access;
			if (!access) {
				const detail = `system ${system.id} documents no access`;
				return missing(detail, { items: [{ file: system.file, field: ['id'], detail, fix: 'add "access:" with its roles (name, grants, grantedBy, mfa, request), recertifyEvery and lastRecertified' }] });
			}
			const j = freshness(access.lastRecertified, access.recertifyEvery, today, 'last recertification', 'its recertifyEvery');
			if (j.status === 'met') return met(`${system.id}: ${j.detail}`);
			const detail = `system ${system.id}: ${j.detail}`;
			const field = access.lastRecertified ? ['access', 'lastRecertified'] : ['access', 'recertifyEvery'];
			const fix = `review every grant with the teams that grant them, remove the ones nobody can justify, then set "${access.lastRecertified ? '' : 'access.'}lastRecertified" to that date`;
			return { status: j.status, detail, items: [{ file: system.file, field, detail, fix }] };
		},
	},
];

export const requirementById = new Map(requirements.map((r) => [r.id, r]));
