/**
 * Prometheus alerting rules → the `alerts` of services.
 *
 * Reads rule files (`groups: [{ name, rules }]`) and PrometheusRule custom resources
 * (`spec.groups`). Recording rules (`record:`) are skipped. Nothing else is dropped: the same
 * alert name at several severities (KubePersistentVolumeFillingUp warning + critical,
 * KubeAPIErrorBudgetBurn ×4) becomes one alert holding every rule (see `alertEntry`).
 *
 * Which service an alert belongs to, first that applies:
 *   1. the --map file (see `parseAlertMap`);
 *   2. the service that already lists an alert of that name in the model folder;
 *   3. the rule's `service`, `job` or `namespace` label;
 *   4. its rule group (a service per group, named after it).
 */
import { ordered, serviceSkeleton } from './entities.ts';
import { asRecord, asText, asTextList, firstSentence, kebabId, safeAbsoluteUrl } from './text.ts';
import { todo } from '../lib/todo.ts';
import type { ImportedEntity, ImportNote, ImportResult, ParsedInput } from './types.ts';

export type Severity = 'critical' | 'warning' | 'info';
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** One alerting rule as the source wrote it. */
export interface AlertRule {
	file: string;
	group: string;
	/** `labels.severity`, lower-cased; undefined when absent. */
	severity?: string;
	expr: string;
	for?: string;
	/** Every label but severity (KubeAPIErrorBudgetBurn's `long` and `short` tell its four rules apart). */
	labels: Record<string, string>;
	summary?: string;
	description?: string;
	runbookUrl?: string;
}

/** The importer's own record of an alert: every rule of that name for one service, nothing dropped. */
export interface ImportedAlert {
	service: string;
	name: string;
	/** The distinct severities of its rules, worst first (critical, warning, info); unknown labels left out. */
	severities: Severity[];
	summary?: string;
	/** The first runbook URL of its rules; `runbookUrls` has them all when they differ. */
	runbookUrl?: string;
	runbookUrls: string[];
	/** In source order; more than one when the name occurs several times. */
	rules: AlertRule[];
}

/**
 * THE ALERT SHAPE written into `services/<id>.yaml` (`alerts:`), ahead of the model:
 *
 *   - name: KubePersistentVolumeFillingUp
 *     severity: critical            # the worst severity of its rules
 *     summary: PersistentVolume is filling up.
 *     expr: …                       # expr and for of the rule with that worst severity (the first, on a tie)
 *     for: 1m
 *     runbookUrl: https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepersistentvolumefillingup
 *     rules:                        # only when the name occurs more than once: every rule, in source order
 *       - { severity: critical, expr: …, for: 1m }
 *       - { severity: warning, expr: …, for: 1h }
 *
 * `for`, `runbookUrl` and `rules` are left out when there is nothing to say. A severity label
 * other than critical/warning/info is a TODO (it is a required enum). Adapt the model or this
 * function; nothing else writes the shape.
 */
export function alertEntry(alert: ImportedAlert): Record<string, unknown> {
	const main = mainRule(alert);
	const severityOf = (rule: AlertRule) => normalSeverity(rule.severity) ?? todo('severity (critical, warning or info)', rule.severity ? `the rule says "${rule.severity}"` : 'the rule has no severity label');
	return {
		name: alert.name,
		severity: severityOf(main),
		summary: alert.summary ?? todo('summary (what the alert means)', 'the rule has no summary, message or description annotation'),
		expr: main.expr,
		...(main.for !== undefined ? { for: main.for } : {}),
		...(alert.runbookUrl ? { runbookUrl: alert.runbookUrl } : {}),
		...(alert.rules.length > 1 ? { rules: alert.rules.map((rule) => ({ severity: severityOf(rule), expr: rule.expr, ...(rule.for !== undefined ? { for: rule.for } : {}) })) } : {}),
	};
}

/** The rule whose severity is the worst (the first of those). */
export function mainRule(alert: ImportedAlert): AlertRule {
	const rank = (rule: AlertRule) => {
		const severity = normalSeverity(rule.severity);
		return severity ? RANK[severity] : 3;
	};
	return alert.rules.reduce((best, rule) => (rank(rule) < rank(best) ? rule : best), alert.rules[0]!);
}

function normalSeverity(value: string | undefined): Severity | undefined {
	const v = value?.toLowerCase();
	return v === 'critical' || v === 'warning' || v === 'info' ? v : undefined;
}

/** One entry of the --map file. */
export interface AlertMapEntry {
	service: string;
	/** Rule group names. */
	groups?: string[];
	/** Label matchers, full-match regular expressions; `alertname` is the alert's name. */
	match?: Record<string, RegExp>;
}

/**
 * The --map file (YAML), which service each alert belongs to; the first entry that matches wins:
 *
 *   - service: etcd
 *     groups: [etcd]                        # rule group names
 *   - service: kube-apiserver
 *     match: { alertname: "KubeAPI.*|KubeClient.*" }   # label matchers (regular expressions, whole value)
 *   - service: thanos
 *     match: { job: ".*thanos.*" }
 *
 * or, shorter, group name → service id: `{ etcd: etcd, kubernetes-apps: kubernetes }`.
 * An entry with both groups and match needs both to hold.
 */
export function parseAlertMap(value: unknown): { entries: AlertMapEntry[]; problems: string[] } {
	const problems: string[] = [];
	const entries: AlertMapEntry[] = [];
	let list: unknown[];
	const record = asRecord(value);
	if (Array.isArray(value)) list = value;
	else if (record && Array.isArray(record.services)) list = record.services;
	else if (record) list = Object.entries(record).map(([group, service]) => ({ service, groups: [group] }));
	else return { entries, problems: ['expected a list of { service, groups, match } entries, or a mapping of group name to service id'] };
	list.forEach((item, i) => {
		const entry = asRecord(item);
		const service = asText(entry?.service);
		if (!entry || !service) {
			problems.push(`entry ${i + 1}: expected "service: <service id>"`);
			return;
		}
		const out: AlertMapEntry = { service: kebabId(service) };
		const groups = asTextList(entry.groups ?? entry.group);
		if (groups.length) out.groups = groups;
		const match = asRecord(entry.match);
		if (match) {
			out.match = {};
			for (const [label, pattern] of Object.entries(match)) {
				const text = asText(pattern);
				if (text === undefined) continue;
				try {
					out.match[label] = new RegExp(`^(?:${text})$`);
				} catch {
					problems.push(`entry ${i + 1}: match.${label} is not a regular expression`);
				}
			}
		}
		if (!out.groups && !out.match) problems.push(`entry ${i + 1}: give "groups" or "match" (or both)`);
		else entries.push(out);
	});
	return { entries, problems };
}

export interface PrometheusOptions {
	map?: AlertMapEntry[];
	/** Alert name → the service that already lists it in the model folder. */
	existingOwners?: ReadonlyMap<string, string>;
}

/** Pure: the alerting rules of the files, grouped by service and name. */
export function collectAlerts(inputs: ParsedInput[], options: PrometheusOptions = {}, notes: ImportNote[] = [], counts: Record<string, number> = {}): ImportedAlert[] {
	const alerts = new Map<string, ImportedAlert>();
	const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
	for (const input of inputs) {
		for (const value of input.docs) {
			const doc = asRecord(value);
			const groups = Array.isArray(doc?.groups) ? doc!.groups : Array.isArray(asRecord(doc?.spec)?.groups) ? (asRecord(doc!.spec)!.groups as unknown[]) : undefined;
			if (!groups) {
				notes.push({ level: 'warning', file: input.file, message: 'skipped a document that is neither a rule file (groups:) nor a PrometheusRule (spec.groups)' });
				continue;
			}
			for (const g of groups) {
				const group = asRecord(g);
				const groupName = asText(group?.name) ?? 'rules';
				bump('rule groups');
				for (const r of Array.isArray(group?.rules) ? group!.rules : []) {
					const rule = asRecord(r);
					if (!rule) continue;
					if (rule.record !== undefined) {
						bump('recording rules (skipped)');
						continue;
					}
					const name = asText(rule.alert);
					if (!name) continue;
					bump('alerting rules');
					const labels: Record<string, string> = {};
					for (const [key, label] of Object.entries(asRecord(rule.labels) ?? {})) {
						const text = asText(label);
						if (text !== undefined) labels[key] = text;
					}
					const annotations = asRecord(rule.annotations) ?? {};
					const url = asText(annotations.runbook_url);
					const runbookUrl = safeAbsoluteUrl(url);
					if (url && !runbookUrl) notes.push({ level: 'warning', file: input.file, message: `alert ${name}: dropped runbook_url, which the model would refuse (only absolute http:, https:, mailto: and tel: links)` });
					const severity = labels.severity?.toLowerCase();
					delete labels.severity;
					const parsed: AlertRule = {
						file: input.file,
						group: groupName,
						...(severity ? { severity } : {}),
						expr: (asText(rule.expr) ?? '').replace(/\s+$/, ''),
						...(asText(rule.for) ? { for: asText(rule.for) } : {}),
						labels,
						...(asText(annotations.summary) ?? asText(annotations.message) ? { summary: (asText(annotations.summary) ?? asText(annotations.message))!.replace(/\s+/g, ' ') } : {}),
						...(asText(annotations.description) ? { description: asText(annotations.description) } : {}),
						...(runbookUrl ? { runbookUrl } : {}),
					};
					if (severity && !normalSeverity(severity)) notes.push({ level: 'warning', file: input.file, message: `alert ${name}: severity "${severity}" is not critical, warning or info; written as a TODO` });
					const service = serviceFor(name, parsed, options);
					const key = `${service}\u0000${name}`;
					const alert = alerts.get(key) ?? { service, name, severities: [], runbookUrls: [], rules: [] };
					alerts.set(key, alert);
					alert.rules.push(parsed);
				}
			}
		}
	}
	const byName = new Map<string, Set<string>>();
	for (const alert of alerts.values()) {
		alert.severities = [...new Set(alert.rules.map((rule) => normalSeverity(rule.severity)).filter((s): s is Severity => s !== undefined))].sort((a, b) => RANK[a] - RANK[b]);
		const main = mainRule(alert);
		alert.summary = main.summary ?? alert.rules.find((rule) => rule.summary)?.summary ?? (alert.rules.find((rule) => rule.description) ? firstSentence(alert.rules.find((rule) => rule.description)!.description!) : undefined);
		alert.runbookUrls = [...new Set(alert.rules.map((rule) => rule.runbookUrl).filter((u): u is string => u !== undefined))];
		alert.runbookUrl = alert.runbookUrls[0];
		(byName.get(alert.name) ?? byName.set(alert.name, new Set()).get(alert.name)!).add(alert.service);
	}
	for (const [name, services] of byName) {
		if (services.size > 1) notes.push({ level: 'warning', message: `alert ${name} goes to ${services.size} services (${[...services].join(', ')}); the model wants one — adjust --map` });
	}
	return [...alerts.values()];
}

function serviceFor(name: string, rule: AlertRule, options: PrometheusOptions): string {
	const labels: Record<string, string> = { ...rule.labels, ...(rule.severity ? { severity: rule.severity } : {}), alertname: name };
	for (const entry of options.map ?? []) {
		if (entry.groups && !entry.groups.includes(rule.group)) continue;
		if (entry.match && !Object.entries(entry.match).every(([label, pattern]) => labels[label] !== undefined && pattern.test(labels[label]!))) continue;
		return entry.service;
	}
	const existing = options.existingOwners?.get(name);
	if (existing) return existing;
	const label = rule.labels.service ?? rule.labels.job ?? rule.labels.namespace;
	return kebabId(label ?? rule.group);
}

/** Pure: rule files → services with their alerts (the services as skeletons unless the model has them). */
export function importPrometheus(inputs: ParsedInput[], options: PrometheusOptions = {}): ImportResult & { alerts: ImportedAlert[] } {
	const notes: ImportNote[] = [];
	const counts: Record<string, number> = {};
	const alerts = collectAlerts(inputs, options, notes, counts);
	const byService = new Map<string, ImportedAlert[]>();
	for (const alert of alerts) (byService.get(alert.service) ?? byService.set(alert.service, []).get(alert.service)!).push(alert);
	const entities: ImportedEntity[] = [];
	const why = 'Prometheus rules do not say';
	for (const [service, list] of byService) {
		const groups = [...new Set(list.flatMap((alert) => alert.rules.map((rule) => rule.group)))];
		const skeleton = serviceSkeleton(service, groups.length === 1 && kebabId(groups[0]!) === service ? groups[0]! : service, why);
		const sources = [...new Set(list.flatMap((alert) => alert.rules.map((rule) => rule.file)))];
		entities.push({
			kind: 'services',
			id: service,
			data: ordered('services', { ...skeleton, alerts: list.map(alertEntry) }),
			weak: Object.keys(skeleton).filter((key) => key !== 'id'),
			sources,
		});
	}
	counts.alerts = alerts.length;
	counts['alerts with several rules'] = alerts.filter((alert) => alert.rules.length > 1).length;
	return { source: 'prometheus', entities, files: [], notes, counts, alerts };
}
