/**
 * The one friendly-error wrapper around zod parsing: every issue becomes a positioned
 * diagnostic that says what was expected, what was found, and the nearest valid spelling.
 */
import type { z } from 'zod';
import { closest } from '../lib/closest.ts';
import { describeValue, formatPath, type Diagnostic } from './diagnostics.ts';
import { locate, type SourceFile } from './source.ts';

type Issue = z.core.$ZodIssue & { input?: unknown };

export function validateShape<T>(
	schema: z.ZodType<T>,
	source: SourceFile,
): { ok: true; data: T } | { ok: false; diagnostics: Diagnostic[]; paths: PropertyKey[][] } {
	const result = schema.safeParse(source.data, { reportInput: true });
	if (result.success) return { ok: true, data: result.data };
	const diagnostics: Diagnostic[] = [];
	for (const issue of result.error.issues as Issue[]) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				const path = [...issue.path, key];
				const known = knownKeys(schema, issue.path);
				const guess = closest(key, known);
				diagnostics.push(
					at(source, path, `unknown field "${key}"${guess ? `; did you mean "${guess}"?` : known.length ? `; allowed here: ${known.join(', ')}` : ''}`, true),
				);
			}
			continue;
		}
		diagnostics.push(at(source, issue.path, messageFor(issue)));
	}
	// Where each problem is (an unknown key at its own path), for salvage.ts.
	const paths = (result.error.issues as Issue[]).flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [[...issue.path]]));
	return { ok: false, diagnostics, paths };
}

function at(source: SourceFile, path: readonly PropertyKey[], message: string, key = false): Diagnostic {
	const { line, column } = locate(source, path, { key });
	return { severity: 'error', file: source.display, line, column, path: formatPath(path), message };
}

function messageFor(issue: Issue): string {
	const found = describeValue(issue.input);
	switch (issue.code) {
		case 'invalid_type': {
			const field = issue.path.at(-1);
			if (issue.input === undefined) {
				// Our own messages say what the value looks like ("a duration such as …"); zod's only its type.
				const expected = isDefaultMessage(issue.message) ? `expected ${expectedName(issue.expected)}` : issue.message;
				return `missing required field${typeof field === 'string' ? ` "${field}"` : ''} (${expected})`;
			}
			// Our own messages (e.g. "expected a duration …") are more helpful than zod's.
			const expected = isDefaultMessage(issue.message) ? `expected ${expectedName(issue.expected)}` : issue.message;
			// `- Rotate keys: all of them` is a one-key mapping to YAML; the writer meant a sentence.
			const colon =
				issue.expected === 'string' && isSentenceMapping(issue.input) ? '; a ": " inside unquoted text starts a mapping in YAML — put the text in quotes' : '';
			return `${expected}, found ${found}${colon}`;
		}
		case 'invalid_value': {
			const allowed = issue.values.map((v) => JSON.stringify(v));
			const guess = typeof issue.input === 'string' ? closest(issue.input, issue.values.map(String)) : undefined;
			const list = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
			return `expected ${list}, found ${found}${guess ? `; did you mean "${guess}"?` : ''}`;
		}
		case 'invalid_format':
			return `${isDefaultMessage(issue.message) ? `expected a valid ${issue.format}` : issue.message}, found ${found}`;
		case 'too_small':
			if (issue.origin === 'array') {
				return isDefaultMessage(issue.message) ? `expected at least ${issue.minimum} item(s), found ${found}` : issue.message;
			}
			if (issue.origin === 'string') return `expected a non-empty text, found ${found}`;
			return `expected a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}, found ${found}`;
		case 'too_big':
			if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s), found ${found}`;
			return `expected a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}, found ${found}`;
		default:
			return `${issue.message}${issue.input !== undefined ? `, found ${found}` : ''}`;
	}
}

function isSentenceMapping(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const entries = Object.entries(value);
	return entries.length === 1 && /\s/.test(entries[0]![0]) && (typeof entries[0]![1] === 'string' || entries[0]![1] === null);
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a mapping of fields',
};

function expectedName(expected: string): string {
	return EXPECTED[expected] ?? expected;
}

function isDefaultMessage(message: string): boolean {
	return /^(Invalid|Too (small|big))/.test(message);
}

/** The field names allowed by the object schema at `path`, for "did you mean". */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
	let current: unknown = schema;
	for (const segment of [...path, null]) {
		current = unwrap(current);
		// One object or a list of them (a runbook's escalation): follow the option the path goes into.
		if ((current as { def?: { type: string } }).def?.type === 'union') {
			const want = typeof segment === 'number' ? 'array' : 'object';
			current = unwrap((current as z.ZodUnion).options.find((option) => (unwrap(option) as { def?: { type: string } }).def?.type === want));
		}
		const def = (current as { def?: { type: string } }).def;
		if (!def) return [];
		if (segment === null) {
			return def.type === 'object' ? Object.keys((current as z.ZodObject).shape) : [];
		}
		if (def.type === 'object') current = (current as z.ZodObject).shape[String(segment)];
		else if (def.type === 'array') current = (current as z.ZodArray<z.ZodType>).element;
		else return [];
	}
	return [];
}

function unwrap(schema: unknown): unknown {
	let current = schema as { def?: { type: string; innerType?: unknown; in?: unknown } } | undefined;
	while (current?.def && ['optional', 'default', 'nullable', 'prefault', 'readonly', 'pipe'].includes(current.def.type)) {
		current = (current.def.innerType ?? current.def.in) as typeof current;
	}
	return current;
}
