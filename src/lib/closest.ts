/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
	const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = previous[0]!;
		previous[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = previous[j]!;
			previous[j] = Math.min(
				above + 1,
				previous[j - 1]! + 1,
				diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
			diagonal = above;
		}
	}
	return previous[b.length]!;
}

/**
 * The candidate nearest to `wanted`, if it is near enough to be a plausible typo
 * (at most a third of the longer string differs) or shares a prefix/suffix with it.
 */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestScore = Infinity;
	const lower = wanted.toLowerCase();
	const list = [...candidates];
	// An abbreviation ("prod" for "production") is the likeliest intent of all.
	const prefixed = list.filter((c) => lower.length >= 3 && c.toLowerCase().startsWith(lower)).sort();
	if (prefixed.length === 1) return prefixed[0];
	candidates = list;
	for (const candidate of candidates) {
		const score = distance(lower, candidate.toLowerCase());
		if (score < bestScore || (score === bestScore && best !== undefined && candidate < best)) {
			best = candidate;
			bestScore = score;
		}
	}
	if (best === undefined) return undefined;
	const limit = Math.max(2, Math.ceil(Math.max(wanted.length, best.length) / 3));
	// Containment counts only for a real fragment: "a" is inside "name" but is no hint of it.
	const shorter = Math.min(lower.length, best.length);
	const related = shorter >= 3 && (best.toLowerCase().includes(lower) || lower.includes(best.toLowerCase()));
	return bestScore <= limit || related ? best : undefined;
}
