/**
 * Reading what the importers get: files named on the command line or found in folders, each
 * parsed defensively (size limit, alias limit, every document of a multi-document file, a
 * top-level list read as a list of documents). Untrusted text is cleaned here (text.ts).
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cleanDeep, cleanLine, cleanText } from './text.ts';
import type { ImportNote, ParsedInput, TextInput } from './types.ts';

export const INPUT_LIMITS = { bytes: 8 * 1024 * 1024, files: 20000, aliases: 200 } as const;

export interface InputFile {
	absolute: string;
	/** Shown in provenance and output: the path below the folder given, starting with that folder's name. */
	display: string;
	/** The folder given on the command line (or the file's own folder): relative reads stay inside it. */
	root: string;
}

/** The files under the paths given, in name order, whose names match. Dot-files and linked folders are skipped. */
export function collectFiles(paths: readonly string[], matches: (name: string) => boolean, notes: ImportNote[]): InputFile[] {
	const found: InputFile[] = [];
	const seen = new Set<string>();
	for (const given of paths) {
		const absolute = resolve(given);
		let stat;
		try {
			stat = statSync(absolute);
		} catch {
			notes.push({ level: 'warning', file: given, message: 'not found' });
			continue;
		}
		if (stat.isFile()) {
			if (!seen.has(absolute)) found.push({ absolute, display: cleanLine(basename(absolute)), root: dirname(absolute) });
			seen.add(absolute);
			continue;
		}
		const walk = (folder: string) => {
			for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
				if (entry.name.startsWith('.')) continue;
				const path = join(folder, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (entry.isFile() && matches(entry.name) && !seen.has(path)) {
					if (found.length >= INPUT_LIMITS.files) {
						notes.push({ level: 'warning', file: given, message: `more than ${INPUT_LIMITS.files} files; the rest were not read` });
						return;
					}
					seen.add(path);
					found.push({ absolute: path, display: cleanLine(join(basename(absolute), relative(absolute, path)).split('\\').join('/')), root: absolute });
				}
			}
		};
		walk(absolute);
	}
	return found;
}

/** Reads a file as UTF-8 text within the size limit, or says why not. */
export function readText(file: InputFile, notes: ImportNote[]): string | undefined {
	try {
		const size = lstatSync(file.absolute).size;
		if (size > INPUT_LIMITS.bytes) {
			notes.push({ level: 'warning', file: file.display, message: `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${INPUT_LIMITS.bytes / 1048576} MB limit` });
			return undefined;
		}
		const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file.absolute));
		return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	} catch (error) {
		const reason = error instanceof TypeError ? 'not valid UTF-8' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
		notes.push({ level: 'warning', file: file.display, message: `skipped: ${reason}` });
		return undefined;
	}
}

/** Every YAML document of a file, as plain data with cleaned strings; a top-level list counts as its items. */
export function parseYamlText(text: string, display: string, notes: ImportNote[]): unknown[] | undefined {
	let docs;
	try {
		docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
	} catch (error) {
		notes.push({ level: 'warning', file: display, message: `skipped: YAML could not be read (${error instanceof RangeError ? 'nesting too deep' : 'parser error'})` });
		return undefined;
	}
	const list = Array.isArray(docs) ? docs : [docs];
	const out: unknown[] = [];
	const counter = { cleaned: 0 };
	for (const doc of list) {
		if (doc.errors.length) {
			const error = doc.errors[0]!;
			notes.push({ level: 'warning', file: display, message: `skipped a YAML document: ${cleanText(error.code)} at offset ${error.pos[0]}` });
			continue;
		}
		let value: unknown;
		try {
			value = doc.toJS({ maxAliasCount: INPUT_LIMITS.aliases });
		} catch {
			notes.push({ level: 'warning', file: display, message: 'skipped a YAML document: too many aliases' });
			continue;
		}
		if (value === null || value === undefined) continue;
		const clean = cleanDeep(value, counter);
		if (Array.isArray(clean)) out.push(...clean);
		else out.push(clean);
	}
	if (counter.cleaned) notes.push({ level: 'warning', file: display, message: `removed control characters from ${counter.cleaned} value(s)` });
	return out;
}

export function readYamlInputs(files: InputFile[], notes: ImportNote[]): ParsedInput[] {
	const inputs: ParsedInput[] = [];
	for (const file of files) {
		const text = readText(file, notes);
		if (text === undefined) continue;
		const docs = parseYamlText(text, file.display, notes);
		if (docs) inputs.push({ file: file.display, docs, dir: dirname(file.absolute), root: file.root });
	}
	return inputs;
}

export function readTextInputs(files: InputFile[], notes: ImportNote[]): TextInput[] {
	const inputs: TextInput[] = [];
	for (const file of files) {
		const text = readText(file, notes);
		if (text !== undefined) inputs.push({ file: file.display, text });
	}
	return inputs;
}

/**
 * A file a source document points at (`$text: ./api.yaml`), read only when it stays inside the
 * folder given on the command line; URLs and paths that leave it are not read.
 */
export function readRelative(input: ParsedInput, target: string): { text: string } | { problem: string } {
	if (!input.dir || !input.root) return { problem: 'no folder to read it from' };
	if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^file:/i.test(target)) return { problem: 'a URL; nothing is downloaded' };
	const path = resolve(input.dir, target.replace(/^file:/i, ''));
	const inside = relative(input.root, path);
	if (inside.startsWith('..') || resolve(input.root, inside) !== path) return { problem: 'outside the folder being imported' };
	try {
		const stat = lstatSync(path);
		if (!stat.isFile()) return { problem: 'not a file' };
		if (stat.size > INPUT_LIMITS.bytes) return { problem: 'too large' };
		return { text: cleanText(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path))) };
	} catch {
		return { problem: 'not found' };
	}
}
