/**
 * A synthetic but realistic Opsbook model of N services, deterministic from a seed and a date,
 * valid under the example's coverage policy (for the benchmark, and for trying Opsbook at scale).
 *
 * Shape: a shared platform system (cluster, ingress, DNS, secrets, registry, backups, egress,
 * monitoring, alerting, logging) and product systems of ten services each — gateway, API,
 * worker, PostgreSQL, cache, event stream, object store, scheduler, admin console and one vendor
 * API — owned by teams of two systems each, plus the example's SRE and security teams. Every
 * service has 2–5 dependencies (hard ones only towards the same or a more critical tier, never
 * in a cycle), SLOs, recovery, alerts with unique names that each lead to a runbook, three
 * runbooks and one troubleshooting tree; every third product gateway publishes an OpenAPI spec.
 * Dates are relative to `today`, so the model passes the freshness windows on that date.
 *
 * The base files (coverage policy, incident-management policy, security response plan with its
 * playbooks pointed at synthetic services, the SRE and security teams, the glossary) are copied
 * from the example in content/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { CLOUDS, DOMAINS, FIRST_NAMES, LANGUAGES, LAST_NAMES, SEGMENTS, type Cloud, type Domain, type Vendor } from './vocabulary.ts';

const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'content');

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export type Rng = () => number;

/** mulberry32 on an xmur3 hash of the seed: tiny, fast, and the same on every machine. */
export function rng(seed: string): Rng {
	let h = 1779033703 ^ seed.length;
	for (let i = 0; i < seed.length; i++) {
		h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	let a = h >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}

const pascal = (id: string) => id.split('-').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
const minutes = (text: string) => {
	const m = /^(\d+)(m|h|d)$/.exec(text)!;
	return Number(m[1]) * { m: 1, h: 60, d: 1440 }[m[2] as 'm' | 'h' | 'd'];
};

// ---------------------------------------------------------------------------------------------
// The model's shapes (plain data, written as YAML)

type Kind = 'service' | 'database' | 'queue' | 'cache' | 'storage' | 'external' | 'infrastructure';
type Tier = 1 | 2 | 3 | 4;

export interface SynStep {
	title: string;
	description?: string;
	command?: string;
	expected?: string;
	warning?: string;
}

export interface SynService {
	id: string;
	name: string;
	summary: string;
	description: string;
	system: string;
	owner: string;
	tier: Tier;
	lifecycle: 'production' | 'experimental' | 'deprecated';
	sunset?: string;
	replacement?: string;
	kind: Kind;
	tags: string[];
	links: { type: string; title: string; url: string }[];
	environments: { name: string; replicas: number; region: string; notes?: string }[];
	dependencies: { service: string; type: 'hard' | 'soft'; reason: string; onFailure: string }[];
	recovery: {
		rto: string;
		rpo?: string;
		stateless?: boolean;
		justification: string;
		backup?: { method: string; schedule: string; retention: string; location: string; encrypted: boolean; lastRestoreTest: string };
		failover: { mode: 'automatic' | 'manual' | 'none'; description: string };
	};
	slos: Record<string, unknown>[];
	sla?: Record<string, unknown>;
	alerts: { name: string; severity: 'critical' | 'warning' | 'info'; summary: string; expr: string; for: string; runbook: string }[];
	apis?: { id: string; name: string; spec: string; description: string }[];
	exposesApi: boolean;
	dataClassification: 'public' | 'internal' | 'confidential' | 'restricted';
	/** The data inventory of a data store (the data-handling requirement). */
	data?: { name: string; categories: string[]; classification: string; residency: string[]; retention: string; encryption: { atRest: { enabled: boolean; how: string }; inTransit: { enabled: boolean; how: string } } }[];
	lastReviewed: string;
}

export interface SynRunbook {
	id: string;
	title: string;
	kind: 'incident' | 'disaster-recovery' | 'maintenance' | 'procedure' | 'access';
	services: string[];
	summary: string;
	triggers: { alerts: string[]; symptoms: string[]; errors: string[] };
	severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
	expectedDuration: string;
	impact: string;
	prerequisites: string[];
	access: string[];
	diagnosis: string;
	steps: SynStep[];
	verification: string[];
	rollback: SynStep[];
	escalation: { team: string; after: string; when: string };
	lastTested: string;
}

export interface SynTree {
	id: string;
	title: string;
	services: string[];
	symptom: string;
	summary: string;
	start: string;
	nodes: { id: string; question: string; detail?: string; command?: string; answers: Record<string, string>[] }[];
	lastReviewed: string;
}

export interface SynSystem {
	id: string;
	name: string;
	summary: string;
	description: string;
	owner: string;
	domain: string;
	links: { type: string; title: string; url: string }[];
	/** Roles and their recertification (the access-review requirement). */
	access: { roles: { name: string; grants: string; grantedBy: string; mfa: boolean; expires: string }[]; recertifyEvery: string; lastRecertified: string };
}

export interface SynTeam {
	id: string;
	name: string;
	description: string;
	chat: { channel: string; url: string };
	email: string;
	members: { name: string; role: string; email: string; chat: string; phone?: string }[];
	onCall: { rotation: string; schedule: string; tool: string; pager: string; handoff: string };
	escalation: { level: number; who: string; after: string; contact: string }[];
	links: { type: string; title: string; url: string }[];
}

export interface SyntheticModel {
	size: number;
	seed: string;
	today: string;
	systems: SynSystem[];
	teams: SynTeam[];
	services: SynService[];
	runbooks: SynRunbook[];
	trees: SynTree[];
	/** Spec path (relative to the model folder) → OpenAPI document. */
	specs: Map<string, Record<string, unknown>>;
	/** Teams copied from the example (ids). */
	copiedTeams: string[];
}

// ---------------------------------------------------------------------------------------------
// Systems and their services

interface SystemPlan {
	id: string;
	name: string;
	domain: Domain;
	/** 1 customer-facing … 3 internal tooling. */
	criticality: Tier;
	cloud: Cloud;
	language: (typeof LANGUAGES)[number];
	team: string;
	platform: boolean;
	index: number;
}

interface Role {
	key: string;
	suffix: string;
	kind: Kind;
	tierOffset: number;
	/** Display name from the system's name. */
	name: (s: SystemPlan) => string;
	summary: (s: SystemPlan) => string;
}

const PRODUCT_ROLES: Role[] = [
	{ key: 'gateway', suffix: 'gateway', kind: 'service', tierOffset: 0, name: (s) => `${s.name} gateway`, summary: (s) => `The public entry point of ${s.name}: authenticates callers, applies rate limits and routes to the ${s.name} API.` },
	{ key: 'api', suffix: 'api', kind: 'service', tierOffset: 0, name: (s) => `${s.name} API`, summary: (s) => `Owns the ${s.domain.noun} and ${s.domain.noun2} records and the rules around them; every ${s.name} read and write goes through it.` },
	{ key: 'db', suffix: 'postgres', kind: 'database', tierOffset: 0, name: (s) => `${s.name} database`, summary: (s) => `PostgreSQL of record for ${s.name}: ${s.domain.noun}s, ${s.domain.noun2}s and the outbox of events.` },
	{ key: 'events', suffix: 'events', kind: 'queue', tierOffset: 0, name: (s) => `${s.name} event stream`, summary: (s) => `Carries ${s.domain.noun}.created, ${s.domain.noun}.updated and ${s.domain.noun2} events from the outbox to the worker and to other systems.` },
	{ key: 'worker', suffix: 'worker', kind: 'service', tierOffset: 1, name: (s) => `${s.name} worker`, summary: (s) => `Processes ${s.name} events asynchronously: calls ${s.domain.vendor.name}, writes results back and publishes follow-up events.` },
	{ key: 'cache', suffix: 'redis', kind: 'cache', tierOffset: 1, name: (s) => `${s.name} cache`, summary: (s) => `Read-through cache of hot ${s.domain.noun}s and the gateway's rate-limit counters; everything in it can be rebuilt.` },
	{ key: 'objects', suffix: 'objects', kind: 'storage', tierOffset: 1, name: (s) => `${s.name} object store`, summary: (s) => `Bucket for ${s.name} exports, attachments and nightly snapshots, versioned and encrypted.` },
	{ key: 'vendor', suffix: 'vendor', kind: 'external', tierOffset: 1, name: (s) => `${s.domain.vendor.name} (${s.name})`, summary: (s) => `${s.domain.vendor.name}, used by ${s.name} for ${s.domain.vendor.use}.` },
	{ key: 'scheduler', suffix: 'scheduler', kind: 'service', tierOffset: 2, name: (s) => `${s.name} scheduler`, summary: (s) => `Runs the ${s.name} batch jobs: nightly reconciliation, expiry of stale ${s.domain.noun2}s and exports.` },
	{ key: 'admin', suffix: 'admin', kind: 'service', tierOffset: 2, name: (s) => `${s.name} admin console`, summary: (s) => `Internal console where staff look up and correct ${s.domain.noun}s and ${s.domain.noun2}s, with an audit trail.` },
];

interface PlatformRole extends Role {
	tier: Tier;
	rto: string;
	/** Dependencies on other platform services: [role key, type, reason, on failure]. */
	deps: [string, 'hard' | 'soft', string, string][];
}

const PLATFORM_ROLES: PlatformRole[] = [
	{ key: 'kubernetes', suffix: 'kubernetes', kind: 'infrastructure', tierOffset: 0, tier: 1, rto: '30m', name: () => 'Kubernetes cluster', summary: () => 'The production Kubernetes cluster every in-house service runs on: control plane, node pools, CNI and storage classes.', deps: [['registry', 'soft', 'Pulls container images when pods start.', 'Running pods keep running; new pods and rollouts stall in ImagePullBackOff.'], ['backups', 'soft', 'Stores etcd snapshots every 30 minutes.', 'No new etcd snapshots; a cluster rebuild would restore an older state.']] },
	{ key: 'dns', suffix: 'dns', kind: 'external', tierOffset: 0, tier: 1, rto: '15m', name: () => 'Managed DNS', summary: () => 'The managed DNS zones for every public and internal hostname, updated by ExternalDNS.', deps: [['secrets', 'soft', 'ExternalDNS reads its API token from the secrets store.', 'Existing records keep resolving; new and changed records are not published.'], ['kubernetes', 'soft', 'ExternalDNS runs in the cluster and writes records for new ingresses.', 'Records stop following changes until the cluster is back.']] },
	{ key: 'secrets', suffix: 'secrets', kind: 'service', tierOffset: 0, tier: 1, rto: '30m', name: () => 'Secrets store', summary: () => 'HashiCorp Vault with the External Secrets operator: database credentials, API keys and TLS certificates for every service.', deps: [['kubernetes', 'hard', 'Vault runs as a three-node Raft cluster in the platform namespace.', 'Vault is unavailable; pods keep the Kubernetes Secrets they already have.'], ['backups', 'soft', 'Raft snapshots are written to the backup bucket hourly.', 'No new snapshots; a rebuild would restore an older secret set.']] },
	{ key: 'registry', suffix: 'registry', kind: 'storage', tierOffset: 0, tier: 1, rto: '1h', name: () => 'Container registry', summary: () => 'Harbor: every production container image, scanned and signed, with a pull-through cache for public images.', deps: [['kubernetes', 'hard', 'Harbor runs in the cluster.', 'Image pulls fail; new pods cannot start.'], ['backups', 'soft', 'Image layers are stored in the backup bucket.', 'Pushes fail; cached layers are still served.']] },
	{ key: 'backups', suffix: 'backups', kind: 'storage', tierOffset: 0, tier: 1, rto: '1h', name: () => 'Backup storage', summary: () => 'Object storage with versioning and object lock for database backups, WAL archives, etcd and Vault snapshots.', deps: [['secrets', 'soft', 'Encryption keys for server-side encryption come from the secrets store.', 'New objects cannot be encrypted with a fresh key; existing objects stay readable.'], ['monitoring', 'soft', 'Bucket metrics and replication lag are scraped by Prometheus.', 'Replication problems go unnoticed until monitoring is back.']] },
	{ key: 'ingress', suffix: 'ingress', kind: 'infrastructure', tierOffset: 0, tier: 1, rto: '30m', name: () => 'Ingress and load balancers', summary: () => 'The cloud load balancers and the ingress controller that terminate TLS for every public hostname.', deps: [['kubernetes', 'hard', 'The ingress controller runs as a DaemonSet on the edge node pool.', 'All public traffic fails with connection errors.'], ['dns', 'hard', 'Public hostnames resolve to the load balancers.', 'Clients cannot resolve our hostnames once their caches expire.'], ['secrets', 'soft', 'TLS certificates are renewed through cert-manager and stored as secrets.', 'Certificates are not renewed; they expire after 30 days without renewal.']] },
	{ key: 'egress', suffix: 'egress', kind: 'infrastructure', tierOffset: 0, tier: 1, rto: '30m', name: () => 'Egress gateway', summary: () => 'NAT gateways and the egress proxy through which every call to a vendor API leaves, from fixed IP addresses.', deps: [['kubernetes', 'hard', 'The egress proxy runs in the cluster.', 'Every vendor call fails.'], ['dns', 'hard', 'Vendor hostnames are resolved through the managed DNS forwarders.', 'Vendor calls fail with name resolution errors.']] },
	{ key: 'alerting', suffix: 'alerting', kind: 'service', tierOffset: 0, tier: 1, rto: '30m', name: () => 'Alerting', summary: () => 'Alertmanager and the paging integration: routes every alert to the owning team\'s on-call.', deps: [['kubernetes', 'hard', 'Alertmanager runs as a three-replica StatefulSet.', 'No alert is routed; nobody is paged.'], ['egress', 'hard', 'Pages leave through the egress gateway to the paging provider.', 'Alerts fire but pages are not delivered.'], ['monitoring', 'soft', 'Prometheus evaluates the rules and sends the alerts.', 'No new alerts arrive; the watchdog heartbeat goes silent.']] },
	{ key: 'monitoring', suffix: 'monitoring', kind: 'service', tierOffset: 0, tier: 2, rto: '1h', name: () => 'Metrics and dashboards', summary: () => 'Prometheus, Thanos and Grafana: every service\'s metrics, SLO dashboards and alert rules.', deps: [['kubernetes', 'hard', 'Prometheus and Grafana run in the cluster.', 'No metrics, no dashboards, no alert evaluation.'], ['backups', 'soft', 'Thanos keeps long-term metrics in object storage.', 'Queries older than 15 days fail; recent metrics are unaffected.']] },
	{ key: 'logging', suffix: 'logging', kind: 'service', tierOffset: 0, tier: 2, rto: '4h', name: () => 'Log aggregation', summary: () => 'Loki and the log shippers: every container\'s logs, searchable for 30 days.', deps: [['kubernetes', 'hard', 'Loki and the Promtail DaemonSet run in the cluster.', 'Logs are not collected or searchable.'], ['backups', 'hard', 'Log chunks are stored in object storage.', 'Ingestion fails once the write-ahead log is full.']] },
];

const PLATFORM: Domain = {
	id: 'platform',
	name: 'Platform',
	noun: 'cluster',
	noun2: 'namespace',
	purpose: 'runs every other system: the Kubernetes cluster, ingress, DNS, secrets, backups and observability',
	users: 'every engineering team',
	vendor: { id: 'dns', name: 'Managed DNS', use: 'DNS', status: 'https://www.cloudflarestatus.com', errors: ['SERVFAIL', 'NXDOMAIN'] },
};

// Availability objectives by tier and layer: data stores promise more than the services on
// them, so no hard-dependency chain sets a ceiling below a promise.
const AVAILABILITY: Record<Tier, { edge: number; app: number; data: number }> = {
	1: { edge: 99.9, app: 99.95, data: 99.99 },
	2: { edge: 99.5, app: 99.8, data: 99.9 },
	3: { edge: 99, app: 99.5, data: 99.9 },
	4: { edge: 98, app: 99, data: 99.5 },
};
const RTO_OPTIONS: Record<Tier, string[]> = { 1: ['1h', '1h', '2h'], 2: ['4h', '4h', '2h'], 3: ['8h', '1d'], 4: ['1d', '3d'] };
const RPO: Record<Tier, string> = { 1: '5m', 2: '15m', 3: '1h', 4: '1d' };

export interface GenerateOptions {
	size: number;
	seed?: string;
	/** YYYY-MM-DD: every date in the model is relative to it. */
	today: string;
}

export function generateModel({ size, seed = 'opsbook', today }: GenerateOptions): SyntheticModel {
	if (!Number.isInteger(size) || size < 10) throw new Error(`size must be a whole number of services, at least 10 (got ${size})`);
	const r = rng(`${seed}/${size}`);
	const systems: SystemPlan[] = [];
	// The platform system first, then products; the last product may have fewer than ten services.
	const productCount = Math.ceil((size - PLATFORM_ROLES.length) / PRODUCT_ROLES.length);
	systems.push({ id: 'platform', name: 'Platform', domain: PLATFORM, criticality: 1, cloud: pick(r, CLOUDS), language: LANGUAGES[0]!, team: 'platform-engineering', platform: true, index: 0 });
	for (let i = 0; i < productCount; i++) {
		const base = DOMAINS[i % DOMAINS.length]!;
		const segment = i < DOMAINS.length ? undefined : SEGMENTS[Math.floor(i / DOMAINS.length) - 1]!;
		const domain: Domain = segment
			? { ...base, id: `${segment.id}-${base.id}`, name: `${segment.name} ${base.name.charAt(0).toLowerCase()}${base.name.slice(1)}` }
			: base;
		const roll = r();
		const criticality: Tier = roll < 0.3 ? 1 : roll < 0.75 ? 2 : 3;
		systems.push({ id: domain.id, name: domain.name, domain, criticality, cloud: pick(r, CLOUDS), language: pick(r, LANGUAGES), team: '', platform: false, index: i + 1 });
	}
	// Teams own two product systems each.
	const products = systems.filter((s) => !s.platform);
	for (let i = 0; i < products.length; i++) products[i]!.team = `${products[i - (i % 2)]!.id}-engineering`;

	const people = peopleOf(r);
	const teams: SynTeam[] = [makeTeam(r, people, 'platform-engineering', 'Platform Engineering', 'the platform every other team deploys on: the Kubernetes cluster, ingress, DNS, secrets, backups and the observability stack', 'grafana-oncall')];
	for (let i = 0; i < products.length; i += 2) {
		const pair = products.slice(i, i + 2);
		const name = pair.length === 2 ? `${pair[0]!.name} and ${pair[1]!.name.charAt(0).toLowerCase()}${pair[1]!.name.slice(1)} engineering` : `${pair[0]!.name} engineering`;
		const about = pair.map((s) => `${s.name}, which ${s.domain.purpose}`).join('; and ');
		teams.push(makeTeam(r, people, pair[0]!.team, name, about, pick(r, ['pagerduty', 'opsgenie', 'grafana-oncall'] as const)));
	}

	// Plan every service (ids first, so dependencies and runbook links can name them).
	interface Plan {
		system: SystemPlan;
		role: Role;
		id: string;
		tier: Tier;
	}
	const plans: Plan[] = [];
	const platform = systems[0]!;
	for (const role of PLATFORM_ROLES) plans.push({ system: platform, role, id: `platform-${role.suffix}`, tier: role.tier });
	for (const system of products) {
		for (const role of PRODUCT_ROLES) {
			if (plans.length >= size) break;
			const suffix = role.key === 'vendor' ? system.domain.vendor.id : role.suffix;
			plans.push({ system, role, id: `${system.id}-${suffix}`, tier: Math.min(4, system.criticality + role.tierOffset) as Tier });
		}
	}
	const byKey = new Map<string, Plan>();
	for (const plan of plans) byKey.set(`${plan.system.id}/${plan.role.key}`, plan);
	const planOf = (system: SystemPlan, key: string) => byKey.get(`${system.id}/${key}`);
	const plat = (key: string) => byKey.get(`platform/${key}`)!;

	const services: SynService[] = [];
	const runbooks: SynRunbook[] = [];
	const trees: SynTree[] = [];
	const specs = new Map<string, Record<string, unknown>>();
	const serviceById = new Map<string, SynService>();

	for (const plan of plans) {
		const { system, role, id, tier } = plan;
		const s = system;
		const deps: SynService['dependencies'] = [];
		const dep = (target: Plan | undefined, type: 'hard' | 'soft', reason: string, onFailure: string) => {
			if (!target || target.id === id || deps.some((d) => d.service === target.id)) return;
			// Hard dependencies only on the same or a more critical tier: no tier inversions.
			const effective = type === 'hard' && target.tier > tier ? 'soft' : type;
			deps.push({ service: target.id, type: effective, reason, onFailure });
		};
		if (s.platform) {
			for (const [key, type, reason, onFailure] of (role as PlatformRole).deps) dep(plat(key), type, reason, onFailure);
		} else {
			const d = s.domain;
			const api = planOf(s, 'api');
			const db = planOf(s, 'db');
			const events = planOf(s, 'events');
			const cache = planOf(s, 'cache');
			const objects = planOf(s, 'objects');
			const vendor = planOf(s, 'vendor');
			const kube = plat('kubernetes');
			switch (role.key) {
				case 'gateway':
					dep(api, 'hard', `Every request is routed to the ${s.name} API after authentication.`, `Requests fail with 502 after the gateway's 5 s upstream timeout.`);
					dep(plat('ingress'), 'hard', 'Public traffic reaches the gateway through the ingress load balancers.', 'Clients get connection errors.');
					dep(kube, 'hard', 'Runs as a Deployment behind a HorizontalPodAutoscaler.', 'No gateway pods; every request fails.');
					dep(cache, 'soft', 'Rate-limit counters and cached token introspection.', 'Rate limits fall back to per-pod counters (looser); token checks go to the identity provider (slower).');
					break;
				case 'api': {
					dep(db, 'hard', `Reads and writes every ${d.noun} and ${d.noun2}.`, `Writes fail with 503; reads of cached ${d.noun}s still succeed for 5 minutes.`);
					dep(kube, 'hard', 'Runs as a Deployment in the cluster.', 'No API pods; the gateway answers 502.');
					dep(cache, 'soft', `Caches hot ${d.noun}s for 5 minutes.`, 'p95 latency roughly triples; the database takes the full read load.');
					dep(events, 'soft', `Publishes ${d.noun} events through the transactional outbox.`, 'Events wait in the outbox table and are published when the stream is back; nothing is lost.');
					const upstream = products[(products.indexOf(s) + products.length - 1) % products.length];
					if (upstream && upstream !== s) {
						dep(planOf(upstream, 'gateway'), 'soft', `Looks up ${upstream.domain.noun}s in ${upstream.name} when a ${d.noun} refers to one.`, `${pascal(d.noun)}s are shown without their ${upstream.name.toLowerCase()} details until it is back.`);
					}
					break;
				}
				case 'worker':
					dep(events, 'hard', `Consumes ${d.noun} events (consumer group ${s.id}-worker).`, 'Processing stops; events accumulate in the stream and are processed on recovery.');
					dep(db, 'hard', 'Writes processing results and idempotency keys.', 'Jobs fail and are retried with backoff.');
					dep(kube, 'hard', 'Runs as a Deployment scaled on consumer lag by KEDA.', 'No processing until pods are back.');
					dep(vendor, 'soft', `Calls ${d.vendor.name} for ${d.vendor.use}.`, `Calls are retried for 24 h, then parked on the dead-letter topic for a manual replay.`);
					dep(objects, 'soft', 'Writes exports and attachments.', 'Exports are delayed; they are regenerated on the next run.');
					break;
				case 'db':
					dep(kube, s.cloud.id === 'hetzner' ? 'hard' : 'soft', s.cloud.id === 'hetzner' ? 'CloudNativePG runs the primary and its replica as pods with local volumes.' : 'The PgBouncer poolers run in the cluster.', s.cloud.id === 'hetzner' ? 'The database is down until the pods are rescheduled.' : 'Connections through the pooler fail; direct connections still work.');
					dep(plat('backups'), 'soft', 'Base backups and continuous WAL archiving go to the backup bucket.', 'Point-in-time recovery stops at the last archived WAL segment; the database keeps serving.');
					dep(plat('secrets'), 'soft', 'Application credentials are issued and rotated by the secrets store.', 'Credential rotation stops; existing credentials keep working.');
					break;
				case 'events':
					dep(kube, 'hard', `${s.cloud.queue} brokers or their bridge run in the cluster.`, 'Producers buffer for 60 s, then fail; the outbox keeps the events.');
					dep(plat('backups'), 'soft', 'Tiered storage offloads segments older than a day.', 'Brokers keep segments on local disk until the bucket is back; watch disk usage.');
					dep(plat('secrets'), 'soft', 'SASL credentials for producers and consumers.', 'Credential rotation stops; existing clients are unaffected.');
					break;
				case 'cache':
					dep(kube, 'hard', 'Runs as a StatefulSet with Sentinel.', 'Cache misses on every read; callers fall back to the database.');
					dep(plat('secrets'), 'soft', 'The cache password comes from the secrets store.', 'Rotation stops; existing clients are unaffected.');
					break;
				case 'objects':
					dep(plat('secrets'), 'soft', 'Bucket encryption keys and access credentials.', 'New credentials cannot be issued; existing ones keep working.');
					dep(plat('backups'), 'soft', 'Objects are replicated to the backup bucket in a second region.', 'Replication lags; the primary bucket keeps serving.');
					break;
				case 'vendor':
					dep(plat('egress'), 'hard', `Every call to ${d.vendor.name} leaves through the egress gateway, whose fixed IPs ${d.vendor.name} allows.`, `Every ${d.vendor.name} call fails with a connection timeout.`);
					dep(plat('secrets'), 'soft', `The ${d.vendor.name} API key is read from the secrets store at start-up.`, 'Key rotation stops; running pods keep the key they have.');
					break;
				case 'scheduler':
					dep(db, 'hard', 'Reads the job schedule and writes run history.', 'Jobs are skipped and run on the next schedule.');
					dep(kube, 'hard', 'Jobs run as Kubernetes CronJobs.', 'No job runs.');
					dep(events, 'soft', 'Publishes expiry and export events.', 'Events wait in the outbox.');
					break;
				case 'admin':
					dep(api, 'hard', `Every change staff make goes through the ${s.name} API, so the same rules apply.`, 'The console shows an error banner; staff cannot make changes.');
					dep(plat('ingress'), 'hard', 'Served on the internal hostname behind the ingress.', 'The console does not load.');
					dep(db, 'soft', 'Read-only reporting queries on the replica.', 'Reports are unavailable; lookups through the API still work.');
					break;
			}
		}
		const service = makeService(r, plan.system, role, id, tier, deps, today);
		services.push(service);
		serviceById.set(id, service);
	}

	// A deprecated service says when it goes and what takes over (the example's policy asks it of
	// deprecated services): another service of its system that is not itself going away.
	for (const service of services) {
		if (service.lifecycle !== 'deprecated') continue;
		const successor = services.find((other) => other.system === service.system && other.id !== service.id && other.lifecycle === 'production');
		if (!successor) {
			service.lifecycle = 'production';
			continue;
		}
		service.sunset = addDays(today, 90 + (services.indexOf(service) % 180));
		service.replacement = successor.id;
	}

	// Recovery times follow the dependency graph: nobody promises to be back before what it hard-depends on.
	const ordered = topological(services);
	for (const service of ordered) {
		const floor = Math.max(0, ...service.dependencies.filter((d) => d.type === 'hard').map((d) => minutes(serviceById.get(d.service)!.recovery.rto)));
		if (minutes(service.recovery.rto) < floor) service.recovery.rto = serviceById.get(service.dependencies.find((d) => d.type === 'hard' && minutes(serviceById.get(d.service)!.recovery.rto) === floor)!.service)!.recovery.rto;
	}

	// APIs: every third product gateway publishes an OpenAPI spec.
	for (const system of products) {
		const gateway = serviceById.get(`${system.id}-gateway`);
		if (!gateway || system.index % 3 !== 1) continue;
		const path = `apis/${system.id}.yaml`;
		gateway.exposesApi = true;
		gateway.apis = [{ id: `${system.id}-api`, name: `${system.name} API`, spec: path, description: `The ${system.name} REST API for ${system.domain.users}: ${system.domain.noun}s and ${system.domain.noun2}s.` }];
		specs.set(path, openapi(system, gateway));
	}

	// Runbooks and trees.
	const teamOf = (service: SynService) => service.owner;
	for (const service of services) {
		const plan = plans.find((p) => p.id === service.id)!;
		const made = makeRunbooks(r, plan.system, plan.role, service, serviceById, today);
		runbooks.push(...made);
		trees.push(makeTree(r, plan.system, service, made, serviceById, teamOf(service), today));
	}

	const systemsOut: SynSystem[] = systems.map((s) => makeSystem(s, services.filter((service) => service.system === s.id), today));
	return { size, seed, today, systems: systemsOut, teams, services, runbooks, trees, specs, copiedTeams: ['sre', 'security'] };
}

function topological(services: SynService[]): SynService[] {
	const byId = new Map(services.map((s) => [s.id, s]));
	const out: SynService[] = [];
	const seen = new Set<string>();
	const visit = (s: SynService) => {
		if (seen.has(s.id)) return;
		seen.add(s.id);
		for (const d of s.dependencies) if (d.type === 'hard') visit(byId.get(d.service)!);
		out.push(s);
	};
	for (const s of services) visit(s);
	return out;
}

// ---------------------------------------------------------------------------------------------
// People and teams

interface Person {
	first: string;
	last: string;
}

function peopleOf(r: Rng): () => Person {
	const used = new Set<string>();
	return () => {
		for (;;) {
			const person = { first: pick(r, FIRST_NAMES), last: pick(r, LAST_NAMES) };
			const key = `${person.first} ${person.last}`;
			if (used.size > FIRST_NAMES.length * LAST_NAMES.length * 0.8) return person;
			if (!used.has(key)) {
				used.add(key);
				return person;
			}
		}
	};
}

const handle = (p: Person) => `${p.first.toLowerCase()}.${p.last.toLowerCase()}`;

function makeTeam(r: Rng, person: () => Person, id: string, name: string, about: string, tool: 'pagerduty' | 'opsgenie' | 'grafana-oncall'): SynTeam {
	const members = Array.from({ length: int(r, 4, 7) }, () => person());
	const lead = members[0]!;
	const roles = ['Senior software engineer', 'Software engineer', 'Site reliability engineer', 'Staff engineer', 'Software engineer (data)', 'Platform engineer'];
	const zone = pick(r, ['Europe/Berlin', 'Europe/London', 'Europe/Lisbon', 'America/New_York', 'Asia/Singapore']);
	const code = id.replace(/-/g, '').slice(0, 8).toUpperCase();
	const pager =
		tool === 'pagerduty'
			? `https://example.pagerduty.com/schedules/P${code}`
			: tool === 'opsgenie'
				? `https://example.app.opsgenie.com/schedule/whoIsOnCall/${id}`
				: `https://oncall.ops.example.com/a/grafana-oncall-app/schedules/S${code}`;
	return {
		id,
		name,
		description: `Builds and runs ${about}.\n\nAsk in \`#${id}\` for anything about these systems; page the on-call for production problems only.`,
		chat: { channel: `#${id}`, url: `https://example.slack.com/archives/C${code.padEnd(9, '0')}` },
		email: `${id}@example.com`,
		members: members.map((p, i) => ({
			name: `${p.first} ${p.last}`,
			role: i === 0 ? 'Engineering manager' : i === 1 ? 'Tech lead' : pick(r, roles),
			email: `${handle(p)}@example.com`,
			chat: `@${p.first.toLowerCase()}`,
			...(i === 0 ? { phone: `+44 7700 900${String(int(r, 100, 999))}` } : {}),
		})),
		onCall: {
			rotation: `${name} primary`,
			schedule: `weekly, Monday 10:00 ${zone}; 24/7 for sev1 and sev2, business hours for sev3`,
			tool,
			pager,
			handoff: `Monday hand-off in #${id}: open incidents, silenced alerts, anything changed by hand.`,
		},
		escalation: [
			{ level: 1, who: `${name} primary on-call`, after: '0', contact: `${tool} rotation "${name} primary"` },
			{ level: 2, who: `${name} secondary on-call`, after: '15m', contact: `${tool} rotation "${name} secondary"` },
			{ level: 3, who: `${lead.first} ${lead.last} (engineering manager)`, after: '30m', contact: `@${lead.first.toLowerCase()} in Slack` },
		],
		links: [
			{ type: 'dashboard', title: `${name} overview`, url: `https://grafana.ops.example.com/d/${id}/${id}-overview` },
			{ type: 'chat', title: `#${id}`, url: `https://example.slack.com/archives/C${code.padEnd(9, '0')}` },
		],
	};
}

// ---------------------------------------------------------------------------------------------
// Services

function layer(role: Role): 'edge' | 'app' | 'data' {
	if (role.key === 'gateway' || role.key === 'admin') return 'edge';
	if (['db', 'events', 'cache', 'objects'].includes(role.key) || ['infrastructure', 'storage', 'database', 'queue', 'cache'].includes(role.kind)) return 'data';
	return 'app';
}

function makeService(r: Rng, s: SystemPlan, role: Role, id: string, tier: Tier, dependencies: SynService['dependencies'], today: string): SynService {
	const d = s.domain;
	const kind = role.kind;
	const stateful = kind === 'database' || kind === 'queue' || kind === 'storage';
	const namespace = s.id;
	const deployment = id.slice(s.id.length + 1) || id;
	const name = role.name(s);
	const lang = s.language;
	const replicas = kind === 'external' ? 0 : tier <= 2 ? int(r, 2, 6) : int(r, 1, 2);
	const availability = s.platform ? ({ ingress: 99.95, egress: 99.95, alerting: 99.9, monitoring: 99.9, logging: 99.9 } as Record<string, number>)[role.key] ?? 99.99 : AVAILABILITY[tier][layer(role)];
	const rto = s.platform ? (role as PlatformRole).rto : pick(r, RTO_OPTIONS[tier]);

	const tech: Record<Kind, string> = {
		service: `${lang.name} service`,
		database: s.cloud.database,
		queue: s.cloud.queue,
		cache: s.cloud.cache,
		storage: s.cloud.storage,
		external: `${d.vendor.name} SaaS`,
		infrastructure: s.cloud.cluster,
	};
	const description = [
		`${role.summary(s)} Part of ${s.name}, which ${d.purpose}.`,
		kind === 'external'
			? `A vendor service: we call it from the \`${namespace}\` namespace through the egress gateway, with an API key from the secrets store (\`${namespace}/${d.vendor.id}-api-key\`). Vendor status: ${d.vendor.status}. Errors to know: ${d.vendor.errors.map((e) => `\`${e}\``).join(', ')}.`
			: `Runs as **${tech[kind]}** in ${s.cloud.region}${kind === 'service' ? ` (image based on \`${lang.image}\`, deployment \`${deployment}\` in namespace \`${namespace}\`)` : ''}. ${stateful ? `It holds data of record, so it is backed up and its restores are tested every quarter.` : 'It holds no data of its own: everything it needs is in its dependencies, so a rebuild is a redeploy.'}`,
		dependencies.length
			? `Depends on ${dependencies.map((dep) => `**${dep.service}** (${dep.type})`).join(', ')}; what fails when each of them fails is listed below.`
			: '',
	]
		.filter(Boolean)
		.join('\n\n');

	const production: SynService['environments'][number] = {
		name: 'production',
		replicas,
		region: s.cloud.region,
		...(kind === 'database' ? { notes: `Primary and ${replicas - 1} synchronous standby${replicas > 2 ? 's' : ''} in separate zones; automatic failover.` } : {}),
	};
	const environments = kind === 'external' ? [] : [production, { name: 'staging', replicas: 1, region: s.cloud.region }];

	const failover: SynService['recovery']['failover'] =
		kind === 'external'
			? { mode: 'manual', description: `No failover of the vendor itself; on a prolonged ${d.vendor.name} outage calls are queued and retried (see the DR runbook).` }
			: kind === 'database'
				? { mode: 'automatic', description: `The standby is promoted automatically within about 30 s when the primary fails; clients reconnect through the pooler.` }
				: replicas >= 2
					? { mode: 'automatic', description: `${replicas} replicas across zones behind a Service; a failed pod is replaced in about a minute while the others carry the load.` }
					: { mode: 'none', description: 'One replica; Kubernetes restarts it in about a minute.' };

	const recovery: SynService['recovery'] = stateful
		? {
				rto,
				rpo: RPO[tier],
				justification: `${name} holds data of record for ${s.name}; losing more than ${RPO[tier]} of it would mean manual reconciliation with ${d.users}.`,
				backup: {
					method:
						kind === 'database'
							? 'Base backups nightly plus continuous WAL archiving (point-in-time recovery)'
							: kind === 'queue'
								? 'Topic configuration in git; messages are re-published from the outbox tables, which are backed up with the databases'
								: 'Object versioning plus cross-region replication to the backup bucket',
					schedule: kind === 'database' ? 'daily 02:00 UTC, WAL continuous' : kind === 'queue' ? 'continuous (outbox)' : 'continuous replication, daily inventory',
					retention: tier <= 2 ? '35d' : '14d',
					location: `platform-backups, ${s.cloud.region} with a copy in a second region`,
					encrypted: true,
					lastRestoreTest: addDays(today, -int(r, 3, 80)),
				},
				failover,
			}
		: {
				rto,
				stateless: true,
				justification: kind === 'external' ? `Vendor-run; we hold no state in it that is not also in our own database.` : 'Stateless: the image is in the registry and the manifests in git; state lives in its dependencies.',
				failover,
			};

	const slos: Record<string, unknown>[] = [
		{ name: `${name} availability`, indicator: 'availability', target: availability, window: '30d', description: kind === 'external' ? `Share of calls to ${d.vendor.name} that do not fail with 5xx or time out, counted by our client.` : `Share of requests (or probe minutes) that succeed, from the ${lang.metrics} metrics and the blackbox probe.` },
	];
	if (tier === 1 || (kind === 'service' && tier === 2)) {
		slos.push({ name: `${name} latency`, indicator: 'latency', target: 99, percentile: 95, threshold: kind === 'database' || kind === 'cache' ? '50ms' : kind === 'external' ? '800ms' : tier === 1 ? '300ms' : '500ms', window: '30d', description: 'Share of requests served under the threshold at p95.' });
	}
	if (kind === 'service' && tier <= 2) slos.push({ name: `${name} error rate`, indicator: 'error-rate', target: tier === 1 ? 0.1 : 0.5, window: '30d', description: '5xx responses as a share of all requests.' });

	const pfx = pascal(id);
	const alerts = alertsFor(kind, role.key, pfx, s, deployment, tier);
	const tags = [kind, s.cloud.id, ...(kind === 'service' ? [lang.name.split(' ')[0]!.toLowerCase()] : []), ...(s.platform ? ['platform'] : [d.id])];
	const links: SynService['links'] = [
		...(kind === 'external'
			? [{ type: 'status', title: `${d.vendor.name} status`, url: d.vendor.status }]
			: [{ type: 'repo', title: `${s.id}/${deployment}`, url: `https://github.com/example-org/${s.id}/tree/main/${deployment}` }]),
		{ type: 'dashboard', title: `${name} overview`, url: `https://grafana.ops.example.com/d/${id}/${id}` },
		{ type: 'logs', title: `${name} logs`, url: `https://grafana.ops.example.com/explore?service=${id}` },
	];
	const lifecycle: SynService['lifecycle'] = tier === 4 && r() < 0.3 ? 'experimental' : tier >= 3 && r() < 0.1 ? 'deprecated' : 'production';
	const sla =
		role.key === 'gateway' && tier === 1
			? {
					availability: 99.5,
					window: '30d',
					customers: `${d.users} on a paid plan`,
					measurement: 'External synthetic checks every minute from two regions; a minute is down when both fail.',
					exclusions: ['Scheduled maintenance announced 5 days ahead, at most 4 hours a month'],
					credits: '10 % of the monthly fee below 99.5 %, 25 % below 99.0 %.',
					responseTimes: [
						{ severity: 'sev1', response: '30m', resolution: '4h' },
						{ severity: 'sev2', response: '1h', resolution: '8h' },
					],
				}
			: undefined;
	return {
		id,
		name,
		summary: role.summary(s),
		description,
		system: s.id,
		owner: s.team,
		tier,
		lifecycle,
		kind,
		tags,
		links,
		environments,
		dependencies,
		recovery,
		slos,
		...(sla ? { sla } : {}),
		alerts,
		exposesApi: false,
		dataClassification: stateful ? (['payments', 'identity', 'ledger', 'billing'].some((k) => d.id.endsWith(k)) ? 'restricted' : 'confidential') : kind === 'external' ? 'confidential' : 'internal',
		// What a data store holds, as the example's dataRules ask of confidential data (no random draws: the rest of the model stays as it was).
		...(stateful
			? {
					data: [
						{
							name: kind === 'queue' ? `${d.noun} and ${d.noun2} events` : kind === 'storage' ? `${s.name} exports and attachments` : `${d.noun}s and ${d.noun2}s`,
							categories: kind === 'storage' ? ['customer-content', 'exports'] : ['customer-pii', 'business-records'],
							classification: 'confidential',
							residency: [s.cloud.region],
							retention: kind === 'queue' ? '7d' : tier <= 2 ? 'While the customer relationship lasts, then 90 days' : '1 year',
							encryption: {
								atRest: { enabled: true, how: 'Volume and backup encryption with the platform key' },
								inTransit: { enabled: true, how: 'TLS 1.2+ required' },
							},
						},
					],
				}
			: {}),
		lastReviewed: addDays(today, -int(r, 2, 150)),
	};
}

function alertsFor(kind: Kind, key: string, pfx: string, s: SystemPlan, deployment: string, tier: Tier): SynService['alerts'] {
	const ns = s.id;
	const critical = tier <= 2 ? 'critical' : 'warning';
	const A = (cond: string, severity: 'critical' | 'warning' | 'info', summary: string, expr: string, f: string, route: string) => ({ name: `${pfx}${cond}`, severity, summary, expr, for: f, runbook: route });
	switch (kind) {
		case 'service':
			if (key === 'worker' || key === 'scheduler') {
				return [
					A(key === 'worker' ? 'ConsumerLagHigh' : 'JobMissed', critical, key === 'worker' ? 'The worker is more than 10 000 events or 10 minutes behind.' : 'A scheduled job has not completed on time.', key === 'worker' ? `sum(kafka_consumergroup_lag{consumergroup="${ns}-worker"}) > 10000` : `time() - max(kube_cronjob_status_last_successful_time{namespace="${ns}"}) > 26 * 3600`, '10m', 'incident'),
					A('PodsCrashLooping', 'warning', `Pods of ${deployment} restarted more than 3 times in 15 minutes.`, `increase(kube_pod_container_status_restarts_total{namespace="${ns}",container="${deployment}"}[15m]) > 3`, '5m', 'incident'),
				];
			}
			return [
				A('HighErrorRate', critical, `More than 2 % of ${deployment} requests answered 5xx over 5 minutes.`, `sum(rate(http_requests_total{namespace="${ns}",app="${deployment}",code=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="${ns}",app="${deployment}"}[5m])) > 0.02`, '5m', 'incident'),
				A('LatencyHigh', 'warning', `p95 latency of ${deployment} above its SLO threshold for 15 minutes.`, `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="${ns}",app="${deployment}"}[5m]))) > 0.3`, '15m', 'incident'),
				A('Down', critical, `No ready ${deployment} pod, or the health probe failed for 2 minutes.`, `kube_deployment_status_replicas_available{namespace="${ns}",deployment="${deployment}"} == 0`, '2m', 'incident'),
			];
		case 'database':
			return [
				A('ConnectionsHigh', critical, 'More than 85 % of max_connections in use for 5 minutes.', `sum(pg_stat_activity_count{namespace="${ns}"}) / max(pg_settings_max_connections{namespace="${ns}"}) > 0.85`, '5m', 'incident'),
				A('ReplicationLag', 'warning', 'The standby is more than 30 s behind the primary.', `max(pg_replication_lag_seconds{namespace="${ns}"}) > 30`, '5m', 'incident'),
				A('DiskFillingUp', 'warning', 'Data volume predicted to be full within 24 hours.', `predict_linear(kubelet_volume_stats_available_bytes{namespace="${ns}"}[6h], 86400) < 0`, '30m', 'third'),
				A('BackupFailed', 'warning', 'No successful base backup for 26 hours.', `time() - max(pg_last_backup_completed_timestamp{namespace="${ns}"}) > 26 * 3600`, '1h', 'dr'),
			];
		case 'queue':
			return [
				A('ConsumerLag', critical, 'A consumer group is more than 50 000 messages behind.', `max by (consumergroup) (kafka_consumergroup_lag{namespace="${ns}"}) > 50000`, '10m', 'incident'),
				A('UnderReplicated', 'warning', 'Partitions are under-replicated.', `sum(kafka_topic_partition_under_replicated_partition{namespace="${ns}"}) > 0`, '10m', 'incident'),
				A('DeadLetters', 'info', 'Messages are arriving on the dead-letter topic.', `sum(rate(kafka_topic_partition_current_offset{namespace="${ns}",topic=~".*\\\\.dlq"}[15m])) > 0`, '15m', 'third'),
			];
		case 'cache':
			return [
				A('Down', critical, 'The cache has been unreachable for 2 minutes; callers are on their fallbacks.', `redis_up{namespace="${ns}"} == 0`, '2m', 'incident'),
				A('MemoryHigh', 'warning', 'Memory above 90 % of maxmemory; evictions are rising.', `redis_memory_used_bytes{namespace="${ns}"} / redis_memory_max_bytes{namespace="${ns}"} > 0.9`, '15m', 'third'),
			];
		case 'storage':
			return [
				A('ErrorRate', critical, 'More than 1 % of bucket requests fail.', `sum(rate(bucket_requests_errors_total{bucket="${ns}-${deployment}"}[5m])) / sum(rate(bucket_requests_total{bucket="${ns}-${deployment}"}[5m])) > 0.01`, '10m', 'incident'),
				A('ReplicationLag', 'warning', 'Cross-region replication more than 1 hour behind.', `max(bucket_replication_lag_seconds{bucket="${ns}-${deployment}"}) > 3600`, '30m', 'dr'),
			];
		case 'external':
			return [
				A('ErrorRate', 'warning', 'More than 5 % of calls to the vendor failed over 15 minutes.', `sum(rate(vendor_requests_total{vendor="${deployment}",namespace="${ns}",status=~"5..|timeout"}[15m])) / sum(rate(vendor_requests_total{vendor="${deployment}",namespace="${ns}"}[15m])) > 0.05`, '15m', 'incident'),
				A('RateLimited', 'warning', 'The vendor rate-limited us (HTTP 429) more than 50 times in 15 minutes.', `sum(increase(vendor_requests_total{vendor="${deployment}",namespace="${ns}",status="429"}[15m])) > 50`, '5m', 'incident'),
			];
		case 'infrastructure':
			return [
				A('Degraded', 'critical', `${pfx} health checks are failing.`, `min(up{job="${deployment}"}) == 0`, '5m', 'incident'),
				A('CapacityLow', 'warning', 'Less than 20 % headroom left.', `sum(kube_node_status_allocatable{resource="cpu"}) - sum(kube_pod_container_resource_requests{resource="cpu"}) < 0.2 * sum(kube_node_status_allocatable{resource="cpu"})`, '30m', 'third'),
			];
	}
}

// ---------------------------------------------------------------------------------------------
// Runbooks and trees

const SLUG: Record<Kind, string> = {
	service: 'errors-or-latency',
	database: 'connections-or-lag',
	queue: 'consumer-lag',
	cache: 'unavailable',
	storage: 'errors',
	external: 'degraded',
	infrastructure: 'degraded',
};

export function incidentRunbookId(service: Pick<SynService, 'id' | 'kind'>): string {
	return `${service.id}-${SLUG[service.kind]}`;
}

function makeRunbooks(r: Rng, s: SystemPlan, role: Role, service: SynService, services: Map<string, SynService>, today: string): SynRunbook[] {
	const kind = service.kind;
	const ns = s.id;
	const deployment = service.id.slice(s.id.length + 1) || service.id;
	const d = s.domain;
	const stateful = kind === 'database' || kind === 'queue' || kind === 'storage';
	const withDr = service.tier <= 2 || stateful;
	const hard = service.dependencies.filter((dep) => dep.type === 'hard').map((dep) => services.get(dep.service)!);
	const dependants = [...services.values()].filter((other) => other.dependencies.some((dep) => dep.service === service.id && dep.type === 'hard')).slice(0, 3);
	const severity = (service.tier === 1 ? 'sev1' : service.tier === 2 ? 'sev2' : service.tier === 3 ? 'sev3' : 'sev4') as SynRunbook['severity'];
	const tested = () => addDays(today, -int(r, 1, 170));
	const escalateTo = service.tier <= 2 ? 'sre' : service.owner;
	const incidentId = incidentRunbookId(service);
	const drId = `${service.id}-dr-${stateful ? 'restore' : 'rebuild'}`;
	const thirdSpec = third(kind, role.key, service, s, deployment);
	const secondId = withDr ? drId : `${service.id}-planned-maintenance`;
	const route = (which: string) => (which === 'dr' && withDr ? drId : which === 'third' ? thirdSpec.id : incidentId);
	for (const alert of service.alerts) alert.runbook = route(alert.runbook);
	const alertsTo = (id: string) => service.alerts.filter((a) => a.runbook === id).map((a) => a.name);

	const checkCommand: Record<Kind, string> = {
		service: `kubectl -n ${ns} get deploy/${deployment} pods -l app=${deployment} -o wide\nkubectl -n ${ns} logs deploy/${deployment} --since=15m | grep -iE 'error|panic|timeout' | tail -20`,
		database: `kubectl -n ${ns} exec deploy/${ns}-psql -- psql -XAt -c "select state, count(*) from pg_stat_activity group by 1 order by 2 desc"\nkubectl -n ${ns} exec deploy/${ns}-psql -- psql -XAt -c "select client_addr, replay_lag from pg_stat_replication"`,
		queue: `kubectl -n ${ns} exec ${ns}-kafka-0 -- bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --all-groups | sort -k6 -n -r | head -10`,
		cache: `kubectl -n ${ns} exec ${ns}-redis-0 -- redis-cli info replication | head -5\nkubectl -n ${ns} exec ${ns}-redis-0 -- redis-cli info memory | grep -E 'used_memory_human|maxmemory_human|evicted'`,
		storage: `${s.cloud.storageCli} ls ${ns}-${deployment}/healthcheck/ && echo reachable`,
		external: `curl -s ${d.vendor.status}/api/v2/status.json | jq -r .status.description\nkubectl -n ${ns} logs deploy/${ns}-worker --since=15m | grep -c '${d.vendor.id}'`,
		infrastructure: `kubectl get nodes -o wide\nkubectl -n kube-system get pods --field-selector=status.phase!=Running`,
	};
	const errors = kind === 'external' ? d.vendor.errors : kind === 'database' ? ['FATAL: sorry, too many clients already', 'ERROR: canceling statement due to statement timeout'] : kind === 'cache' ? ['dial tcp: connect: connection refused', 'OOM command not allowed when used memory > \'maxmemory\''] : kind === 'queue' ? ['NOT_ENOUGH_REPLICAS', 'Commit cannot be completed since the group has already rebalanced'] : kind === 'storage' ? ['SlowDown: Please reduce your request rate', 'AccessDenied'] : [`upstream connect error or disconnect/reset before headers`, `context deadline exceeded`];
	const dependencyStep: SynStep[] = hard.length
		? [{ title: 'Check the hard dependencies', description: `${service.name} fails without ${hard.map((h) => `**${h.name}** (\`${h.id}\`)`).join(', ')}. If one of them is failing, follow its runbook instead: ${hard.map((h) => `${incidentRunbookId(h)}`).join(', ')}.`, command: hard.map((h) => `kubectl -n ${h.system} get pods -l app.kubernetes.io/part-of=${h.id}`).join('\n'), expected: 'All pods Running and Ready.' }]
		: [];

	const incidentSteps: Record<Kind, SynStep[]> = {
		service: [
			{ title: 'See what fails', command: checkCommand.service, expected: 'All pods Running and Ready; the log shows the failing calls.' },
			...dependencyStep,
			{ title: 'Roll back if a deploy went out just before', command: `argocd app history ${ns}-${deployment} | tail -3\nargocd app rollback ${ns}-${deployment}`, expected: 'The previous revision is synced and healthy.', warning: 'Roll back only when the timing matches; a rollback over a schema migration needs the owning team.' },
			{ title: 'Scale out if it is saturated', command: `kubectl -n ${ns} scale deploy/${deployment} --replicas=${Math.max(4, (service.environments[0]?.replicas ?? 2) * 2)}`, expected: 'CPU per pod falls below 70 %; latency recovers within minutes.' },
		],
		database: [
			{ title: 'Look at connections and replication', command: checkCommand.database, expected: 'Mostly idle connections; replay lag under a few seconds.' },
			{ title: 'End sessions stuck in a transaction', command: `kubectl -n ${ns} exec deploy/${ns}-psql -- psql -XAt -c "select pg_terminate_backend(pid) from pg_stat_activity where state = 'idle in transaction' and state_change < now() - interval '5 minutes'"`, expected: 'A count of terminated sessions; connections drop below 70 %.', warning: 'Terminating a session rolls back its transaction.' },
			{ title: 'Find the heaviest queries', command: `kubectl -n ${ns} exec deploy/${ns}-psql -- psql -XA -c "select left(query, 80), calls, mean_exec_time from pg_stat_statements order by total_exec_time desc limit 5"`, expected: 'The queries behind the load; tell the owning team of the caller.' },
			{ title: 'Fail over if the primary is unhealthy', command: s.cloud.id === 'hetzner' ? `kubectl cnpg promote ${ns}-postgres ${ns}-postgres-2 -n ${ns}` : `${s.cloud.id === 'aws' ? `aws rds reboot-db-instance --db-instance-identifier ${ns}-prod --force-failover` : `# ${s.cloud.database}: trigger a planned failover from the console`}`, expected: 'The standby is primary within a minute; clients reconnect through the pooler.' },
		],
		queue: [
			{ title: 'Find the lagging consumer group', command: checkCommand.queue, expected: 'The group with the largest LAG, and whether its consumers are connected.' },
			{ title: 'Check broker health and replication', command: `kubectl -n ${ns} get kafka ${ns}-kafka -o jsonpath='{.status.conditions}'\nkubectl -n ${ns} exec ${ns}-kafka-0 -- bin/kafka-topics.sh --bootstrap-server localhost:9092 --describe --under-replicated-partitions`, expected: 'Ready; no under-replicated partitions.' },
			{ title: 'Scale the consumers', command: `kubectl -n ${ns} scale deploy/${ns}-worker --replicas=8`, expected: 'Lag falls steadily; it is back under 1 000 within 30 minutes.' },
		],
		cache: [
			{ title: 'Check the cache', command: checkCommand.cache, expected: 'role:master with connected replicas; memory under 80 %.' },
			{ title: 'Restart a stuck instance', command: `kubectl -n ${ns} delete pod ${ns}-redis-0`, expected: 'Sentinel promotes a replica; the pod comes back as a replica.', warning: 'Callers see cache misses for a minute; the database takes the load.' },
			...dependencyStep,
		],
		storage: [
			{ title: 'Check the bucket answers', command: checkCommand.storage, expected: 'reachable' },
			{ title: 'Check for throttling or denied requests', command: `kubectl -n ${ns} logs deploy/${ns}-api --since=15m | grep -E 'SlowDown|AccessDenied' | tail -5`, expected: 'Nothing; SlowDown means back-off is needed, AccessDenied a credential or policy change.' },
			{ title: 'Roll back a bucket policy change', command: `git -C infrastructure log -3 --oneline -- ${ns}/buckets.tf\nterraform -chdir=infrastructure/${ns} apply -target=module.${deployment}`, expected: 'The previous policy is applied; requests succeed.' },
		],
		external: [
			{ title: `Check ${d.vendor.name}'s status and our error mix`, command: checkCommand.external, expected: `"All Systems Operational", or an incident that matches what we see.` },
			{ title: 'Check our egress', description: `Calls leave through the egress gateway; if other vendors fail too, the problem is ours — see platform-egress-degraded.`, command: `kubectl -n platform logs deploy/egress-proxy --since=10m | grep -c ${d.vendor.id}`, expected: 'Calls to the vendor are going out.' },
			{ title: 'Slow down or pause the callers', command: `kubectl -n ${ns} set env deploy/${ns}-worker ${d.vendor.id.toUpperCase().replace(/-/g, '_')}_MAX_RPS=5`, expected: '429s stop; the backlog drains at the lower rate.' },
			{ title: 'Open a vendor ticket', description: `Include the request ids of failing calls from the logs and the time window; link the ticket in the incident channel.` },
		],
		infrastructure: [
			{ title: 'Check nodes and system pods', command: checkCommand.infrastructure, expected: 'All nodes Ready; no system pod outside Running.' },
			{ title: 'Cordon and drain a bad node', command: 'kubectl cordon <node> && kubectl drain <node> --ignore-daemonsets --delete-emptydir-data --timeout=10m', expected: 'Pods are rescheduled elsewhere; the autoscaler replaces the node.' },
			{ title: 'Check recent platform changes', command: 'argocd app list -l team=platform-engineering -o wide | head -20', expected: 'No sync in the last hour, or the one that matches the start of the problem.' },
		],
	};

	const incident: SynRunbook = {
		id: incidentId,
		title: `${service.name}: ${({ service: 'errors or latency', database: 'connections exhausted or replication lagging', queue: 'consumer lag or under-replicated partitions', cache: 'unavailable or evicting', storage: 'request errors', external: 'vendor errors or rate limits', infrastructure: 'degraded' } as const)[kind]}`,
		kind: 'incident',
		services: [service.id, ...dependants.map((x) => x.id)],
		summary: `${service.name} is failing or slow. Find whether the cause is ${kind === 'external' ? d.vendor.name : 'the service itself'}, a recent change or a dependency, and restore service first.`,
		triggers: {
			alerts: alertsTo(incidentId),
			symptoms: [
				kind === 'external' ? `${d.vendor.name} calls fail or time out` : `${d.users} report errors or slowness in ${s.name}`,
				`${pascal(d.noun)} pages load slowly or show an error banner`,
			],
			errors,
		},
		severity,
		expectedDuration: service.tier <= 2 ? '30m' : '1h',
		impact: `${service.summary} While it fails, ${dependants.length ? dependants.map((x) => x.name).join(', ') + ' fail too (hard dependencies)' : 'its users see errors'}.${service.tier === 1 ? ' Customer-facing: declare an incident.' : ''}`,
		prerequisites: [`kubectl context ${s.cloud.id}-prod`, `Read access to the ${s.name} dashboards`],
		access: [`${s.team} on-call group`],
		diagnosis: `Start with the dashboard: error rate, latency and saturation of ${service.name}, then its hard dependencies. The first graph to turn red is usually the cause.`,
		steps: incidentSteps[kind],
		verification: [`${service.alerts[0]?.name ?? 'The alerts'} resolved`, `The ${service.name} availability SLO burn rate is back under 1`],
		rollback: [{ title: 'Undo scaling', description: 'Return replicas to the values in git once the incident is over: `argocd app sync` restores them.' }],
		escalation: { team: escalateTo, after: service.tier <= 2 ? '15m' : '1h', when: service.tier <= 2 ? 'Customer impact not contained within 15 minutes — page the incident commander.' : 'Not resolved within the hour.' },
		lastTested: tested(),
	};

	let second: SynRunbook;
	if (withDr) {
		const drSteps: SynStep[] = stateful
			? kind === 'database'
				? [
						{ title: 'Agree the recovery target time', description: 'With the incident commander: the last moment before the damage, in UTC. Everything written after it is lost.' },
						{ title: 'Stop writes', command: `kubectl -n ${ns} scale deploy/api deploy/worker deploy/scheduler --replicas=0`, expected: 'No application pods; put up the maintenance page.' },
						{ title: 'Restore into a new instance', command: s.cloud.id === 'aws' ? `aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier ${ns}-prod --target-db-instance-identifier ${ns}-restore --restore-time <UTC time>` : s.cloud.id === 'hetzner' ? `kubectl -n ${ns} apply -f recovery/${ns}-postgres-restore.yaml   # bootstrap.recovery.recoveryTarget.targetTime` : `# restore ${ns}-prod to <UTC time> as ${ns}-restore (${s.cloud.database})`, expected: 'The restored instance is available; its last transaction is at the target time.' },
						{ title: 'Check the restored data', command: `psql "$RESTORE_URL" -XAt -c "select count(*), max(updated_at) from ${d.noun.replace(/-/g, '_')}s"`, expected: 'Row counts close to yesterday\'s report; max(updated_at) just before the target.' },
						{ title: 'Switch the applications over', command: `kubectl -n ${ns} patch externalsecret ${ns}-db --type merge -p '{"spec":{"data":[{"secretKey":"host","remoteRef":{"key":"${ns}/db-restore"}}]}}'\nkubectl -n ${ns} scale deploy/api deploy/worker deploy/scheduler --replicas=2`, expected: 'Applications connect to the restored instance; error rate normal.' },
					]
				: kind === 'queue'
					? [
							{ title: 'Recreate the cluster from git', command: `argocd app sync ${ns}-kafka --prune`, expected: 'Brokers Ready; topics created from the topic manifests.' },
							{ title: 'Re-publish from the outbox', command: `kubectl -n ${ns} exec deploy/api -- ./bin/outbox republish --since "<time of loss>"`, expected: 'The outbox relay reports the number of events re-published.' },
							{ title: 'Reset the consumer offsets', command: `kubectl -n ${ns} exec ${ns}-kafka-0 -- bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group ${ns}-worker --reset-offsets --to-datetime <time of loss> --all-topics --execute`, expected: 'The worker reprocesses from the loss; processing is idempotent.' },
						]
					: [
							{ title: 'Confirm what is lost', command: `${s.cloud.storageCli} ls ${ns}-${deployment}/ | head`, expected: 'Which prefixes are missing or damaged.' },
							{ title: 'Restore from the replica bucket', command: `rclone sync backup:${ns}-${deployment}-replica/ prod:${ns}-${deployment}/ --checksum --transfers 32`, expected: 'Objects copied back; rclone reports no errors.' },
							{ title: 'Restore older versions if objects were overwritten', command: `./ops/restore-versions.sh --bucket ${ns}-${deployment} --before "<UTC time>"`, expected: 'The previous versions are current again.' },
						]
			: kind === 'external'
				? [
						{ title: 'Confirm a prolonged vendor outage', description: `${d.vendor.name}'s status page (${d.vendor.status}) shows a major outage expected to last more than the RTO (${service.recovery.rto}).` },
						{ title: 'Queue instead of calling', command: `kubectl -n ${ns} set env deploy/${ns}-worker ${d.vendor.id.toUpperCase().replace(/-/g, '_')}_MODE=queue`, expected: 'Calls are parked in the retry queue; users see "processing" instead of an error.' },
						{ title: 'Drain the queue when the vendor is back', command: `kubectl -n ${ns} set env deploy/${ns}-worker ${d.vendor.id.toUpperCase().replace(/-/g, '_')}_MODE=live`, expected: 'The retry queue drains within an hour.' },
					]
				: [
						{ title: 'Decide to rebuild', description: `The cluster or region that runs ${service.name} is lost and will not be back within the RTO (${service.recovery.rto}).` },
						{ title: 'Provision the standby cluster', command: `terraform -chdir=infrastructure/standby apply -var region=${s.cloud.region === 'eu-west-1' ? 'eu-central-1' : 'secondary'}`, expected: 'The standby cluster is up with its node pools.' },
						{ title: 'Deploy from git', command: `argocd cluster add standby && argocd app sync ${ns}-${deployment} --dest-name standby`, expected: `${service.name} pods Ready in the standby cluster.` },
						...(hard.length ? [{ title: 'Check the dependencies are reachable from the standby', description: hard.map((h) => h.name).join(', ') + ' must be restored or reachable first.' }] : []),
						{ title: 'Move traffic', command: `./ops/dns-switch.sh ${service.id} standby`, expected: 'Traffic arrives at the standby cluster within the DNS TTL (60 s).' },
					];
		second = {
			id: drId,
			title: `DR: ${stateful ? 'restore' : kind === 'external' ? 'ride out a prolonged outage of' : 'rebuild'} ${service.name}`,
			kind: 'disaster-recovery',
			services: [service.id],
			summary: stateful ? `Restore ${service.name} after data loss or the loss of its storage, to within the RPO (${service.recovery.rpo}).` : kind === 'external' ? `Keep ${s.name} working in degraded mode while ${d.vendor.name} is down for longer than the RTO.` : `Bring ${service.name} back in the standby cluster when its cluster or region is lost.`,
			triggers: { alerts: alertsTo(drId), symptoms: [stateful ? 'Data deleted or corrupted' : 'The cluster or region is unavailable'], errors: [] },
			severity: 'sev1',
			expectedDuration: service.recovery.rto,
			impact: `${s.name} is down or degraded until the recovery completes (RTO ${service.recovery.rto}${stateful ? `, RPO ${service.recovery.rpo}` : ''}).`,
			prerequisites: ['An incident declared, with a commander', `Access to ${s.cloud.console}`],
			access: [`${s.cloud.id}-prod break-glass role`],
			diagnosis: 'Recovery is never done in place: restore next to the damaged copy, verify, then switch.',
			steps: drSteps,
			verification: [`${service.alerts[0]?.name ?? 'Alerts'} resolved`, 'Smoke tests of the system pass', 'Dependants report normal error rates'],
			rollback: [{ title: 'Switch back', description: 'Keep the old copy until the restored one has run for a day; switching back is the same switch in reverse.' }],
			escalation: { team: 'sre', after: '30m', when: 'Always inform the incident commander before switching.' },
			lastTested: tested(),
		};
	} else {
		second = {
			id: secondId,
			title: `Planned maintenance of ${service.name}`,
			kind: 'maintenance',
			services: [service.id],
			summary: `Patch or upgrade ${service.name} without surprising its users.`,
			triggers: { alerts: alertsTo(secondId), symptoms: [], errors: [] },
			severity: 'sev4',
			expectedDuration: '1h',
			impact: `${service.name} may be briefly unavailable; ${s.name} users are warned in advance.`,
			prerequisites: ['A change ticket', 'A maintenance window announced in the team channel'],
			access: [`${s.team} deploy rights`],
			diagnosis: 'Not an incident: follow the steps in a quiet hour.',
			steps: [
				{ title: 'Announce the window', description: `Post in #${s.team} and silence ${service.alerts.map((a) => a.name).join(', ')} for the window.` },
				{ title: 'Apply the change', command: `argocd app sync ${ns}-${deployment}`, expected: 'Synced and healthy.' },
				{ title: 'Watch for 15 minutes', description: 'Error rate and latency on the dashboard stay flat.' },
			],
			verification: ['No alert fired during or after the window'],
			rollback: [{ title: 'Roll back', command: `argocd app rollback ${ns}-${deployment}` }],
			escalation: { team: service.owner, after: '1h', when: 'The change does not settle.' },
			lastTested: tested(),
		};
	}

	const thirdBook: SynRunbook = {
		id: thirdSpec.id,
		title: thirdSpec.title,
		kind: thirdSpec.kind,
		services: [service.id],
		summary: thirdSpec.summary,
		triggers: { alerts: alertsTo(thirdSpec.id), symptoms: [], errors: [] },
		severity: 'sev4',
		expectedDuration: thirdSpec.duration,
		impact: thirdSpec.impact,
		prerequisites: [`kubectl context ${s.cloud.id}-prod`],
		access: [thirdSpec.kind === 'access' ? `${s.team} leads approve the request` : `${s.team} deploy rights`],
		diagnosis: thirdSpec.diagnosis,
		steps: thirdSpec.steps,
		verification: thirdSpec.verification,
		rollback: [],
		escalation: { team: service.owner, after: '4h', when: 'The procedure cannot be completed as written; fix the runbook afterwards.' },
		lastTested: tested(),
	};
	return [incident, second, thirdBook];
}

interface ThirdSpec {
	id: string;
	kind: SynRunbook['kind'];
	title: string;
	summary: string;
	duration: string;
	impact: string;
	diagnosis: string;
	steps: SynStep[];
	verification: string[];
}

function third(kind: Kind, key: string, service: SynService, s: SystemPlan, deployment: string): ThirdSpec {
	const ns = s.id;
	const d = s.domain;
	switch (kind) {
		case 'database':
			return {
				id: `${service.id}-grow-storage`,
				kind: 'maintenance',
				title: `Grow the storage of ${service.name}`,
				summary: 'Add disk before the data volume fills up; online, no downtime.',
				duration: '30m',
				impact: 'None when done before the volume is full.',
				diagnosis: 'Check how fast the volume is filling and whether a table or WAL is the cause.',
				steps: [
					{ title: 'Find what grows', command: `kubectl -n ${ns} exec deploy/${ns}-psql -- psql -XA -c "select relname, pg_size_pretty(pg_total_relation_size(relid)) from pg_catalog.pg_statio_user_tables order by pg_total_relation_size(relid) desc limit 5"`, expected: 'The largest tables; WAL size is shown on the dashboard.' },
					{ title: 'Grow the volume', command: s.cloud.id === 'aws' ? `aws rds modify-db-instance --db-instance-identifier ${ns}-prod --allocated-storage <GiB> --apply-immediately` : `kubectl -n ${ns} patch cluster ${ns}-postgres --type merge -p '{"spec":{"storage":{"size":"<new size>"}}}'`, expected: 'The new size is visible within minutes.' },
				],
				verification: ['Free space above 30 %', 'DiskFillingUp resolved'],
			};
		case 'queue':
			return {
				id: `${service.id}-replay-dead-letters`,
				kind: 'procedure',
				title: `Replay dead-lettered ${d.noun} events`,
				summary: 'Inspect the dead-letter topic, fix the cause, then replay the messages to the main topic.',
				duration: '30m',
				impact: 'Replayed events are processed again; consumers are idempotent.',
				diagnosis: 'Messages land on the dead-letter topic after 5 failed attempts; the header x-error says why.',
				steps: [
					{ title: 'Read the errors', command: `kubectl -n ${ns} exec ${ns}-kafka-0 -- bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic ${d.noun}.dlq --from-beginning --max-messages 5 --property print.headers=true`, expected: 'The x-error header of each message.' },
					{ title: 'Replay', command: `kubectl -n ${ns} exec deploy/worker -- ./bin/dlq replay --topic ${d.noun}.dlq --to ${d.noun}.events`, expected: 'Count of replayed messages; the DLQ is empty.' },
				],
				verification: ['Dead-letter topic empty', 'No new dead letters for an hour'],
			};
		case 'cache':
			return {
				id: `${service.id}-resize`,
				kind: 'maintenance',
				title: `Resize ${service.name}`,
				summary: 'Raise maxmemory when the working set no longer fits.',
				duration: '30m',
				impact: 'A failover during the resize: a minute of cache misses.',
				diagnosis: 'MemoryHigh with rising evictions means the working set outgrew the cache.',
				steps: [
					{ title: 'Raise the memory limit in git', description: `Edit \`${ns}/redis/values.yaml\`: \`maxmemory\` and the pod memory limit, 25 % above the current peak.` },
					{ title: 'Roll it out', command: `argocd app sync ${ns}-redis`, expected: 'Replicas restart first, then a failover, then the old primary.' },
				],
				verification: ['Evictions back near zero', 'MemoryHigh resolved'],
			};
		case 'storage':
			return {
				id: `${service.id}-grant-access`,
				kind: 'access',
				title: `Grant read access to ${service.name}`,
				summary: 'Give a person or a service read access to the bucket, time-limited and audited.',
				duration: '15m',
				impact: 'None.',
				diagnosis: 'Requests come as a ticket with a reason and an end date.',
				steps: [
					{ title: 'Check the request', description: 'A reason, an approver from the owning team, and an end date no more than 90 days away.' },
					{ title: 'Add the binding in git', description: `Add the principal to \`${ns}/buckets.tf\` under \`${deployment}_readers\` with the end date as a comment, and open a pull request.` },
					{ title: 'Apply', command: `terraform -chdir=infrastructure/${ns} apply -target=module.${deployment}`, expected: 'One binding added.' },
				],
				verification: ['The requester can list the bucket'],
			};
		case 'external':
			return {
				id: `${service.id}-rotate-key`,
				kind: 'procedure',
				title: `Rotate the ${d.vendor.name} API key`,
				summary: `Issue a new ${d.vendor.name} key, roll it out, then revoke the old one.`,
				duration: '30m',
				impact: 'None when both keys overlap.',
				diagnosis: 'Rotate every 90 days, and at once if the key may have leaked (security response plan).',
				steps: [
					{ title: `Create a new key in the ${d.vendor.name} dashboard`, description: 'Same scopes as the current key; name it with today\'s date.' },
					{ title: 'Store it in the secrets store', command: `vault kv put secret/${ns}/${d.vendor.id}-api-key value=-   # paste, then Ctrl-D`, expected: 'A new version of the secret.' },
					{ title: 'Roll the pods', command: `kubectl -n ${ns} rollout restart deploy/worker`, expected: 'Pods restart with the new key; calls succeed.' },
					{ title: 'Revoke the old key', description: `In the ${d.vendor.name} dashboard, once no call has used it for an hour.` },
				],
				verification: ['Calls succeed with the new key', 'The old key shows no use'],
			};
		case 'infrastructure':
			return {
				id: `${service.id}-upgrade`,
				kind: 'maintenance',
				title: `Upgrade ${service.name}`,
				summary: 'Upgrade one minor version at a time, staging first.',
				duration: '2h',
				impact: 'Nodes are replaced one by one; workloads with two or more replicas are unaffected.',
				diagnosis: 'Read the release notes for removed APIs first.',
				steps: [
					{ title: 'Check for deprecated APIs', command: 'kubent --target-version <next minor>', expected: 'No workload uses a removed API.' },
					{ title: 'Upgrade staging, then production', command: `terraform -chdir=infrastructure/${deployment} apply -var version=<next minor>`, expected: 'Control plane upgraded; node pools roll.' },
				],
				verification: ['All nodes Ready on the new version', 'No alerts during the upgrade'],
			};
		case 'service':
			return {
				id: `${service.id}-${key === 'scheduler' ? 'rerun-job' : 'deploy'}`,
				kind: 'procedure',
				title: key === 'scheduler' ? `Re-run a ${s.name} batch job` : `Deploy and roll back ${service.name}`,
				summary: key === 'scheduler' ? 'Run a missed or failed job by hand, safely.' : 'Ship a release through Argo CD with a canary, and roll it back.',
				duration: '30m',
				impact: 'None when the canary holds.',
				diagnosis: key === 'scheduler' ? 'Jobs are idempotent; re-running one is safe.' : 'Releases are tagged in git; Argo CD syncs the tag.',
				steps:
					key === 'scheduler'
						? [
								{ title: 'Find the failed run', command: `kubectl -n ${ns} get jobs --sort-by=.status.startTime | tail -5`, expected: 'The failed or missing run.' },
								{ title: 'Run it now', command: `kubectl -n ${ns} create job --from=cronjob/${deployment}-nightly ${deployment}-manual-$(date +%s)`, expected: 'The job completes.' },
							]
						: [
								{ title: 'Start the canary', command: `argocd app set ${ns}-${deployment} -p image.tag=<release> && argocd app sync ${ns}-${deployment}`, expected: 'The canary takes 10 % of traffic.' },
								{ title: 'Watch the canary for 15 minutes', description: 'Error rate and latency of the canary match the stable pods.' },
								{ title: 'Promote, or roll back', command: `kubectl argo rollouts promote ${deployment} -n ${ns}   # or: argocd app rollback ${ns}-${deployment}`, expected: 'All pods on the new release, or all back on the old one.' },
							],
				verification: [key === 'scheduler' ? 'The job\'s run history shows success' : 'The new release is live with a normal error rate'],
			};
	}
}

function makeTree(r: Rng, s: SystemPlan, service: SynService, books: SynRunbook[], services: Map<string, SynService>, team: string, today: string): SynTree {
	const [incident, second, thirdBook] = books as [SynRunbook, SynRunbook, SynRunbook];
	const hardDeps = service.dependencies.filter((d) => d.type === 'hard').map((d) => services.get(d.service)!);
	const firstDep = hardDeps[0];
	const nodes: SynTree['nodes'] = [
		{
			id: 'answers',
			question: `Does ${service.name} answer at all?`,
			detail: 'Check from inside the cluster, so the network path of the caller is out of the picture.',
			command: service.kind === 'external' ? `curl -s -o /dev/null -w '%{http_code}\\n' ${s.domain.vendor.status}` : `kubectl -n ${s.id} get pods -l app.kubernetes.io/part-of=${service.id}`,
			answers: [
				{ label: 'No — nothing answers', next: 'platform' },
				{ label: 'Yes, but with errors or slowly', next: 'change' },
				{ label: 'Yes, and it looks healthy', resolution: `The problem is on the caller's side: check the callers of ${service.name} and the network path to it.` },
			],
		},
		{
			id: 'platform',
			question: 'Are other services in the same cluster failing too?',
			detail: 'The platform dashboard shows node and ingress health for the whole cluster.',
			answers: [
				{ label: 'Yes — many services are down', escalate: 'platform-engineering' },
				{ label: `No — only ${service.name}`, runbook: second.kind === 'disaster-recovery' ? second.id : incident.id },
			],
		},
		{
			id: 'change',
			question: 'Did a deploy or a configuration change go out in the last hour?',
			command: `argocd app history ${s.id}-${service.id.slice(s.id.length + 1) || service.id} | tail -3`,
			answers: [
				{ label: 'Yes, just before the problem started', runbook: thirdBook.kind === 'procedure' && thirdBook.id.endsWith('-deploy') ? thirdBook.id : incident.id },
				{ label: 'No', next: firstDep ? 'dependency' : 'owner' },
			],
		},
	];
	if (firstDep) {
		nodes.push({
			id: 'dependency',
			question: `Are its hard dependencies healthy (${hardDeps.map((d) => d.name).join(', ')})?`,
			detail: 'Each one has its own dashboard, linked from its service page.',
			answers: [
				{ label: `No — ${firstDep.name} is failing`, runbook: incidentRunbookId(firstDep) },
				...(hardDeps[1] ? [{ label: `No — ${hardDeps[1].name} is failing`, runbook: incidentRunbookId(hardDeps[1]) }] : []),
				{ label: 'Yes, all healthy', next: 'owner' },
			],
		});
	}
	nodes.push({
		id: 'owner',
		question: `Does the ${service.name} runbook fix it within 30 minutes?`,
		answers: [
			{ label: 'Not tried yet', runbook: incident.id },
			{ label: 'No', escalate: team },
		],
	});
	return {
		id: `${service.id}-not-working`,
		title: `${service.name} is not working`,
		services: [service.id],
		symptom: `${service.name} fails, is slow, or its users report errors`,
		summary: `From the first report to the right runbook: platform, recent change, dependencies, or ${service.name} itself.`,
		start: 'answers',
		nodes,
		lastReviewed: addDays(today, -int(r, 1, 170)),
	};
}

function makeSystem(s: SystemPlan, services: SynService[], today: string): SynSystem {
	const d = s.domain;
	return {
		id: s.id,
		name: s.name,
		summary: `The ${s.name} system ${d.purpose}.`,
		description: [
			`${s.name} ${d.purpose}. It is used by ${d.users}${s.platform ? '' : ` and runs on ${s.cloud.cluster} in ${s.cloud.region}`}.`,
			`Its ${services.length} components: ${services.map((x) => `**${x.name}**`).join(', ')}.`,
			s.platform ? 'Every other system hard-depends on the cluster, the ingress and the egress gateway; their RTOs are the floor for everyone else.' : `Requests enter through the gateway, are served by the API from PostgreSQL, and events flow through the event stream to the worker, which calls ${d.vendor.name}.`,
		].join('\n\n'),
		owner: s.team,
		domain: s.platform ? 'Platform' : d.name,
		links: [
			{ type: 'repo', title: `example-org/${s.id}`, url: `https://github.com/example-org/${s.id}` },
			{ type: 'dashboard', title: `${s.name} SLOs`, url: `https://grafana.ops.example.com/d/${s.id}-slo/${s.id}` },
		],
		access: {
			roles: [
				{ name: `${s.name} readers`, grants: `Read-only access to ${s.name}'s consoles, dashboards and logs.`, grantedBy: s.team, mfa: true, expires: '180d' },
				{ name: `${s.name} operators`, grants: `Restart, scale and roll back ${s.name}'s workloads; run its runbooks.`, grantedBy: s.team, mfa: true, expires: '90d' },
			],
			recertifyEvery: '90d',
			lastRecertified: addDays(today, -(20 + (s.index % 60))),
		},
	};
}

// ---------------------------------------------------------------------------------------------
// OpenAPI

function openapi(s: SystemPlan, gateway: SynService): Record<string, unknown> {
	const d = s.domain;
	const Noun = pascal(d.noun);
	const Noun2 = pascal(d.noun2);
	const plural = `${d.noun}s`;
	const plural2 = `${d.noun2}s`;
	const error = { description: 'Problem details.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
	const list = (tag: string, path: string, Name: string, what: string) => ({
		get: {
			operationId: `list${Name}s`,
			summary: `List ${what}s`,
			description: `Pages through ${what}s, newest first.`,
			tags: [tag],
			parameters: [{ $ref: '#/components/parameters/Cursor' }, { $ref: '#/components/parameters/Limit' }],
			responses: {
				'200': { description: `A page of ${what}s.`, content: { 'application/json': { schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${Name}` } }, next: { type: 'string', description: 'Cursor of the next page.' } } } } } },
				'401': error,
				'429': error,
			},
		},
		post: {
			operationId: `create${Name}`,
			summary: `Create a ${what}`,
			description: `Creates a ${what}. Idempotent with the Idempotency-Key header for 24 hours.`,
			tags: [tag],
			parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
			requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${Name}Input` } } } },
			responses: { '201': { description: `The new ${what}.`, content: { 'application/json': { schema: { $ref: `#/components/schemas/${Name}` } } } }, '400': error, '401': error, '409': error },
		},
	});
	const one = (tag: string, Name: string, what: string) => ({
		get: {
			operationId: `get${Name}`,
			summary: `Get a ${what}`,
			description: `One ${what} by id.`,
			tags: [tag],
			parameters: [{ name: 'id', in: 'path', required: true, description: `The ${what} id.`, schema: { type: 'string' } }],
			responses: { '200': { description: `The ${what}.`, content: { 'application/json': { schema: { $ref: `#/components/schemas/${Name}` } } } }, '401': error, '404': error },
		},
	});
	const schema = (what: string, extra: Record<string, unknown>) => ({
		type: 'object',
		description: `A ${what}.`,
		required: ['id', 'createdAt', 'status'],
		properties: { id: { type: 'string', examples: [`${what.slice(0, 3)}_01HZX3`] }, status: { type: 'string', enum: ['pending', 'active', 'closed'] }, createdAt: { type: 'string', format: 'date-time' }, ...extra },
	});
	return {
		openapi: '3.1.0',
		info: {
			title: `${s.name} API`,
			version: '1.0.0',
			summary: `${pascal(d.noun)}s and ${d.noun2}s of ${s.name}.`,
			description: `The public API of ${s.name}, served by ${gateway.name}. ${s.name} ${d.purpose}.\n\nErrors use RFC 9457 problem details. Rate limit: 600 requests a minute per client; over it, \`429\` with \`Retry-After\`.`,
			contact: { name: `${s.name} team`, url: `https://github.com/example-org/${s.id}` },
		},
		servers: [{ url: `https://api.example.com/${s.id}/v1`, description: 'Production' }],
		security: [{ oauth2: [] }],
		tags: [{ name: Noun }, { name: Noun2 }, { name: 'Health' }],
		paths: {
			'/healthz': { get: { operationId: 'getHealth', summary: 'Check the API is up', description: 'Liveness, probed every minute.', tags: ['Health'], security: [], responses: { '200': { description: 'Up.', content: { 'text/plain': { schema: { type: 'string', examples: ['ok'] } } } }, '429': error, '503': { description: 'Down.', content: { 'text/plain': { schema: { type: 'string' } } } } } } },
			[`/${plural}`]: list(Noun, plural, Noun, d.noun),
			[`/${plural}/{id}`]: one(Noun, Noun, d.noun),
			[`/${plural2}`]: list(Noun2, plural2, Noun2, d.noun2),
			[`/${plural2}/{id}`]: one(Noun2, Noun2, d.noun2),
		},
		components: {
			securitySchemes: { oauth2: { type: 'oauth2', description: 'Client credentials from the developer portal.', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/oauth2/token', scopes: {} } } } },
			parameters: {
				Cursor: { name: 'cursor', in: 'query', required: false, description: 'Cursor from the previous page.', schema: { type: 'string' } },
				Limit: { name: 'limit', in: 'query', required: false, description: 'Page size.', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
				IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: false, description: 'Makes a retry safe.', schema: { type: 'string' } },
			},
			schemas: {
				[Noun]: schema(d.noun, { name: { type: 'string' }, [`${d.noun2.replace(/-/g, '')}Count`]: { type: 'integer' } }),
				[`${Noun}Input`]: { type: 'object', description: `What to create a ${d.noun} from.`, required: ['name'], properties: { name: { type: 'string' } } },
				[Noun2]: schema(d.noun2, { [`${d.noun.replace(/-/g, '')}Id`]: { type: 'string' }, amount: { type: 'integer', description: 'Minor units.' } }),
				[`${Noun2}Input`]: { type: 'object', description: `What to create a ${d.noun2} from.`, required: [`${d.noun.replace(/-/g, '')}Id`], properties: { [`${d.noun.replace(/-/g, '')}Id`]: { type: 'string' } } },
				Problem: { type: 'object', description: 'RFC 9457 problem details.', required: ['type', 'title', 'status'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } },
			},
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Writing the folder

const HEADER = (schema: string) => `# yaml-language-server: $schema=../../schemas/${schema}.schema.json\n`;

function dump(value: unknown): string {
	return yaml.dump(value, { lineWidth: 120, noRefs: true, quotingType: '"' });
}

/** Writes the model folder (replacing it). Returns the number of files written. */
export function writeModel(model: SyntheticModel, folder: string): number {
	rmSync(folder, { recursive: true, force: true });
	let files = 0;
	const write = (path: string, text: string) => {
		const absolute = join(folder, path);
		mkdirSync(dirname(absolute), { recursive: true });
		writeFileSync(absolute, text);
		files++;
	};
	const example = (path: string) => readFileSync(join(EXAMPLE, path), 'utf8');

	// The example's policy, without its waivers (they name the example's services).
	// Without the example's asOf: the synthetic dates are relative to the \`today\` asked for.
	const policy = example('policy.yaml').replace(/^(# [^\n]*\n)*asOf: [^\n]*\n\n?/m, '');
	const waivers = policy.indexOf('\nwaivers:');
	write('policy.yaml', `${waivers >= 0 ? policy.slice(0, waivers + 1) : policy}waivers: []\n`);
	write('incident-management.yaml', example('incident-management.yaml'));
	write('security-response-plan.yaml', retargetSecurityPlan(example('security-response-plan.yaml'), model));
	for (const team of model.copiedTeams) write(`teams/${team}.yaml`, example(`teams/${team}.yaml`));
	for (const [path, text] of guides(model)) write(path, text);

	for (const system of model.systems) write(`systems/${system.id}.yaml`, HEADER('system') + dump(system));
	for (const team of model.teams) write(`teams/${team.id}.yaml`, HEADER('team') + dump(team));
	for (const service of model.services) write(`services/${service.id}.yaml`, HEADER('service') + dump(service));
	for (const runbook of model.runbooks) write(`runbooks/${runbook.id}.yaml`, HEADER('runbook') + dump(runbook));
	for (const tree of model.trees) write(`trees/${tree.id}.yaml`, HEADER('tree') + dump(tree));
	for (const [path, spec] of model.specs) write(path, dump(spec));
	return files;
}

/** The prose guides, by path in the model folder: the example's glossary and an onboarding page. */
export function guides(model: SyntheticModel): Map<string, string> {
	return new Map([
		['guides/glossary.md', readFileSync(join(EXAMPLE, 'guides/glossary.md'), 'utf8')],
		['guides/onboarding.md', onboarding(model)],
	]);
}

/** The example's plan, with each playbook's services and runbook pointed at synthetic ones. */
function retargetSecurityPlan(text: string, model: SyntheticModel): string {
	const stateful = model.services.filter((s) => s.kind === 'database');
	const edges = model.services.filter((s) => s.id.endsWith('-gateway'));
	const vendors = model.services.filter((s) => s.kind === 'external');
	const pools = [edges, stateful, vendors, edges, edges, vendors];
	let playbook = 0;
	return text
		.replace(/^(\s+)services: \[.*\]$/gm, (_line, indent: string) => {
			const pool = pools[playbook++ % pools.length]!;
			const chosen = pool.slice(0, 4).map((s) => s.id);
			return `${indent}services: [${chosen.join(', ')}]`;
		})
		.replace(/^(\s+)runbook: [a-z0-9-]+$/gm, (_line, indent: string) => {
			const service = (pools[(playbook++ + 1) % pools.length]![0] ?? model.services[0])!;
			return `${indent}runbook: ${incidentRunbookId(service)}`;
		});
}

function onboarding(model: SyntheticModel): string {
	const rows = model.systems.slice(0, 12).map((s) => `| [${s.name}](../../systems/${s.id}/) | ${s.summary} | [${s.owner}](../../teams/${s.owner}/) |`);
	return `---
title: New here?
description: What this handbook covers, who runs what, and where to look first when something breaks.
sidebar:
  order: 1
---

Welcome. This handbook is generated from the YAML model of ${model.services.length} services in
${model.systems.length} systems, owned by ${model.teams.length + model.copiedTeams.length} teams. Every page links to the file it came
from; fix mistakes in a pull request.

## Systems

| System | What it does | Owner |
|---|---|---|
${rows.join('\n')}

The [services index](../../services/) lists all of them; the [architecture page](../../architecture/)
shows how they depend on each other.

## When something breaks

1. Search for the alert name: every alert leads to its runbook.
2. No alert? Start from a [troubleshooting tree](../../trees/).
3. Declare an incident early — see [In an incident](../../incidents/).
`;
}
