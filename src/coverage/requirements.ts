/**
 * Every coverage requirement: what it asks, how it is judged, and how to fix a gap.
 * Judging is pure: a function of the model, the policy and today's date.
 */
import { seconds } from '../lib/duration.ts';
import { productionReplicas, runbookForAlert, runbooksOf, treesOf, type Model, type Policy, type Service, type Sourced } from '../model/index.ts';
import { windowFor, type RequirementId } from '../model/policy.ts';

export type Judgement = { status: 'met'; detail?: string } | { status: 'missing' | 'stale'; detail: string };

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
	field: readonly string[];
	/** How to close the gap, for service `id`. */
	fix: (service: Service) => string;
	judge: (service: Sourced<Service>, context: Context) => Judgement;
}

const met = (detail?: string): Judgement => ({ status: 'met', detail });
const missing = (detail: string): Judgement => ({ status: 'missing', detail });

/** Days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
	return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** Judges a date against a freshness window such as "90d". */
function fresh(date: string | undefined, window: string, today: string, what: string): Judgement {
	if (!date) return missing(`no ${what} date recorded`);
	const age = daysBetween(date, today);
	const limit = seconds(window) / 86400;
	if (age > limit) return { status: 'stale', detail: `${what} ${date} is ${age} days old; the window is ${window}` };
	return met(`${what} ${date} (${age} days ago)`);
}

export const requirements: Requirement[] = [
	{
		id: 'owner',
		field: ['owner'],
		title: 'Owner',
		description: 'The service names an owning team that exists in the model.',
		needs: 'an owning team',
		fix: () => 'set "owner:" to the id of a team in teams/',
		judge: (s, { model }) => (model.teams.has(s.owner) ? met(s.owner) : missing(`team "${s.owner}" is not in the model`)),
	},
	{
		id: 'on-call',
		field: ['owner'],
		title: 'On-call',
		description: 'The owning team has an on-call rotation with a pager link.',
		needs: 'an owner with an on-call rotation',
		fix: (s) => `add "onCall:" (rotation, schedule, tool, pager) to teams/${s.owner}.yaml`,
		judge: (s, { model }) => {
			const team = model.teams.get(s.owner);
			return team?.onCall ? met(team.onCall.rotation) : missing(`team "${s.owner}" has no on-call rotation`);
		},
	},
	{
		id: 'escalation',
		field: ['owner'],
		title: 'Escalation',
		description: 'The owning team has at least two escalation levels, each with its delay.',
		needs: 'an escalation policy with at least two levels',
		fix: (s) => `add "escalation:" levels (who, after) to teams/${s.owner}.yaml`,
		judge: (s, { model }) => {
			const levels = model.teams.get(s.owner)?.escalation.length ?? 0;
			return levels >= 2 ? met(`${levels} levels`) : missing(`team "${s.owner}" has ${levels} escalation level(s)`);
		},
	},
	{
		id: 'availability-slo',
		field: ['slos'],
		title: 'Availability SLO',
		description: 'At least one SLO with indicator: availability.',
		needs: 'an availability SLO',
		fix: () => 'add an entry with "indicator: availability", "target" and "window" to "slos:"',
		judge: (s) => {
			const slo = s.slos.find((o) => o.indicator === 'availability');
			return slo ? met(`${slo.target} % / ${slo.window}`) : missing('no availability SLO');
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
			return slo ? met(`p${slo.percentile} ≤ ${slo.threshold}`) : missing('no latency SLO');
		},
	},
	{
		id: 'rto',
		field: ['recovery', 'rto'],
		title: 'RTO',
		description: 'A recovery time objective.',
		needs: 'an RTO',
		fix: () => 'add "recovery: { rto: 4h, … }"',
		judge: (s) => (s.recovery ? met(s.recovery.rto) : missing('no recovery section')),
	},
	{
		id: 'rpo',
		field: ['recovery', 'rpo'],
		title: 'RPO',
		description: 'A recovery point objective, unless the service is stateless.',
		needs: 'an RPO',
		fix: () => 'add "rpo:" to "recovery:", or "stateless: true" when it holds no data',
		judge: (s) => {
			if (!s.recovery) return missing('no recovery section');
			if (s.recovery.stateless) return met('stateless');
			return s.recovery.rpo !== undefined ? met(s.recovery.rpo) : missing('no RPO');
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
			return s.recovery?.backup ? met(s.recovery.backup.schedule) : missing('no backup described');
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
			if (!s.recovery?.backup) return missing('no backup described');
			return fresh(s.recovery.backup.lastRestoreTest, windowFor(policy.freshness.restoreTest, s.tier), today, 'last restore test');
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
			const list = runbooksOf(model, s.id, 'incident');
			return list.length ? met(`${list.length} runbook(s)`) : missing('no incident runbook');
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
			const list = runbooksOf(model, s.id, 'disaster-recovery');
			return list.length ? met(list.map((r) => r.id).join(', ')) : missing('no disaster-recovery runbook');
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
			const list = treesOf(model, s.id);
			return list.length ? met(list.map((t) => t.id).join(', ')) : missing('no troubleshooting tree');
		},
	},
	{
		id: 'alerts',
		field: ['alerts'],
		title: 'Alerts',
		description: 'At least one alert is defined.',
		needs: 'at least one alert',
		fix: () => 'add the alerts that page for this service under "alerts:"',
		judge: (s) => (s.alerts.length ? met(`${s.alerts.length} alert(s)`) : missing('no alerts')),
	},
	{
		id: 'alert-runbooks',
		field: ['alerts'],
		title: 'Alert runbooks',
		description: 'Every alert leads to a runbook (its runbook field, or a runbook that names it in triggers.alerts).',
		needs: 'a runbook for every alert',
		fix: () => 'give each alert a "runbook:", or name it in a runbook\'s "triggers.alerts"',
		judge: (s, { model }) => {
			const orphans = s.alerts.filter((alert) => !runbookForAlert(model, { alert, service: s })).map((a) => a.name);
			return orphans.length ? missing(`no runbook for ${orphans.join(', ')}`) : met(`${s.alerts.length} alert(s)`);
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
			return s.exposesApi ? missing('exposes an API but lists no spec') : met('exposes no API');
		},
	},
	{
		id: 'replicas',
		field: ['environments'],
		title: 'Replicas',
		description: 'Production runs at least minReplicas replicas, or fails over automatically.',
		needs: 'redundancy in production',
		fix: () => 'raise the production "replicas", or describe automatic failover in "recovery.failover"',
		judge: (s, { policy }) => {
			if (s.kind === 'external') return met('external');
			if (s.recovery?.failover?.mode === 'automatic') return met('automatic failover');
			const replicas = productionReplicas(s);
			if (replicas === undefined) return missing('no production environment listed');
			return replicas >= policy.minReplicas ? met(`${replicas} replicas`) : missing(`${replicas} production replica(s); ${policy.minReplicas} needed`);
		},
	},
	{
		id: 'review',
		field: ['lastReviewed'],
		title: 'Reviewed',
		description: 'An owner reviewed the entry inside the review freshness window.',
		needs: 'a recent review',
		fix: () => 'review the entry with its owners, then set "lastReviewed" to the date',
		judge: (s, { policy, today }) => fresh(s.lastReviewed, windowFor(policy.freshness.review, s.tier), today, 'last review'),
	},
	{
		id: 'runbooks-tested',
		field: ['id'],
		title: 'Runbooks tested',
		description: 'Every runbook and tree for the service was tested or reviewed inside its freshness window.',
		needs: 'runbooks and trees tested recently',
		fix: () => 'exercise the runbooks and trees listed, then set their "lastTested" / "lastReviewed"',
		judge: (s, { model, policy, today }) => {
			const problems: string[] = [];
			for (const runbook of runbooksOf(model, s.id)) {
				const j = fresh(runbook.lastTested, windowFor(policy.freshness.runbookTest, s.tier), today, 'last test');
				if (j.status !== 'met') problems.push(`runbook ${runbook.id}: ${j.detail}`);
			}
			for (const tree of treesOf(model, s.id)) {
				const j = fresh(tree.lastReviewed, windowFor(policy.freshness.treeReview, s.tier), today, 'last review');
				if (j.status !== 'met') problems.push(`tree ${tree.id}: ${j.detail}`);
			}
			if (!problems.length) return met();
			return { status: 'stale', detail: problems.join('; ') };
		},
	},
];

export const requirementById = new Map(requirements.map((r) => [r.id, r]));
