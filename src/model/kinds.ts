/**
 * Where each kind lives in the model folder and which schema validates it. The loader, the
 * JSON Schema export and the model reference page all walk this one table.
 */
import type { z } from 'zod';
import { controlSchema } from './control.ts';
import { incidentPolicySchema } from './incident.ts';
import { policySchema } from './policy.ts';
import { reviewSchema } from './review.ts';
import { runbookSchema } from './runbook.ts';
import { securityPlanSchema } from './security.ts';
import { serviceSchema } from './service.ts';
import { systemSchema } from './system.ts';
import { teamSchema } from './team.ts';
import { treeSchema } from './tree.ts';

export interface KindInfo {
	/** Name used in messages and on the reference page. */
	label: string;
	/** A folder of one file per entity, or a single file. */
	location: { folder: string } | { file: string };
	schema: z.ZodType;
	/** File name of the generated JSON Schema in schemas/. */
	schemaFile: string;
}

export const kinds = {
	systems: { label: 'system', location: { folder: 'systems' }, schema: systemSchema, schemaFile: 'system.schema.json' },
	teams: { label: 'team', location: { folder: 'teams' }, schema: teamSchema, schemaFile: 'team.schema.json' },
	services: { label: 'service', location: { folder: 'services' }, schema: serviceSchema, schemaFile: 'service.schema.json' },
	runbooks: { label: 'runbook', location: { folder: 'runbooks' }, schema: runbookSchema, schemaFile: 'runbook.schema.json' },
	trees: { label: 'troubleshooting tree', location: { folder: 'trees' }, schema: treeSchema, schemaFile: 'tree.schema.json' },
	reviews: { label: 'post-incident review', location: { folder: 'reviews' }, schema: reviewSchema, schemaFile: 'review.schema.json' },
	controls: { label: 'compliance control', location: { folder: 'controls' }, schema: controlSchema, schemaFile: 'control.schema.json' },
	security: {
		label: 'security response plan',
		location: { file: 'security-response-plan.yaml' },
		schema: securityPlanSchema,
		schemaFile: 'security-response-plan.schema.json',
	},
	incident: {
		label: 'incident-management policy',
		location: { file: 'incident-management.yaml' },
		schema: incidentPolicySchema,
		schemaFile: 'incident-management.schema.json',
	},
	policy: { label: 'coverage policy', location: { file: 'policy.yaml' }, schema: policySchema, schemaFile: 'policy.schema.json' },
} as const satisfies Record<string, KindInfo>;

export type KindName = keyof typeof kinds;
export type EntityKind = 'systems' | 'teams' | 'services' | 'runbooks' | 'trees' | 'reviews' | 'controls';
export const entityKinds: EntityKind[] = ['systems', 'teams', 'services', 'runbooks', 'trees', 'reviews', 'controls'];

/** Folders of the model that hold something other than entities. */
export const otherFolders = {
	guides: 'guides',
	apis: 'apis',
} as const;
