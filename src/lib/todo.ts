/**
 * The one marker for "the source did not say": a string that starts with the word `TODO`,
 * written by the importers wherever the model needs a value the source does not have.
 *
 *   owner: "TODO: owning team (team id) — not in the Backstage descriptor"
 *   tier: "TODO: tier 1–4 — Backstage has no criticality"
 *
 * The same marker in every field, whatever its type (text, id reference, number, enum, list
 * item), so the check can recognise every one with `isTodo` and report it as a coverage gap
 * instead of a shape error, and a person can find them all with `grep -rn 'TODO' content/`.
 * A value someone writes by hand as `TODO…` counts too: it is a gap either way.
 *
 * Never an invented fact: what follows the colon names what is missing and why, nothing more.
 */

/** A value written where the source lacks one: `TODO: <what> — <why>`. */
export function todo(what: string, why?: string): string {
	return why ? `TODO: ${what} — ${why}` : `TODO: ${what}`;
}

/** The marker as a pattern, for a JSON Schema or a zod `.regex()`: a string whose first word is TODO. */
export const TODO_PATTERN = '^\\s*TODO\\b';

const MARKER = new RegExp(TODO_PATTERN);

/**
 * True when a value is a TODO marker: a string whose first word is `TODO` (upper case), e.g.
 * `"TODO: owner — not in Backstage"`, `"TODO"`, `"TODO(import): …"`. Not `"Todo list"`, not
 * `"TODOS"`, and not a text that merely mentions TODO later on.
 */
export function isTodo(value: unknown): value is string {
	return typeof value === 'string' && MARKER.test(value);
}

/** Every TODO marker in a value, with its field path as keys and indexes, in document order. */
export function todoFields(value: unknown, path: PropertyKey[] = []): { path: PropertyKey[]; text: string }[] {
	if (isTodo(value)) return [{ path, text: value }];
	if (Array.isArray(value)) return value.flatMap((item, i) => todoFields(item, [...path, i]));
	if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => todoFields(item, [...path, key]));
	return [];
}

/** Where the TODO markers are in a value, as field paths (`owner`, `slos[0].indicator`), in document order. */
export function todoPaths(value: unknown): string[] {
	return todoFields(value).map(({ path }) => path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), ''));
}

/** How many TODO markers a value holds. */
export function countTodos(value: unknown): number {
	return todoFields(value).length;
}
