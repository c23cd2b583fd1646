import { z } from 'zod';
import { date, duration, id, markdown, ref, severity, text } from './common.ts';

export const runbookKind = z
	.enum(['incident', 'disaster-recovery', 'maintenance', 'procedure', 'access'])
	.describe('incident: respond to an alert or symptom; disaster-recovery: restore after loss; maintenance: planned work; procedure: a standard operating procedure; access: grant or revoke access.');

export const step = z
	.strictObject({
		title: text('What this step does, in the imperative.'),
		description: markdown.optional().describe('Why and how, in Markdown.'),
		command: z.string().optional().describe('A command to run, shown with a copy button.'),
		expected: z.string().optional().describe('What the command prints when all is well.'),
		warning: z.string().optional().describe('A caution shown before the step.'),
	})
	.describe('One step.');

/** One team to escalate to; a runbook may name several, e.g. first the owners, then security. */
export const escalationTarget = z
	.strictObject({
		team: ref('team').describe('Team to escalate to.'),
		after: duration.optional().describe('Escalate if not resolved within this time.'),
		when: z.string().optional().describe('Other conditions for escalating.'),
		level: z.int().min(1).optional().describe("Which level of that team's escalation ladder to page, e.g. 2 for its secondary; its first level when left out."),
		reason: z.string().optional().describe('Why this team, e.g. "they own the database" or "suspected attack".'),
	})
	.describe('An escalation to one team.');

export const runbookSchema = z
	.strictObject({
		id,
		title: text('Title, e.g. "Agent registry is down".'),
		kind: runbookKind,
		services: z.array(ref('service')).min(1, { error: 'a runbook must list at least one service' }).describe('Ids of the services it applies to.'),
		owner: ref('team').optional().describe('Id of the team that keeps this runbook up to date; when left out, the owners of its services.'),
		summary: text('One or two sentences: when to use it.'),
		triggers: z
			.strictObject({
				alerts: z.array(z.string()).default([]).describe('Alert names that send you here.'),
				symptoms: z.array(z.string()).default([]).describe('What people report or see, e.g. "Slack commands get no reply".'),
				errors: z.array(z.string()).default([]).describe('Error messages, verbatim, so search finds them.'),
			})
			.default({ alerts: [], symptoms: [], errors: [] })
			.describe('What sends an on-call engineer to this runbook.'),
		severity: severity.optional().describe('The usual severity of the situation.'),
		expectedDuration: duration.optional().describe('How long the procedure usually takes.'),
		impact: markdown.optional().describe('What users and other services experience (Prometheus runbook "Impact").'),
		prerequisites: z.array(z.string()).default([]).describe('What must be true or at hand before starting.'),
		access: z.array(z.string()).default([]).describe('Access or permissions needed.'),
		diagnosis: markdown.optional().describe('How to confirm the cause (Prometheus runbook "Diagnosis").'),
		steps: z.array(step).min(1, { error: 'a runbook needs at least one step' }).describe('Ordered steps.'),
		verification: z.array(z.string()).default([]).describe('How to tell it worked.'),
		rollback: z.array(step).default([]).describe('How to undo the steps if they make things worse.'),
		escalation: z
			.union([escalationTarget, z.array(escalationTarget).min(1)], {
				error: 'expected an escalation (team, after, when) or a list of them',
			})
			// One shape for every reader: a single escalation is a list of one.
			.transform((value) => (Array.isArray(value) ? value : [value]))
			.optional()
			.describe('When and to whom to escalate: one team, or a list of teams in the order to try them (e.g. the owning team, then SRE, then security).'),
		lastTested: date.optional().describe('When the runbook was last exercised (game day, drill or real use).'),
	})
	.describe('Step-by-step instructions for an incident, a recovery or a routine procedure.');

export type Runbook = z.infer<typeof runbookSchema>;
export type Step = z.infer<typeof step>;
export type EscalationTarget = z.infer<typeof escalationTarget>;
