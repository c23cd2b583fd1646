/**
 * Credential-like strings do not belong in a handbook that is published as a website. Every
 * file that is published or read is scanned as text, comments included: a token in a YAML
 * comment or a guide is as public as one in a field. The shapes are in src/lib/secret-patterns.ts.
 */
import { isScalar, isSeq, visit, type Node } from 'yaml';
import { findSecretSpans, maskSecret, type SecretSpan } from '../lib/secret-patterns.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { SourceFile } from './source.ts';

export { maskSecrets } from '../lib/secret-patterns.ts';

/** The secrets in any text (Markdown, an OpenAPI spec in YAML or JSON…), each at its own line and column. */
export function scanTextForSecrets(display: string, text: string): Diagnostic[] {
	const spans = findSecretSpans(text);
	if (spans.length === 0) return [];
	const lineStarts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
	return spans.map((span) => {
		const line = lineOf(lineStarts, span.start);
		return diagnostic(display, text, span, line + 1, span.start - lineStarts[line]! + 1, '');
	});
}

/**
 * The secrets in a model file. One inside a field is reported at that field, with its path, like
 * every other diagnostic about a value; one elsewhere (a comment) at its own place. The document
 * is walked only when the text holds something, which it almost never does.
 */
export function findSecrets(source: SourceFile): Diagnostic[] {
	const spans = findSecretSpans(source.text);
	if (spans.length === 0) return [];
	const fields = new Map<SecretSpan, { offset: number; path: string }>();
	visit(source.doc, {
		Scalar(_key, node, path) {
			if (typeof node.value !== 'string' || !node.range) return;
			const [start, end] = node.range;
			// Spans are in order: find the first in this scalar rather than try all (a file can hold thousands).
			for (let i = firstAtOrAfter(spans, start); i < spans.length && spans[i]!.start < end; i++) {
				fields.set(spans[i]!, { offset: start, path: fieldPath(path as readonly unknown[], node) });
			}
		},
	});
	return spans.map((span) => {
		const field = fields.get(span);
		const pos = source.lines.linePos(field?.offset ?? span.start);
		return diagnostic(source.display, source.text, span, pos.line, pos.col, field?.path ?? '');
	});
}

function diagnostic(file: string, text: string, span: SecretSpan, line: number, column: number, path: string): Diagnostic {
	const masked = maskSecret(text.slice(span.start, span.end));
	return {
		severity: 'error',
		file,
		line,
		column,
		path,
		// The name stays before the first `;`: tools and tests key on "looks like …".
		message: `looks like ${span.name}; never put credentials in the model — reference the vault entry that holds it instead (found ${masked})`,
	};
}

/** The index of the first span that starts at or after `offset`. */
function firstAtOrAfter(spans: readonly SecretSpan[], offset: number): number {
	let low = 0;
	let high = spans.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (spans[middle]!.start < offset) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** The index of the line holding `offset`, by binary search over the line starts. */
function lineOf(lineStarts: readonly number[], offset: number): number {
	let low = 0;
	let high = lineStarts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (lineStarts[middle]! <= offset) low = middle;
		else high = middle - 1;
	}
	return low;
}

/** Rebuild `a.b[2].c` from the visitor's ancestry. */
function fieldPath(ancestry: readonly unknown[], leaf: Node): string {
	let out = '';
	const chain = [...ancestry, leaf];
	for (let i = 1; i < chain.length; i++) {
		const parent = chain[i - 1] as { items?: unknown[]; key?: unknown; value?: unknown };
		const child = chain[i];
		if (isSeq(parent)) {
			out += `[${parent.items.indexOf(child as never)}]`;
		} else if (parent && 'key' in parent && 'value' in parent && parent.value === child && isScalar(parent.key)) {
			out += out ? `.${String(parent.key.value)}` : String(parent.key.value);
		}
	}
	return out;
}
