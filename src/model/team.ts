import { z } from 'zod';
import { contact, duration, id, link, markdown, text, url } from './common.ts';

export const escalationLevel = z
	.strictObject({
		level: z.int().min(1).describe('1 for the first responder, then 2, 3…'),
		who: text('Who is paged at this level: a rotation, a role or a person.'),
		after: duration.describe('How long after the page this level is reached if nobody acknowledges, e.g. "15m"; 0 for level 1.'),
		contact: z.string().optional().describe('How to reach them: phone, pager link, chat handle.'),
	})
	.describe('One rule of an escalation policy, as in PagerDuty.');

export const teamSchema = z
	.strictObject({
		id,
		name: text('Display name.'),
		description: markdown.optional(),
		chat: z
			.strictObject({
				channel: text('Channel name, e.g. "#payments".'),
				url: url.optional(),
			})
			.describe('Where to talk to the team.'),
		email: z.email().optional().describe('Team mailbox.'),
		members: z.array(contact).default([]).describe('People in the team.'),
		onCall: z
			.strictObject({
				rotation: text('Name of the rotation or schedule.'),
				schedule: text('When shifts change and what hours are covered, e.g. "weekly, Monday 09:00 UTC, 24/7".'),
				tool: z.enum(['pagerduty', 'opsgenie', 'grafana-oncall', 'incident-io', 'phone', 'other']).optional().describe('Paging tool, when known; the pages name it beside the pager link.'),
				pager: url.describe('Link that pages the current on-call engineer or shows who it is.'),
				handoff: z.string().optional().describe('How shifts are handed over.'),
			})
			.optional()
			.describe('On-call rotation. Required by the coverage policy for teams that own tier-1 and tier-2 services.'),
		escalation: z.array(escalationLevel).default([]).describe('Escalation levels in order, each with its delay.'),
		links: z.array(link).default([]).describe('Typed links.'),
	})
	.describe('A team that owns services and carries a pager.');

export type Team = z.infer<typeof teamSchema>;
export type EscalationLevel = z.infer<typeof escalationLevel>;
