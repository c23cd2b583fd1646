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
					title: text('Template name.'),
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
