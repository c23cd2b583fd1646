/** The whole validated model as JSON, for other tools; plus findings and the coverage verdict. */
import type { APIRoute } from 'astro';
import { siteData } from '../site/model.ts';

export const GET: APIRoute = () => {
	const { model, findings, verdict, today } = siteData();
	const list = <T>(map: Map<string, T>) => [...map.values()];
	const body = {
		generated: today,
		systems: list(model.systems),
		teams: list(model.teams),
		services: list(model.services),
		runbooks: list(model.runbooks),
		trees: list(model.trees),
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
				}
			: null,
	};
	return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
