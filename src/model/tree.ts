import { z } from 'zod';
import { date, id, markdown, ref, text } from './common.ts';

export const answer = z
	.strictObject({
		label: text('The answer as the reader would say it, e.g. "Yes", "Connection refused".'),
		next: ref('node').optional().describe('Id of the node to go to next, in this tree.'),
		runbook: ref('runbook').optional().describe('Id of the runbook that fixes this case.'),
		resolution: markdown.optional().describe('The fix, when it is short enough to say here.'),
		escalate: ref('team').optional().describe('Id of the team to escalate to.'),
		level: z.int().min(1).optional().describe("With escalate: which level of that team's escalation ladder to page, e.g. 2 for its secondary."),
		reason: z.string().optional().describe('With escalate: why, e.g. "the cause is outside what on-call can check".'),
	})
	.describe('An answer; it leads to exactly one of: next, runbook, resolution, escalate.');

export const treeNode = z
	.strictObject({
		id,
		kind: z
			.enum(['question', 'check', 'action'])
			.default('question')
			.describe('question: ask or look; check: run something (usually a command) and read the result; action: do something, then see what happened.'),
		question: text('What to check or ask, e.g. "Does the health endpoint answer?"; for an action, what to do.'),
		detail: markdown.optional().describe('How to find out.'),
		command: z.string().optional().describe('A command that answers the question.'),
		answers: z.array(answer).default([]).describe('The possible answers; a node without answers is a dead end.'),
	})
	.describe('One question or check.');

export const treeSchema = z
	.strictObject({
		id,
		title: text('Title, e.g. "Slack bot does not answer".'),
		services: z.array(ref('service')).min(1).describe('Ids of the services it diagnoses.'),
		symptom: text('The symptom it starts from, as people report it.'),
		summary: z.string().optional().describe('What the tree covers, in a sentence.'),
		start: ref('node').describe('Id of the first node.'),
		nodes: z.array(treeNode).min(1).describe('The questions and checks.'),
		lastReviewed: date.optional().describe('When the tree was last walked through and checked.'),
	})
	.describe('A troubleshooting decision tree.');

export type Tree = z.infer<typeof treeSchema>;
export type TreeNode = z.infer<typeof treeNode>;
export type Answer = z.infer<typeof answer>;
