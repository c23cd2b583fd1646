/**
 * OpenSLO (v1 and v1alpha) → services and their `slos`.
 *
 *   Service → service (displayName → name, description → summary, a single `team` label → owner)
 *   SLO     → one `slos` entry per objective, on the service its spec.service names
 *   SLI     → read through an SLO's indicatorRef; AlertPolicy, AlertCondition, DataSource… skipped
 *
 * Targets are fractions in OpenSLO (0.99) and percentages in the model (99). Windows become
 * durations (`2w`; v1alpha `{ unit: Day, count: 28 }` → `28d`); a calendar window keeps its
 * duration and says so in the description; months, quarters and years are TODOs (the model's
 * durations stop at weeks). The indicator is guessed from the SLI (see `guessIndicator`); an
 * SLI that says nothing either way is a TODO.
 */
import { ordered, serviceSkeleton, stub } from './entities.ts';
import { asRecord, asText, asTextList, displayName, firstSentence, kebabId, plainText, safeMarkdown } from './text.ts';
import { todo } from '../lib/todo.ts';
import type { ImportedEntity, ImportNote, ImportResult, ParsedInput } from './types.ts';

export type Indicator = 'availability' | 'latency' | 'error-rate';

interface Doc {
	file: string;
	version: 'v1' | 'v1alpha';
	kind: string;
	name: string;
	metadata: Record<string, unknown>;
	spec: Record<string, unknown>;
}

/** Every string below a value (queries, metric paths, descriptions), for guessing. */
function strings(value: unknown, depth = 0): string[] {
	if (depth > 16) return [];
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap((item) => strings(item, depth + 1));
	const record = asRecord(value);
	return record ? Object.entries(record).flatMap(([key, item]) => (key === 'type' || key === 'metricSourceRef' ? [] : strings(item, depth + 1))) : [];
}

/**
 * What an SLI measures, from its metrics and what its author wrote about it:
 * latency when it mentions latency, duration, a histogram bucket (`le=`, `_bucket`), response
 * time or slow requests; error-rate when it counts errors (a `bad` metric about errors or
 * failures, or `rawType: failure`); availability for a good/total ratio or a success ratio;
 * otherwise undefined (a TODO).
 */
export function guessIndicator(sli: Record<string, unknown> | undefined, context: string[] = []): Indicator | undefined {
	if (!sli) return undefined;
	const text = [...strings(sli), ...context].join('\n');
	if (/latenc|duration|\ble\s*=|_bucket\b|response[\s_-]?time|\bslow\b/i.test(text)) return 'latency';
	const ratio = asRecord(sli.ratioMetric) ?? asRecord(sli.ratioMetrics);
	const badText = strings(ratio?.bad).join('\n');
	if (ratio && ((ratio.bad !== undefined && ERRORS.test(badText)) || asText(ratio.rawType) === 'failure')) return 'error-rate';
	if (!ratio && /\berrors?\b|failures?|5xx/i.test(text)) return 'error-rate';
	if (ratio && ((ratio.good !== undefined && ratio.total !== undefined) || asText(ratio.rawType) === 'success')) return 'availability';
	if (/availab|success|uptime|\b2xx\b|status_code:2/i.test(text)) return 'availability';
	return undefined;
}

/** A query or name about failed requests: errors, failures, 5xx status codes (`code=~"5.."`). */
const ERRORS = /error|fail|5xx|\b5\d\d\b|(code|status)[a-z_]*\s*=~?\s*"5/i;

const V1_UNITS: Record<string, string> = { s: 's', m: 'm', h: 'h', d: 'd', w: 'w' };
const V1ALPHA_UNITS: Record<string, string> = { second: 's', minute: 'm', hour: 'h', day: 'd', week: 'w' };

interface Window {
	duration?: string;
	/** As the source wrote it, for the TODO when it cannot be a model duration. */
	written: string;
	rolling: boolean;
	calendar?: string;
}

/** `timeWindow` (v1) or `timeWindows` (v1alpha) → the model's duration, rolling or not, the calendar start. */
export function readWindow(spec: Record<string, unknown>): Window | undefined {
	const list = spec.timeWindow ?? spec.timeWindows;
	const first = asRecord(Array.isArray(list) ? list[0] : list);
	if (!first) return undefined;
	const rolling = first.isRolling !== false && String(first.isRolling) !== 'false';
	const calendar = asRecord(first.calendar);
	const calendarText = calendar ? [asText(calendar.startTime), asText(calendar.timeZone)].filter(Boolean).join(' ') : undefined;
	const base = { rolling, ...(calendarText ? { calendar: calendarText } : {}) };
	const duration = asText(first.duration);
	if (duration) {
		const match = /^(\d+)([smhdwMQY])$/.exec(duration);
		return { ...base, written: duration, ...(match && V1_UNITS[match[2]!] ? { duration: `${match[1]}${V1_UNITS[match[2]!]}` } : {}) };
	}
	const unit = asText(first.unit)?.toLowerCase();
	const count = asText(first.count);
	if (unit && count && /^\d+$/.test(count)) {
		const written = `${count} ${first.unit}`;
		return { ...base, written, ...(V1ALPHA_UNITS[unit] ? { duration: `${count}${V1ALPHA_UNITS[unit]}` } : {}) };
	}
	return undefined;
}

/** 0.995 → 99.5 (no floating-point tails). */
export function percentOf(fraction: number): number {
	return Math.round(fraction * 100 * 1e6) / 1e6;
}

/** Pure: OpenSLO documents → services with SLOs. */
export function importOpenSlo(inputs: ParsedInput[]): ImportResult {
	const notes: ImportNote[] = [];
	const counts: Record<string, number> = {};
	const docs: Doc[] = [];
	for (const input of inputs) {
		for (const value of input.docs) {
			const raw = asRecord(value);
			const version = /^openslo\/(v1|v1alpha)$/.exec(asText(raw?.apiVersion) ?? '')?.[1] as Doc['version'] | undefined;
			const kind = asText(raw?.kind);
			const metadata = asRecord(raw?.metadata) ?? {};
			const name = asText(metadata.name);
			if (!raw || !version || !kind || !name) {
				counts['not OpenSLO v1/v1alpha (skipped)'] = (counts['not OpenSLO v1/v1alpha (skipped)'] ?? 0) + 1;
				notes.push({ level: 'warning', file: input.file, message: 'skipped a document that is not an OpenSLO v1 or v1alpha object with metadata.name' });
				continue;
			}
			const label = ['Service', 'SLO', 'SLI'].includes(kind) ? kind : `${kind} (skipped)`;
			counts[label] = (counts[label] ?? 0) + 1;
			docs.push({ file: input.file, version, kind, name, metadata, spec: asRecord(raw.spec) ?? {} });
		}
	}
	const slis = new Map<string, Doc>();
	for (const doc of docs) if (doc.kind === 'SLI' && !slis.has(doc.name)) slis.set(doc.name, doc);

	const services = new Map<string, { data: Record<string, unknown>; weak: Set<string>; sources: Set<string>; slos: Record<string, unknown>[]; described: boolean }>();
	const extra: ImportedEntity[] = [];
	const serviceEntry = (id: string, file: string) => {
		let entry = services.get(id);
		if (!entry) {
			const skeleton = serviceSkeleton(id, id, 'OpenSLO does not say');
			entry = { data: skeleton, weak: new Set(Object.keys(skeleton).filter((k) => k !== 'id')), sources: new Set(), slos: [], described: false };
			services.set(id, entry);
		}
		entry.sources.add(file);
		return entry;
	};

	for (const doc of docs.filter((d) => d.kind === 'Service')) {
		const id = kebabId(doc.name);
		const entry = serviceEntry(id, doc.file);
		if (entry.described) {
			notes.push({ level: 'warning', file: doc.file, message: `Service ${doc.name} is described twice; the first is kept` });
			continue;
		}
		entry.described = true;
		const name = displayName(doc.metadata.displayName);
		if (name) {
			entry.data.name = name;
			entry.weak.delete('name');
		}
		const description = asText(doc.spec.description);
		if (description) {
			entry.data.summary = plainText(firstSentence(description));
			entry.weak.delete('summary');
			if (firstSentence(description) !== description.replace(/\s+/g, ' ')) entry.data.description = safeMarkdown(description);
		}
		const teams = asTextList(asRecord(doc.metadata.labels)?.team);
		if (teams.length === 1) {
			entry.data.owner = kebabId(teams[0]!);
			entry.weak.delete('owner');
			extra.push(stub('teams', kebabId(teams[0]!), `OpenSLO Service ${doc.name}`, [doc.file]));
		} else if (teams.length > 1) {
			entry.data.owner = todo('owner (a team id)', `the OpenSLO labels name ${teams.length} teams: ${teams.join(', ')}`);
		}
	}

	for (const doc of docs.filter((d) => d.kind === 'SLO')) {
		const service = asText(doc.spec.service);
		if (!service) {
			notes.push({ level: 'warning', file: doc.file, message: `SLO ${doc.name} names no service; skipped` });
			continue;
		}
		const entry = serviceEntry(kebabId(service), doc.file);
		const names = new Set(entry.slos.map((slo) => slo.name as string));
		for (const slo of sloEntries(doc, slis, notes)) {
			let name = slo.name as string;
			for (let n = 2; names.has(name); n++) name = `${slo.name} (${n})`;
			names.add(name);
			entry.slos.push({ ...slo, name });
		}
	}

	const entities: ImportedEntity[] = [];
	for (const [id, entry] of services) {
		entities.push({
			kind: 'services',
			id,
			data: ordered('services', { ...entry.data, slos: entry.slos.length ? entry.slos : undefined }),
			weak: [...entry.weak],
			sources: [...entry.sources],
		});
	}
	for (const team of extra) if (!entities.some((e) => e.kind === 'teams' && e.id === team.id)) entities.push(team);
	return { source: 'openslo', entities, files: [], notes, counts };
}

/** One SLO document → the model's SLO entries, one per objective. */
function sloEntries(doc: Doc, slis: Map<string, Doc>, notes: ImportNote[]): Record<string, unknown>[] {
	const spec = doc.spec;
	const baseName = displayName(doc.metadata.displayName, doc.name)!;
	const indicatorRef = asText(spec.indicatorRef);
	const inline = asRecord(spec.indicator);
	let sliName: string | undefined;
	let sli: Record<string, unknown> | undefined;
	if (inline) {
		sliName = asText(asRecord(inline.metadata)?.name);
		sli = asRecord(inline.spec) ?? inline;
	} else if (indicatorRef) {
		sliName = indicatorRef;
		const found = slis.get(indicatorRef);
		if (found) sli = { ...found.spec, metadata: found.metadata };
		else notes.push({ level: 'warning', file: doc.file, message: `SLO ${doc.name}: indicatorRef ${indicatorRef} is not in the imported files` });
	}
	const window = readWindow(spec);
	const method = asText(spec.budgetingMethod);
	const budgetingMethod = method === 'Occurrences' ? 'occurrences' : method === 'Timeslices' || method === 'RatioTimeslices' ? 'timeslices' : undefined;
	const objectives = (Array.isArray(spec.objectives) ? spec.objectives : []).map(asRecord).filter((o): o is Record<string, unknown> => o !== undefined);
	if (objectives.length === 0) objectives.push({});

	return objectives.map((objective, i) => {
		// v1alpha puts the ratio on the objective.
		const objectiveSli = asRecord(objective.ratioMetrics) ? { ratioMetrics: objective.ratioMetrics, ...(sli ?? {}) } : sli;
		const indicator = guessIndicator(objectiveSli, [baseName, asText(spec.description) ?? ''].filter(Boolean));
		const targetValue = typeof objective.target === 'number' ? percentOf(objective.target) : typeof objective.targetPercent === 'number' ? objective.targetPercent : undefined;
		let target: unknown = targetValue;
		if (targetValue === undefined || !(targetValue > 0 && targetValue <= 100)) target = todo('target (a percentage such as 99.9)', targetValue === undefined ? 'the OpenSLO objective has no target' : `the objective's target ${String(objective.target ?? objective.targetPercent)} is not a fraction between 0 and 1`);
		// The model's error-rate target is the largest acceptable share of failures; OpenSLO's is the share of good events.
		else if (indicator === 'error-rate') target = Math.round((100 - targetValue) * 1e6) / 1e6 || todo('target (the largest acceptable error rate, %)', 'OpenSLO asks for 100 % good events');
		const objectiveName = displayName(objective.displayName);
		const name = objectives.length > 1 ? `${baseName}: ${objectiveName ?? `objective ${i + 1}`}` : baseName;
		const op = asText(objective.op);
		const value = asText(objective.value);
		const notesText = [
			asText(spec.description) && safeMarkdown(asText(spec.description)!),
			describeSli(doc.name, sliName, objectiveSli, op, value),
			window && !window.rolling ? `Calendar window of ${window.written}${window.calendar ? ` starting ${window.calendar}` : ''} (OpenSLO isRolling: false), not a rolling one.` : undefined,
			method === 'RatioTimeslices' ? 'OpenSLO budgeting method RatioTimeslices (the ratio of good time slices).' : undefined,
			objective.timeSliceTarget !== undefined || objective.timeSliceWindow !== undefined
				? `Time slices${asText(objective.timeSliceWindow) ? ` of ${asText(objective.timeSliceWindow)}` : ''}${typeof objective.timeSliceTarget === 'number' ? ` count as good at ${percentOf(objective.timeSliceTarget)} %` : ''}.`
				: undefined,
		].filter(Boolean);
		const entry: Record<string, unknown> = {
			name,
			indicator: indicator ?? todo('indicator (availability, latency or error-rate)', `the SLI${sliName ? ` ${sliName}` : ''} does not say what it measures`),
			target,
			...(indicator === 'latency'
				? {
						percentile: todo('percentile (e.g. 95 for p95)', 'OpenSLO does not give one'),
						threshold: todo('threshold (a duration such as "300ms")', op && value ? `OpenSLO says ${op} ${value} without a unit` : 'OpenSLO does not give one'),
					}
				: {}),
			window: window?.duration ?? todo('window (a duration such as "28d")', window ? `OpenSLO says ${window.written}, longer than the model's units (up to weeks)` : 'the SLO has no timeWindow'),
			...(budgetingMethod ? { budgetingMethod } : {}),
			...(notesText.length ? { description: notesText.join('\n\n') } : {}),
		};
		return entry;
	});
}

function describeSli(sloName: string, sliName: string | undefined, sli: Record<string, unknown> | undefined, op: string | undefined, value: string | undefined): string {
	const parts = [`From OpenSLO SLO \`${sloName}\`${sliName ? `, indicator \`${sliName}\`` : ''}.`];
	const queries = (metric: unknown) => {
		const source = asRecord(asRecord(metric)?.metricSource) ?? asRecord(metric);
		const spec = asRecord(source?.spec) ?? source;
		const query = asText(spec?.query) ?? asText(spec?.metricPath);
		const type = asText(source?.type) ?? asText(source?.source);
		return query ? `${type ? `${type} ` : ''}\`${query.replace(/\s+/g, ' ').replace(/`/g, "'")}\`` : undefined;
	};
	const ratio = asRecord(sli?.ratioMetric) ?? asRecord(sli?.ratioMetrics);
	if (ratio) {
		for (const key of ['good', 'bad', 'total', 'raw'] as const) {
			const q = queries(ratio[key]);
			if (q) parts.push(`${key[0]!.toUpperCase()}${key.slice(1)}: ${q}.`);
		}
	}
	const threshold = asRecord(sli?.thresholdMetric);
	if (threshold) {
		const q = queries(threshold);
		if (q) parts.push(`Threshold metric: ${q}${op && value ? `, good when ${op} ${value}` : ''}.`);
	}
	return parts.join(' ');
}
