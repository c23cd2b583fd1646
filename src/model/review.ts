/**
 * A post-incident review: what happened, how fast it was seen and fixed, why, and what is being
 * changed. One file per review in reviews/. The times give time to detect, respond and recover
 * (src/analysis/reviews.ts); overdue action items and late reviews are coverage gaps
 * (the `review-actions` and `incident-reviews` requirements).
 */
import { z } from 'zod';
import { DURATION_PATTERN } from '../lib/duration.ts';
import { date, duration, id, markdown, ref, severity, text, url } from './common.ts';

/** An instant with its offset, as incident tools export it: 2026-03-14T02:10:00Z or …+10:00. */
export const dateTime = z
	.iso.datetime({ offset: true, error: 'expected a date and time with its offset, such as "2026-03-14T02:10:00Z" or "2026-03-14T13:10:00+11:00"' })
	.describe('A date and time (ISO 8601) with its offset: "2026-03-14T02:10:00Z" or "2026-03-14T13:10:00+11:00".');

/**
 * When something happened: a date and time, or how long after the start of the incident
 * (`started`) — "4m", "1h20m" — for teams that write the timeline in offsets.
 */
export const moment = z
	.union([dateTime, duration], {
		error: (issue) =>
			typeof issue.input === 'string' && !new RegExp(DURATION_PATTERN).test(issue.input)
				? 'expected a date and time such as "2026-03-14T02:10:00Z", or a duration after the start such as "12m"'
				: undefined,
	})
	.describe('A date and time ("2026-03-14T02:10:00Z"), or a duration after the start of the incident ("12m", "1h20m").');

export const actionStatus = z
	.enum(['open', 'in-progress', 'done', 'wont-do'])
	.describe('open: not started; in-progress: being worked on; done: finished; wont-do: decided against (say why in the title or the issue).');

export const actionItem = z
	.strictObject({
		title: text('What will be changed, in the imperative: "Alert on WAL archive lag".'),
		owner: ref('team').describe('Id of the team that owns the action.'),
		due: date.describe('When it is due. An action that is not done or wont-do by then is a coverage gap (review-actions).'),
		status: actionStatus,
		issue: z.string().optional().describe('The ticket that tracks it, e.g. "GSV-231".'),
		url: url.optional().describe('A link to the ticket or pull request.'),
	})
	.describe('One action agreed in the review.');

export const reviewSchema = z
	.strictObject({
		id,
		title: text('What happened, in a line: "Agent registry down after a certificate expired".'),
		date: date.describe('The day the incident started (in the time zone its times are written in).'),
		severity: severity.describe('The severity the incident was run at (its highest), from the incident-management severity matrix.'),
		services: z.array(ref('service')).min(1, { error: 'a review must list at least one service' }).describe('Ids of the services that were affected; the review is listed on their pages.'),
		summary: text('Two or three sentences: what users saw, why, and how it was fixed.'),
		started: dateTime.optional().describe('When the impact started. Needed when the other times are written as dates and times.'),
		detected: moment.optional().describe('When the team knew: the first alert or report. Time to detect = detected − started.'),
		acknowledged: moment.optional().describe('When a responder acknowledged and started work. Time to respond = acknowledged − detected.'),
		mitigated: moment.optional().describe('When the impact was stopped or worked around (users could work again).'),
		resolved: moment.optional().describe('When service was fully restored and the incident closed. Time to recover = resolved − started.'),
		timeline: z
			.array(
				z.strictObject({
					at: moment.describe('When: a date and time, or a duration after the start.'),
					what: text('What was seen, decided or done.'),
				}),
			)
			.default([])
			.describe('What happened, in order.'),
		impact: markdown.describe('Who was affected and how: users, requests, money, data; for how long; SLA and error budget used.'),
		usersAffected: z.string().optional().describe('How many users or customers, in words: "all GrokApp users in the EU", "about 1,200 sessions".'),
		rootCauses: z.array(markdown).default([]).describe('Why it happened: the causes that, removed, would have prevented it.'),
		contributingFactors: z.array(markdown).default([]).describe('What made it worse, longer or harder to fix.'),
		wentWell: z.array(z.string()).default([]).describe('What helped.'),
		wentBadly: z.array(z.string()).default([]).describe('What slowed the response or made it worse.'),
		actions: z.array(actionItem).default([]).describe('What will be changed, each with an owning team and a due date.'),
		symptoms: z.array(z.string()).default([]).describe('What people saw or reported, so search finds the review from a symptom.'),
		errors: z.array(z.string()).default([]).describe('Error messages seen, verbatim, so search finds the review from an error text.'),
		alerts: z.array(z.string()).default([]).describe('Alerts that fired (names as defined on the services).'),
		runbooks: z.array(ref('runbook')).default([]).describe('Ids of the runbooks the responders used.'),
		published: date.optional().describe('When the review was held and published. Without it the review is a draft; the incident-reviews requirement asks for it within the policy\'s reviewWithin of resolution.'),
		lastUpdated: date.optional().describe('When the review was last changed (action statuses included).'),
	})
	.describe('A post-incident review: timeline, impact, causes, what went well and badly, and the actions agreed (one file per review in reviews/).');

export type Review = z.infer<typeof reviewSchema>;
export type ActionItem = z.infer<typeof actionItem>;
export type ActionStatus = z.infer<typeof actionStatus>;
