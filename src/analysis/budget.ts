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

export function errorBudget(slo: Slo): ErrorBudget {
	const window = seconds(slo.window);
	switch (slo.indicator) {
		case 'availability': {
			const fraction = (100 - slo.target) / 100;
			const downtime = fraction * window;
			return { fraction, downtime, text: `${formatMinutes(downtime)} of downtime per ${slo.window}` };
		}
		case 'latency': {
			const fraction = (100 - slo.target) / 100;
			return {
				fraction,
				text: `${percentText(fraction * 100)} of requests may take longer than ${formatDuration(seconds(slo.threshold!))} per ${slo.window}`,
			};
		}
		case 'error-rate': {
			const fraction = slo.target / 100;
			return { fraction, text: `${percentText(slo.target)} of requests may fail per ${slo.window}` };
		}
	}
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
			return `p${slo.percentile} ≤ ${formatDuration(seconds(slo.threshold!))} (${slo.target} % of ${slo.window})`;
		case 'error-rate':
			return `≤ ${slo.target} % errors over ${slo.window}`;
	}
}
