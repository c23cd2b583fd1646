/**
 * Durations are written the way operators write them: `250ms`, `30s`, `15m`, `2h`, `1d`, `2w`,
 * or `0`. Compound forms (`1h30m`) are accepted because people write them in runbooks.
 */
export const DURATION_PATTERN = '^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d|w))+)$';

const UNIT_SECONDS: Record<string, number> = {
	ms: 0.001,
	s: 1,
	m: 60,
	h: 3600,
	d: 86400,
	w: 604800,
};

/** Seconds in a duration string, or `undefined` when it is not one. */
export function parseDuration(text: string): number | undefined {
	if (!new RegExp(DURATION_PATTERN).test(text)) return undefined;
	if (text === '0') return 0;
	let total = 0;
	for (const [, amount, unit] of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d|w)/g)) {
		total += Number(amount) * UNIT_SECONDS[unit!]!;
	}
	return total;
}

/** Seconds in a duration the schema has already accepted. */
export function seconds(text: string): number {
	const value = parseDuration(text);
	if (value === undefined) throw new Error(`not a duration: ${text}`);
	return value;
}

/** A short human form: 2580 s → "43 min", 5400 → "1 h 30 min", 0.2 → "200 ms". */
export function formatDuration(totalSeconds: number): string {
	if (totalSeconds === 0) return '0';
	// Each unit is used only while its rounded value stays below the next unit (no "60 s", "1 h 60 min").
	if (totalSeconds < 0.9995) return `${Math.round(totalSeconds * 1000)} ms`;
	if (totalSeconds < 59.95) return `${round(totalSeconds)} s`;
	const minutes = totalSeconds / 60;
	if (minutes < 59.95) return `${round(minutes)} min`;
	const wholeMinutes = Math.round(minutes);
	const hours = Math.floor(wholeMinutes / 60);
	const rest = wholeMinutes - hours * 60;
	if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
	const days = totalSeconds / 86400;
	return `${round(days)} d`;
}

function round(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}
