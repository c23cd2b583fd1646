/**
 * The day coverage is judged on: an explicit date (`--today`, OPSBOOK_TODAY) first, then the
 * policy's `asOf` (a snapshot handbook such as the example), else the clock.
 */
import type { Policy } from '../model/index.ts';

export interface JudgementDay {
	today: string;
	/** Where the date came from, when it is not the clock. */
	pinnedBy?: 'flag' | 'policy';
}

export function judgementDay(policy: Pick<Policy, 'asOf'> | undefined, explicit?: string, clock = new Date()): JudgementDay {
	if (explicit) return { today: explicit, pinnedBy: 'flag' };
	if (policy?.asOf) return { today: policy.asOf, pinnedBy: 'policy' };
	return { today: clock.toISOString().slice(0, 10) };
}

/** The line `check` and `build` print when the policy pins the date, so nobody mistakes it for today. */
export function asOfNotice(day: JudgementDay): string | undefined {
	return day.pinnedBy === 'policy' ? `Freshness and waivers judged as of ${day.today} (asOf in policy.yaml), not today.` : undefined;
}
