/**
 * The whole validated model as JSON, for other tools: each entity with its page, every alert
 * with its page, the findings and the coverage verdict. Its shape is src/model/catalog.ts
 * (schemas/catalog.schema.json).
 */
import type { APIRoute } from 'astro';
import config from 'virtual:opsbook/config';
import { CATALOG_FORMAT, type Catalog } from '../model/catalog.ts';
import { runbookForAlert } from '../model/index.ts';
import { siteData } from '../site/model.ts';
import { alertUrl, complianceUrl, reviewUrl, runbookUrl, serviceUrl, systemUrl, teamUrl, treeUrl } from '../site/url.ts';

export const GET: APIRoute = () => {
	const { model, findings, verdict, today } = siteData();
	const placed = <T extends { id: string }>(map: Map<string, T>, page: (id: string) => string) => [...map.values()].map((entity) => ({ ...entity, url: page(entity.id) }));
	const body = {
		format: CATALOG_FORMAT,
		generated: today,
		site: config.site ?? null,
		systems: placed(model.systems, systemUrl),
		teams: placed(model.teams, teamUrl),
		services: placed(model.services, serviceUrl),
		runbooks: placed(model.runbooks, runbookUrl),
		trees: placed(model.trees, (id) => treeUrl(id)),
		reviews: placed(model.reviews, reviewUrl),
		controls: [...model.controls.values()].map((control) => ({ ...control, url: complianceUrl(control.framework, control.id) })),
		alerts: [...model.index.alerts].map(([name, entries]) => ({
			name,
			severity: entries[0]!.alert.severity,
			services: entries.map((entry) => entry.service.id),
			runbook: entries.map((entry) => runbookForAlert(model, entry)).find(Boolean)?.id ?? null,
			url: alertUrl(name),
		})),
		securityResponsePlan: model.security ?? null,
		incidentManagement: model.incident ?? null,
		policy: model.policy ?? null,
		findings,
		coverage: verdict
			? {
					ok: verdict.ok,
					overall: verdict.overall,
					byTier: Object.fromEntries(verdict.byTier),
					byTeam: Object.fromEntries(verdict.byTeam),
					services: verdict.services,
					gaps: verdict.gaps,
					waivers: verdict.waivers,
					exempt: verdict.exempt,
				}
			: null,
	} satisfies Omit<Catalog, 'coverage' | 'findings'> & Record<string, unknown>;
	return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
