/**
 * The coverage verdict: every service judged against its tier's requirements, with waivers
 * applied. A pure function of model + policy + today, so tests can fix the date.
 */
import type { Model, Policy } from '../model/index.ts';
import type { RequirementId } from '../model/policy.ts';
import { requirementById } from './requirements.ts';

export type Status = 'met' | 'missing' | 'stale' | 'waived';

export interface Waiver {
	service: string;
	requirement: RequirementId;
	reason: string;
	approver: string;
	expires: string;
	expired: boolean;
	/** Index in policy.waivers, to point at the YAML. */
	index: number;
}

export interface Result {
	requirement: RequirementId;
	status: Status;
	detail: string;
	/** Set when a waiver covers (or, expired, no longer covers) this result. */
	waiver?: Waiver;
}

export interface ServiceVerdict {
	service: string;
	file: string;
	tier: number;
	team: string;
	system: string;
	results: Result[];
	met: number;
	total: number;
}

export interface Gap {
	service: string;
	/** The file to change: the service's, or a runbook's, tree's or team's when the fix lives there. */
	file: string;
	tier: number;
	requirement: RequirementId;
	/** The field of that file the gap is about (see Requirement.field and GapItem). */
	field: readonly (string | number)[];
	status: 'missing' | 'stale';
	/** The specific thing: which alert, which runbook, which date and how old. */
	detail: string;
	/** The fix that fits this case. */
	fix: string;
	/** `tier 1 requires a disaster-recovery runbook, but … — add a runbook with …` */
	message: string;
}

export interface Tally {
	met: number;
	waived: number;
	total: number;
	/** Met or waived, as a percentage of total (100 when there is nothing to meet). */
	percent: number;
}

export interface Verdict {
	today: string;
	services: ServiceVerdict[];
	gaps: Gap[];
	waivers: Waiver[];
	overall: Tally;
	byTier: Map<number, Tally>;
	byTeam: Map<string, Tally>;
	/** Requirements in the order the policy first names them, for report columns. */
	requirements: RequirementId[];
	/** Services not judged because the policy exempts their lifecycle stage. */
	exempt: { service: string; lifecycle: string }[];
	ok: boolean;
}

export function judge(model: Model, policy: Policy, today: string): Verdict {
	const waivers: Waiver[] = policy.waivers.map((w, index) => ({ ...w, expired: w.expires < today, index }));
	const services: ServiceVerdict[] = [];
	const gaps: Gap[] = [];
	const columns = new Set<RequirementId>();
	for (const tier of ['1', '2', '3', '4'] as const) for (const id of policy.tiers[tier]) columns.add(id);

	const exempt: Verdict['exempt'] = [];
	for (const service of model.services.values()) {
		if (policy.lifecycles.exempt.includes(service.lifecycle)) {
			exempt.push({ service: service.id, lifecycle: service.lifecycle });
			continue;
		}
		const wanted = [...policy.tiers[String(service.tier) as '1' | '2' | '3' | '4']];
		// A lifecycle rule holds whatever the tier.
		if (policy.lifecycles.needSunset.includes(service.lifecycle) && !wanted.includes('sunset')) wanted.push('sunset');
		const results: Result[] = [];
		for (const id of wanted) {
			columns.add(id);
			const requirement = requirementById.get(id)!;
			const judgement = requirement.judge(service, { model, policy, today });
			const waiver = waivers.find((w) => w.service === service.id && w.requirement === id);
			if (judgement.status === 'met') {
				results.push({ requirement: id, status: 'met', detail: judgement.detail ?? '' });
				continue;
			}
			if (waiver && !waiver.expired) {
				results.push({ requirement: id, status: 'waived', detail: judgement.detail, waiver });
				continue;
			}
			const expiredNote = waiver ? ` (its waiver expired on ${waiver.expires})` : '';
			results.push({ requirement: id, status: judgement.status, detail: waiver ? `${judgement.detail} (waiver expired ${waiver.expires})` : judgement.detail, waiver });
			const needs = judgement.needs ?? requirement.needs;
			const items = judgement.items ?? [{ field: judgement.field ?? requirement.field, detail: judgement.detail, fix: judgement.fix ?? requirement.fix(service) }];
			for (const item of items) {
				const file = item.file ?? service.file;
				// In another file the gap must say which service asks for it.
				const who = file === service.file ? `tier ${service.tier}` : `${service.id} is tier ${service.tier}, which`;
				gaps.push({
					service: service.id,
					file,
					tier: service.tier,
					requirement: id,
					field: item.field,
					status: judgement.status,
					detail: item.detail,
					fix: item.fix,
					message: `${who} requires ${needs}, but ${item.detail} — ${item.fix}${expiredNote}`,
				});
			}
		}
		const metCount = results.filter((r) => r.status === 'met' || r.status === 'waived').length;
		services.push({ service: service.id, file: service.file, tier: service.tier, team: service.owner, system: service.system, results, met: metCount, total: results.length });
	}

	const tally = (list: ServiceVerdict[]): Tally => {
		const all = list.flatMap((s) => s.results);
		const met = all.filter((r) => r.status === 'met').length;
		const waived = all.filter((r) => r.status === 'waived').length;
		const total = all.length;
		return { met, waived, total, percent: total ? Math.floor(((met + waived) / total) * 1000) / 10 : 100 };
	};
	const group = (key: (s: ServiceVerdict) => string | number) => {
		const map = new Map<string | number, ServiceVerdict[]>();
		for (const s of services) map.set(key(s), [...(map.get(key(s)) ?? []), s]);
		return new Map([...map].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, list]) => [k, tally(list)]));
	};
	return {
		today,
		services,
		gaps,
		waivers,
		overall: tally(services),
		byTier: group((s) => s.tier) as Map<number, Tally>,
		byTeam: group((s) => s.team) as Map<string, Tally>,
		requirements: [...columns],
		exempt,
		ok: gaps.length === 0,
	};
}
