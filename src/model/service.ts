import { z } from 'zod';
import { date, duration, id, link, markdown, percent, ref, severity, text, tier, url } from './common.ts';
import { serviceImpact } from './impact.ts';

export const serviceKind = z
	.enum(['service', 'database', 'queue', 'cache', 'storage', 'external', 'infrastructure'])
	.describe('What sort of component this is; drives its shape in diagrams.');

export const builtinLifecycles = ['experimental', 'beta', 'production', 'deprecated', 'retired'] as const;
export const builtinClassifications = ['public', 'internal', 'confidential', 'restricted'] as const;

/**
 * Lifecycle stage and data classification: a built-in term or one the model declares in
 * policy.yaml `vocabulary`; the model check resolves the id (with a did-you-mean).
 */
export const lifecycle = ref('lifecycle stage').describe(
	`Lifecycle stage, as in Backstage: ${builtinLifecycles.join(', ')}, or one declared in policy.yaml \`vocabulary.lifecycles\`.`,
);

export const sloIndicator = z.enum(['availability', 'latency', 'error-rate']).describe('What is measured.');

export const environment = z
	.strictObject({
		name: text('Environment name, e.g. "production", "staging".'),
		replicas: z.int().min(0).describe('Running instances in this environment (the HA figure).'),
		target: z.int().min(0).optional().describe('Replicas this environment should have, when it does not yet.'),
		region: z.string().optional().describe('Where it runs, e.g. "australiaeast" or "hetzner-fsn1".'),
		notes: z.string().optional().describe('How HA is achieved, e.g. "CloudNativePG primary + 1 streaming replica".'),
	})
	.describe('A deployment of the service.');

export const dependency = z
	.strictObject({
		service: ref('service').describe('Id of the service depended on.'),
		type: z.enum(['hard', 'soft']).describe('hard: this service fails without it; soft: it degrades.'),
		reason: text('What it is used for.'),
		onFailure: text('What users see when the dependency fails, and any fallback.'),
	})
	.describe('A dependency on another service.');

/**
 * Real policies are rarely one duration ("7 daily, 4 weekly, 12 monthly"), so the text as
 * written is accepted too. Anything that computes with it must use `parseDuration`, which
 * gives undefined for the written form.
 */
export const retention = z
	.union([duration, text('The retention policy as written.')], {
		error: 'expected a duration such as "30d", or the retention policy as text, e.g. "7 daily, 4 weekly"',
	})
	.describe('A duration such as "30d", or the policy as written, e.g. "7 daily, 4 weekly, 12 monthly".');

/** Encrypted or not, and how: "AES-256, KMS key alias/grokapp-rds", "TLS 1.2+ enforced". */
const encryptionState = z
	.strictObject({
		enabled: z.boolean().describe('Whether the data is encrypted.'),
		how: z.string().optional().describe('How: the mechanism, the key and who holds it, e.g. "RDS storage encryption, KMS key alias/grokapp-rds".'),
	})
	.describe('Whether and how the data is encrypted.');

/** One set of data a service stores, for the data inventory (GDPR art. 30 style). */
export const dataSet = z
	.strictObject({
		name: text('What the data is, e.g. "User accounts and sessions" or "Chat messages".'),
		categories: z
			.array(id.describe('A category of data, kebab-case.'))
			.min(1, { error: 'list at least one category, e.g. [customer-pii]' })
			.describe('What kinds of data it holds, kebab-case: customer-pii, credentials, payment, customer-content, logs, telemetry…'),
		classification: ref('data classification')
			.optional()
			.describe(
				`How sensitive this data is: ${builtinClassifications.join(', ')}, or one declared in policy.yaml \`vocabulary.classifications\`. Left out, the service's dataClassification. The policy's \`dataRules\` for it apply.`,
			),
		residency: z.array(text('A region, e.g. "aws-eu-central-1".')).default([]).describe('Where it is stored, backups and replicas included, e.g. [aws-eu-central-1, aws-eu-west-1].'),
		retention: retention.optional().describe('How long it is kept: a duration such as "30d", or the rule as written, e.g. "while the account exists, then 30 days".'),
		encryption: z
			.strictObject({
				atRest: encryptionState.optional().describe('Encryption of the stored data (and its backups).'),
				inTransit: encryptionState.optional().describe('Encryption between the clients and the store.'),
			})
			.optional()
			.describe('Encryption at rest and in transit.'),
		exportRunbook: ref('runbook').optional().describe('Id of the runbook that exports it (a person\'s data on request, or the whole set to move elsewhere).'),
		erasureRunbook: ref('runbook').optional().describe('Id of the runbook that erases it (a person\'s data on request: the right to erasure).'),
		legalBasis: z.string().optional().describe('Why it may be processed, e.g. "GDPR art. 6(1)(b): performance of the contract".'),
	})
	.describe('A set of data the service stores: what it is, how sensitive, where, for how long, how it is protected, exported and erased.');

/** The vendor behind an external service: who to call, under which contract, where they report outages. */
export const vendor = z
	.strictObject({
		name: text('The vendor, e.g. "Anthropic".'),
		contract: z.string().optional().describe('The contract, plan or tier we are on, e.g. "Enterprise, contract 2024-117".'),
		support: z
			.strictObject({
				url: url.optional().describe('The support portal or the page to open a case.'),
				phone: z.string().optional().describe('Support phone number.'),
				email: z.string().optional().describe('Support email address.'),
				hours: z.string().optional().describe('When support answers, e.g. "24/7 for severity 1, business hours otherwise".'),
			})
			.optional()
			.describe('How to reach the vendor’s support.'),
		statusPage: url.optional().describe('The vendor’s status page.'),
		sla: z.string().optional().describe('What the vendor promises, as written in its terms, e.g. "99.9 % monthly uptime, credits on request".'),
	})
	.describe('The vendor of an external service (kind: external).');

export const backup = z
	.strictObject({
		method: text('How backups are made, e.g. "pg_basebackup + WAL archiving to object storage".'),
		schedule: text('When they run, e.g. "daily 02:00 UTC, WAL continuous".'),
		retention: retention.describe('How long backups are kept: a duration such as "30d", or the policy as written, e.g. "7 daily, 4 weekly, 12 monthly".'),
		location: text('Where backups are stored (region, account, bucket).'),
		encrypted: z.boolean().optional().describe('Whether backups are encrypted at rest.'),
		lastRestoreTest: date.optional().describe('Date of the last successful restore test.'),
	})
	.describe('Backup arrangements.');

export const recovery = z
	.strictObject({
		rto: duration.describe('Recovery time objective: the longest acceptable outage.'),
		rpo: duration.optional().describe('Recovery point objective: the most data that may be lost. Required unless stateless; a stateless service may still state one, usually 0.'),
		stateless: z.boolean().default(false).describe('True when the service holds no data of its own (an RPO is then optional, and shown as e.g. "0 (stateless)").'),
		justification: z.string().optional().describe('Why these targets, e.g. "active learning system".'),
		backup: backup.optional(),
		failover: z
			.strictObject({
				mode: z.enum(['automatic', 'manual', 'none']).describe('How traffic moves to a standby.'),
				description: text('What fails over to what, and how long it takes.'),
			})
			.optional()
			.describe('Failover arrangements.'),
	})
	.describe('Recovery objectives and how they are met.');

export const slo = z
	.strictObject({
		name: text('Short name, e.g. "API availability".'),
		indicator: sloIndicator,
		target: percent.describe(
			'Objective in percent: for availability the share of good minutes or requests; for latency the share of requests under `threshold`; for error-rate the largest acceptable share of failed requests.',
		),
		percentile: z.number().gt(0).lt(100).optional().describe('Latency percentile, e.g. 95 for p95 (latency only).'),
		threshold: duration.optional().describe('Latency threshold, e.g. "200ms" (latency only).'),
		window: duration.describe('Rolling window, e.g. "30d" (OpenSLO `timeWindow`).'),
		budgetingMethod: z.enum(['occurrences', 'timeslices']).default('occurrences').describe('How the budget is counted, as in OpenSLO.'),
		description: z.string().optional().describe('How the SLI is measured (query, probe).'),
	})
	.describe('A service level objective.');

export const sla = z
	.strictObject({
		availability: percent.describe('Committed availability, e.g. 99.5.'),
		window: duration.describe('Measurement period, e.g. "30d".'),
		customers: text('Who the commitment is made to.'),
		measurement: text('How it is measured.').optional(),
		exclusions: z.array(z.string()).default([]).describe('What does not count, e.g. announced maintenance.'),
		credits: z.string().optional().describe('Service credits or penalties on breach.'),
		responseTimes: z
			.array(z.strictObject({ severity, response: duration, resolution: duration.optional() }))
			.default([])
			.describe('Committed response and resolution times by severity.'),
	})
	.describe('A published service level agreement.');

export const alertSeverity = z.enum(['critical', 'warning', 'info']).describe('Alert severity label (Prometheus `labels.severity`).');

/** One rule of an alert that fires at several severities (KubePersistentVolumeFillingUp: warning, then critical). */
export const alertRule = z
	.strictObject({
		severity: alertSeverity,
		expr: z.string().optional().describe('The rule expression at this severity.'),
		for: duration.optional().describe('How long the condition holds before it fires at this severity.'),
		threshold: z.string().optional().describe('What this severity fires on, in words, e.g. "less than 15 % free".'),
	})
	.describe('The alert at one severity.');

export const alert = z
	.strictObject({
		name: text('Alert name exactly as the alerting system fires it, e.g. "AgentRegistryDown".'),
		severity: alertSeverity.describe('Alert severity label (Prometheus `labels.severity`); with `rules`, the most severe of them.'),
		summary: text('What the alert means.'),
		expr: z.string().optional().describe('The rule expression, for reference.'),
		for: duration.optional().describe('How long the condition holds before firing.'),
		rules: z
			.array(alertRule)
			.optional()
			.describe('When the same alert name fires at several severities (one rule each), the rules in order; `severity` is then the most severe.'),
		runbook: ref('runbook').optional().describe('Id of the runbook to follow; the alert page and `opsbook alerts annotate` turn it into `annotations.runbook_url`.'),
		runbookUrl: url
			.optional()
			.describe(
				'A runbook kept outside the model (Prometheus `annotations.runbook_url`), used when there is no in-model `runbook`. A policy can still require an in-model runbook (thresholds.alertRunbooks: in-model).',
			),
	})
	.describe('An alert that can page for this service.');

export const api = z
	.strictObject({
		id,
		name: text('Display name of the API.'),
		type: z
			.enum(['openapi', 'asyncapi', 'grpc', 'graphql'])
			.default('openapi')
			.describe('What the definition is: an OpenAPI spec gets reference pages; an AsyncAPI document, a gRPC .proto or a GraphQL schema is listed on the service page and published as it is.'),
		spec: text('Path of the definition, relative to the model folder, e.g. "apis/registry.yaml" (OpenAPI 3.0/3.1) or "apis/registry.proto".'),
		description: z.string().optional().describe('What the API is for and who calls it.'),
	})
	.describe('An API the service exposes.');

export const serviceSchema = z
	.strictObject({
		id,
		name: text('Display name.'),
		summary: text('One sentence: what it does.'),
		description: markdown.optional(),
		system: ref('system').describe('Id of the system it belongs to.'),
		owner: ref('team').describe('Id of the owning team (Backstage `spec.owner`).'),
		tier,
		lifecycle,
		sunset: date.optional().describe('When the service is (or was) switched off; for deprecated services.'),
		replacement: ref('service').optional().describe('Id of the service that replaces it; for deprecated services.'),
		kind: serviceKind,
		vendor: vendor.optional(),
		tags: z.array(z.string()).default([]).describe('Free-form tags, also used as search filters.'),
		links: z.array(link).default([]).describe('Typed links: repo, dashboard, logs, traces…'),
		environments: z.array(environment).default([]).describe('Where it runs and with how many replicas.'),
		dependencies: z.array(dependency).default([]).describe('What it depends on (Backstage `dependsOn`).'),
		recovery: recovery.optional(),
		slos: z.array(slo).default([]).describe('Service level objectives.'),
		sla: sla.optional(),
		alerts: z.array(alert).default([]).describe('Alerts that fire for this service.'),
		apis: z.array(api).default([]).describe('APIs it exposes, each with an OpenAPI spec.'),
		exposesApi: z.boolean().default(false).describe('True when it serves an API to other services or customers (the coverage policy then asks for a spec).'),
		dataClassification: ref('data classification').describe(
			`The most sensitive data it stores or processes: ${builtinClassifications.join(', ')}, or one declared in policy.yaml \`vocabulary.classifications\`.`,
		),
		data: z
			.array(dataSet)
			.default([])
			.describe('The data it stores, one entry per data set: the data inventory. A database, storage, queue or cache that is not stateless should list its data (the `data-handling` requirement).'),
		impact: serviceImpact.optional(),
		lastReviewed: date.optional().describe('When an owner last reviewed this entry.'),
	})
	.describe('A service, database, queue or other component that can fail.');

export type Service = z.infer<typeof serviceSchema>;
export type Dependency = z.infer<typeof dependency>;
export type Slo = z.infer<typeof slo>;
export type Alert = z.infer<typeof alert>;
export type Recovery = z.infer<typeof recovery>;
export type Vendor = z.infer<typeof vendor>;
export type DataSet = z.infer<typeof dataSet>;
