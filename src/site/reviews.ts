/**
 * How the review and compliance pages write times and states. Pure functions of a review (and
 * the policy, the incident-management policy and today's date where named).
 */
import { resolutionDay, severitiesNeedingReview } from '../analysis/reviews.ts';
import { daysBetween } from '../coverage/requirements.ts';
import { formatDuration, parseDuration, seconds } from '../lib/duration.ts';
import type { IncidentPolicy, Model, Policy, Review } from '../model/index.ts';
import { thresholdFor } from '../model/policy.ts';

/** "2026-03-14T02:10:00Z" → "2026-03-14 02:10 UTC"; "+11:00" kept; a duration → "12m after the start". */
export function momentText(value: string | undefined): string {
	if (value === undefined) return '—';
	if (parseDuration(value) !== undefined) return parseDuration(value) === 0 ? 'the start' : `${value} after the start`;
	const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.exec(value);
	if (!match) return value;
	const [, day, time, secs, zone] = match;
	const withSeconds = secs && secs !== ':00' ? `${time}${secs}` : time;
	return `${day} ${withSeconds} ${zone === 'Z' ? 'UTC' : `UTC${zone}`}`;
}

/** A time in seconds as the pages write it, "—" when unknown. */
export function secondsText(value: number | undefined): string {
	return value === undefined ? '—' : formatDuration(Math.round(value));
}

/** How soon after resolution a review of these services must be published: the most critical service's tier decides. */
export function reviewWindow(model: Pick<Model, 'services'>, policy: Pick<Policy, 'thresholds' | 'minReplicas'> | undefined, incident: Pick<IncidentPolicy, 'postIncidentReview'> | undefined, review: Pick<Review, 'services'>): string {
	const tier = Math.min(4, ...review.services.map((id) => model.services.get(id)?.tier ?? 4));
	return (policy && thresholdFor(policy, tier, 'reviewWithin')) ?? incident?.postIncidentReview.within ?? '5d';
}

export type Publication =
	| { state: 'published'; onTime: boolean; days: number; within: string }
	| { state: 'draft'; overdue: boolean; days: number; within: string }
	| { state: 'not-required'; published?: string };

/** Whether a review is published, and on time, by the policy that judges it. */
export function publication(model: Model, review: Review, today: string): Publication {
	if (!severitiesNeedingReview(model.incident).includes(review.severity)) return { state: 'not-required', published: review.published };
	const within = reviewWindow(model, model.policy, model.incident, review);
	const limit = seconds(within) / 86400;
	const resolved = resolutionDay(review);
	if (review.published) {
		const days = daysBetween(resolved, review.published);
		return { state: 'published', onTime: days <= limit, days, within };
	}
	const days = daysBetween(resolved, today);
	return { state: 'draft', overdue: days > limit, days, within };
}

/** The words of a publication badge. */
export function publicationText(review: Review, state: Publication): string {
	switch (state.state) {
		case 'published':
			return state.onTime ? `Published ${review.published}` : `Published ${review.published} — ${state.days} days after resolution (window ${state.within})`;
		case 'draft':
			return state.overdue ? `Draft — ${state.days} days after resolution (window ${state.within})` : 'Draft';
		default:
			return state.published ? `Published ${state.published}` : 'Draft';
	}
}
