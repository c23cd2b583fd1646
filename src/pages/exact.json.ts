/**
 * A tiny exact-match index for the search box: an alert name, a service id or a runbook id typed
 * in full jumps straight to its page, before the full-text results arrive.
 */
import type { APIRoute } from 'astro';
import { runbookForAlert } from '../model/index.ts';
import { siteData } from '../site/model.ts';
import { runbookUrl, serviceUrl } from '../site/url.ts';

export const GET: APIRoute = () => {
	const { model } = siteData();
	const index: Record<string, { url: string; title: string; kind: string }> = {};
	const add = (key: string, entry: { url: string; title: string; kind: string }) => {
		index[key.toLowerCase()] ??= entry;
	};
	for (const [name, entries] of model.index.alerts) {
		const runbook = runbookForAlert(model, entries[0]!);
		if (runbook) add(name, { url: runbookUrl(runbook.id), title: runbook.title, kind: `Runbook for alert ${name}` });
	}
	for (const service of model.services.values()) {
		add(service.id, { url: serviceUrl(service.id), title: service.name, kind: 'Service' });
		add(service.name, { url: serviceUrl(service.id), title: service.name, kind: 'Service' });
	}
	for (const runbook of model.runbooks.values()) add(runbook.id, { url: runbookUrl(runbook.id), title: runbook.title, kind: 'Runbook' });
	return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
};
