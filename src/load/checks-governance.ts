/**
 * Cross-file checks of the governance parts of the model: the business impact analysis, the
 * data inventory and access. Every reference is resolved with a did-you-mean (through the
 * resolver checks.ts hands in), so the messages read like every other unknown id.
 */
import { sensitivity } from '../model/governance.ts';
import type { Policy, Service, System } from '../model/index.ts';
import type { Parsed } from './checks.ts';

type Path = readonly PropertyKey[];

export interface GovernanceContext {
	systems: Parsed<System>[];
	services: Parsed<Service>[];
	policy?: Parsed<Policy>;
	ids: { teams: Set<string>; runbooks: Set<string> };
	/** Every classification id the model knows (built-in and declared). */
	classifications: Set<string>;
	resolveRef: (entity: Parsed<unknown>, path: Path, wanted: string, known: Set<string>, label: string) => boolean;
	error: (entity: Parsed<unknown>, path: Path, message: string) => void;
	warn: (entity: Parsed<unknown>, path: Path, message: string) => void;
}

export function checkGovernance(c: GovernanceContext): void {
	const { ids, resolveRef } = c;
	const dependents = (entity: Parsed<unknown>, list: { team?: string }[] | undefined) =>
		list?.forEach((dependent, i) => {
			if (dependent.team !== undefined) resolveRef(entity, ['impact', 'dependents', i, 'team'], dependent.team, ids.teams, 'team');
		});

	for (const system of c.systems) {
		const s = system.data;
		dependents(system, s.impact?.dependents);
		if (s.access) {
			const names = new Map<string, number>();
			s.access.roles.forEach((role, i) => {
				const key = role.name.trim().toLowerCase();
				if (names.has(key)) c.error(system, ['access', 'roles', i, 'name'], `role "${role.name}" is listed twice; give each role one entry`);
				else names.set(key, i);
				resolveRef(system, ['access', 'roles', i, 'grantedBy'], role.grantedBy, ids.teams, 'team');
				if (role.request !== undefined) resolveRef(system, ['access', 'roles', i, 'request'], role.request, ids.runbooks, 'runbook');
			});
			if (s.access.breakGlass !== undefined) resolveRef(system, ['access', 'breakGlass'], s.access.breakGlass, ids.runbooks, 'runbook');
		}
	}

	const policy = c.policy?.data;
	for (const service of c.services) {
		const s = service.data;
		dependents(service, s.impact?.dependents);
		const names = new Set<string>();
		s.data.forEach((data, i) => {
			const key = data.name.trim().toLowerCase();
			if (names.has(key)) c.error(service, ['data', i, 'name'], `data set "${data.name}" is listed twice; give each data set one entry`);
			names.add(key);
			if (data.classification !== undefined && resolveRef(service, ['data', i, 'classification'], data.classification, c.classifications, 'data classification')) {
				// dataClassification is the most sensitive data the service holds: a data set cannot be more.
				const own = sensitivity(policy, data.classification);
				const most = sensitivity(policy, s.dataClassification);
				if (own !== undefined && most !== undefined && own > most) {
					c.warn(service, ['data', i, 'classification'], `data set "${data.name}" is ${data.classification}, more sensitive than the service's dataClassification ${s.dataClassification}; dataClassification is the most sensitive data it holds — raise it to ${data.classification}`);
				}
			}
			for (const field of ['exportRunbook', 'erasureRunbook'] as const) {
				const wanted = data[field];
				if (wanted !== undefined) resolveRef(service, ['data', i, field], wanted, ids.runbooks, 'runbook');
			}
		});
	}
}
