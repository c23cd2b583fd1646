/**
 * Small factories for models built in code (no YAML), so analysis and coverage tests stay fast.
 * Each factory runs the real zod schema, so defaults are applied exactly as the loader would.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { createModel, type Model, type Sourced } from '../../src/model/index.ts';
import type { Control, IncidentPolicy, Policy, Review, Runbook, SecurityPlan, Service, System, Team, Tree } from '../../src/model/index.ts';
import { controlSchema } from '../../src/model/control.ts';
import { incidentPolicySchema } from '../../src/model/incident.ts';
import { policySchema } from '../../src/model/policy.ts';
import { reviewSchema } from '../../src/model/review.ts';
import { runbookSchema } from '../../src/model/runbook.ts';
import { serviceSchema } from '../../src/model/service.ts';
import { systemSchema } from '../../src/model/system.ts';
import { teamSchema } from '../../src/model/team.ts';
import { treeSchema } from '../../src/model/tree.ts';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixtures = join(repoRoot, 'tests', 'fixtures');

/** The date every freshness test is judged on. */
export const TODAY = '2026-11-23';

type In<S extends z.ZodType> = Partial<z.input<S>>;

function sourced<T>(data: T, file: string): Sourced<T> {
	return { ...data, file } as Sourced<T>;
}

export function system(id: string, extra: In<typeof systemSchema> = {}): Sourced<System> {
	const data = systemSchema.parse({ id, name: id, summary: `The ${id} system.`, owner: 'team-a', ...extra });
	return sourced(data, `systems/${id}.yaml`);
}

export function team(id: string, extra: In<typeof teamSchema> = {}): Sourced<Team> {
	const data = teamSchema.parse({ id, name: id, chat: { channel: `#${id}` }, ...extra });
	return sourced(data, `teams/${id}.yaml`);
}

/** A team that meets on-call and escalation. */
export function pagedTeam(id: string, extra: In<typeof teamSchema> = {}): Sourced<Team> {
	return team(id, {
		onCall: { rotation: `${id} primary`, schedule: 'weekly, 24/7', tool: 'pagerduty', pager: `https://pager.example.com/${id}` },
		escalation: [
			{ level: 1, who: 'on-call', after: '0' },
			{ level: 2, who: 'lead', after: '15m' },
		],
		...extra,
	});
}

/** A tier-3 service with only the required fields, unless told otherwise. */
export function service(id: string, extra: In<typeof serviceSchema> = {}): Sourced<Service> {
	const data = serviceSchema.parse({
		id,
		name: id,
		summary: `The ${id} service.`,
		system: 'core',
		owner: 'team-a',
		tier: 3,
		lifecycle: 'production',
		kind: 'service',
		dataClassification: 'internal',
		...extra,
	});
	return sourced(data, `services/${id}.yaml`);
}

export function hard(id: string) {
	return { service: id, type: 'hard' as const, reason: 'needed', onFailure: 'down' };
}

export function soft(id: string) {
	return { service: id, type: 'soft' as const, reason: 'nice to have', onFailure: 'degraded' };
}

export function availability(target: number, window = '30d') {
	return { name: 'Availability', indicator: 'availability' as const, target, window };
}

export function latency(target = 99, percentile = 95, threshold = '200ms', window = '30d') {
	return { name: 'Latency', indicator: 'latency' as const, target, percentile, threshold, window };
}

export function runbook(id: string, extra: In<typeof runbookSchema> = {}): Sourced<Runbook> {
	const data = runbookSchema.parse({
		id,
		title: id,
		kind: 'incident',
		services: ['api'],
		summary: `Runbook ${id}.`,
		steps: [{ title: 'Do the thing' }],
		...extra,
	});
	return sourced(data, `runbooks/${id}.yaml`);
}

export function tree(id: string, extra: In<typeof treeSchema> = {}): Sourced<Tree> {
	const data = treeSchema.parse({
		id,
		title: id,
		services: ['api'],
		symptom: 'It is broken.',
		start: 'first',
		nodes: [{ id: 'first', question: 'Is it up?', answers: [{ label: 'No', escalate: 'team-a' }] }],
		...extra,
	});
	return sourced(data, `trees/${id}.yaml`);
}

export function policy(extra: In<typeof policySchema> = {}): Sourced<Policy> {
	const data = policySchema.parse({
		tiers: { '1': [], '2': [], '3': [], '4': [] },
		freshness: { review: '180d', restoreTest: '90d', runbookTest: '180d', treeReview: '180d' },
		...extra,
	});
	return sourced(data, 'policy.yaml');
}

export function incidentPolicy(extra: In<typeof incidentPolicySchema> = {}): Sourced<IncidentPolicy> {
	const data = incidentPolicySchema.parse({
		summary: 'How we run incidents.',
		severities: [{ level: 'sev1', name: 'Critical', criteria: ['Down'], responseTime: '5m', updateEvery: '30m', page: true, review: true }],
		escalation: [{ level: 1, who: 'on-call', after: '0' }],
		roles: [{ name: 'Commander', responsibilities: ['Leads'] }],
		postIncidentReview: { within: '5d', owner: 'Commander', steps: ['Write it up'] },
		...extra,
	});
	return sourced(data, 'incident-management.yaml');
}

/** A sev1 review of service "api" (2026-11-01, resolved after 1h, not published), unless told otherwise. */
export function review(id: string, extra: In<typeof reviewSchema> = {}): Sourced<Review> {
	const data = reviewSchema.parse({
		id,
		title: id,
		date: '2026-11-01',
		severity: 'sev1',
		services: ['api'],
		summary: `Review ${id}.`,
		impact: 'Users could not log in.',
		detected: '5m',
		acknowledged: '10m',
		resolved: '1h',
		...extra,
	});
	return sourced(data, `reviews/${id}.yaml`);
}

/** An implemented SOC 2 control owned by team-a that cites nothing, unless told otherwise. */
export function control(id: string, extra: In<typeof controlSchema> = {}): Sourced<Control> {
	const data = controlSchema.parse({ id, framework: 'soc2', control: 'CC7.4', title: id, owner: 'team-a', status: 'implemented', lastReviewed: '2026-10-01', ...extra });
	return sourced(data, `controls/${id}.yaml`);
}

export interface Parts {
	systems?: Sourced<System>[];
	teams?: Sourced<Team>[];
	services?: Sourced<Service>[];
	runbooks?: Sourced<Runbook>[];
	trees?: Sourced<Tree>[];
	reviews?: Sourced<Review>[];
	controls?: Sourced<Control>[];
	security?: Sourced<SecurityPlan>;
	incident?: Sourced<IncidentPolicy>;
	policy?: Sourced<Policy>;
	guides?: string[];
}

/** A model from lists of entities; a system "core" and team "team-a" are added when absent. */
export function model(parts: Parts = {}): Model {
	const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((entity) => [entity.id, entity]));
	const systems = parts.systems ?? [system('core')];
	const teams = parts.teams ?? [team('team-a')];
	return createModel({
		systems: byId(systems),
		teams: byId(teams),
		services: byId(parts.services ?? []),
		runbooks: byId(parts.runbooks ?? []),
		trees: byId(parts.trees ?? []),
		reviews: byId(parts.reviews ?? []),
		controls: byId(parts.controls ?? []),
		security: parts.security,
		incident: parts.incident,
		policy: parts.policy,
		guides: parts.guides ?? [],
	});
}

/** Small model files as YAML text, for tests that go through the loader: a team, a system, a tier-2 service, a runbook. */
export const YAML = {
	team: 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n',
	system: 'id: core\nname: Core\nsummary: The core system.\nowner: platform\n',
	service: `id: api
name: API
summary: Serves the public API.
kind: service
tier: 2
lifecycle: production
system: core
owner: platform
dataClassification: internal
`,
	runbook: `id: api-down
title: API is down
kind: incident
services: [api]
summary: Use when the API does not answer.
steps:
  - title: Restart it
`,
} as const;

let scratchFolder: string | undefined;
let copies = 0;

/** A scratch copy of a fixture model (tests/fixtures/<name>) with some files edited, text → text; removed when the process exits. */
export function fixtureCopy(name: string, edits: Record<string, (text: string) => string> = {}): string {
	if (!scratchFolder) {
		const folder = mkdtempSync(join(tmpdir(), 'opsbook-fixture-'));
		scratchFolder = folder;
		process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
	}
	const root = join(scratchFolder, `${name.replace(/\W+/g, '-')}-${++copies}`);
	cpSync(join(fixtures, name), root, { recursive: true });
	for (const [file, edit] of Object.entries(edits)) writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
	return root;
}
