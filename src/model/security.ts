import { z } from 'zod';
import { date, duration, id, markdown, ref, text } from './common.ts';

/** The incident types every plan must have a playbook for (seed gap analysis, §3.5). */
export const incidentType = z
	.enum([
		'unauthorized-api-access',
		'database-breach',
		'secret-exposure',
		'malicious-code-injection',
		'denial-of-service',
		'supply-chain-compromise',
		'other',
	])
	.describe('The type of security incident a playbook handles.');

/** NIST SP 800-61 Rev. 2 phases; Rev. 3 maps them to CSF 2.0 functions. */
export const nistPhase = z
	.enum(['preparation', 'detection-and-analysis', 'containment-eradication-recovery', 'post-incident-activity'])
	.describe('A phase of the NIST SP 800-61 Rev. 2 incident response life cycle.');

export const csfFunction = z
	.enum(['govern', 'identify', 'protect', 'detect', 'respond', 'recover'])
	.describe('A NIST CSF 2.0 function (SP 800-61 Rev. 3).');

const severityLevel = z
	.strictObject({
		level: z.enum(['critical', 'high', 'medium', 'low']).describe('Security severity.'),
		criteria: z.array(z.string()).min(1).describe('What makes an incident this severe.'),
		responseTime: duration.describe('Time to first response.'),
		notify: z.array(z.string()).min(1).describe('Who is told, and how.'),
	})
	.describe('A security severity level.');

const playbook = z
	.strictObject({
		id,
		title: text('Title, e.g. "Secret exposed in a repository".'),
		type: incidentType,
		severity: z.enum(['critical', 'high', 'medium', 'low']).describe('Default severity.'),
		services: z.array(ref('service')).default([]).describe('Services most at risk.'),
		// Real plans often leave some of these to the general phases; containment is what makes a playbook.
		indicators: z.array(z.string()).default([]).describe('What gives it away: alerts, log lines, reports.'),
		detection: z.array(z.string()).default([]).describe('Steps to confirm it and establish its scope, before containment.'),
		containment: z.array(z.string()).min(1).describe('Steps to stop the damage spreading.'),
		eradication: z.array(z.string()).default([]).describe('Steps to remove the cause.'),
		recovery: z.array(z.string()).default([]).describe('Steps to return to normal service.'),
		evidence: z.array(z.string()).default([]).describe('What to preserve for this type, beyond the general rules.'),
		runbook: ref('runbook').optional().describe('Id of an operational runbook used during recovery.'),
	})
	.describe('What to do for one type of security incident.');

export const securityPlanSchema = z
	.strictObject({
		title: text('Title of the plan.'),
		summary: markdown.describe('Scope and purpose.'),
		owner: ref('team').describe('Team that owns the plan.'),
		lastReviewed: date.describe('When the plan was last reviewed.'),
		severities: z.array(severityLevel).min(1).describe('Severity levels: criteria, response time, who is told.'),
		roles: z
			.array(
				z.strictObject({
					name: text('Role name, e.g. "Incident lead".'),
					who: text('Who fills it, e.g. a team or a named deputy.'),
					responsibilities: z.array(z.string()).min(1).describe('What the role does during an incident.'),
				}),
			)
			.min(1)
			.describe('Roles during a security incident.'),
		phases: z
			.array(
				z.strictObject({
					phase: nistPhase,
					csf: z.array(csfFunction).min(1).describe('The CSF 2.0 functions this phase maps to.'),
					steps: z.array(z.string()).min(1).describe('What is done in this phase.'),
				}),
			)
			.min(1)
			.describe('What happens in each phase.'),
		playbooks: z.array(playbook).min(1).describe('One playbook per incident type.'),
		evidence: z
			.strictObject({
				principles: z.array(z.string()).min(1).describe('Rules for handling evidence (chain of custody, hashing…).'),
				sources: z.array(z.string()).min(1).describe('Where evidence is collected from.'),
				retention: duration.optional().describe('How long evidence is kept.'),
			})
			.describe('Evidence preservation.'),
		notifications: z
			.array(
				z.strictObject({
					audience: text('Who must be told: a regulator, customers, the board…'),
					when: text('What triggers the duty.'),
					deadline: duration.describe('How soon, e.g. "72h".'),
					deadlineFrom: z.string().optional().describe('When the deadline starts to run, e.g. "from awareness", "from confirmation".'),
					regulation: z.string().optional().describe('The regulation and article that impose the duty, e.g. "GDPR art. 33".'),
					basis: z.string().optional().describe('The law or contract behind the duty, or notes on it.'),
					owner: text('Who sends it.'),
				}),
			)
			.default([])
			.describe('Notification duties and their deadlines.'),
		templates: z
			.array(
				z.strictObject({
					id,
					title: text('Template name; the id when left out.').optional(),
					audience: text('Who receives it.'),
					channel: text('How it is sent.'),
					body: markdown.describe('The text, with {placeholders}.'),
				}),
			)
			.default([])
			.describe('Communication templates.'),
	})
	.describe('The security incident response plan (one file: security-response-plan.yaml).');

export type SecurityPlan = z.infer<typeof securityPlanSchema>;
export type Playbook = z.infer<typeof playbook>;
