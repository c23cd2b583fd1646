/**
 * An alert's page: `/alerts/<name>/`, the name as the alerting system fires it, so that a rule's
 * `runbook_url` can be written from the name alone. A name that is not a plain Prometheus-style
 * name (letters, digits, _ : . -) is made safe for a path and told apart by a short hash.
 */
export function alertSlug(name: string): string {
	if (/^[A-Za-z0-9_][A-Za-z0-9_:.-]{0,199}$/.test(name)) return name;
	let hash = 5381;
	for (const char of name) hash = ((hash * 33) ^ char.codePointAt(0)!) >>> 0;
	const safe = name.replace(/[^A-Za-z0-9_:.-]+/g, '-').replace(/^[^A-Za-z0-9_]+/, '').slice(0, 80);
	return `${safe || 'alert'}-${hash.toString(36)}`;
}
