/** Error budgets: how much badness an objective allows over its window. Pure arithmetic. */
import { formatDuration, seconds } from '../lib/duration.ts';
import type { Slo } from '../model/service.ts';

export interface ErrorBudget {
	/** Share of the window (or of requests) that may be bad, 0–1. */
	fraction: number;
	/** For availability: the allowed downtime over the window, in seconds. */
	downtime?: number;
	/** Human sentence, e.g. "43.2 min of downtime per 30d". */
	text: string;
}

/** A latency SLO's threshold; absent only in a preview of a model whose check failed. */
function threshold(slo: Slo): string {
	return slo.threshold === undefined ? 'its threshold (not given)' : formatDuration(seconds(slo.threshold));
}

export function errorBudget(slo: Slo): ErrorBudget {
	const window = seconds(slo.window);
	switch (slo.indicator) {
		case 'availability': {
			const fraction = share(100 - slo.target);
			const downtime = Number((fraction * window).toPrecision(12));
			return { fraction, downtime, text: `${formatMinutes(downtime)} of downtime per ${slo.window}` };
		}
		case 'latency': {
			const fraction = share(100 - slo.target);
			return {
				fraction,
				text: `${percentText(fraction * 100)} of requests may take longer than ${threshold(slo)} per ${slo.window}`,
			};
		}
		case 'error-rate': {
			const fraction = share(slo.target);
			return { fraction, text: `${percentText(slo.target)} of requests may fail per ${slo.window}` };
		}
	}
}

/**
 * A percentage as a fraction without binary noise: 100 − 99.9 is 0.0999…94 in floating point,
 * which would make the 30-day budget 2591.9999… s instead of 2592 s.
 */
function share(percent: number): number {
	return Number((percent / 100).toPrecision(12));
}

/** 2592 s → "43.2 min"; longer budgets in hours. */
export function formatMinutes(totalSeconds: number): string {
	const minutes = totalSeconds / 60;
	if (minutes < 120) return `${trim(minutes)} min`;
	return `${trim(minutes / 60)} h`;
}

function trim(value: number): string {
	return String(Math.round(value * 10) / 10);
}

function percentText(value: number): string {
	return `${Number(value.toPrecision(6))} %`;
}

/** A one-line statement of the objective, e.g. "p95 < 200 ms, 99 % of requests". */
export function describeSlo(slo: Slo): string {
	switch (slo.indicator) {
		case 'availability':
			return `${slo.target} % available over ${slo.window}`;
		case 'latency':
			return `p${slo.percentile ?? '?'} ≤ ${threshold(slo)} (${slo.target} % of ${slo.window})`;
		case 'error-rate':
			return `≤ ${slo.target} % errors over ${slo.window}`;
	}
}
