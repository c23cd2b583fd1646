/**
 * Building blocks shared by every kind. Each carries a description: the JSON Schema export,
 * editor hovers and the model reference page are all generated from these.
 */
import { z } from 'zod';
import { DURATION_PATTERN } from '../lib/duration.ts';
import { isSafeUrl, SAFE_PROTOCOL, unsafeUrlMessage } from '../lib/safe-url.ts';

export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const id = z
	.string()
	.regex(new RegExp(ID_PATTERN), { error: 'expected a kebab-case id such as "payments-api"' })
	.describe('Identifier, kebab-case, unique within its kind. Other files refer to the entity by it.');

/** A reference to another entity by its id; the model check resolves it. */
export function ref(kind: string) {
	return z
		.string()
		.regex(new RegExp(ID_PATTERN), { error: `expected the kebab-case id of a ${kind}` })
		.describe(`Id of a ${kind}.`);
}

/** YAML reads a bare `0` as a number; a zero duration is still a duration. */
export const duration = z
	.preprocess(
		(value) => (value === 0 ? '0' : value),
		z
			.string({ error: 'expected a duration such as "250ms", "15m", "2h", "1d" or "0"' })
			.regex(new RegExp(DURATION_PATTERN), {
				error: 'expected a duration such as "250ms", "15m", "2h", "1d" or "0"',
			}),
	)
	.describe('A duration: a number and a unit (ms, s, m, h, d, w), e.g. "15m", "2h", "1d"; or 0.');

export const date = z
	.iso.date({ error: 'expected a date written as YYYY-MM-DD' })
	.describe('A calendar date, YYYY-MM-DD.');

export const percent = z
	.number({ error: 'expected a percentage as a number, e.g. 99.9' })
	.gt(0)
	.max(100)
	.describe('A percentage as a number, e.g. 99.9.');

export const markdown = z.string().describe('Markdown text. Raw HTML is not rendered.');

/** One URL policy for the whole model (src/lib/safe-url.ts): no `javascript:`, `data:`, `file:`… */
export const url = z
	.url({
		protocol: SAFE_PROTOCOL,
		abort: true,
		error: (issue) =>
			typeof issue.input === 'string' && issue.input !== '' && !isSafeUrl(issue.input)
				? unsafeUrlMessage(issue.input)
				: 'expected an absolute URL such as "https://…" (http:, https:, mailto: or tel:)',
	})
	// Also in the JSON Schema, so editors refuse it as the user types (zod's protocol check is not exported).
	.regex(/^([hH][tT][tT][pP][sS]?|[mM][aA][iI][lL][tT][oO]|[tT][eE][lL]):/, { error: (issue) => unsafeUrlMessage(String(issue.input)) })
	.describe('An absolute URL with the scheme http:, https:, mailto: or tel:. Other schemes (javascript:, data:, file:…) are refused.');

export const linkType = z
	.enum(['repo', 'dashboard', 'logs', 'traces', 'metrics', 'alerts', 'docs', 'status', 'ci', 'deploy', 'console', 'chat', 'other'])
	.describe('What the link leads to; shown as its label and icon.');

export const link = z
	.strictObject({
		type: linkType,
		title: z.string().optional().describe('Link text; defaults to the type.'),
		url,
	})
	.describe('A typed link, as in Backstage `links`.');

export const tier = z
	.int({ error: 'expected a tier from 1 (most critical) to 4' })
	.min(1, { error: 'expected a tier from 1 (most critical) to 4' })
	.max(4, { error: 'expected a tier from 1 (most critical) to 4' })
	.describe('Criticality: 1 (business-critical, customer-facing) to 4 (best effort).');

export const severity = z
	.enum(['sev1', 'sev2', 'sev3', 'sev4'])
	.describe('Operational severity, defined in the incident-management policy (sev1 is the worst).');

export const text = (description: string) => z.string().min(1).describe(description);

export const contact = z
	.strictObject({
		name: z.string().describe('Person or role.'),
		role: z.string().optional().describe('Their role in the team.'),
		email: z.email().optional().describe('Email address.'),
		chat: z.string().optional().describe('Chat handle, e.g. "@maria".'),
		phone: z.string().optional().describe('Phone number for escalation.'),
	})
	.describe('A person to contact.');
