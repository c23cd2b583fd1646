/**
 * Read-only questions the continuity, data inventory, access, system and service pages ask of
 * the governance parts of the model. Pure, so they are unit-tested without a build.
 */
import { seconds } from '../lib/duration.ts';
import type { AccessRole } from '../model/access.ts';
import { classificationOf, impactOf, type EffectiveImpact } from '../model/governance.ts';
import type { BusinessImpact } from '../model/impact.ts';
import type { Model, Service, Sourced, System } from '../model/index.ts';
import type { DataSet } from '../model/service.ts';
import { byTierThenName, systemServices } from './queries.ts';

export interface ImpactRow {
	system: Sourced<System>;
	impact: BusinessImpact;
	/** The service of the system with the longest RTO, and that RTO. */
	longest?: { service: Sourced<Service>; rto: string };
	/** Services whose RTO is longer than the maximum tolerable downtime that applies to them. */
	beyond: Sourced<Service>[];
	/** Services of the system that give their own analysis (any field of it). */
	overrides: { service: Sourced<Service>; impact: EffectiveImpact }[];
}

/** One row per system with a business impact analysis, in the order of the systems. */
export function impactRows(model: Model): ImpactRow[] {
	return [...model.systems.values()].flatMap((system) => impactRowOf(model, system) ?? []);
}

/** One system's row of the continuity table, or undefined when it has no impact analysis. */
export function impactRowOf(model: Model, system: Sourced<System>): ImpactRow | undefined {
	if (!system.impact) return undefined;
	const services = systemServices(model, system.id);
	let longest: ImpactRow['longest'];
	for (const service of services) {
		if (!service.recovery) continue;
		if (!longest || seconds(service.recovery.rto) > seconds(longest.rto)) longest = { service, rto: service.recovery.rto };
	}
	const beyond = services.filter((service) => {
		const mtd = impactOf(model, service)?.maxTolerableDowntime;
		return service.recovery && mtd !== undefined && seconds(service.recovery.rto) > seconds(mtd);
	});
	const overrides = services.filter((service) => service.impact && Object.keys(service.impact).length > 0).map((service) => ({ service, impact: impactOf(model, service)! }));
	return { system, impact: system.impact, longest, beyond, overrides };
}

/** Services that give their own business impact analysis although their system has none. */
export function impactWithoutSystem(model: Model): Sourced<Service>[] {
	return [...model.services.values()].filter((service) => service.impact && !model.systems.get(service.system)?.impact).sort(byTierThenName);
}

export interface DataRow {
	service: Sourced<Service>;
	data: DataSet;
	/** Index in the service's `data` list. */
	index: number;
	/** The data set's own classification, else the service's. */
	classification: string;
}

/** Every data set of every service: by system, then most critical service first, in the order written. */
export function dataInventory(model: Model): DataRow[] {
	const services = [...model.services.values()].sort((a, b) => a.system.localeCompare(b.system) || byTierThenName(a, b));
	return services.flatMap((service) => service.data.map((data, index) => ({ service, data, index, classification: classificationOf(service, data) })));
}

/** Data stores (database, storage, queue, cache, not stateless) that list no data. */
export function uninventoried(model: Model, isStore: (service: Service) => boolean): Sourced<Service>[] {
	return [...model.services.values()].filter((service) => service.data.length === 0 && isStore(service)).sort(byTierThenName);
}

export interface AccessRow {
	system: Sourced<System>;
	role: AccessRole;
	/** Index in the system's `access.roles`. */
	index: number;
}

/** The access matrix: every role of every system, in the order written. */
export function accessMatrix(model: Model): AccessRow[] {
	return [...model.systems.values()].flatMap((system) => (system.access?.roles ?? []).map((role, index) => ({ system, role, index })));
}

/** How long ago (days) a date was, judged on `today`, and whether it is older than `every`. */
export function recertificationAge(last: string | undefined, every: string, today: string): { days: number; stale: boolean } | undefined {
	if (!last) return undefined;
	const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / 86_400_000);
	return { days, stale: days > seconds(every) / 86_400 };
}
