/**
 * Reading the governance parts of the model together: a service's business impact (its own
 * over its system's), what a data classification counts as, and the rules that apply to a data
 * set. Pure functions of the model, shared by the analysis, the coverage gate and the pages.
 */
import type { BusinessImpact } from './impact.ts';
import type { Model, Policy, Service, Sourced, System } from './index.ts';
import type { DataRule } from './policy.ts';
import { builtinClassifications, type DataSet } from './service.ts';

export type BuiltinClassification = (typeof builtinClassifications)[number];

/** A service's business impact: each field its own when it gives one, else its system's. */
export interface EffectiveImpact extends Partial<BusinessImpact> {
	/** Where the maximum tolerable downtime comes from, when there is one. */
	mtdFrom?: 'service' | 'system';
	/** The system whose analysis it inherits from, when it has one. */
	system?: Sourced<System>;
}

export function impactOf(model: Pick<Model, 'systems'>, service: Service): EffectiveImpact | undefined {
	const system = model.systems.get(service.system);
	const inherited = system?.impact;
	const own = service.impact;
	if (!inherited && !own) return undefined;
	const merged: EffectiveImpact = { ...inherited, system: inherited ? system : undefined };
	for (const [key, value] of Object.entries(own ?? {})) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
	if (own?.maxTolerableDowntime !== undefined) merged.mtdFrom = 'service';
	else if (inherited?.maxTolerableDowntime !== undefined) merged.mtdFrom = 'system';
	return merged;
}

/** The built-in classification a classification id counts as: itself, or a declared one's `like`. */
export function builtinClassification(policy: Pick<Policy, 'vocabulary'> | undefined, id: string): BuiltinClassification | undefined {
	if ((builtinClassifications as readonly string[]).includes(id)) return id as BuiltinClassification;
	return policy?.vocabulary.classifications.find((term) => term.id === id)?.like;
}

/** 0 (public) … 3 (restricted); undefined for an id the model does not know. */
export function sensitivity(policy: Pick<Policy, 'vocabulary'> | undefined, id: string): number | undefined {
	const builtin = builtinClassification(policy, id);
	return builtin === undefined ? undefined : builtinClassifications.indexOf(builtin);
}

/** A data set's classification: its own, else the service's. */
export function classificationOf(service: Pick<Service, 'dataClassification'>, data: DataSet): string {
	return data.classification ?? service.dataClassification;
}

/** The policy's rules for a data set (through its classification's `like`), with the classification they were found under. */
export function dataRulesFor(policy: Pick<Policy, 'vocabulary' | 'dataRules'> | undefined, classification: string): { rule: DataRule; under: BuiltinClassification } | undefined {
	const builtin = builtinClassification(policy, classification);
	const rule = builtin === undefined ? undefined : policy?.dataRules?.[builtin];
	return rule && builtin ? { rule, under: builtin } : undefined;
}

/** Kinds of service that hold data of their own, unless they say they are stateless. */
export const dataStoreKinds: readonly Service['kind'][] = ['database', 'storage', 'queue', 'cache'];

export function isDataStore(service: Pick<Service, 'kind' | 'recovery'>): boolean {
	return dataStoreKinds.includes(service.kind) && service.recovery?.stateless !== true;
}

/** The most critical service of a system (lowest tier, then id; exempt lifecycle stages left out): the one its access is judged on. */
export function mostCriticalService(model: Pick<Model, 'services'>, systemId: string, exempt: readonly string[] = []): Sourced<Service> | undefined {
	let best: Sourced<Service> | undefined;
	for (const service of model.services.values()) {
		if (service.system !== systemId || exempt.includes(service.lifecycle)) continue;
		if (!best || service.tier < best.tier || (service.tier === best.tier && service.id < best.id)) best = service;
	}
	return best;
}
