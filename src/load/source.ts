/**
 * Reads one YAML file defensively and keeps what is needed to point at any field in it.
 * Hostile or broken input (huge files, alias bombs, deep nesting, tabs, non-UTF-8, several
 * documents) is refused here with a clear message before any schema sees it.
 *
 * Two parsers, one meaning: js-yaml (YAML 1.2 core schema) reads a clean file about ten times
 * faster than `yaml`, which is what keeps the check of a thousand-service model under two
 * seconds. `yaml` is the reference: it parses any file js-yaml refuses or that uses anchors,
 * and, lazily, any file a diagnostic must point into — its positions are the ones reported.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import { textHash, type ParseCache, type ParsedEntry, type PositionMemo } from './parse-cache.ts';

export const LIMITS = {
	/** A model file is hand-written YAML; anything larger is a mistake or an attack. */
	bytes: 1024 * 1024,
	depth: 32,
	aliases: 100,
} as const;

export interface SourceFile {
	/** Path shown in diagnostics. */
	display: string;
	/** The document with source positions (parsed on first use for files read by the fast path). */
	readonly doc: Document;
	readonly lines: LineCounter;
	/** The plain JavaScript value of the document. */
	data: unknown;
	/** The file's text, published beside each generated page. */
	text: string;
	/** Positions already found in this text (files kept in the parse cache). */
	positions?: PositionMemo;
}

export type ReadResult =
	| {
			ok: true;
			source: SourceFile;
			/** With a cache: the text's hash, and what the cache had for it (else it was parsed now). */
			hash?: string;
			cached?: ParsedEntry;
			/** Read by the fast path (js-yaml, no anchors): its data may be cached. */
			fast?: boolean;
	  }
	| { ok: false; diagnostics: Diagnostic[] };

/**
 * The file's bytes, or its size when that is over the limit (then nothing is read). One open and
 * one fstat: a model of thousands of files is read on every check, and a separate stat by path
 * cost as much as the reading.
 */
function readLimited(absolute: string): Buffer | number {
	const fd = openSync(absolute, 'r');
	try {
		const size = fstatSync(fd).size;
		if (size > LIMITS.bytes) return size;
		const bytes = Buffer.allocUnsafe(size);
		let read = 0;
		while (read < size) {
			const n = readSync(fd, bytes, read, size - read, null);
			if (n === 0) break;
			read += n;
		}
		return read === size ? bytes : bytes.subarray(0, read);
	} finally {
		closeSync(fd);
	}
}

function fail(display: string, message: string, line = 1, column = 1, path = ''): ReadResult {
	return { ok: false, diagnostics: [{ severity: 'error', file: display, line, column, path, message }] };
}

export function readYaml(absolute: string, display: string, cache?: ParseCache): ReadResult {
	const bytes = readLimited(absolute);
	if (typeof bytes === 'number') {
		return fail(display, `file is ${(bytes / 1048576).toFixed(1)} MB; model files are limited to 1 MB — split it into one file per entity`);
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		const { line, column } = firstInvalidUtf8(bytes);
		return fail(display, 'file is not valid UTF-8; save it as UTF-8', line, column);
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	// The same text passed every check below before, and was read then.
	const hash = cache && textHash(text);
	const cached = hash === undefined ? undefined : cache!.get(hash);
	const positions = hash === undefined ? undefined : cache!.positions(hash);
	if (cached) return { ok: true, source: lazySource(display, text, cached.data, positions), hash, cached, fast: true };
	if (text.trim() === '' || /^(\s*#[^\n]*\n?)*\s*$/.test(text)) {
		return fail(display, 'file is empty; it should describe one entity (see the model reference)');
	}
	const tab = /^( *)\t/m.exec(text);
	if (tab) {
		const line = text.slice(0, tab.index).split('\n').length;
		return fail(display, 'tab character in indentation; YAML indents with spaces only', line, tab[1]!.length + 1);
	}

	const flood = deepBeforeParsing(text);
	if (flood !== undefined) {
		const { line, column } = position(text, flood);
		return fail(display, `nesting is deeper than ${LIMITS.depth} levels; the model never needs that much`, line, column);
	}

	const fast = fastRead(text);
	if (fast !== undefined) return { ok: true, source: lazySource(display, text, fast, positions), hash, fast: true };

	const lines = new LineCounter();
	let docs: Document.Parsed[];
	try {
		docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
	} catch (error) {
		// The parser recurses on nesting; a stack overflow here means absurd nesting.
		if (error instanceof RangeError) return fail(display, `nesting is deeper than ${LIMITS.depth} levels`);
		throw error;
	}
	if (!Array.isArray(docs)) docs = [docs];
	if (docs.length > 1) {
		const second = lines.linePos(docs[1]!.range[0]);
		return fail(display, `file holds ${docs.length} YAML documents ("---"); put one entity in each file`, second.line, second.col);
	}
	const doc = docs[0]!;
	// Belt and braces for the scan above: the parser reports its own stack overflow once per level.
	const overflow = doc.errors.find((error) => /call stack/i.test(error.message));
	if (overflow) {
		const pos = lines.linePos(overflow.pos[0]);
		return fail(display, `nesting is deeper than ${LIMITS.depth} levels; the model never needs that much`, pos.line, pos.col);
	}
	if (doc.errors.length) {
		return {
			ok: false,
			diagnostics: doc.errors.map((error) => {
				const pos = lines.linePos(error.pos[0]);
				const message = error.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(text, error.pos[0]) : yamlMessage(error.code, error.message);
				return { severity: 'error' as const, file: display, line: pos.line, column: pos.col, path: '', message };
			}),
		};
	}
	// The parser drops a tag it does not know and keeps the text (`!vault path` → "path",
	// `!!js/function` → its source): silently changing what the author wrote. The model is
	// plain data, so only YAML's own tags (`!!str`, `!!int`…) are accepted.
	const tags = doc.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
	if (tags.length) {
		return {
			ok: false,
			diagnostics: tags.map((warning) => {
				const pos = lines.linePos(warning.pos[0]);
				const tag = text.slice(warning.pos[0], warning.pos[1]).trim() || 'this tag';
				return { severity: 'error' as const, file: display, line: pos.line, column: pos.col, path: '', message: `YAML tag ${tag} is not supported; the model is plain data (write the value without a tag)` };
			}),
		};
	}
	const deep = tooDeep(doc.contents, 0);
	if (deep) {
		const pos = lines.linePos(deep.range?.[0] ?? 0);
		return fail(display, `nesting is deeper than ${LIMITS.depth} levels; the model never needs that much`, pos.line, pos.col);
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: LIMITS.aliases });
	} catch (error) {
		if (error instanceof ReferenceError && /^Unresolved alias/.test(error.message)) {
			const name = error.message.replace(/^.*: /, '');
			let at = 0;
			visit(doc, {
				Alias(_key, node) {
					if (node.source === name && !node.resolve(doc)) {
						at = node.range?.[0] ?? 0;
						return visit.BREAK;
					}
					return undefined;
				},
			});
			const pos = lines.linePos(at);
			return fail(display, `alias "*${name}" refers to no anchor "&${name}" defined before it`, pos.line, pos.col);
		}
		if (error instanceof ReferenceError && /alias/i.test(error.message)) {
			// The parser does not say which alias tipped it over; the first one is where the expansion starts.
			let at = 0;
			visit(doc, {
				Alias(_key, node) {
					at = node.range?.[0] ?? 0;
					return visit.BREAK;
				},
			});
			const pos = lines.linePos(at);
			return fail(display, `too many alias expansions (limit ${LIMITS.aliases}); YAML aliases that multiply are refused`, pos.line, pos.col);
		}
		throw error;
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		const what = Array.isArray(data) ? 'a list' : data === null ? 'nothing' : `the ${typeof data} ${JSON.stringify(data)}`;
		return fail(display, `expected a mapping of fields (key: value), found ${what}`);
	}
	return { ok: true, source: { display, doc, lines, data, text } };
}

/**
 * Anchors and aliases go to the reference parser, which limits how far aliases expand. js-yaml
 * records every anchor it reads (an alias needs one), so its own bookkeeping says exactly
 * whether a file used any: a text scan cannot tell `cmd && next` or `**bold**` in a runbook
 * from an anchor, and sent half of all runbooks down the slow path. js-yaml resolves an alias
 * to the same object (it never copies), so reading an alias bomb this far is cheap; it is then
 * refused by the reference parser. The scan below is a superset of where an anchor or alias can
 * stand (any `&` or `*` after a blank or an indicator), so a file it passes has none.
 */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*]\S/;

/**
 * The data of a clean, alias-free file, or undefined when the file needs the reference parser
 * (anything js-yaml refuses, anchors, a result that is not a mapping or too deep).
 */
function fastRead(text: string): Record<string, unknown> | undefined {
	// The scan finds every anchor and alias and more; only when it finds something is js-yaml
	// asked (a listener on every node costs a few per cent of the parse).
	const maybe = ANCHOR_OR_ALIAS.test(text);
	let data: unknown;
	let state: { anchorMap?: object } | undefined;
	try {
		data = jsyaml.load(text, {
			schema: jsyaml.CORE_SCHEMA,
			json: false,
			...(maybe ? { listener: (_event: unknown, current: unknown) => void (state = current as { anchorMap?: object }) } : {}),
		});
	} catch {
		return undefined;
	}
	if (maybe && (state?.anchorMap ? Object.keys(state.anchorMap).length > 0 : true)) return undefined;
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
	return depthWithin(data, 0) ? (data as Record<string, unknown>) : undefined;
}

function depthWithin(value: unknown, depth: number): boolean {
	if (value === null || typeof value !== 'object') return true;
	if (depth > LIMITS.depth) return false;
	for (const child of Object.values(value)) if (!depthWithin(child, depth + 1)) return false;
	return true;
}

function lazySource(display: string, text: string, data: unknown, positions?: PositionMemo): SourceFile {
	let parsed: { doc: Document; lines: LineCounter } | undefined;
	const parse = () => {
		if (!parsed) {
			const lines = new LineCounter();
			parsed = { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
		}
		return parsed;
	};
	return {
		display,
		data,
		text,
		...(positions ? { positions } : {}),
		get doc() {
			return parse().doc;
		},
		get lines() {
			return parse().lines;
		},
	};
}

/** Names the repeated key, read from the text where the parser points. */
function duplicateKeyMessage(text: string, offset: number): string {
	const rest = text.slice(offset, text.indexOf('\n', offset) < 0 ? undefined : text.indexOf('\n', offset));
	const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#][^:#]*?)\s*:(\s|$)/.exec(rest)?.[1];
	const name = key === undefined ? '' : key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;
	return name ? `duplicate key "${name}"; each key may appear once in a mapping` : 'duplicate key: each key may appear once in a mapping';
}

function yamlMessage(code: string, message: string): string {
	const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
	switch (code) {
		case 'BAD_INDENT':
		case 'MISSING_CHAR':
		case 'UNEXPECTED_TOKEN':
		case 'BLOCK_AS_IMPLICIT_KEY':
		case 'MULTILINE_IMPLICIT_KEY':
			return `YAML syntax error: ${first}`;
		default:
			return `YAML error: ${first}`;
	}
}

/**
 * A linear scan for nesting the parser would recurse into: flow collections (`[[[…`) and compact
 * sequences (`- - - …`). Given thousands of levels the parser runs for seconds before it overflows
 * its stack, so such files are refused before parsing. Quoted text and comments are skipped, so
 * only brackets left open 33 deep in plain or block text could trip it falsely; otherwise both
 * counts are lower bounds of the real depth. Returns the offset of the first character past the limit.
 */
function deepBeforeParsing(text: string): number | undefined {
	// It runs over every byte of the model before anything is parsed, so it jumps from one
	// character that matters to the next (a regular expression finds them far faster than a
	// loop over every character would) and reads character codes, not one-character strings.
	const length = text.length;
	let flow = 0;
	/** Skips a line's indentation and its compact "- " entries; a negative result is -1 - (offset past the limit). */
	const afterLineStart = (start: number): number => {
		let dashes = 0;
		for (let j = start; ; j++) {
			const c = text.charCodeAt(j);
			if (c === SPACE) continue;
			if (c === DASH) {
				const next = text.charCodeAt(j + 1);
				if (next === SPACE || next === NEWLINE || j + 1 === length) {
					if (++dashes > LIMITS.depth) return -1 - j;
					continue;
				}
			}
			return j;
		}
	};
	let i = afterLineStart(0);
	if (i < 0) return -1 - i;
	while (i < length) {
		INTERESTING.lastIndex = i;
		const match = INTERESTING.exec(text);
		if (!match) return undefined;
		i = match.index;
		const c = text.charCodeAt(i);
		if (c === NEWLINE) {
			i = afterLineStart(i + 1);
			if (i < 0) return -1 - i;
			continue;
		}
		const before = i === 0 ? SPACE : text.charCodeAt(i - 1);
		if (c === HASH) {
			if (!isBlank(before)) i++;
			else {
				const end = text.indexOf('\n', i);
				if (end < 0) return undefined;
				i = end;
			}
		} else if (c === DOUBLE || c === SINGLE) {
			if (!(isBlank(before) || before === OPEN_SQUARE || before === OPEN_CURLY || before === COMMA || before === COLON)) {
				i++;
				continue;
			}
			// Skip the quoted text: "…" with backslash escapes, '…' with '' for a quote.
			let j = i + 1;
			for (;;) {
				if (c === DOUBLE) {
					IN_DOUBLE_QUOTES.lastIndex = j;
					const q = IN_DOUBLE_QUOTES.exec(text);
					if (!q) return undefined;
					j = q.index + (text.charCodeAt(q.index) === BACKSLASH ? 2 : 1);
					if (text.charCodeAt(q.index) === BACKSLASH) continue;
				} else {
					const q = text.indexOf("'", j);
					if (q < 0) return undefined;
					j = q + (text.charCodeAt(q + 1) === SINGLE ? 2 : 1);
					if (text.charCodeAt(q + 1) === SINGLE) continue;
				}
				break;
			}
			i = j;
		} else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
			if (++flow > LIMITS.depth) return i;
			i++;
		} else {
			if (flow > 0) flow--;
			i++;
		}
	}
	return undefined;
}

/** Outside quotes, only these characters change the state of `deepBeforeParsing`. */
const INTERESTING = /[\n#"'[\]{}]/g;
const IN_DOUBLE_QUOTES = /["\\]/g;
const NEWLINE = 10, SPACE = 32, DASH = 45, HASH = 35, DOUBLE = 34, SINGLE = 39, BACKSLASH = 92;
const OPEN_SQUARE = 91, OPEN_CURLY = 123, COMMA = 44, COLON = 58;

/** What `/\s/` matches, by character code. */
function isBlank(c: number): boolean {
	return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function position(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let start = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		start = i + 1;
	}
	return { line, column: offset - start + 1 };
}

function tooDeep(node: unknown, depth: number): Node | undefined {
	if (depth > LIMITS.depth) return node as Node;
	if (isMap(node)) {
		for (const pair of node.items) {
			const found = tooDeep(pair.value, depth + 1);
			if (found) return found;
		}
	} else if (isSeq(node)) {
		for (const item of node.items) {
			const found = tooDeep(item, depth + 1);
			if (found) return found;
		}
	}
	return undefined;
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
	// Decode progressively until the decoder refuses; good enough to point at the line.
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < bytes.length; i++) {
		const byte = bytes[i]!;
		if (byte === 0x0a) {
			line++;
			lineStart = i + 1;
			continue;
		}
		if (byte < 0x80) continue;
		const width = byte >= 0xf0 && byte < 0xf8 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 && byte < 0xe0 ? 2 : 0;
		const valid =
			width > 0 &&
			i + width <= bytes.length &&
			(() => {
				try {
					new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + width));
					return true;
				} catch {
					return false;
				}
			})();
		if (!valid) return { line, column: i - lineStart + 1 };
		i += width - 1;
	}
	return { line: 1, column: 1 };
}

export interface Position {
	line: number;
	column: number;
}

/**
 * Where a field path points in the file. When the path runs past what the file has (a missing
 * field), it points at the nearest enclosing key, which is where the user has to add it.
 */
export function locate(source: SourceFile, path: readonly PropertyKey[], { key = false } = {}): Position {
	// A list index and a map key spelt alike point at different places: the key says which.
	const memoKey = source.positions && `${key ? 'key:' : ''}${path.map((part) => (typeof part === 'number' ? `#${part}` : String(part))).join('\u0000')}`;
	const known = memoKey === undefined ? undefined : source.positions!.get(memoKey);
	if (known) return known;
	const found = find(source, path, key);
	if (memoKey !== undefined) source.positions!.set(memoKey, found);
	return found;
}

function find(source: SourceFile, path: readonly PropertyKey[], key: boolean): Position {
	let node: unknown = source.doc.contents;
	let anchor: number = (node as Node | null)?.range?.[0] ?? 0;
	for (let i = 0; i < path.length; i++) {
		const segment = path[i];
		if (isMap(node)) {
			const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
			if (!pair) break;
			const keyStart = (pair.key as Node).range?.[0] ?? anchor;
			const value = pair.value;
			// A scalar is pointed at itself; a block (or a key asked for) at its key's line.
			anchor = !key && isScalar(value) && value.range ? value.range[0] : keyStart;
			node = value;
		} else if (isSeq(node) && typeof segment === 'number') {
			const item = node.items[segment] as Node | undefined;
			if (!item) break;
			anchor = item.range?.[0] ?? anchor;
			node = item;
		} else break;
	}
	const pos = source.lines.linePos(anchor);
	return { line: pos.line, column: pos.col };
}
