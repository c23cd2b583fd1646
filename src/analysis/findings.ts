/**
 * Findings that come from reading services together: promises a service cannot keep
 * because of what it depends on. Each is a pure function of the model.
 */
import { formatDuration, seconds } from '../lib/duration.ts';
import { impactOf } from '../model/governance.ts';
import { productionReplicas, type Model, type Service, type Sourced } from '../model/index.ts';

export type FindingKind = 'rto-inversion' | 'availability-ceiling' | 'tier-inversion' | 'single-point-of-failure' | 'dependency-cycle' | 'rto-beyond-mtd';

export interface Finding {
	kind: FindingKind;
	/** The service the finding is about (first in a cycle). */
	service: string;
	/** Every service involved. */
	services: string[];
	/** Where in the service's file the finding points. */
	path: (string | number)[];
	message: string;
	/** What would resolve it, for this case. */
	fix: string;
}

export const findingTitles: Record<FindingKind, string> = {
	'rto-inversion': 'RTO inversion',
	'availability-ceiling': 'Availability ceiling',
	'tier-inversion': 'Tier inversion',
	'single-point-of-failure': 'Single point of failure',
	'dependency-cycle': 'Hard-dependency cycle',
	'rto-beyond-mtd': 'RTO beyond tolerable downtime',
};

function hardDependencies(model: Model, service: Service) {
	return service.dependencies
		.map((dependency, index) => ({ dependency, index, target: model.services.get(dependency.service) }))
		.filter((entry): entry is typeof entry & { target: Sourced<Service> } => entry.dependency.type === 'hard' && entry.target !== undefined);
}

export function availabilityTarget(service: Service): number | undefined {
	return service.slos.find((slo) => slo.indicator === 'availability')?.target;
}

export function rtoInversions(model: Model): Finding[] {
	const out: Finding[] = [];
	for (const service of model.services.values()) {
		if (!service.recovery) continue;
		const own = seconds(service.recovery.rto);
		for (const { index, target } of hardDependencies(model, service)) {
			if (!target.recovery) continue;
			const theirs = seconds(target.recovery.rto);
			if (theirs > own) {
				out.push({
					kind: 'rto-inversion',
					service: service.id,
					services: [service.id, target.id],
					path: ['dependencies', index, 'service'],
					message: `${service.id} must recover within ${formatDuration(own)} (RTO ${service.recovery.rto}) but its hard dependency ${target.id} may take ${formatDuration(theirs)} (RTO ${target.recovery.rto})`,
					fix: `bring ${target.id}'s RTO down to ${service.recovery.rto} or less, raise ${service.id}'s RTO to ${target.recovery.rto}, or make the dependency soft with a fallback`,
				});
			}
		}
	}
	return out;
}

export function availabilityCeilings(model: Model): Finding[] {
	const out: Finding[] = [];
	for (const service of model.services.values()) {
		const own = availabilityTarget(service);
		if (own === undefined) continue;
		const parts = hardDependencies(model, service)
			.map(({ target }) => ({ id: target.id, target: availabilityTarget(target) }))
			.filter((part): part is { id: string; target: number } => part.target !== undefined);
		if (parts.length === 0) continue;
		const ceiling = parts.reduce((product, part) => product * (part.target / 100), 1) * 100;
		if (own > ceiling + 1e-9) {
			const index = service.slos.findIndex((slo) => slo.indicator === 'availability');
			out.push({
				kind: 'availability-ceiling',
				service: service.id,
				services: [service.id, ...parts.map((part) => part.id)],
				path: ['slos', index, 'target'],
				message: `${service.id} promises ${own} % availability but its hard dependencies allow at most ${round(ceiling)} % (${parts.map((part) => `${part.id} ${part.target} %`).join(' × ')})`,
				fix: `lower the objective to ${round(Math.floor(ceiling * 100) / 100)} % or less, raise the dependencies' objectives, or make one soft with a fallback`,
			});
		}
	}
	return out;
}

export function tierInversions(model: Model): Finding[] {
	const out: Finding[] = [];
	for (const service of model.services.values()) {
		for (const { index, target } of hardDependencies(model, service)) {
			if (target.tier > service.tier) {
				out.push({
					kind: 'tier-inversion',
					service: service.id,
					services: [service.id, target.id],
					path: ['dependencies', index, 'service'],
					message: `tier-${service.tier} ${service.id} hard-depends on tier-${target.tier} ${target.id}`,
					fix: `raise ${target.id} to tier ${service.tier}, or make the dependency soft with a fallback`,
				});
			}
		}
	}
	return out;
}

/** Critical means tier 1 or 2; an external service is someone else's to make redundant. */
export function singlePointsOfFailure(model: Model): Finding[] {
	const out: Finding[] = [];
	for (const service of model.services.values()) {
		if (service.tier > 2 || service.kind === 'external') continue;
		const replicas = productionReplicas(service);
		const failover = service.recovery?.failover?.mode;
		if (replicas !== undefined && replicas <= 1 && (failover === undefined || failover === 'none')) {
			const dependants = model.index.dependants.get(service.id)?.filter((d) => d.type === 'hard').map((d) => d.service.id) ?? [];
			const index = service.environments.findIndex((env) => /^prod(uction)?$/i.test(env.name));
			out.push({
				kind: 'single-point-of-failure',
				service: service.id,
				services: [service.id, ...dependants],
				path: ['environments', index, 'replicas'],
				message: `tier-${service.tier} ${service.id} runs ${replicas} production replica${replicas === 1 ? '' : 's'} and has no failover${dependants.length ? `; ${dependants.join(', ')} hard-depend${dependants.length === 1 ? 's' : ''} on it` : ''}`,
				fix: 'run 2 or more production replicas, or fail over automatically ("recovery.failover.mode: automatic")',
			});
		}
	}
	return out;
}

/** Strongly connected components of the hard-dependency graph (Tarjan), each a cycle. */
export function dependencyCycles(model: Model): Finding[] {
	const indexOf = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	let counter = 0;
	const edges = (id: string) => hardDependencies(model, model.services.get(id)!).map(({ target }) => target.id);
	const connect = (id: string) => {
		indexOf.set(id, counter);
		low.set(id, counter++);
		stack.push(id);
		onStack.add(id);
		for (const next of edges(id)) {
			if (!indexOf.has(next)) {
				connect(next);
				low.set(id, Math.min(low.get(id)!, low.get(next)!));
			} else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, indexOf.get(next)!));
		}
		if (low.get(id) === indexOf.get(id)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== id);
			if (component.length > 1) components.push(component.sort());
		}
	};
	for (const id of model.services.keys()) if (!indexOf.has(id)) connect(id);
	return components.map((component) => {
		const first = model.services.get(component[0]!)!;
		const index = first.dependencies.findIndex((d) => d.type === 'hard' && component.includes(d.service));
		return {
			kind: 'dependency-cycle' as const,
			service: first.id,
			services: component,
			path: ['dependencies', index, 'service'],
			message: `hard dependencies form a cycle: ${describeCycle(model, component)}; none of them can start or recover first`,
			fix: 'make one of these dependencies soft (with a fallback), so one service can start first',
		};
	});
}

function describeCycle(model: Model, component: string[]): string {
	// Walk the cycle from its first member so the message reads as a path.
	const members = new Set(component);
	const path = [component[0]!];
	while (path.length <= component.length) {
		const current = model.services.get(path.at(-1)!)!;
		const next = current.dependencies.find((d) => d.type === 'hard' && members.has(d.service) && (d.service === path[0] || !path.includes(d.service)));
		if (!next) break;
		path.push(next.service);
		if (next.service === path[0]) break;
	}
	return path.join(' → ');
}

function round(value: number): string {
	return String(Math.round(value * 100) / 100);
}

/**
 * A service that may stay down longer than the business can bear: its RTO is longer than the
 * maximum tolerable downtime of its business impact analysis (its own, else its system's).
 */
export function rtosBeyondMtd(model: Model): Finding[] {
	const out: Finding[] = [];
	for (const service of model.services.values()) {
		const impact = impactOf(model, service);
		if (!service.recovery || impact?.maxTolerableDowntime === undefined) continue;
		const mtd = impact.maxTolerableDowntime;
		const rto = seconds(service.recovery.rto);
		if (rto <= seconds(mtd)) continue;
		const whose = impact.mtdFrom === 'service' ? 'its own' : `its system ${service.system}'s`;
		const where = impact.mtdFrom === 'service' ? '"impact.maxTolerableDowntime" on this service' : `"impact.maxTolerableDowntime" in ${impact.system?.file ?? `systems/${service.system}.yaml`}`;
		out.push({
			kind: 'rto-beyond-mtd',
			service: service.id,
			services: [service.id],
			path: ['recovery', 'rto'],
			message: `${service.id} may take ${formatDuration(rto)} to recover (RTO ${service.recovery.rto}) but ${whose} maximum tolerable downtime is ${formatDuration(seconds(mtd))} (MTD ${mtd})`,
			fix: `plan a recovery within ${mtd} and set "rto: ${mtd}" or less, or, if the business can bear a longer outage of this service, say so in ${where}${impact.mtdFrom === 'system' ? ' (or give the service its own "impact.maxTolerableDowntime")' : ''}`,
		});
	}
	return out;
}

export function analyse(model: Model): Finding[] {
	return [
		...rtoInversions(model),
		...availabilityCeilings(model),
		...tierInversions(model),
		...singlePointsOfFailure(model),
		...dependencyCycles(model),
		...rtosBeyondMtd(model),
	].sort((a, b) => a.service.localeCompare(b.service) || a.kind.localeCompare(b.kind));
}

export function findingsFor(findings: Finding[], serviceId: string): Finding[] {
	return findings.filter((finding) => finding.services.includes(serviceId));
}
