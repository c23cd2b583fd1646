/**
 * The second layer of validation: what no single file can know. References across files,
 * duplicate ids, troubleshooting-tree structure, alerts and their runbooks.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { closest } from '../lib/closest.ts';
import type { Control, IncidentPolicy, Policy, Review, Runbook, SecurityPlan, Service, System, Team, Tree } from '../model/index.ts';
import { reviewTimeProblems } from '../analysis/reviews.ts';
import { incidentType } from '../model/security.ts';
import { builtinClassifications, builtinLifecycles } from '../model/service.ts';
import { checkGovernance } from './checks-governance.ts';
import { formatPath, type Diagnostic } from './diagnostics.ts';
import { locate, type SourceFile } from './source.ts';

export interface Parsed<T> {
	data: T;
	/** Path relative to the model folder. */
	file: string;
	source: SourceFile;
}

export interface ParsedModel {
	root: string;
	systems: Parsed<System>[];
	teams: Parsed<Team>[];
	services: Parsed<Service>[];
	runbooks: Parsed<Runbook>[];
	trees: Parsed<Tree>[];
	reviews: Parsed<Review>[];
	controls: Parsed<Control>[];
	security?: Parsed<SecurityPlan>;
	incident?: Parsed<IncidentPolicy>;
	policy?: Parsed<Policy>;
	/**
	 * Ids of entities whose file failed its shape check. References to them are not reported
	 * again: the shape error is the one problem, not every file that names the entity.
	 */
	unchecked?: Partial<Record<'systems' | 'teams' | 'services' | 'runbooks' | 'trees' | 'reviews' | 'controls' | 'alerts', Set<string>>>;
}

type Path = readonly PropertyKey[];

class Reporter {
	readonly diagnostics: Diagnostic[] = [];
	report(severity: Diagnostic['severity'], entity: Parsed<unknown>, path: Path, message: string, key = false) {
		const { line, column } = locate(entity.source, path, { key });
		this.diagnostics.push({ severity, file: entity.source.display, line, column, path: formatPath(path), message });
	}
	error(entity: Parsed<unknown>, path: Path, message: string) {
		this.report('error', entity, path, message);
	}
	warn(entity: Parsed<unknown>, path: Path, message: string) {
		this.report('warning', entity, path, message);
	}
}

export function checkModel(model: ParsedModel): Diagnostic[] {
	const out = new Reporter();
	const withUnchecked = (known: Set<string>, kind: keyof NonNullable<ParsedModel['unchecked']>) => {
		for (const id of model.unchecked?.[kind] ?? []) known.add(id);
		return known;
	};
	const ids = {
		systems: withUnchecked(uniqueIds(out, model.systems, 'system'), 'systems'),
		teams: withUnchecked(uniqueIds(out, model.teams, 'team'), 'teams'),
		services: withUnchecked(uniqueIds(out, model.services, 'service'), 'services'),
		runbooks: withUnchecked(uniqueIds(out, model.runbooks, 'runbook'), 'runbooks'),
		trees: withUnchecked(uniqueIds(out, model.trees, 'troubleshooting tree'), 'trees'),
		reviews: withUnchecked(uniqueIds(out, model.reviews, 'post-incident review'), 'reviews'),
		controls: withUnchecked(uniqueIds(out, model.controls, 'compliance control'), 'controls'),
	};

	/** Reports an id that names nothing, with the nearest id that does. */
	const resolveRef = (entity: Parsed<unknown>, path: Path, wanted: string, known: Set<string>, label: string) => {
		if (known.has(wanted)) return true;
		const guess = closest(wanted, known);
		const hint = guess ? `; did you mean "${guess}"?` : known.size ? '' : ` (the model has no ${label} yet)`;
		out.error(entity, path, `unknown ${label} "${wanted}"${hint}`);
		return false;
	};

	/** An escalation to a level of a team's ladder must name a level the ladder has (when the team lists any). */
	const ladders = new Map(model.teams.map((team) => [team.data.id, team.data.escalation.map((level) => level.level)]));
	const checkLevel: CheckLevel = (entity, path, teamId, level) => {
		const levels = ladders.get(teamId) ?? [];
		if (level === undefined || levels.length === 0 || levels.includes(level)) return;
		out.warn(entity, path, `team "${teamId}" has no escalation level ${level}; its levels are ${levels.join(', ')}`);
	};

	for (const system of model.systems) resolveRef(system, ['owner'], system.data.owner, ids.teams, 'team');

	const alertOwners = new Map<string, Parsed<Service>>();
	const alertsNamedByRunbooks = new Set(model.runbooks.flatMap((r) => r.data.triggers.alerts));
	const runbookById = new Map<string, Parsed<Runbook>>();
	for (const runbook of model.runbooks) if (!runbookById.has(runbook.data.id)) runbookById.set(runbook.data.id, runbook);
	const vocabulary = model.policy?.data.vocabulary;
	const lifecycles = new Set<string>([...builtinLifecycles, ...(vocabulary?.lifecycles.map((term) => term.id) ?? [])]);
	const classifications = new Set<string>([...builtinClassifications, ...(vocabulary?.classifications.map((term) => term.id) ?? [])]);
	const apiOwners = new Map<string, { service: Parsed<Service>; type: string }>();
	for (const service of model.services) {
		const s = service.data;
		resolveRef(service, ['lifecycle'], s.lifecycle, lifecycles, 'lifecycle stage');
		resolveRef(service, ['dataClassification'], s.dataClassification, classifications, 'data classification');
		resolveRef(service, ['system'], s.system, ids.systems, 'system');
		resolveRef(service, ['owner'], s.owner, ids.teams, 'team');
		s.dependencies.forEach((dependency, i) => {
			if (dependency.service === s.id) out.error(service, ['dependencies', i, 'service'], 'a service cannot depend on itself');
			else resolveRef(service, ['dependencies', i, 'service'], dependency.service, ids.services, 'service');
		});
		const seenDeps = new Set<string>();
		s.dependencies.forEach((dependency, i) => {
			if (seenDeps.has(dependency.service)) out.error(service, ['dependencies', i, 'service'], `"${dependency.service}" is listed twice in dependencies`);
			seenDeps.add(dependency.service);
		});
		if (s.recovery && !s.recovery.stateless && s.recovery.rpo === undefined) {
			out.error(service, ['recovery'], 'missing "rpo"; give the recovery point objective, or set "stateless: true" when the service holds no data');
		}
		// A stateless service may state an RPO (teams write "0"): the page shows it beside "stateless".
		if (s.replacement !== undefined) {
			if (s.replacement === s.id) out.error(service, ['replacement'], 'a service cannot replace itself');
			else resolveRef(service, ['replacement'], s.replacement, ids.services, 'service');
		}
		s.slos.forEach((slo, i) => {
			// OpenSLO and most tools write 0.99; Opsbook reads percent, so that is 0.99 %.
			if (slo.indicator !== 'error-rate' && slo.target < 90) out.warn(service, ['slos', i, 'target'], unlikelyPercent(slo.target, 'objective'));
			if (slo.indicator === 'latency' && (slo.threshold === undefined || slo.percentile === undefined)) {
				out.error(service, ['slos', i], 'a latency SLO needs "percentile" (e.g. 95) and "threshold" (e.g. "200ms")');
			}
			if (slo.indicator !== 'latency' && (slo.threshold !== undefined || slo.percentile !== undefined)) {
				out.error(service, ['slos', i], `"percentile" and "threshold" apply to latency SLOs only, not ${slo.indicator}`);
			}
		});
		s.alerts.forEach((alert, i) => {
			if (alert.rules) {
				// One rule per severity; the alert's own severity is the worst of them (what pages).
				const seen = new Set<string>();
				alert.rules.forEach((rule, j) => {
					if (seen.has(rule.severity)) out.error(service, ['alerts', i, 'rules', j, 'severity'], `alert "${alert.name}" has two rules at severity ${rule.severity}; give each severity one rule`);
					seen.add(rule.severity);
				});
				const worst = (['critical', 'warning', 'info'] as const).find((level) => seen.has(level));
				if (worst && worst !== alert.severity) out.error(service, ['alerts', i, 'severity'], `severity is "${alert.severity}" but the alert's most severe rule is "${worst}"; set "severity: ${worst}"`);
			}
			const first = alertOwners.get(alert.name);
			if (first) {
				out.error(service, ['alerts', i, 'name'], `alert "${alert.name}" is already defined in ${first.source.display}; alert names must be unique so each leads to one runbook`);
			} else alertOwners.set(alert.name, service);
			if (alert.runbook) {
				const fallback = !ids.runbooks.has(alert.runbook) && model.runbooks.find((r) => r.data.triggers.alerts.includes(alert.name));
				if (fallback) {
					// The pages already lead there (runbookForAlert); say so, so nobody is surprised.
					const guess = closest(alert.runbook, ids.runbooks);
					out.error(service, ['alerts', i, 'runbook'], `unknown runbook "${alert.runbook}"${guess ? `; did you mean "${guess}"?` : ''} Until it is fixed the alert leads to runbook "${fallback.data.id}", which lists it in triggers.alerts`);
				} else if (resolveRef(service, ['alerts', i, 'runbook'], alert.runbook, ids.runbooks, 'runbook')) {
					// Absent when the runbook's own file failed its shape check (reported there).
					const runbook = runbookById.get(alert.runbook);
					if (runbook && !runbook.data.services.includes(s.id)) {
						out.warn(service, ['alerts', i, 'runbook'], `runbook "${alert.runbook}" does not list service "${s.id}" in its services`);
					}
				}
			} else if (!alertsNamedByRunbooks.has(alert.name) && !alert.runbookUrl) {
				out.warn(service, ['alerts', i], `alert "${alert.name}" has no runbook; set "runbook:" or name the alert in a runbook's triggers.alerts`);
			}
		});
		if (s.sla && s.sla.availability < 90) out.warn(service, ['sla', 'availability'], unlikelyPercent(s.sla.availability, 'SLA'));
		const apiIds = new Set<string>();
		s.apis.forEach((api, i) => {
			if (apiIds.has(api.id)) out.error(service, ['apis', i, 'id'], `API id "${api.id}" is used twice in this service`);
			else {
				// An API's pages live at /apis/<id>/ whatever its type; two OpenAPI specs with one id are the API check's to report.
				const other = apiOwners.get(api.id);
				if (other && other.service !== service && (other.type !== 'openapi' || api.type !== 'openapi')) {
					out.error(service, ['apis', i, 'id'], `API id "${api.id}" is already used by ${other.service.source.display}; API ids are unique in the model (their pages live at /apis/<id>/)`);
				}
				if (!other) apiOwners.set(api.id, { service, type: api.type });
			}
			apiIds.add(api.id);
			const problem = specPathProblem(model.root, api.spec);
			if (problem) out.error(service, ['apis', i, 'spec'], problem);
		});
	}

	for (const runbook of model.runbooks) {
		const r = runbook.data;
		r.services.forEach((id, i) => resolveRef(runbook, ['services', i], id, ids.services, 'service'));
		r.triggers.alerts.forEach((name, i) => {
			if (!alertOwners.has(name) && !model.unchecked?.alerts?.has(name)) {
				const guess = closest(name, alertOwners.keys());
				out.warn(runbook, ['triggers', 'alerts', i], `no service defines alert "${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
			}
		});
		if (r.owner !== undefined) resolveRef(runbook, ['owner'], r.owner, ids.teams, 'team');
		// Written as one escalation or a list; the schema hands on a list either way, the file has the shape it was written in.
		const listed = Array.isArray((runbook.source.data as { escalation?: unknown } | null)?.escalation);
		r.escalation?.forEach((escalation, i) => {
			const path = listed ? ['escalation', i] : ['escalation'];
			if (resolveRef(runbook, [...path, 'team'], escalation.team, ids.teams, 'team')) checkLevel(runbook, [...path, 'level'], escalation.team, escalation.level);
		});
	}

	for (const tree of model.trees) checkTree(out, tree, ids, resolveRef, checkLevel);

	for (const review of model.reviews) {
		const r = review.data;
		r.services.forEach((id, i) => resolveRef(review, ['services', i], id, ids.services, 'service'));
		r.runbooks.forEach((id, i) => resolveRef(review, ['runbooks', i], id, ids.runbooks, 'runbook'));
		r.actions.forEach((action, i) => resolveRef(review, ['actions', i, 'owner'], action.owner, ids.teams, 'team'));
		r.alerts.forEach((name, i) => {
			if (!alertOwners.has(name) && !model.unchecked?.alerts?.has(name)) {
				const guess = closest(name, alertOwners.keys());
				out.warn(review, ['alerts', i], `no service defines alert "${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
			}
		});
		for (const problem of reviewTimeProblems(r)) out.error(review, problem.path, problem.message);
	}

	const playbookIds = new Set(model.security?.data.playbooks.map((playbook) => playbook.id) ?? []);
	const controlKeys = new Map<string, Parsed<Control>>();
	for (const control of model.controls) {
		const c = control.data;
		resolveRef(control, ['owner'], c.owner, ids.teams, 'team');
		const e = c.evidence;
		e.runbooks.forEach((id, i) => resolveRef(control, ['evidence', 'runbooks', i], id, ids.runbooks, 'runbook'));
		e.services.forEach((id, i) => resolveRef(control, ['evidence', 'services', i], id, ids.services, 'service'));
		e.backups.forEach((id, i) => resolveRef(control, ['evidence', 'backups', i], id, ids.services, 'service'));
		e.reviews.forEach((id, i) => resolveRef(control, ['evidence', 'reviews', i], id, ids.reviews, 'post-incident review'));
		e.playbooks.forEach((id, i) => {
			if (model.security) resolveRef(control, ['evidence', 'playbooks', i], id, playbookIds, 'security playbook');
			else out.error(control, ['evidence', 'playbooks', i], `playbook "${id}" names a playbook of the security response plan, but the model has no security-response-plan.yaml`);
		});
		if (c.status === 'not-applicable' && !c.justification) out.error(control, ['status'], 'a control that does not apply says why: add "justification:"');
		const key = `${c.framework}\0${c.control}`;
		const first = controlKeys.get(key);
		if (first) out.warn(control, ['control'], `${c.framework} ${c.control} is also described by ${first.source.display}; keep one file per control`);
		else controlKeys.set(key, control);
	}

	if (model.security) {
		const plan = model.security;
		resolveRef(plan, ['owner'], plan.data.owner, ids.teams, 'team');
		plan.data.playbooks.forEach((playbook, i) => {
			playbook.services.forEach((id, j) => resolveRef(plan, ['playbooks', i, 'services', j], id, ids.services, 'service'));
			if (playbook.runbook) resolveRef(plan, ['playbooks', i, 'runbook'], playbook.runbook, ids.runbooks, 'runbook');
		});
		const covered = new Set(plan.data.playbooks.map((p) => p.type));
		const missing = incidentType.options.filter((type) => type !== 'other' && !covered.has(type));
		if (missing.length) out.error(plan, ['playbooks'], `no playbook for: ${missing.join(', ')}; the plan needs one per incident type`);
	}

	if (model.incident) {
		const levels = model.incident.data.severities.map((s) => s.level);
		levels.forEach((level, i) => {
			if (levels.indexOf(level) !== i) out.error(model.incident!, ['severities', i, 'level'], `severity "${level}" is defined twice`);
		});
		const defined = new Set(levels);
		for (const runbook of model.runbooks) {
			if (runbook.data.severity && !defined.has(runbook.data.severity)) {
				out.error(runbook, ['severity'], `severity "${runbook.data.severity}" is not in the incident-management severity matrix (${[...defined].join(', ')})`);
			}
		}
		for (const review of model.reviews) {
			if (!defined.has(review.data.severity)) {
				out.error(review, ['severity'], `severity "${review.data.severity}" is not in the incident-management severity matrix (${[...defined].join(', ')})`);
			}
		}
	}

	if (model.policy) {
		model.policy.data.waivers.forEach((waiver, i) => {
			resolveRef(model.policy!, ['waivers', i, 'service'], waiver.service, ids.services, 'service');
		});
		const policy = model.policy;
		for (const rule of ['exempt', 'needSunset'] as const) {
			policy.data.lifecycles[rule].forEach((stage, i) => resolveRef(policy, ['lifecycles', rule, i], stage, lifecycles, 'lifecycle stage'));
		}
		const builtin = { lifecycles: new Set<string>(builtinLifecycles), classifications: new Set<string>(builtinClassifications) };
		for (const list of ['lifecycles', 'classifications'] as const) {
			policy.data.vocabulary[list].forEach((term, i) => {
				if (builtin[list].has(term.id)) out.error(policy, ['vocabulary', list, i, 'id'], `"${term.id}" is built in; declare only terms beyond ${[...builtin[list]].join(', ')}`);
			});
		}
	}

	// Business impact, data inventory and access (src/load/checks-governance.ts).
	checkGovernance({
		systems: model.systems,
		services: model.services,
		policy: model.policy,
		ids,
		classifications,
		resolveRef,
		error: (entity, path, message) => out.error(entity, path, message),
		warn: (entity, path, message) => out.warn(entity, path, message),
	});
	return out.diagnostics;
}

/** The warning for an availability below 90 %: most likely a fraction written where a percentage goes. */
function unlikelyPercent(value: number, what: string): string {
	const fraction = value <= 1 ? `; if ${value} is a fraction, write ${Math.round(value * 100 * 1e6) / 1e6}` : '';
	return `an availability ${what} of ${value} % allows ${Math.round((100 - value) * 10) / 10} % downtime${fraction} — percentages are written as numbers such as 99.9`;
}

function uniqueIds<T extends { id: string }>(out: Reporter, entities: Parsed<T>[], label: string): Set<string> {
	const seen = new Map<string, Parsed<T>>();
	for (const entity of entities) {
		const first = seen.get(entity.data.id);
		if (first) {
			out.error(entity, ['id'], `duplicate ${label} id "${entity.data.id}", also used by ${first.source.display}`);
			continue;
		}
		seen.set(entity.data.id, entity);
		const stem = entity.file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
		if (stem !== entity.data.id) out.warn(entity, ['id'], `id "${entity.data.id}" differs from the file name "${stem}"; name the file after the id so it is easy to find`);
	}
	return new Set(seen.keys());
}

type Resolve = (entity: Parsed<unknown>, path: Path, wanted: string, known: Set<string>, label: string) => boolean;
type CheckLevel = (entity: Parsed<unknown>, path: Path, teamId: string, level: number | undefined) => void;

function checkTree(out: Reporter, tree: Parsed<Tree>, ids: Record<'services' | 'runbooks' | 'teams', Set<string>>, resolveRef: Resolve, checkLevel: CheckLevel) {
	const t = tree.data;
	t.services.forEach((id, i) => resolveRef(tree, ['services', i], id, ids.services, 'service'));
	const nodeIds = new Set<string>();
	t.nodes.forEach((node, i) => {
		if (nodeIds.has(node.id)) out.error(tree, ['nodes', i, 'id'], `duplicate node id "${node.id}"`);
		nodeIds.add(node.id);
	});
	const startKnown = resolveRef(tree, ['start'], t.start, nodeIds, 'node');
	t.nodes.forEach((node, i) => {
		if (node.answers.length === 0) {
			out.error(tree, ['nodes', i], `dead end: node "${node.id}" has no answers; every path must end in a resolution, a runbook or an escalation`);
		}
		node.answers.forEach((answer, j) => {
			const targets = (['next', 'runbook', 'resolution', 'escalate'] as const).filter((key) => answer[key] !== undefined);
			const path = ['nodes', i, 'answers', j];
			if (targets.length !== 1) {
				out.error(tree, path, targets.length === 0
					? 'answer leads nowhere; give exactly one of next, runbook, resolution, escalate'
					: `answer has ${targets.join(' and ')}; give exactly one of next, runbook, resolution, escalate`);
			}
			if (answer.next !== undefined) resolveRef(tree, [...path, 'next'], answer.next, nodeIds, 'node');
			if (answer.runbook !== undefined) resolveRef(tree, [...path, 'runbook'], answer.runbook, ids.runbooks, 'runbook');
			if (answer.escalate !== undefined) {
				if (resolveRef(tree, [...path, 'escalate'], answer.escalate, ids.teams, 'team')) checkLevel(tree, [...path, 'level'], answer.escalate, answer.level);
			} else {
				const stray = (['level', 'reason'] as const).filter((key) => answer[key] !== undefined);
				if (stray.length) out.error(tree, [...path, stray[0]!], `${stray.map((key) => `"${key}"`).join(' and ')} ${stray.length > 1 ? 'apply' : 'applies'} to escalations only; add "escalate: <team>" or remove ${stray.length > 1 ? 'them' : 'it'}`);
			}
		});
	});
	if (!startKnown) return;

	// Reachability and cycles, by depth-first search from the start node.
	const byId = new Map(t.nodes.map((node, i) => [node.id, { node, i }]));
	const state = new Map<string, 'open' | 'done'>();
	const cycles: { from: number; answer: number; to: string }[] = [];
	const visit = (id: string) => {
		state.set(id, 'open');
		const entry = byId.get(id)!;
		entry.node.answers.forEach((answer, j) => {
			if (answer.next === undefined || !byId.has(answer.next)) return;
			const seen = state.get(answer.next);
			if (seen === 'open') cycles.push({ from: entry.i, answer: j, to: answer.next });
			else if (!seen) visit(answer.next);
		});
		state.set(id, 'done');
	};
	visit(t.start);
	for (const cycle of cycles) {
		out.error(tree, ['nodes', cycle.from, 'answers', cycle.answer, 'next'], `cycle: "${cycle.to}" leads back here, so a reader could go round forever`);
	}
	t.nodes.forEach((node, i) => {
		if (!state.has(node.id)) out.error(tree, ['nodes', i, 'id'], `node "${node.id}" is unreachable from the start node "${t.start}"`);
	});
}

/** A spec path must name an existing file inside the model folder. */
function specPathProblem(root: string, spec: string): string | undefined {
	if (isAbsolute(spec)) return `spec path "${spec}" is absolute; give a path relative to the model folder`;
	const target = resolve(root, spec);
	const escapes = (path: string) => {
		const rel = relative(realpathSync(root), path);
		return rel.startsWith('..') || isAbsolute(rel);
	};
	if (relative(root, target).startsWith('..')) return `spec path "${spec}" leaves the model folder; keep specs inside it (e.g. apis/)`;
	if (!existsSync(target) || !statSync(target).isFile()) return `spec file "${spec}" does not exist in the model folder`;
	if (escapes(realpathSync(target))) return `spec path "${spec}" is a link that leaves the model folder`;
	return undefined;
}
