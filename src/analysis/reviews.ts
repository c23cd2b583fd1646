/**
 * Post-incident reviews as numbers: time to detect, respond and recover for one review, and
 * their means (MTTD, MTTA, MTTR) per service and per quarter. Pure functions of the reviews
 * (and today's date where named), shared by the check, the coverage gate and the pages.
 */
import { parseDuration } from '../lib/duration.ts';
import type { IncidentPolicy } from '../model/incident.ts';
import type { ActionItem, Review } from '../model/review.ts';

type Path = (string | number)[];

/**
 * A moment of a review on one time line: `absolute` in milliseconds since the epoch (a date and
 * time, or a duration after a known `started`), or `relative` in milliseconds after the start
 * when the start time is not given. Two moments compare only on the same line.
 */
export interface Moment {
	line: 'absolute' | 'relative';
	ms: number;
}

type Times = Pick<Review, 'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved'>;

/** A written moment (a date and time, or a duration after the start) on its time line. */
export function momentOf(review: Pick<Review, 'started'>, value: string | undefined): Moment | undefined {
	if (value === undefined) return undefined;
	const offset = parseDuration(value);
	if (offset !== undefined) {
		return review.started ? { line: 'absolute', ms: Date.parse(review.started) + offset * 1000 } : { line: 'relative', ms: offset * 1000 };
	}
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : { line: 'absolute', ms };
}

/** The start of the incident: `started`, else the origin of the relative time line. */
function startOf(review: Pick<Review, 'started'>): Moment {
	return review.started ? { line: 'absolute', ms: Date.parse(review.started) } : { line: 'relative', ms: 0 };
}

/** Seconds from `a` to `b`, when both are on the same time line. */
function between(a: Moment | undefined, b: Moment | undefined): number | undefined {
	if (!a || !b || a.line !== b.line) return undefined;
	return (b.ms - a.ms) / 1000;
}

export interface ReviewTimes {
	/** Seconds from the start to detection (TTD). */
	detect?: number;
	/** Seconds from detection to acknowledgement (TTA, time to respond). */
	respond?: number;
	/** Seconds from the start to mitigation. */
	mitigate?: number;
	/** Seconds from the start to full recovery (TTR). */
	recover?: number;
}

/** Time to detect, respond, mitigate and recover of one review; each undefined when it cannot be worked out. */
export function reviewTimes(review: Times): ReviewTimes {
	const start = startOf(review);
	const detected = momentOf(review, review.detected);
	const times: ReviewTimes = {
		detect: between(start, detected),
		respond: between(detected, momentOf(review, review.acknowledged)),
		mitigate: between(start, momentOf(review, review.mitigated)),
		recover: between(start, momentOf(review, review.resolved)),
	};
	for (const key of Object.keys(times) as (keyof ReviewTimes)[]) if (times[key] === undefined || times[key]! < 0) delete times[key];
	return times;
}

/** Times that contradict each other (resolved before it was detected…), for the model check. */
export function reviewTimeProblems(review: Times & Pick<Review, 'date'>): { path: Path; message: string }[] {
	const problems: { path: Path; message: string }[] = [];
	if (review.started && review.started.slice(0, 10) !== review.date) {
		problems.push({ path: ['started'], message: `"started" is on ${review.started.slice(0, 10)} but "date" is ${review.date}; give the day the incident started in both` });
	}
	const start = startOf(review);
	const fields = ['detected', 'acknowledged', 'mitigated', 'resolved'] as const;
	for (const field of fields) {
		const value = review[field];
		const gap = between(start, momentOf(review, value));
		if (gap !== undefined && gap < 0) problems.push({ path: [field], message: `"${field}" (${value}) is before the incident started (${review.started})` });
	}
	const order: [(typeof fields)[number], (typeof fields)[number]][] = [
		['detected', 'acknowledged'],
		['detected', 'resolved'],
		['mitigated', 'resolved'],
	];
	for (const [first, then] of order) {
		const gap = between(momentOf(review, review[first]), momentOf(review, review[then]));
		if (gap !== undefined && gap < 0) problems.push({ path: [then], message: `"${then}" (${review[then]}) is before "${first}" (${review[first]})` });
	}
	return problems;
}

/** The day the incident was resolved (else mitigated, else the day it started), YYYY-MM-DD. */
export function resolutionDay(review: Times & Pick<Review, 'date'>): string {
	for (const value of [review.resolved, review.mitigated]) {
		const moment = momentOf(review, value);
		if (!moment) continue;
		// A duration with no start time is counted from the start of the incident's day.
		const ms = moment.line === 'absolute' ? moment.ms : Date.parse(`${review.date}T00:00:00Z`) + moment.ms;
		// A written date and time keeps its own day (its offset), as people read it.
		if (value && parseDuration(value) === undefined) return value.slice(0, 10);
		return new Date(ms).toISOString().slice(0, 10);
	}
	return review.date;
}

/** The quarter of a date, as the index groups it: "2026 Q1". */
export function quarterOf(date: string): string {
	const month = Number(date.slice(5, 7));
	return `${date.slice(0, 4)} Q${Math.floor((month - 1) / 3) + 1}`;
}

/** An action is overdue when it is neither done nor decided against by its due date. */
export function isOverdue(action: Pick<ActionItem, 'status' | 'due'>, today: string): boolean {
	return (action.status === 'open' || action.status === 'in-progress') && action.due < today;
}

/** The severities whose incidents need a review: `review: true` in the matrix, sev1 and sev2 without one. */
export function severitiesNeedingReview(incident: Pick<IncidentPolicy, 'severities'> | undefined): string[] {
	return incident ? incident.severities.filter((s) => s.review).map((s) => s.level) : ['sev1', 'sev2'];
}

export interface MeanTimes {
	/** What the reviews are grouped by: a service id or a quarter. */
	key: string;
	reviews: number;
	/** Mean time to detect, respond and recover, in seconds; undefined when no review gives it. */
	mttd?: number;
	mtta?: number;
	mttr?: number;
	/** How many reviews each mean is over. */
	detectCount: number;
	respondCount: number;
	recoverCount: number;
}

function mean(values: number[]): number | undefined {
	return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : undefined;
}

/** Mean times of the reviews, grouped by the keys each review belongs to, in key order. */
export function meanTimesBy<R extends Times>(reviews: R[], keysOf: (review: R) => string[]): MeanTimes[] {
	const groups = new Map<string, ReviewTimes[]>();
	for (const review of reviews) {
		const times = reviewTimes(review);
		for (const key of new Set(keysOf(review))) groups.set(key, [...(groups.get(key) ?? []), times]);
	}
	return [...groups]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, list]) => {
			const of = (pick: keyof ReviewTimes) => list.map((t) => t[pick]).filter((v): v is number => v !== undefined);
			const detect = of('detect');
			const respond = of('respond');
			const recover = of('recover');
			return { key, reviews: list.length, mttd: mean(detect), mtta: mean(respond), mttr: mean(recover), detectCount: detect.length, respondCount: respond.length, recoverCount: recover.length };
		});
}

/** MTTD, MTTA and MTTR per service (a review of several services counts for each). */
export function meanTimesByService<R extends Times & Pick<Review, 'services'>>(reviews: R[]): MeanTimes[] {
	return meanTimesBy(reviews, (review) => review.services);
}

/** MTTD, MTTA and MTTR per quarter of the incident's date, oldest first. */
export function meanTimesByQuarter<R extends Times & Pick<Review, 'date'>>(reviews: R[]): MeanTimes[] {
	return meanTimesBy(reviews, (review) => [quarterOf(review.date)]);
}
