/**
 * The exact-match index for the search box: an alert name, a service id or name, or a runbook
 * id typed in full jumps straight to its page, before the full-text results arrive. Built once
 * per build and published in shards (exact-shard.ts).
 */
import { runbookForAlert, type Model } from '../model/index.ts';
import { exactKey, shardCount, shardOf } from './exact-shard.ts';
import { derivedInput } from './model.ts';
import { alertUrl, runbookUrl, serviceUrl } from './url.ts';

export interface ExactEntry {
	url: string;
	title: string;
	kind: string;
}

export function exactEntries(model: Model): Map<string, ExactEntry> {
	const index = new Map<string, ExactEntry>();
	const add = (key: string, entry: ExactEntry) => {
		if (!index.has(exactKey(key))) index.set(exactKey(key), entry);
	};
	// An alert name jumps straight to its runbook (search → runbook, two steps in an incident);
	// without one, to the alert's page. The page itself is the first full-text result.
	for (const [name, entries] of model.index.alerts) {
		const runbook = entries.map((entry) => runbookForAlert(model, entry)).find(Boolean);
		if (runbook) add(name, { url: runbookUrl(runbook.id), title: runbook.title, kind: `Runbook for alert ${name}` });
		else add(name, { url: alertUrl(name), title: name, kind: 'Alert' });
	}
	for (const service of model.services.values()) {
		add(service.id, { url: serviceUrl(service.id), title: service.name, kind: 'Service' });
		add(service.name, { url: serviceUrl(service.id), title: service.name, kind: 'Service' });
	}
	for (const runbook of model.runbooks.values()) add(runbook.id, { url: runbookUrl(runbook.id), title: runbook.title, kind: 'Runbook' });
	return index;
}

const built = new WeakMap<Model, Record<string, ExactEntry>[]>();

/**
 * The index split into its shards, every shard present (an empty one is `{}`), so no lookup
 * meets a 404. Built once per model: every page's search box asks for the shard count.
 */
export function exactShards(model: Model): Record<string, ExactEntry>[] {
	const cached = built.get(model);
	if (cached) return cached;
	const entries = exactEntries(model);
	const shards: Record<string, ExactEntry>[] = Array.from({ length: shardCount(entries.size) }, () => ({}));
	for (const [key, entry] of entries) shards[shardOf(key, shards.length)]![key] = entry;
	built.set(model, shards);
	return shards;
}

/** How many exact-match files the search box may fetch, worked out from every name in the model. */
export const exactShardCount = derivedInput('exact-shards', (data) => exactShards(data.model).length);
