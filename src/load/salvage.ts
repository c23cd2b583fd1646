/**
 * A value error inside one item of a list (one playbook step, one alert) costs that item, not
 * the whole file: the rest of the entity still loads, so coverage is judged on it and a preview
 * can be built. The error is still reported and still fails the check.
 *
 * The items are dropped from a copy of the data and of the YAML document alike, so every later
 * position lookup (references, gaps) still points at the right line of the unchanged file.
 */
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import { formatPath } from './diagnostics.ts';
import type { SourceFile } from './source.ts';

type Path = readonly PropertyKey[];

export interface Salvaged<T> {
	data: T;
	source: SourceFile;
	/** The items left out, as field paths of the file ("playbooks[2].containment[0]"). */
	dropped: string[];
}

/**
 * Tries to keep an entity whose shape check failed at `issues` (field paths). Each issue costs
 * the innermost list item around it; when that leaves the list invalid (a list that must not be
 * empty), the next item out, and so on. Undefined when an issue sits outside every list.
 */
export function salvage<T>(schema: z.ZodType<T>, source: SourceFile, issues: Path[]): Salvaged<T> | undefined {
	// The list items around each issue, innermost first.
	const levels = issues.map((path) => path.flatMap((segment, i) => (typeof segment === 'number' ? [path.slice(0, i + 1)] : [])).reverse());
	if (!levels.length || levels.some((items) => items.length === 0)) return undefined;
	const deepest = Math.max(...levels.map((items) => items.length));
	for (let level = 0; level < deepest; level++) {
		const drops = outermost(levels.map((items) => items[Math.min(level, items.length - 1)]!));
		const data = dropFrom(structuredClone(source.data), drops);
		const result = schema.safeParse(data);
		if (!result.success) continue;
		return { data: result.data, source: withoutItems(source, drops, data), dropped: drops.map(formatPath) };
	}
	return undefined;
}

/** The distinct paths, without those inside another one (dropping the outer drops them too). */
function outermost(paths: Path[]): Path[] {
	const key = (path: Path) => path.map(String).join('\u0000');
	const unique = [...new Map(paths.map((path) => [key(path), path])).values()];
	const inside = (inner: Path, outer: Path) => inner.length > outer.length && outer.every((segment, i) => segment === inner[i]);
	return unique.filter((path) => !unique.some((other) => inside(path, other)));
}

/** Removing the highest index first keeps the others' indices valid. */
function byIndexDescending(paths: Path[]): Path[] {
	return [...paths].sort((a, b) => Number(b.at(-1)) - Number(a.at(-1)));
}

function dropFrom(data: unknown, drops: Path[]): unknown {
	for (const path of byIndexDescending(drops)) {
		let node: unknown = data;
		for (const segment of path.slice(0, -1)) node = (node as Record<PropertyKey, unknown> | undefined)?.[segment as string];
		if (Array.isArray(node)) node.splice(Number(path.at(-1)), 1);
	}
	return data;
}

function withoutItems(source: SourceFile, drops: Path[], data: unknown): SourceFile {
	let doc: Document | undefined;
	return {
		display: source.display,
		text: source.text,
		lines: source.lines,
		data,
		get doc() {
			if (!doc) {
				doc = source.doc.clone();
				for (const path of byIndexDescending(drops)) {
					const seq = nodeAt(doc.contents, path.slice(0, -1));
					if (isSeq(seq)) seq.items.splice(Number(path.at(-1)), 1);
				}
			}
			return doc;
		},
	};
}

function nodeAt(node: unknown, path: Path): unknown {
	for (const segment of path) {
		if (isMap(node)) node = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))?.value;
		else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
		else return undefined;
	}
	return node;
}
