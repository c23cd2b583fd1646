/**
 * How fresh a runbook's last test or a tree's last review is, judged as the coverage gate judges
 * it: against the policy's window for the most critical service it is for (src/coverage).
 */
import { daysBetween } from '../coverage/requirements.ts';
import { seconds } from '../lib/duration.ts';
import type { Model } from '../model/index.ts';
import { runbookWindow, windowFor } from '../model/policy.ts';

export interface Freshness {
	/** The recorded date, if any. */
	date?: string;
	/** Days from the date to `today`. */
	days?: number;
	/** The window that applies ("180d"); undefined without a policy. */
	window?: string;
	/** Older than the window. */
	stale: boolean;
}

/** The tier of the most critical service in the list (4 when none is known). */
export function mostCriticalTier(model: Model, services: string[]): number {
	return Math.min(4, ...services.map((id) => model.services.get(id)?.tier ?? 4));
}

function judge(date: string | undefined, window: string | undefined, today: string): Freshness {
	if (!date) return { window, stale: false };
	const days = daysBetween(date, today);
	return { date, days, window, stale: window !== undefined && days > seconds(window) / 86400 };
}

/** A runbook's last test, held to the runbook-test window of its most critical service. */
export function runbookFreshness(model: Model, runbook: { kind: string; services: string[]; lastTested?: string }, today: string): Freshness {
	// The runbook's kind may have its own window (runbookTestByKind: DR runbooks more often).
	const window = model.policy ? runbookWindow(model.policy, runbook.kind, mostCriticalTier(model, runbook.services)) : undefined;
	return judge(runbook.lastTested, window, today);
}

/** A troubleshooting tree's last review, held to the tree-review window of its most critical service. */
export function treeFreshness(model: Model, tree: { services: string[]; lastReviewed?: string }, today: string): Freshness {
	const window = model.policy ? windowFor(model.policy.freshness.treeReview, mostCriticalTier(model, tree.services)) : undefined;
	return judge(tree.lastReviewed, window, today);
}

/** The words of a freshness badge: "Tested 2026-10-01", "Tested 2025-01-02 — stale (window 180d)", "Never tested". */
export function freshnessText(freshness: Freshness, verb: 'Tested' | 'Reviewed', withVerb = true): string {
	if (!freshness.date) return withVerb ? `Never ${verb.toLowerCase()}` : 'never';
	const date = withVerb ? `${verb} ${freshness.date}` : freshness.date;
	return freshness.stale ? `${date} — stale (window ${freshness.window})` : date;
}
