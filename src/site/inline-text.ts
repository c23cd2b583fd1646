/**
 * Plain-text model fields (summaries, step titles, symptoms…) often hold `code spans`. They are
 * split here into text and code parts; the component renders each part as escaped text, the
 * code parts inside <code>. No HTML from the model is ever interpreted.
 */
export interface TextPart {
	text: string;
	code: boolean;
}

/** Splits on pairs of backticks; an unpaired backtick stays as text, as do empty spans (``). */
export function codeSpans(text: string): TextPart[] {
	const parts: TextPart[] = [];
	const push = (part: string, code: boolean) => {
		if (!part) return;
		const last = parts.at(-1);
		if (last && !last.code && !code) last.text += part;
		else parts.push({ text: part, code });
	};
	let rest = text;
	for (;;) {
		const open = rest.indexOf('`');
		const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
		if (close < 0) break;
		push(rest.slice(0, open), false);
		const inner = rest.slice(open + 1, close);
		if (inner.trim()) push(inner, true);
		else push(rest.slice(open, close + 1), false);
		rest = rest.slice(close + 1);
	}
	push(rest, false);
	return parts;
}
