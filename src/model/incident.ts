import { z } from 'zod';
import { duration, id, markdown, severity, text } from './common.ts';
import { escalationLevel } from './team.ts';

export const incidentPolicySchema = z
	.strictObject({
		summary: markdown.describe('How incidents are run here, in a paragraph.'),
		severities: z
			.array(
				z.strictObject({
					level: severity,
					name: text('Short name, e.g. "Critical".'),
					criteria: z.array(z.string()).min(1).describe('What makes an incident this severe.'),
					examples: z.array(z.string()).default([]).describe('Typical incidents of this severity.'),
					responseTime: duration.describe('Time to acknowledge.'),
					updateEvery: duration.describe('How often stakeholders get an update.'),
					page: z.boolean().describe('Whether it pages out of hours.'),
					review: z.boolean().describe('Whether a post-incident review is required.'),
					commander: z.string().optional().describe('Who leads an incident of this severity, e.g. "SRE incident commander on call".'),
					notify: z.array(z.string()).default([]).describe('Who is told, and how, e.g. "leadership@example.com by e-mail".'),
					resolutionTarget: duration.optional().describe('How soon an incident of this severity should be resolved.'),
					escalation: z
						.array(escalationLevel)
						.min(1)
						.optional()
						.describe('The escalation matrix for this severity, when it differs from the organisation-wide one below.'),
				}),
			)
			.min(1)
			.describe('The operational severity matrix.'),
		escalation: z.array(escalationLevel).min(1).describe('The organisation-wide escalation matrix, above the team levels.'),
		roles: z
			.array(z.strictObject({ name: text('Role name.'), responsibilities: z.array(z.string()).min(1).describe('What the role does.') }))
			.min(1)
			.describe('Incident roles.'),
		templates: z
			.array(
				z.strictObject({
					id,
					title: text('Template name; the id when left out.').optional(),
					when: text('When to send it.'),
					channel: text('Where it goes.'),
					body: markdown.describe('The text, with {placeholders}.'),
				}),
			)
			.default([])
			.describe('Communication templates.'),
		postIncidentReview: z
			.strictObject({
				within: duration.describe('How soon after resolution the review happens.'),
				owner: text('Who runs it.'),
				steps: z.array(z.string()).min(1).describe('How the review is run, in order.'),
				blameless: z.boolean().default(true).describe('Reviews look at systems and decisions, not blame.'),
			})
			.describe('The post-incident review process.'),
	})
	.describe('How incidents are classified, escalated and reviewed (one file: incident-management.yaml).');

export type IncidentPolicy = z.infer<typeof incidentPolicySchema>;
