/**
 * The shape of `catalog.json`, the built site's machine-readable model for other tools (a
 * Backstage plugin, a script): defined once here, published as schemas/catalog.schema.json.
 * Each entity is its validated model entry plus where it came from and where its page is.
 */
import { z } from 'zod';
import { controlSchema } from './control.ts';
import { incidentPolicySchema } from './incident.ts';
import { reviewSchema } from './review.ts';
import { policySchema } from './policy.ts';
import { runbookSchema } from './runbook.ts';
import { securityPlanSchema } from './security.ts';
import { alertSeverity, serviceSchema } from './service.ts';
import { systemSchema } from './system.ts';
import { teamSchema } from './team.ts';
import { treeSchema } from './tree.ts';

/** Bumped when a field is removed or changes meaning; new fields do not bump it. */
export const CATALOG_FORMAT = 'opsbook-catalog/1';

const placed = {
	file: z.string().describe('The model file it came from, relative to the model folder.'),
	url: z.string().describe('Its page on the site, from the site root (includes the base path).'),
};
const entry = <T extends z.ZodObject>(schema: T) => schema.extend(placed);

export const catalogSchema = z
	.object({
		format: z.literal(CATALOG_FORMAT).describe('The format and its version; a reader checks it before anything else.'),
		generated: z.string().describe('The day coverage was judged on (YYYY-MM-DD).'),
		site: z.string().nullable().describe('The site\'s absolute address when the config sets `site`, else null.'),
		systems: z.array(entry(systemSchema)),
		teams: z.array(entry(teamSchema)),
		services: z.array(entry(serviceSchema)),
		runbooks: z.array(entry(runbookSchema)),
		trees: z.array(entry(treeSchema)),
		reviews: z.array(entry(reviewSchema)).describe('Post-incident reviews.'),
		controls: z.array(entry(controlSchema)).describe('Compliance controls; url is the control on its framework\'s page.'),
		alerts: z
			.array(
				z.object({
					name: z.string(),
					severity: alertSeverity,
					services: z.array(z.string()).describe('Ids of the services that define it.'),
					runbook: z.string().nullable().describe('Id of the runbook it leads to, if any.'),
					url: z.string().describe('Its page (`/alerts/<name>/`), what a rule\'s runbook_url points at.'),
				}),
			)
			.describe('Every alert, once.'),
		securityResponsePlan: securityPlanSchema.extend({ file: placed.file }).nullable(),
		incidentManagement: incidentPolicySchema.extend({ file: placed.file }).nullable(),
		policy: policySchema.extend({ file: placed.file }).nullable(),
		findings: z.array(z.looseObject({ kind: z.string(), service: z.string(), message: z.string(), fix: z.string() })).describe('Analysis findings.'),
		coverage: z.looseObject({ ok: z.boolean() }).nullable().describe('The coverage verdict, when the model has a policy.'),
	})
	.describe('catalog.json: the validated model, its findings and its coverage, with the page of every entity.');

export type Catalog = z.infer<typeof catalogSchema>;

/** JSON Schema of catalog.json, as published. */
export function catalogJsonSchema(): string {
	const schema = z.toJSONSchema(catalogSchema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' });
	return `${JSON.stringify({ $schema: schema.$schema, $id: 'catalog.schema.json', title: 'Opsbook catalog.json', ...schema }, null, '\t')}\n`;
}
