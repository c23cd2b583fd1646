/**
 * What every importer returns: model entities as plain data (in the key order of the schemas),
 * extra files (API definitions), and notes about what was skipped or guessed. The writer
 * (write.ts) turns them into files; the importers never touch the disk.
 */

export type ImportSource = 'backstage' | 'prometheus' | 'openslo' | 'runbooks';
export const IMPORT_SOURCES: readonly ImportSource[] = ['backstage', 'prometheus', 'openslo', 'runbooks'];

export type EntityKindName = 'services' | 'teams' | 'systems' | 'runbooks';

export interface ImportedEntity {
	kind: EntityKindName;
	id: string;
	/** The model fields, in schema order. TODO markers (todo.ts) where the source is silent. */
	data: Record<string, unknown>;
	/**
	 * Top-level keys that only make the file complete (a name derived from an id, a stub's
	 * fields): written where the file has nothing (or a TODO), never over anything else.
	 * TODO values are always treated this way, wherever they are.
	 */
	weak?: string[];
	/** Source files it came from, relative to the import's input (shown in the file header). */
	sources: string[];
	/** Only referenced by the source (an owner, a dependency) and not described by it. */
	stub?: boolean;
}

/** A file written beside the entities, e.g. an API definition in apis/. */
export interface ExtraFile {
	/** Relative to the model folder. */
	path: string;
	text: string;
	sources: string[];
}

export interface ImportNote {
	level: 'info' | 'warning';
	/** Source file (relative) the note is about, when there is one. */
	file?: string;
	message: string;
}

export interface ImportResult {
	source: ImportSource;
	entities: ImportedEntity[];
	files: ExtraFile[];
	notes: ImportNote[];
	/** Input documents by what they were, e.g. { Component: 3, Location: 1 (skipped) }. */
	counts: Record<string, number>;
}

/** One parsed input file: its path (relative, for provenance) and its YAML documents. */
export interface ParsedInput {
	file: string;
	docs: unknown[];
	/** Absolute folder of the file and the root it may read relative files from ($text: ./spec.yaml). */
	dir?: string;
	root?: string;
}

/** One text input (Markdown runbooks). */
export interface TextInput {
	file: string;
	text: string;
}
