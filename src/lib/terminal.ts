/**
 * Model text printed to a terminal or a CI log is untrusted. An ANSI escape sequence could
 * rewrite the screen or hide a line, and a line that starts with `::` (or `##[`) is a GitHub
 * Actions workflow command (`::error`, `::add-mask::`, `::stop-commands::`). So every control
 * character is shown as a visible escape (`\x1b`, `\n`), which also keeps model text from ever
 * starting a line of its own, and a line that would still start with a command prefix is
 * indented.
 */

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators and bidi overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\x1b' };

/** One line of output, safe to print: no control character, no workflow command. */
export function printable(text: string): string {
	const shown = text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	return /^\s*(::|##\[)/.test(shown) ? `  ${shown}` : shown;
}

/** Several lines: each made printable on its own (the line breaks between them are ours). */
export function printableLines(text: string): string {
	return text.split('\n').map(printable).join('\n');
}
