/**
 * Read-only questions the troubleshooting, incident, security, coverage and reference pages ask
 * of the model. Pure functions of the model (or of one tree, plan or verdict).
 */
import type { Status, Verdict } from '../coverage/verdict.ts';
import { seconds } from '../lib/duration.ts';
import { runbookForAlert, type Alert, type Model, type Runbook, type SecurityPlan, type Service, type Sourced, type Tree } from '../model/index.ts';
import type { TreeNode } from '../model/tree.ts';

/* ---------- Troubleshooting trees ---------- */

/** Anchor id of an inline resolution: answer `index` (0-based) of node `node`. */
export const resolutionId = (node: string, index: number) => `resolution-${node}-${index}`;

/** The start node first, then the others breadth-first along `next`; unreachable nodes last, in file order. */
export function treeNodesInOrder(tree: Tree): TreeNode[] {
	const byId = new Map(tree.nodes.map((node) => [node.id, node]));
	const order: TreeNode[] = [];
	const seen = new Set<string>();
	const queue = [tree.start];
	while (queue.length) {
		const id = queue.shift()!;
		const node = byId.get(id);
		if (!node || seen.has(id)) continue;
		seen.add(id);
		order.push(node);
		for (const answer of node.answers) if (answer.next && !seen.has(answer.next)) queue.push(answer.next);
	}
	for (const node of tree.nodes) if (!seen.has(node.id)) order.push(node);
	return order;
}

/** For each node, the nodes and answers that lead to it. */
export function treeParents(tree: Tree): Map<string, { node: string; label: string }[]> {
	const parents = new Map<string, { node: string; label: string }[]>();
	for (const node of tree.nodes) {
		for (const answer of node.answers) {
			if (!answer.next) continue;
			parents.set(answer.next, [...(parents.get(answer.next) ?? []), { node: node.id, label: answer.label }]);
		}
	}
	return parents;
}

/** Where a tree can end: the runbooks and teams its answers name, each once, in tree order. */
export function treeExits(tree: Tree): { runbooks: string[]; teams: string[]; resolutions: number } {
	const runbooks = new Set<string>();
	const teams = new Set<string>();
	let resolutions = 0;
	for (const node of treeNodesInOrder(tree)) {
		for (const answer of node.answers) {
			if (answer.runbook) runbooks.add(answer.runbook);
			if (answer.escalate) teams.add(answer.escalate);
			if (answer.resolution) resolutions++;
		}
	}
	return { runbooks: [...runbooks], teams: [...teams], resolutions };
}

/** Every tree, sorted by its symptom (the index lists trees by what people report). */
export function treesBySymptom(model: Model): Sourced<Tree>[] {
	return [...model.trees.values()].sort((a, b) => a.symptom.localeCompare(b.symptom, 'en', { sensitivity: 'base' }));
}

/* ---------- Alerts ---------- */

export const alertSeverityRank: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

export interface AlertRow {
	name: string;
	/** The worst severity among its definitions. */
	severity: Alert['severity'];
	summary: string;
	/** Services that define it (more than one is a model warning). */
	services: Sourced<Service>[];
	runbook?: Sourced<Runbook>;
	/** A runbook kept outside the model (`runbookUrl`), when none is in it. */
	externalRunbook?: string;
	/** The runbook id it names but the model lacks. */
	missingRunbook?: string;
	for?: string;
}

/** THE alert → runbook index: every alert name once, by severity (critical first) then name. */
export function alertIndex(model: Model): AlertRow[] {
	const rows: AlertRow[] = [];
	for (const [name, entries] of model.index.alerts) {
		if (!entries.length) continue;
		const worst = [...entries].sort((a, b) => alertSeverityRank[a.alert.severity] - alertSeverityRank[b.alert.severity])[0]!;
		const withRunbook = entries.map((entry) => runbookForAlert(model, entry)).find(Boolean);
		const named = entries.find((entry) => entry.alert.runbook)?.alert.runbook;
		rows.push({
			name,
			severity: worst.alert.severity,
			summary: worst.alert.summary,
			services: entries.map((entry) => entry.service),
			runbook: withRunbook,
			externalRunbook: withRunbook ? undefined : entries.map((entry) => entry.alert.runbookUrl).find(Boolean),
			missingRunbook: !withRunbook && named ? named : undefined,
			for: worst.alert.for,
		});
	}
	return rows.sort((a, b) => alertSeverityRank[a.severity] - alertSeverityRank[b.severity] || a.name.localeCompare(b.name));
}

/* ---------- Security plan ---------- */

export const securitySeverityOrder = ['critical', 'high', 'medium', 'low'] as const;
export type SecuritySeverity = (typeof securitySeverityOrder)[number];

export const nistPhaseLabels: Record<SecurityPlan['phases'][number]['phase'], string> = {
	preparation: 'Preparation',
	'detection-and-analysis': 'Detection and analysis',
	'containment-eradication-recovery': 'Containment, eradication and recovery',
	'post-incident-activity': 'Post-incident activity',
};

export const csfLabels: Record<SecurityPlan['phases'][number]['csf'][number], string> = {
	govern: 'Govern (GV)',
	identify: 'Identify (ID)',
	protect: 'Protect (PR)',
	detect: 'Detect (DE)',
	respond: 'Respond (RS)',
	recover: 'Recover (RC)',
};

export const incidentTypeLabels: Record<SecurityPlan['playbooks'][number]['type'], string> = {
	'unauthorized-api-access': 'Unauthorized API access',
	'database-breach': 'Database breach',
	'secret-exposure': 'Secret exposure',
	'malicious-code-injection': 'Malicious code injection',
	'denial-of-service': 'Denial of service',
	'supply-chain-compromise': 'Supply-chain compromise',
	other: 'Other',
};

/** Severities worst first; phases in life-cycle order; notification duties soonest first. */
export function orderedPlan(plan: SecurityPlan) {
	const phaseOrder = Object.keys(nistPhaseLabels);
	return {
		severities: [...plan.severities].sort((a, b) => securitySeverityOrder.indexOf(a.level) - securitySeverityOrder.indexOf(b.level)),
		phases: [...plan.phases].sort((a, b) => phaseOrder.indexOf(a.phase) - phaseOrder.indexOf(b.phase)),
		notifications: [...plan.notifications].sort((a, b) => seconds(a.deadline) - seconds(b.deadline)),
		/** Incident types (other than "other") with no playbook. */
		uncovered: (Object.keys(incidentTypeLabels) as (keyof typeof incidentTypeLabels)[]).filter(
			(type) => type !== 'other' && !plan.playbooks.some((p) => p.type === type),
		),
	};
}

/* ---------- Coverage ---------- */

export const statusSymbols: Record<Status, string> = { met: '✓', missing: '✗', stale: '⟳', waived: 'W' };
export const statusWords: Record<Status, string> = { met: 'met', missing: 'missing', stale: 'stale', waived: 'waived' };

/** Counts of each status among a set of service verdicts. */
export function statusCounts(verdict: Verdict, filter: (s: Verdict['services'][number]) => boolean) {
	const services = verdict.services.filter(filter);
	const results = services.flatMap((s) => s.results);
	const count = (status: Status) => results.filter((r) => r.status === status).length;
	return { services: services.length, met: count('met'), waived: count('waived'), missing: count('missing'), stale: count('stale'), total: results.length };
}

/** The tiers whose policy requires each requirement. */
export function tiersRequiring(policy: { tiers: Record<'1' | '2' | '3' | '4', string[]> }, requirement: string): number[] {
	return (['1', '2', '3', '4'] as const).filter((tier) => policy.tiers[tier].includes(requirement)).map(Number);
}
