/**
 * Compliance controls judged on their evidence: a control that is implemented (or partly) holds
 * only while what it cites holds — runbooks tested within their policy window, services with a
 * backup restored within theirs, and every cited entity present. Pure: a function of the model
 * (its policy included) and today's date, like the coverage verdict.
 */
import { closest } from '../lib/closest.ts';
import { seconds } from '../lib/duration.ts';
import type { Control, Model, Sourced } from '../model/index.ts';
import { frameworkName } from '../model/control.ts';
import { windowFor } from '../model/policy.ts';
import { runbookFreshness } from '../site/freshness.ts';
import { daysBetween } from './requirements.ts';

type Path = readonly (string | number)[];

export type EvidenceKind = 'runbook' | 'service' | 'backup' | 'review' | 'playbook' | 'security-plan' | 'incident-management' | 'document';

/** One piece of evidence and whether it holds. */
export interface EvidenceItem {
	kind: EvidenceKind;
	/** The id cited (a runbook, a service…); absent for the plans. */
	id?: string;
	/** ok: it holds; stale: too old; missing: not in the model (or without what it should show); listed: a document, not judged. */
	state: 'ok' | 'stale' | 'missing' | 'listed';
	/** What was found: "tested 2026-10-01 (53 days ago)". */
	detail: string;
	/** Where it is cited in the control's file. */
	field: Path;
	/** How to fix it, when it does not hold. */
	fix?: string;
	/** A document's URL. */
	url?: string;
}

export interface ControlGap {
	control: string;
	framework: string;
	/** The control's file, relative to the model folder. */
	file: string;
	field: Path;
	detail: string;
	fix: string;
	/** `SOC 2 CC7.4 is implemented, but … — …` */
	message: string;
}

export interface ControlVerdict {
	control: Sourced<Control>;
	/** met: everything cited holds; not-met: something does not; not-judged: planned or not applicable. */
	state: 'met' | 'not-met' | 'not-judged';
	evidence: EvidenceItem[];
	gaps: ControlGap[];
}

export interface ControlsVerdict {
	today: string;
	controls: ControlVerdict[];
	/** Framework id → its controls, frameworks and controls in order. */
	frameworks: Map<string, ControlVerdict[]>;
	gaps: ControlGap[];
	ok: boolean;
}

const didYouMean = (wanted: string, known: Iterable<string>) => {
	const guess = closest(wanted, known);
	return guess ? ` (did you mean "${guess}"?)` : '';
};

/** The evidence a control cites, each judged against the model. */
export function evidenceOf(model: Model, control: Control, today: string): EvidenceItem[] {
	const e = control.evidence;
	const items: EvidenceItem[] = [];
	e.runbooks.forEach((id, i) => {
		const field = ['evidence', 'runbooks', i];
		const runbook = model.runbooks.get(id);
		if (!runbook) {
			items.push({ kind: 'runbook', id, state: 'missing', detail: `runbook "${id}" is not in the model`, field, fix: `correct the id${didYouMean(id, model.runbooks.keys())}, or add runbooks/${id}.yaml` });
			return;
		}
		const freshness = runbookFreshness(model, runbook, today);
		if (!freshness.date) {
			items.push({ kind: 'runbook', id, state: 'missing', detail: `runbook ${id} has never been tested`, field, fix: `exercise it (a drill, a game day or real use), then set "lastTested" in ${runbook.file}` });
		} else if (freshness.stale) {
			items.push({
				kind: 'runbook',
				id,
				state: 'stale',
				detail: `runbook ${id} was last tested ${freshness.date}, ${freshness.days} days ago; its window is ${freshness.window}`,
				field,
				fix: `exercise it, then set "lastTested" in ${runbook.file}`,
			});
		} else items.push({ kind: 'runbook', id, state: 'ok', detail: `tested ${freshness.date} (${freshness.days} days ago)`, field });
	});
	e.services.forEach((id, i) => {
		const field = ['evidence', 'services', i];
		const service = model.services.get(id);
		if (service) items.push({ kind: 'service', id, state: 'ok', detail: `tier ${service.tier}, owner ${service.owner}`, field });
		else items.push({ kind: 'service', id, state: 'missing', detail: `service "${id}" is not in the model`, field, fix: `correct the id${didYouMean(id, model.services.keys())}, or remove it` });
	});
	e.backups.forEach((id, i) => items.push(backupEvidence(model, id, ['evidence', 'backups', i], today)));
	e.reviews.forEach((id, i) => {
		const field = ['evidence', 'reviews', i];
		const review = model.reviews.get(id);
		if (review) items.push({ kind: 'review', id, state: 'ok', detail: `${review.severity} incident of ${review.date}${review.published ? `, published ${review.published}` : ', draft'}`, field });
		else items.push({ kind: 'review', id, state: 'missing', detail: `post-incident review "${id}" is not in the model`, field, fix: `correct the id${didYouMean(id, model.reviews.keys())}, or add reviews/${id}.yaml` });
	});
	const playbooks = new Set(model.security?.playbooks.map((p) => p.id) ?? []);
	e.playbooks.forEach((id, i) => {
		const field = ['evidence', 'playbooks', i];
		if (playbooks.has(id)) items.push({ kind: 'playbook', id, state: 'ok', detail: 'in the security response plan', field });
		else if (!model.security) items.push({ kind: 'playbook', id, state: 'missing', detail: `playbook "${id}" is cited but the model has no security response plan`, field, fix: 'add security-response-plan.yaml with the playbook, or remove it' });
		else items.push({ kind: 'playbook', id, state: 'missing', detail: `the security response plan has no playbook "${id}"`, field, fix: `correct the id${didYouMean(id, playbooks)}, or add the playbook to the plan` });
	});
	if (e.securityPlan) {
		const field = ['evidence', 'securityPlan'];
		if (model.security) items.push({ kind: 'security-plan', state: 'ok', detail: `reviewed ${model.security.lastReviewed}`, field });
		else items.push({ kind: 'security-plan', state: 'missing', detail: 'the model has no security response plan', field, fix: 'add security-response-plan.yaml, or set "securityPlan: false"' });
	}
	if (e.incidentManagement) {
		const field = ['evidence', 'incidentManagement'];
		if (model.incident) items.push({ kind: 'incident-management', state: 'ok', detail: `${model.incident.severities.length} severity levels`, field });
		else items.push({ kind: 'incident-management', state: 'missing', detail: 'the model has no incident-management policy', field, fix: 'add incident-management.yaml, or set "incidentManagement: false"' });
	}
	e.documents.forEach((document, i) => items.push({ kind: 'document', state: 'listed', detail: document.title, url: document.url, field: ['evidence', 'documents', i] }));
	return items;
}

/** A service whose backup is evidence: it needs a backup and a restore test inside its tier's window. */
function backupEvidence(model: Model, id: string, field: Path, today: string): EvidenceItem {
	const service = model.services.get(id);
	if (!service) return { kind: 'backup', id, state: 'missing', detail: `service "${id}" is not in the model`, field, fix: `correct the id${didYouMean(id, model.services.keys())}, or remove it` };
	const backup = service.recovery?.backup;
	if (service.recovery?.stateless || !backup) {
		const why = service.recovery?.stateless ? `service ${id} is stateless and has no backup` : `service ${id} describes no backup`;
		return { kind: 'backup', id, state: 'missing', detail: why, field, fix: service.recovery?.stateless ? 'cite it under "services" instead of "backups"' : `describe the backup in "recovery.backup" of ${service.file}, restore it, then set "lastRestoreTest"` };
	}
	if (!backup.lastRestoreTest) {
		return { kind: 'backup', id, state: 'missing', detail: `the backup of ${id} has never been restore-tested`, field, fix: `restore it, then set "recovery.backup.lastRestoreTest" in ${service.file}` };
	}
	const age = daysBetween(backup.lastRestoreTest, today);
	const window = model.policy ? windowFor(model.policy.freshness.restoreTest, service.tier) : undefined;
	if (window && age > seconds(window) / 86400) {
		return {
			kind: 'backup',
			id,
			state: 'stale',
			detail: `the last restore test of ${id}, ${backup.lastRestoreTest}, is ${age} days old; its tier-${service.tier} window is ${window}`,
			field,
			fix: `restore a backup, then set "recovery.backup.lastRestoreTest" in ${service.file}`,
		};
	}
	return { kind: 'backup', id, state: 'ok', detail: `restore-tested ${backup.lastRestoreTest} (${age} days ago)`, field };
}

/** One control: its evidence and, when it claims to be in place, what does not hold. */
export function judgeControl(model: Model, control: Sourced<Control>, today: string): ControlVerdict {
	const evidence = evidenceOf(model, control, today);
	if (control.status === 'planned' || control.status === 'not-applicable') return { control, state: 'not-judged', evidence, gaps: [] };
	const problems: Omit<ControlGap, 'control' | 'framework' | 'file' | 'message'>[] = evidence
		.filter((item) => item.state === 'missing' || item.state === 'stale')
		.map((item) => ({ field: item.field, detail: `its evidence ${item.detail}`, fix: item.fix ?? 'cite other evidence' }));
	if (!evidence.length) {
		problems.push({ field: ['status'], detail: 'it cites no evidence', fix: 'list the runbooks, services, backups, reviews or documents that show it under "evidence:", or set the status it really has' });
	}
	const window = model.policy?.freshness.controlReview;
	if (window) {
		const age = daysBetween(control.lastReviewed, today);
		if (age > seconds(window) / 86400) {
			problems.push({ field: ['lastReviewed'], detail: `it was last reviewed ${control.lastReviewed}, ${age} days ago; the control review window is ${window}`, fix: 'check the control and its evidence with its owner, then set "lastReviewed" to that date' });
		}
	}
	const name = `${frameworkName(control.framework)} ${control.control}`;
	const gaps = problems.map((p) => ({
		...p,
		control: control.id,
		framework: control.framework,
		file: control.file,
		message: `${name} (${control.title}) is ${control.status}, but ${p.detail} — ${p.fix}`,
	}));
	return { control, state: gaps.length ? 'not-met' : 'met', evidence, gaps };
}

/** Every control of the model, grouped by framework. */
export function judgeControls(model: Model, today: string): ControlsVerdict {
	const controls = [...model.controls.values()]
		.sort((a, b) => a.framework.localeCompare(b.framework) || compareControlIds(a.control, b.control) || a.id.localeCompare(b.id))
		.map((control) => judgeControl(model, control, today));
	const frameworks = new Map<string, ControlVerdict[]>();
	for (const verdict of controls) frameworks.set(verdict.control.framework, [...(frameworks.get(verdict.control.framework) ?? []), verdict]);
	const gaps = controls.flatMap((verdict) => verdict.gaps);
	return { today, controls, frameworks, gaps, ok: gaps.length === 0 };
}

/** "CC7.4" before "CC7.10", "Art. 5" before "Art. 33": numbers compare as numbers. */
export function compareControlIds(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
