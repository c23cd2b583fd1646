/**
 * What a pull request changes in the model: a pure function of two snapshots (the model at the
 * base ref and the working tree's), each with its coverage verdict and analysis findings. The
 * Markdown and JSON renderers read only the `ModelDiff` this returns.
 */
import { analyse, findingTitles, type Finding, type FindingKind } from '../analysis/findings.ts';
import { judge, type Gap, type Tally, type Verdict } from '../coverage/verdict.ts';
import { parseDuration, seconds } from '../lib/duration.ts';
import { frameworkName } from '../model/control.ts';
import { createModel, runbookForAlert, type Control, type Model, type Review, type Service, type Sourced } from '../model/index.ts';
import type { EntityKind } from '../model/kinds.ts';
import type { RequirementId } from '../model/policy.ts';
import type { Slo } from '../model/service.ts';

/** One side of the comparison. */
export interface Snapshot {
	/** How the side is named in the output: a ref such as `origin/main`, or "working tree". */
	label: string;
	/** ok: loaded without errors; invalid: loaded with errors (a partial model); missing: no model folder. */
	state: 'ok' | 'invalid' | 'missing';
	errors: number;
	/** The first few errors, already formatted, for an invalid side. */
	errorLines: string[];
	model: Model;
	/** Judged only for a valid model with a policy. */
	verdict?: Verdict;
	/** Analysed only for a valid model. */
	findings?: Finding[];
	/** Model files (relative to the model folder) with an error: what is in them may not have loaded. */
	brokenFiles: string[];
}

interface DiagnosticLike {
	severity: 'error' | 'warning' | 'todo';
	file: string;
}

interface LoadedLike<D extends DiagnosticLike> {
	model: Model;
	diagnostics: D[];
}

export interface SnapshotOptions<D extends DiagnosticLike> {
	/** Formats an error for the report (the loader's `formatDiagnostic`). */
	format?: (d: D) => string;
	/** Maps a diagnostic's file (as displayed) to its path in the model folder. */
	modelFile?: (file: string) => string;
}

export function emptyModel(): Model {
	return createModel({ systems: new Map(), teams: new Map(), services: new Map(), runbooks: new Map(), trees: new Map(), guides: [] });
}

/**
 * A snapshot from a load result (`undefined` when the model folder does not exist). Coverage and
 * findings are judged on every entity that loaded, exactly as `npm run check` does.
 */
export function snapshot<D extends DiagnosticLike>(label: string, loaded: LoadedLike<D> | undefined, today: string, { format = (d) => d.file, modelFile = (f) => f }: SnapshotOptions<D> = {}): Snapshot {
	if (!loaded) return { label, state: 'missing', errors: 0, errorLines: [], model: emptyModel(), brokenFiles: [] };
	const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
	if (errors.length) {
		const brokenFiles = [...new Set(errors.map((d) => modelFile(d.file)))].sort();
		// Judged on the entities that loaded, as the check does: a new tier inversion or single
		// point of failure must show in the review even while a reference is misspelt.
		const { model } = loaded;
		return {
			label,
			state: 'invalid',
			errors: errors.length,
			errorLines: errors.slice(0, 10).map(format),
			model,
			brokenFiles,
			verdict: model.policy ? judge(model, model.policy, today) : undefined,
			findings: analyse(model),
		};
	}
	const { model } = loaded;
	return {
		label,
		state: 'ok',
		errors: 0,
		errorLines: [],
		model,
		brokenFiles: [],
		verdict: model.policy ? judge(model, model.policy, today) : undefined,
		findings: analyse(model),
	};
}

export type Direction = 'loosens' | 'tightens' | 'added' | 'removed';

export interface EntityRef {
	kind: EntityKind;
	id: string;
	/** Name or title. */
	label: string;
	/** A few facts for a new entity, e.g. "tier 3, owner payments". */
	facts?: string;
}

export interface Rename {
	kind: EntityKind;
	from: string;
	to: string;
	label: string;
}

export interface GovernanceChange {
	kind: 'systems' | 'services';
	id: string;
	part: 'business impact' | 'data inventory' | 'access';
	change: 'added' | 'removed' | 'changed';
	/** What changed, e.g. "maximum tolerable downtime 4h → 8h (loosens)", "data set Chats added". */
	details: string[];
}

export interface FieldChange {
	kind: EntityKind;
	id: string;
	field: 'owner' | 'tier' | 'lifecycle';
	before: string;
	after: string;
	/** For tiers: a lower number is more critical. */
	direction?: 'raised' | 'lowered';
}

export interface ObjectiveChange {
	service: string;
	/** "RTO", "RPO", `SLO "Checkout availability" target`, … */
	objective: string;
	before?: string;
	after?: string;
	direction: Direction;
}

export interface DateChange {
	kind: 'runbooks' | 'trees';
	id: string;
	label: string;
	before?: string;
	after: string;
}

/** What changed in a post-incident review or a compliance control present on both sides. */
export interface RecordChange {
	kind: 'reviews' | 'controls';
	id: string;
	label: string;
	/** One line each: "published 2026-03-19 (was a draft)", "status partial → implemented". */
	changes: string[];
}

export interface LostRunbook {
	alert: string;
	service: string;
	/** The runbook the alert led to before. */
	runbook: string;
	/** Why it no longer leads anywhere. */
	reason: string;
}

export interface TierDelta {
	/** A tier number, or "all". */
	tier: string;
	before?: Tally;
	after?: Tally;
	/** Percentage points, rounded to 0.1; undefined when either side is not judged. */
	delta?: number;
}

export interface CoverageDiff {
	/** "pass" / "fail" per side, or why there is none. */
	before: VerdictState;
	after: VerdictState;
	tiers: TierDelta[];
	gapsOpened: GapRef[];
	gapsClosed: GapRef[];
}

export type VerdictState =
	| { state: 'pass' | 'fail'; gaps: number; percent: number }
	| { state: 'not-judged'; reason: 'missing' | 'invalid' | 'no-policy' };

export interface GapRef {
	service: string;
	tier: number;
	requirement: RequirementId;
	status: Gap['status'];
	message: string;
}

export interface FindingRef {
	kind: FindingKind;
	title: string;
	service: string;
	services: string[];
	message: string;
}

export interface SideSummary {
	label: string;
	state: Snapshot['state'];
	errors: number;
	errorLines: string[];
	counts: Record<EntityKind, number>;
}

export interface ModelDiff {
	format: 'opsbook-model-diff/1';
	today: string;
	/** The model folder, relative to the repository root, when known. */
	modelPath?: string;
	base: SideSummary;
	head: SideSummary;
	/** True when either side has model errors: only what loaded was compared. */
	partial: boolean;
	/** Model files that loaded on one side only because the other side's copy has errors. */
	notCompared: string[];
	/** Systems, teams and services. */
	entities: { added: EntityRef[]; removed: EntityRef[]; renamed: Rename[] };
	fields: FieldChange[];
	objectives: ObjectiveChange[];
	/** Runbooks and troubleshooting trees. */
	procedures: { added: EntityRef[]; removed: EntityRef[]; renamed: Rename[]; retested: DateChange[] };
	alertsWithoutRunbook: LostRunbook[];
	/** Post-incident reviews and compliance controls. */
	records: { added: EntityRef[]; removed: EntityRef[]; renamed: Rename[]; changed: RecordChange[] };
	/** Business impact and access of systems, business impact and data inventory of services. */
	governance: GovernanceChange[];
	coverage: CoverageDiff;
	/** Undefined when either side was not analysed. */
	findings?: { appeared: FindingRef[]; disappeared: FindingRef[] };
	/** True when nothing at all differs (coverage and findings included). */
	unchanged: boolean;
}

const KINDS: EntityKind[] = ['systems', 'teams', 'services', 'runbooks', 'trees', 'reviews', 'controls'];

type AnyEntity = Sourced<{ id: string }> & Record<string, unknown>;

function entities(model: Model, kind: EntityKind): Map<string, AnyEntity> {
	return model[kind] as unknown as Map<string, AnyEntity>;
}

function labelOf(entity: AnyEntity): string {
	return String(entity.name ?? entity.title ?? entity.id);
}

/** The entity without its id and file, to recognise a rename that changed nothing else. */
function body(entity: AnyEntity): string {
	const { id: _id, file: _file, ...rest } = entity;
	return JSON.stringify(rest);
}

function factsOf(kind: EntityKind, entity: AnyEntity): string | undefined {
	if (kind === 'services') {
		const s = entity as unknown as Service;
		return `tier ${s.tier}, owner ${s.owner}, ${s.lifecycle}`;
	}
	if (kind === 'systems') return `owner ${String(entity.owner)}`;
	if (kind === 'runbooks') return String(entity.kind);
	if (kind === 'reviews') return `${String(entity.severity)}, ${String(entity.date)}`;
	if (kind === 'controls') return `${frameworkName(String(entity.framework))} ${String(entity.control)}, ${String(entity.status)}`;
	return undefined;
}

/** What changed in reviews (publication, action statuses) and controls (status, evidence cited). */
function recordChanges(kind: 'reviews' | 'controls', pairs: [AnyEntity, AnyEntity][]): RecordChange[] {
	const out: RecordChange[] = [];
	for (const [oldEntity, newEntity] of pairs) {
		const changes: string[] = [];
		if (kind === 'reviews') {
			const [old, now] = [oldEntity as unknown as Review, newEntity as unknown as Review];
			if (old.severity !== now.severity) changes.push(`severity ${old.severity} → ${now.severity}`);
			if (old.published !== now.published) changes.push(now.published ? `published ${now.published}${old.published ? ` (was ${old.published})` : ' (was a draft)'}` : 'back to a draft');
			for (const action of now.actions) {
				const before = old.actions.find((a) => a.title === action.title);
				if (!before) changes.push(`new action "${action.title}" (${action.status}, due ${action.due})`);
				else {
					if (before.status !== action.status) changes.push(`action "${action.title}": ${before.status} → ${action.status}`);
					if (before.due !== action.due) changes.push(`action "${action.title}": due ${before.due} → ${action.due}`);
				}
			}
			for (const action of old.actions) if (!now.actions.some((a) => a.title === action.title)) changes.push(`removed action "${action.title}"`);
		} else {
			const [old, now] = [oldEntity as unknown as Control, newEntity as unknown as Control];
			if (old.status !== now.status) changes.push(`status ${old.status} → ${now.status}`);
			const cited = (c: Control) => [
				...c.evidence.runbooks.map((id) => `runbook ${id}`),
				...c.evidence.services.map((id) => `service ${id}`),
				...c.evidence.backups.map((id) => `backup of ${id}`),
				...c.evidence.reviews.map((id) => `review ${id}`),
				...c.evidence.playbooks.map((id) => `playbook ${id}`),
				...(c.evidence.securityPlan ? ['the security response plan'] : []),
				...(c.evidence.incidentManagement ? ['the incident-management policy'] : []),
				...c.evidence.documents.map((d) => `document ${d.url}`),
			];
			const [before, after] = [cited(old), cited(now)];
			const gained = after.filter((e) => !before.includes(e));
			const lost = before.filter((e) => !after.includes(e));
			if (gained.length) changes.push(`now cites ${gained.join(', ')}`);
			if (lost.length) changes.push(`no longer cites ${lost.join(', ')}`);
			if (old.lastReviewed !== now.lastReviewed) changes.push(`reviewed ${now.lastReviewed}`);
		}
		if (changes.length) out.push({ kind, id: newEntity.id, label: labelOf(newEntity), changes });
	}
	return out;
}

interface KindDiff {
	added: EntityRef[];
	removed: EntityRef[];
	renamed: Rename[];
	/** Pairs present on both sides (renamed ones under their new id). */
	pairs: [AnyEntity, AnyEntity][];
}

/**
 * Added, removed and renamed entities of one kind. A removed and an added entity are a rename
 * when they are each other's only match by name/title, or by identical content.
 */
function diffKind(base: Snapshot, head: Snapshot, kind: EntityKind, unloaded: Set<string>): KindDiff {
	const before = entities(base.model, kind);
	const after = entities(head.model, kind);
	// An entity whose file has an error on the other side may simply not have loaded there.
	const loadedElsewhere = (e: AnyEntity, other: Snapshot) => {
		if (!other.brokenFiles.includes(e.file)) return true;
		unloaded.add(e.file);
		return false;
	};
	const removed = [...before.values()].filter((e) => !after.has(e.id) && loadedElsewhere(e, head));
	const added = [...after.values()].filter((e) => !before.has(e.id) && loadedElsewhere(e, base));
	const pairs: [AnyEntity, AnyEntity][] = [...before.values()].filter((e) => after.has(e.id)).map((e) => [e, after.get(e.id)!]);
	const renamed: Rename[] = [];
	const matched = new Set<AnyEntity>();
	for (const key of [labelOf, body]) {
		for (const old of removed) {
			if (matched.has(old)) continue;
			const candidates = added.filter((e) => !matched.has(e) && key(e) === key(old));
			if (candidates.length !== 1) continue;
			const candidate = candidates[0]!;
			const rivals = removed.filter((e) => !matched.has(e) && key(e) === key(candidate));
			if (rivals.length !== 1) continue;
			matched.add(old).add(candidate);
			renamed.push({ kind, from: old.id, to: candidate.id, label: labelOf(candidate) });
			pairs.push([old, candidate]);
		}
	}
	const ref = (e: AnyEntity): EntityRef => ({ kind, id: e.id, label: labelOf(e), facts: factsOf(kind, e) });
	return {
		added: added.filter((e) => !matched.has(e)).map(ref),
		removed: removed.filter((e) => !matched.has(e)).map(ref),
		renamed: renamed.sort((a, b) => a.to.localeCompare(b.to)),
		pairs: pairs.sort(([, a], [, b]) => a.id.localeCompare(b.id)),
	};
}

function fieldChanges(kind: EntityKind, pairs: [AnyEntity, AnyEntity][]): FieldChange[] {
	const fields = kind === 'services' ? (['owner', 'tier', 'lifecycle'] as const) : kind === 'systems' ? (['owner'] as const) : [];
	const out: FieldChange[] = [];
	for (const [old, now] of pairs) {
		for (const field of fields) {
			if (old[field] === now[field]) continue;
			const change: FieldChange = { kind, id: now.id, field, before: String(old[field]), after: String(now[field]) };
			if (field === 'tier') change.direction = Number(now[field]) < Number(old[field]) ? 'raised' : 'lowered';
			out.push(change);
		}
	}
	return out;
}

/**
 * What a change does to the parts of a system or service that the business and auditors read:
 * its impact (a longer tolerable downtime loosens it), its data sets and its access roles.
 */
function governanceChanges(kind: 'systems' | 'services', pairs: [AnyEntity, AnyEntity][]): GovernanceChange[] {
	const out: GovernanceChange[] = [];
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	const named = <T extends { name: string }>(before: T[], after: T[], what: string) => [
		...after.filter((x) => !before.some((y) => y.name === x.name)).map((x) => `${what} ${x.name} added`),
		...before.filter((x) => !after.some((y) => y.name === x.name)).map((x) => `${what} ${x.name} removed`),
		...after.filter((x) => before.some((y) => y.name === x.name && !same(x, y))).map((x) => `${what} ${x.name} changed`),
	];
	const part = (id: string, name: GovernanceChange['part'], before: unknown, after: unknown, details: () => string[]) => {
		if (same(before, after)) return;
		const change = before === undefined || (Array.isArray(before) && !before.length) ? 'added' : after === undefined || (Array.isArray(after) && !after.length) ? 'removed' : 'changed';
		out.push({ kind, id, part: name, change, details: change === 'changed' ? details() : [] });
	};
	for (const [old, now] of pairs) {
		const o = old as Record<string, unknown>;
		const n = now as Record<string, unknown>;
		part(now.id, 'business impact', o.impact, n.impact, () => {
			const [a, b] = [(o.impact as { maxTolerableDowntime?: string }).maxTolerableDowntime, (n.impact as { maxTolerableDowntime?: string }).maxTolerableDowntime];
			if (a === b || a === undefined || b === undefined) return a === b ? ['dependents, impact, cost or workaround changed'] : [`maximum tolerable downtime ${a ?? 'none'} → ${b ?? 'none'}`];
			return [`maximum tolerable downtime ${a} → ${b} (${seconds(b) > seconds(a) ? 'loosens' : 'tightens'})`];
		});
		if (kind === 'services') part(now.id, 'data inventory', o.data, n.data, () => named(o.data as { name: string }[], n.data as { name: string }[], 'data set'));
		if (kind === 'systems') {
			part(now.id, 'access', o.access, n.access, () => {
				const [a, b] = [o.access as { roles: { name: string }[]; lastRecertified?: string }, n.access as { roles: { name: string }[]; lastRecertified?: string }];
				const details = named(a.roles, b.roles, 'role');
				if (a.lastRecertified !== b.lastRecertified) details.push(`recertified ${b.lastRecertified ?? 'never'}`);
				return details.length ? details : ['break-glass, recertification interval or checklists changed'];
			});
		}
	}
	return out;
}

/** Old → new for one objective; `larger` says whether a larger value loosens it. */
function compare(service: string, objective: string, before: string | number | undefined, after: string | number | undefined, larger: 'loosens' | 'tightens', magnitude: (v: string | number) => number): ObjectiveChange | undefined {
	if (before === undefined && after === undefined) return undefined;
	const text = (v: string | number | undefined) => (v === undefined ? undefined : typeof v === 'number' ? `${v} %` : v);
	if (before === undefined) return { service, objective, after: text(after), direction: 'added' };
	if (after === undefined) return { service, objective, before: text(before), direction: 'removed' };
	const a = magnitude(before);
	const b = magnitude(after);
	if (a === b) return undefined; // "60m" → "1h" is not a change of objective
	const smaller = larger === 'loosens' ? 'tightens' : 'loosens';
	return { service, objective, before: text(before), after: text(after), direction: b > a ? larger : smaller };
}

const durationSeconds = (v: string | number) => parseDuration(String(v)) ?? Number.NaN;
const numeric = (v: string | number) => Number(v);

/** SLOs are matched by name; the rest by indicator when that is unambiguous. */
function matchSlos(before: Slo[], after: Slo[]): { pairs: [Slo, Slo][]; removed: Slo[]; added: Slo[] } {
	const pairs: [Slo, Slo][] = [];
	const left = [...before];
	const right = [...after];
	for (const slo of [...left]) {
		const twin = right.find((s) => s.name === slo.name);
		if (!twin) continue;
		pairs.push([slo, twin]);
		left.splice(left.indexOf(slo), 1);
		right.splice(right.indexOf(twin), 1);
	}
	for (const slo of [...left]) {
		const same = right.filter((s) => s.indicator === slo.indicator);
		if (same.length !== 1 || left.filter((s) => s.indicator === slo.indicator).length !== 1) continue;
		pairs.push([slo, same[0]!]);
		left.splice(left.indexOf(slo), 1);
		right.splice(right.indexOf(same[0]!), 1);
	}
	return { pairs, removed: left, added: right };
}

function objectiveChanges(pairs: [AnyEntity, AnyEntity][]): ObjectiveChange[] {
	const out: ObjectiveChange[] = [];
	const push = (change: ObjectiveChange | undefined) => change && out.push(change);
	for (const [oldEntity, newEntity] of pairs) {
		const old = oldEntity as unknown as Service;
		const now = newEntity as unknown as Service;
		push(compare(now.id, 'RTO', old.recovery?.rto, now.recovery?.rto, 'loosens', durationSeconds));
		push(compare(now.id, 'RPO', old.recovery?.rpo, now.recovery?.rpo, 'loosens', durationSeconds));
		const { pairs: slos, removed, added } = matchSlos(old.slos, now.slos);
		for (const [a, b] of slos) {
			const name = `SLO "${b.name}"`;
			// An error-rate target is the largest acceptable share of failures: raising it loosens.
			push(compare(now.id, `${name} target`, a.target, b.target, b.indicator === 'error-rate' && a.indicator === 'error-rate' ? 'loosens' : 'tightens', numeric));
			if (b.indicator === 'latency' || a.indicator === 'latency') {
				push(compare(now.id, `${name} threshold`, a.threshold, b.threshold, 'loosens', durationSeconds));
				const pct = (v: number | undefined) => (v === undefined ? undefined : `p${v}`);
				push(compare(now.id, `${name} percentile`, pct(a.percentile), pct(b.percentile), 'tightens', (v) => Number(String(v).slice(1))));
			}
		}
		for (const slo of removed) out.push({ service: now.id, objective: `SLO "${slo.name}"`, before: sloText(slo), direction: 'removed' });
		for (const slo of added) out.push({ service: now.id, objective: `SLO "${slo.name}"`, after: sloText(slo), direction: 'added' });
	}
	return out;
}

function sloText(slo: Slo): string {
	if (slo.indicator === 'latency') return `${slo.target} % under ${slo.threshold ?? '?'}${slo.percentile ? ` (p${slo.percentile})` : ''}`;
	if (slo.indicator === 'error-rate') return `≤ ${slo.target} % errors`;
	return `${slo.target} %`;
}

function dateChanges(kind: 'runbooks' | 'trees', pairs: [AnyEntity, AnyEntity][]): DateChange[] {
	const field = kind === 'runbooks' ? 'lastTested' : 'lastReviewed';
	const out: DateChange[] = [];
	for (const [old, now] of pairs) {
		const before = old[field] as string | undefined;
		const after = now[field] as string | undefined;
		if (after && after !== before && (!before || after > before)) out.push({ kind, id: now.id, label: labelOf(now), before, after });
	}
	return out;
}

/** Alerts on both sides that led to a runbook before and lead nowhere now. */
function lostRunbooks(base: Model, head: Model, renamedServices: Map<string, string>): LostRunbook[] {
	const out: LostRunbook[] = [];
	for (const entries of base.index.alerts.values()) {
		for (const entry of entries) {
			const before = runbookForAlert(base, entry);
			if (!before) continue;
			const serviceNow = renamedServices.get(entry.service.id) ?? entry.service.id;
			const now = head.index.alerts.get(entry.alert.name)?.find((e) => e.service.id === serviceNow);
			if (!now || runbookForAlert(head, now)) continue;
			const reason = now.alert.runbook
				? `it names runbook "${now.alert.runbook}", which no longer exists`
				: head.runbooks.has(before.id)
					? `runbook "${before.id}" no longer lists it`
					: `runbook "${before.id}" was removed`;
			out.push({ alert: entry.alert.name, service: serviceNow, runbook: before.id, reason });
		}
	}
	return out.sort((a, b) => a.alert.localeCompare(b.alert) || a.service.localeCompare(b.service));
}

function verdictState(side: Snapshot): VerdictState {
	if (side.verdict) return { state: side.verdict.ok ? 'pass' : 'fail', gaps: side.verdict.gaps.length, percent: side.verdict.overall.percent };
	if (side.state !== 'ok') return { state: 'not-judged', reason: side.state };
	return { state: 'not-judged', reason: 'no-policy' };
}

function coverageDiff(base: Snapshot, head: Snapshot, renamedServices: Map<string, string>): CoverageDiff {
	const tiers: TierDelta[] = [];
	const b = base.verdict;
	const h = head.verdict;
	const keys = [...new Set([...(b?.byTier.keys() ?? []), ...(h?.byTier.keys() ?? [])])].sort((x, y) => x - y);
	const delta = (before?: Tally, after?: Tally) => (before && after ? Math.round((after.percent - before.percent) * 10) / 10 : undefined);
	for (const tier of keys) {
		const before = b?.byTier.get(tier);
		const after = h?.byTier.get(tier);
		tiers.push({ tier: String(tier), before, after, delta: delta(before, after) });
	}
	if (b || h) tiers.push({ tier: 'all', before: b?.overall, after: h?.overall, delta: delta(b?.overall, h?.overall) });
	const ref = (gap: Gap): GapRef => ({ service: gap.service, tier: gap.tier, requirement: gap.requirement, status: gap.status, message: gap.message });
	// One requirement may fail on several things (alerts, runbooks): each is its own gap.
	const key = (service: string, gap: Gap) => `${service}\u0000${gap.requirement}\u0000${gap.status}\u0000${gap.file.startsWith('services/') ? '' : gap.file}\u0000${gap.field.join('.')}`;
	// Gaps of a service or in a file that has errors on one side would seem to open or close.
	const broken = new Set([...base.brokenFiles, ...head.brokenFiles]);
	const skipped = new Set([...base.model.services.values(), ...head.model.services.values()].filter((service) => broken.has(service.file)).map((service) => service.id));
	const compared = (gap: Gap) => !skipped.has(gap.service) && !broken.has(gap.file);
	const beforeKeys = new Set((b?.gaps ?? []).map((g) => key(renamedServices.get(g.service) ?? g.service, g)));
	const afterKeys = new Set((h?.gaps ?? []).map((g) => key(g.service, g)));
	return {
		before: verdictState(base),
		after: verdictState(head),
		tiers,
		gapsOpened: b && h ? h.gaps.filter((g) => compared(g) && !beforeKeys.has(key(g.service, g))).map(ref) : [],
		gapsClosed: b && h ? b.gaps.filter((g) => compared(g) && !afterKeys.has(key(renamedServices.get(g.service) ?? g.service, g))).map(ref) : [],
	};
}

function findingsDiff(base: Snapshot, head: Snapshot, renamedServices: Map<string, string>): ModelDiff['findings'] {
	if (!base.findings || !head.findings) {
		// A missing base has no findings by definition.
		if (base.state === 'missing' && head.findings) return { appeared: head.findings.map(findingRef), disappeared: [] };
		return undefined;
	}
	// A service whose file has errors on one side is absent there: its findings would seem to
	// come and go. They are left out, as its file is (notCompared).
	const broken = new Set([...base.brokenFiles, ...head.brokenFiles]);
	const skipped = new Set([...base.model.services.values(), ...head.model.services.values()].filter((service) => broken.has(service.file)).map((service) => service.id));
	const compared = (f: Finding) => !f.services.some((id) => skipped.has(id));
	const rename = (id: string) => renamedServices.get(id) ?? id;
	// A single point of failure or a ceiling is about one service, whoever depends on it.
	const key = (f: Finding, map: (id: string) => string) =>
		`${f.kind}\u0000${(f.kind === 'single-point-of-failure' || f.kind === 'availability-ceiling' ? [f.service] : f.services).map(map).join(',')}`;
	const before = new Set(base.findings.map((f) => key(f, rename)));
	const after = new Set(head.findings.map((f) => key(f, (id) => id)));
	return {
		appeared: head.findings.filter((f) => compared(f) && !before.has(key(f, (id) => id))).map(findingRef),
		disappeared: base.findings.filter((f) => compared(f) && !after.has(key(f, rename))).map(findingRef),
	};
}

function findingRef(f: Finding): FindingRef {
	return { kind: f.kind, title: findingTitles[f.kind], service: f.service, services: f.services, message: f.message };
}

function summary(side: Snapshot): SideSummary {
	const counts = Object.fromEntries(KINDS.map((kind) => [kind, side.model[kind].size])) as Record<EntityKind, number>;
	return { label: side.label, state: side.state, errors: side.errors, errorLines: side.errorLines, counts };
}

export function diffModels(base: Snapshot, head: Snapshot, today: string, { modelPath }: { modelPath?: string } = {}): ModelDiff {
	const unloaded = new Set<string>();
	const byKind = Object.fromEntries(KINDS.map((kind) => [kind, diffKind(base, head, kind, unloaded)])) as Record<EntityKind, KindDiff>;
	const renamedServices = new Map(byKind.services.renamed.map((r) => [r.from, r.to]));
	const core = ['systems', 'teams', 'services'] as const;
	const procedures = ['runbooks', 'trees'] as const;
	const records = ['reviews', 'controls'] as const;
	const diff: ModelDiff = {
		format: 'opsbook-model-diff/1',
		today,
		modelPath,
		base: summary(base),
		head: summary(head),
		partial: base.state === 'invalid' || head.state === 'invalid',
		notCompared: [...unloaded].sort(),
		entities: {
			added: core.flatMap((k) => byKind[k].added),
			removed: core.flatMap((k) => byKind[k].removed),
			renamed: core.flatMap((k) => byKind[k].renamed),
		},
		fields: core.flatMap((k) => fieldChanges(k, byKind[k].pairs)),
		objectives: objectiveChanges(byKind.services.pairs),
		procedures: {
			added: procedures.flatMap((k) => byKind[k].added),
			removed: procedures.flatMap((k) => byKind[k].removed),
			renamed: procedures.flatMap((k) => byKind[k].renamed),
			retested: [...dateChanges('runbooks', byKind.runbooks.pairs), ...dateChanges('trees', byKind.trees.pairs)],
		},
		alertsWithoutRunbook: lostRunbooks(base.model, head.model, renamedServices),
		records: {
			added: records.flatMap((k) => byKind[k].added),
			removed: records.flatMap((k) => byKind[k].removed),
			renamed: records.flatMap((k) => byKind[k].renamed),
			changed: records.flatMap((k) => recordChanges(k, byKind[k].pairs)),
		},
		governance: [...governanceChanges('systems', byKind.systems.pairs), ...governanceChanges('services', byKind.services.pairs)],
		coverage: coverageDiff(base, head, renamedServices),
		findings: findingsDiff(base, head, renamedServices),
		unchanged: false,
	};
	const c = diff.coverage;
	diff.unchanged =
		base.state === head.state &&
		diff.entities.added.length + diff.entities.removed.length + diff.entities.renamed.length === 0 &&
		diff.fields.length + diff.objectives.length + diff.alertsWithoutRunbook.length === 0 &&
		diff.procedures.added.length + diff.procedures.removed.length + diff.procedures.renamed.length + diff.procedures.retested.length === 0 &&
		diff.records.added.length + diff.records.removed.length + diff.records.renamed.length + diff.records.changed.length === 0 &&
		diff.governance.length === 0 &&
		c.gapsOpened.length + c.gapsClosed.length === 0 &&
		c.tiers.every((t) => JSON.stringify(t.before) === JSON.stringify(t.after)) &&
		(diff.findings === undefined || diff.findings.appeared.length + diff.findings.disappeared.length === 0);
	return diff;
}
