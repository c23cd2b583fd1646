/** The model diff for tools: plain JSON (no Maps), stable key order, a format tag to check. */
import type { ModelDiff } from './model-diff.ts';

export function renderJson(diff: ModelDiff): string {
	return `${JSON.stringify(diff, (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value), 2)}\n`;
}
