/**
 * A tiny exact-match index for the search box: an alert name, a service id or a runbook id typed
 * in full jumps straight to its page, before the full-text results arrive.
 */
import type { APIRoute } from 'astro';
import { runbookForAlert } from '../model/index.ts';
import { siteData } from '../site/model.ts';
import { alertUrl, runbookUrl, serviceUrl } from '../site/url.ts';

export const GET: APIRoute = () => {
	const { model } = siteData();
	const index: Record<string, { url: string; title: string; kind: string }> = {};
	const add = (key: string, entry: { url: string; title: string; kind: string }) => {
		index[key.toLowerCase()] ??= entry;
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
	return new Response(JSON.stringify(index), { headers: { 'Content-Type': 'application/json' } });
};
