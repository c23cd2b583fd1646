import { printable } from '../lib/terminal.ts';
import { maskSecrets } from '../lib/secret-patterns.ts';

/** A problem in the model, pinned to a place in a file. */
export interface Diagnostic {
	/**
	 * error: the check fails and the file (or item) may be left out; warning: worth a look;
	 * todo: a value still to be written (a TODO marker) — like a coverage gap, it fails the check
	 * unless gaps are allowed, but it is no error in the model.
	 */
	severity: 'error' | 'warning' | 'todo';
	/** File path as shown to the user (relative to the working directory). */
	file: string;
	line: number;
	column: number;
	/** Field path inside the file, e.g. `dependencies[1].service`; empty for the whole file. */
	path: string;
	message: string;
}

/** `dependencies`, 1, `service` → `dependencies[1].service` */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else out += out ? `.${String(segment)}` : String(segment);
	}
	return out;
}

/** `file:line:col  field.path  message`, the one format every diagnostic is printed in. */
export function formatDiagnostic(d: Diagnostic): string {
	const where = `${d.file}:${d.line}:${d.column}`;
	const prefix = d.severity === 'warning' ? 'warning: ' : '';
	// Defence in depth: whatever a check quoted from the model, no printed line holds a whole
	// secret, a control character or the start of a CI workflow command (src/lib/terminal.ts).
	return printable(`${where}  ${maskSecrets(d.path) || '(file)'}  ${prefix}${maskSecrets(d.message)}`);
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
	return [...list].sort(
		(a, b) =>
			a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
	);
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
	return list.some((d) => d.severity === 'error');
}

/** A short, quoted rendering of a value found in the file, for "found …" in messages. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null (an empty value)';
	if (typeof value === 'string') {
		// Masked before it is shortened: a cut token no longer has its shape, yet shows most of itself.
		const masked = maskSecrets(value);
		const shown = masked.length > 40 ? `${masked.slice(0, 37)}…` : masked;
		return `"${shown}"`;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	if (Array.isArray(value)) return `a list of ${value.length}`;
	return 'a mapping';
}
