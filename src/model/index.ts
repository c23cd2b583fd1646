/**
 * The validated model, with the indexes every consumer needs built once. Everything
 * downstream of the loader (analysis, coverage, diagrams, pages) reads only this.
 */
import { posix } from 'node:path';
import type { Control } from './control.ts';
import type { IncidentPolicy } from './incident.ts';
import type { Policy } from './policy.ts';
import type { Review } from './review.ts';
import type { Runbook } from './runbook.ts';
import type { SecurityPlan } from './security.ts';
import type { Alert, Service } from './service.ts';
import type { System } from './system.ts';
import type { Team } from './team.ts';
import type { Tree } from './tree.ts';

export * from './common.ts';
export type { IncidentPolicy, Policy, Runbook, SecurityPlan, Service, System, Team, Tree, Alert, Review, Control };

/** Every entity remembers the file it came from (relative to the model folder, with /). */
export type Sourced<T> = T & { readonly file: string };

export interface Model {
	systems: Map<string, Sourced<System>>;
	teams: Map<string, Sourced<Team>>;
	services: Map<string, Sourced<Service>>;
	runbooks: Map<string, Sourced<Runbook>>;
	trees: Map<string, Sourced<Tree>>;
	/** Post-incident reviews (reviews/). */
	reviews: Map<string, Sourced<Review>>;
	/** Compliance controls (controls/). */
	controls: Map<string, Sourced<Control>>;
	security?: Sourced<SecurityPlan>;
	incident?: Sourced<IncidentPolicy>;
	policy?: Sourced<Policy>;
	/** Prose pages (Markdown/MDX), relative paths. */
	guides: string[];
	index: ModelIndex;
}

export interface AlertEntry {
	alert: Alert;
	service: Sourced<Service>;
}

export interface ModelIndex {
	servicesBySystem: Map<string, Sourced<Service>[]>;
	servicesByTeam: Map<string, Sourced<Service>[]>;
	runbooksByService: Map<string, Sourced<Runbook>[]>;
	treesByService: Map<string, Sourced<Tree>[]>;
	/** Post-incident reviews that list the service, newest incident first. */
	reviewsByService: Map<string, Sourced<Review>[]>;
	/** Services that depend on the key. */
	dependants: Map<string, { service: Sourced<Service>; type: 'hard' | 'soft' }[]>;
	/** Alert name → where it is defined (a name may be defined twice; the check reports that). */
	alerts: Map<string, AlertEntry[]>;
	/** Runbooks that name an alert in their triggers. */
	runbooksByAlert: Map<string, Sourced<Runbook>[]>;
	/** Runbook id → names of the alerts that lead there (see `runbookForAlert`), in alert order. */
	alertsByRunbook: Map<string, string[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/**
 * Builds the indexes. Entities are sorted by id so every page and report is stable. Reviews and
 * controls may be left out (a model without them).
 */
export function createModel(parts: Omit<Model, 'index' | 'reviews' | 'controls'> & Partial<Pick<Model, 'reviews' | 'controls'>>): Model {
	const sort = <T extends { id: string }>(map: Map<string, T>) =>
		new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
	const model: Omit<Model, 'index'> = {
		...parts,
		systems: sort(parts.systems),
		teams: sort(parts.teams),
		services: sort(parts.services),
		runbooks: sort(parts.runbooks),
		trees: sort(parts.trees),
		reviews: sort(parts.reviews ?? new Map()),
		controls: sort(parts.controls ?? new Map()),
	};
	const index: ModelIndex = {
		servicesBySystem: new Map(),
		servicesByTeam: new Map(),
		runbooksByService: new Map(),
		treesByService: new Map(),
		reviewsByService: new Map(),
		dependants: new Map(),
		alerts: new Map(),
		runbooksByAlert: new Map(),
		alertsByRunbook: new Map(),
	};
	for (const service of model.services.values()) {
		push(index.servicesBySystem, service.system, service);
		push(index.servicesByTeam, service.owner, service);
		for (const dependency of service.dependencies) {
			push(index.dependants, dependency.service, { service, type: dependency.type });
		}
		for (const alert of service.alerts) push(index.alerts, alert.name, { alert, service });
	}
	for (const runbook of model.runbooks.values()) {
		for (const service of runbook.services) push(index.runbooksByService, service, runbook);
		for (const alert of runbook.triggers.alerts) push(index.runbooksByAlert, alert, runbook);
	}
	for (const tree of model.trees.values()) {
		for (const service of tree.services) push(index.treesByService, service, tree);
	}
	const newestFirst = [...model.reviews.values()].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
	for (const review of newestFirst) {
		for (const service of new Set(review.services)) push(index.reviewsByService, service, review);
	}
	const result = { ...model, index };
	for (const [name, entries] of index.alerts) {
		const runbooks = new Set(entries.map((entry) => runbookForAlert(result, entry)?.id).filter((id) => id !== undefined));
		for (const id of runbooks) push(index.alertsByRunbook, id, name);
	}
	return result;
}

/**
 * The runbook an on-call engineer should open for an alert: the one it names, else one whose
 * triggers list it — also when the id it names is misspelt, so the page still leads somewhere.
 */
export function runbookForAlert(model: Model, entry: AlertEntry): Sourced<Runbook> | undefined {
	const named = entry.alert.runbook === undefined ? undefined : model.runbooks.get(entry.alert.runbook);
	return named ?? model.index.runbooksByAlert.get(entry.alert.name)?.[0];
}

export function runbooksOf(model: Model, serviceId: string, kind?: Runbook['kind']): Sourced<Runbook>[] {
	const all = model.index.runbooksByService.get(serviceId) ?? [];
	return kind ? all.filter((runbook) => runbook.kind === kind) : all;
}

export function treesOf(model: Model, serviceId: string): Sourced<Tree>[] {
	return model.index.treesByService.get(serviceId) ?? [];
}

/** The post-incident reviews that list a service, newest incident first. */
export function reviewsOf(model: Model, serviceId: string): Sourced<Review>[] {
	return model.index.reviewsByService.get(serviceId) ?? [];
}

export function dependantsOf(model: Model, serviceId: string) {
	return model.index.dependants.get(serviceId) ?? [];
}

export function servicesOfSystem(model: Model, systemId: string) {
	return model.index.servicesBySystem.get(systemId) ?? [];
}

export function servicesOfTeam(model: Model, teamId: string) {
	return model.index.servicesByTeam.get(teamId) ?? [];
}

/** Production replica count: the environment named "production" (or "prod"), if any. */
export function productionReplicas(service: Service): number | undefined {
	const production = service.environments.find((env) => /^prod(uction)?$/i.test(env.name));
	return production?.replicas;
}

/**
 * Where an API's definition is in the model folder, as the published copy is named
 * (`./apis/x.proto` → `apis/x.proto`); the model check has made sure it stays inside.
 */
export function definitionPath(spec: string): string {
	return posix.normalize(spec.split('\\').join('/')).replace(/^(\.\/)+/, '');
}
