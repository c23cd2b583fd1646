/**
 * Read-only questions the catalog, system, team, architecture, continuity and reliability pages
 * ask of the model. Pure functions of the model (and the verdict or today's date where named).
 */
import type { Finding } from '../analysis/findings.ts';
import type { ServiceVerdict, Status, Verdict } from '../coverage/verdict.ts';
import { daysBetween } from '../coverage/requirements.ts';
import { seconds } from '../lib/duration.ts';
import { dependantsOf, runbooksOf, servicesOfSystem, servicesOfTeam, treesOf, type Model, type Runbook, type Service, type Sourced, type Team, type Tree } from '../model/index.ts';
import type { Dependency, Recovery } from '../model/service.ts';

/** Most critical first: tier, then name. */
export function byTierThenName<T extends Pick<Service, 'tier' | 'name'>>(a: T, b: T): number {
	return a.tier - b.tier || a.name.localeCompare(b.name);
}

/** Most critical first: tier, then the shortest RTO (services without one last in their tier), then name. */
export function byCriticality(a: Service, b: Service): number {
	const rto = (s: Service) => (s.recovery ? seconds(s.recovery.rto) : Number.POSITIVE_INFINITY);
	return a.tier - b.tier || rto(a) - rto(b) || a.name.localeCompare(b.name);
}

/** The RPO as the pages write it: "5m", "0 (stateless)", "stateless", or undefined when it is missing. */
export function rpoText(recovery: Recovery): string | undefined {
	if (recovery.stateless) return recovery.rpo !== undefined ? `${recovery.rpo} (stateless)` : 'stateless';
	return recovery.rpo;
}

/** The production environment ("production" or "prod"), as productionReplicas reads it. */
export function productionEnvironment(service: Service) {
	return service.environments.find((env) => /^prod(uction)?$/i.test(env.name));
}

/** One dependency between two services that both exist in the model. */
export interface Edge {
	from: Sourced<Service>;
	to: Sourced<Service>;
	dependency: Dependency;
}

/** Every dependency whose target is in the model, in service order. */
export function edges(model: Model): Edge[] {
	const out: Edge[] = [];
	for (const from of model.services.values()) {
		for (const dependency of from.dependencies) {
			const to = model.services.get(dependency.service);
			if (to) out.push({ from, to, dependency });
		}
	}
	return out;
}

/** Dependencies of the system's services on services of other systems. */
export function systemDependencies(model: Model, systemId: string): Edge[] {
	// From the system's own services (not every edge of the model): a page that asks depends on those only.
	const out: Edge[] = [];
	for (const from of servicesOfSystem(model, systemId)) {
		for (const dependency of from.dependencies) {
			const to = model.services.get(dependency.service);
			if (to && to.system !== systemId) out.push({ from, to, dependency });
		}
	}
	return out;
}

/** Dependencies of other systems' services on this system's services. */
export function systemDependants(model: Model, systemId: string): Edge[] {
	// The services that depend on the system's services (the index), in the model's order, as edges() lists them.
	const froms = new Map<string, Sourced<Service>>();
	for (const to of servicesOfSystem(model, systemId)) {
		for (const { service } of dependantsOf(model, to.id)) if (service.system !== systemId) froms.set(service.id, service);
	}
	const out: Edge[] = [];
	for (const from of [...froms.values()].sort((a, b) => a.id.localeCompare(b.id))) {
		for (const dependency of from.dependencies) {
			const to = model.services.get(dependency.service);
			if (to && to.system === systemId) out.push({ from, to, dependency });
		}
	}
	return out;
}

/** Dependencies between services of the same system. */
export function systemInternalEdges(model: Model, systemId: string): Edge[] {
	return edges(model).filter((edge) => edge.from.system === systemId && edge.to.system === systemId);
}

/** System → system roll-up: how many hard and soft service dependencies cross each boundary. */
export function systemLinks(model: Model): { from: string; to: string; hard: number; soft: number }[] {
	const links = new Map<string, { from: string; to: string; hard: number; soft: number }>();
	for (const edge of edges(model)) {
		if (edge.from.system === edge.to.system) continue;
		const key = `${edge.from.system}\u0000${edge.to.system}`;
		const link = links.get(key) ?? { from: edge.from.system, to: edge.to.system, hard: 0, soft: 0 };
		link[edge.dependency.type]++;
		links.set(key, link);
	}
	return [...links.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

function unique<T extends { id: string }>(lists: T[][]): T[] {
	const seen = new Map<string, T>();
	for (const list of lists) for (const item of list) if (!seen.has(item.id)) seen.set(item.id, item);
	return [...seen.values()];
}

/** Runbooks that list any of the services, each once, by title. */
export function runbooksOfServices(model: Model, serviceIds: string[], kind?: Runbook['kind']): Sourced<Runbook>[] {
	return unique(serviceIds.map((id) => runbooksOf(model, id, kind))).sort((a, b) => a.title.localeCompare(b.title));
}

/** Runbooks that name the team as their owner, by title (a runbook without one belongs to its services' owners). */
export function runbooksOwnedBy(model: Model, teamId: string): Sourced<Runbook>[] {
	return [...model.runbooks.values()].filter((runbook) => runbook.owner === teamId).sort((a, b) => a.title.localeCompare(b.title));
}

/** Troubleshooting trees that list any of the services, each once, by title. */
export function treesOfServices(model: Model, serviceIds: string[]): Sourced<Tree>[] {
	return unique(serviceIds.map((id) => treesOf(model, id))).sort((a, b) => a.title.localeCompare(b.title));
}

/** Findings that involve any of the services, each once. */
export function findingsForServices(findings: Finding[], serviceIds: string[]): Finding[] {
	const wanted = new Set(serviceIds);
	return findings.filter((finding) => finding.services.some((id) => wanted.has(id)));
}

/** The services of a system, most critical first. */
export function systemServices(model: Model, systemId: string): Sourced<Service>[] {
	return [...servicesOfSystem(model, systemId)].sort(byTierThenName);
}

/** The services a team owns, most critical first. */
export function teamServices(model: Model, teamId: string): Sourced<Service>[] {
	return [...servicesOfTeam(model, teamId)].sort(byTierThenName);
}

/** The pager link's text: "Page Payments on pagerduty", naming the tool only when it is known. */
export function pagerLabel(team: Pick<Team, 'name' | 'onCall'>): string {
	const tool = team.onCall?.tool;
	return tool && tool !== 'other' ? `Page ${team.name} on ${tool}` : `Page ${team.name}`;
}

/** Runbooks and tree answers that escalate to the team. */
export function escalationsTo(model: Model, teamId: string): { runbooks: Sourced<Runbook>[]; trees: Sourced<Tree>[] } {
	return {
		runbooks: [...model.runbooks.values()].filter((runbook) => runbook.escalation?.some((escalation) => escalation.team === teamId)),
		trees: [...model.trees.values()].filter((tree) => tree.nodes.some((node) => node.answers.some((answer) => answer.escalate === teamId))),
	};
}

/** A service's coverage as one status: missing beats stale beats waived beats met. */
export function coverageStatus(coverage: ServiceVerdict): Status {
	const statuses = new Set(coverage.results.map((result) => result.status));
	if (statuses.has('missing')) return 'missing';
	if (statuses.has('stale')) return 'stale';
	if (statuses.has('waived')) return 'waived';
	return 'met';
}

export function coverageOf(verdict: Verdict | undefined, serviceId: string): ServiceVerdict | undefined {
	return verdict?.services.find((s) => s.service === serviceId);
}

/** Met (or waived) over total for a set of services, as the verdict's tallies count them. */
export function coverageTally(verdict: Verdict | undefined, serviceIds: string[]) {
	if (!verdict) return undefined;
	const wanted = new Set(serviceIds);
	const results = verdict.services.filter((s) => wanted.has(s.service)).flatMap((s) => s.results);
	const met = results.filter((r) => r.status === 'met').length;
	const waived = results.filter((r) => r.status === 'waived').length;
	const total = results.length;
	return { met, waived, total, percent: total ? Math.floor(((met + waived) / total) * 1000) / 10 : 100 };
}

/** How old the last restore test is, and whether the policy's freshness window says it is stale. */
export function restoreTestAge(service: Service, today: string, window: string | undefined): { date: string; days: number; stale: boolean } | undefined {
	const date = service.recovery?.backup?.lastRestoreTest;
	if (!date) return undefined;
	const days = daysBetween(date, today);
	return { date, days, stale: window !== undefined && days > seconds(window) / 86400 };
}
