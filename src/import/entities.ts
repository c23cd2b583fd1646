/**
 * Building model entities: the skeleton of a service, team or system the source only names
 * (every required field a TODO), the schemas' key order, and combining what one import says
 * about the same entity in several places.
 */
import { kinds } from '../model/kinds.ts';
import { todo } from '../lib/todo.ts';
import type { EntityKindName, ImportedEntity, ImportNote } from './types.ts';

/** Field order of each kind, read from the schemas so files look like hand-written ones. */
function fieldOrder(kind: EntityKindName): string[] {
	const schema = kinds[kind].schema as unknown as { shape?: Record<string, unknown> };
	return Object.keys(schema.shape ?? {});
}

/** The entity's fields in the schema's order (unknown keys, such as fields the model does not have yet, last). */
export function ordered(kind: EntityKindName, data: Record<string, unknown>): Record<string, unknown> {
	const order = fieldOrder(kind);
	const out: Record<string, unknown> = {};
	for (const key of order) if (data[key] !== undefined) out[key] = data[key];
	for (const [key, value] of Object.entries(data)) if (!(key in out) && value !== undefined) out[key] = value;
	return out;
}

/** The required fields of a service the source does not describe, each a TODO saying why. */
export function serviceSkeleton(id: string, name: string, why: string): Record<string, unknown> {
	return {
		id,
		name,
		summary: todo('summary (what it does, in one sentence)', why),
		system: todo('system (a system id)', why),
		owner: todo('owner (a team id)', why),
		tier: todo('tier (1 critical … 4 best effort)', why),
		lifecycle: todo('lifecycle (experimental, production, deprecated or retired)', why),
		kind: todo('kind (service, database, queue, cache, storage, external or infrastructure)', why),
		dataClassification: todo('dataClassification (public, internal, confidential or restricted)', why),
	};
}

export function teamSkeleton(id: string, name: string, why: string): Record<string, unknown> {
	return { id, name, chat: { channel: todo('chat channel, e.g. "#team"', why) } };
}

export function systemSkeleton(id: string, name: string, why: string): Record<string, unknown> {
	return { id, name, summary: todo('summary (what the system is for, in one sentence)', why), owner: todo('owner (a team id)', why) };
}

/** An entity the source refers to but does not describe: all of it weak, so a real description wins. */
export function stub(kind: 'services' | 'teams' | 'systems', id: string, referencedBy: string, sources: string[], known: Record<string, unknown> = {}): ImportedEntity {
	const why = `only referenced (by ${referencedBy}), not described in the imported files`;
	const skeleton = kind === 'services' ? serviceSkeleton(id, id, why) : kind === 'teams' ? teamSkeleton(id, id, why) : systemSkeleton(id, id, why);
	const data = { ...skeleton, ...known };
	return { kind, id, data: ordered(kind, data), weak: Object.keys(data), sources, stub: true };
}

/**
 * One entity per kind and id. A described entity wins over a stub of it (the stub fills only
 * what the description lacks); two descriptions of the same id (one name in two Backstage
 * namespaces, say) keep the first, with a warning.
 */
export function combineEntities(entities: ImportedEntity[], notes: ImportNote[]): ImportedEntity[] {
	const byKey = new Map<string, ImportedEntity>();
	for (const entity of entities) {
		const key = `${entity.kind}/${entity.id}`;
		const first = byKey.get(key);
		if (!first) {
			byKey.set(key, entity);
			continue;
		}
		if (first.stub && !entity.stub) {
			byKey.set(key, { ...entity, data: ordered(entity.kind, { ...first.data, ...entity.data }), weak: (entity.weak ?? []).concat(Object.keys(first.data).filter((k) => !(k in entity.data))) });
		} else if (!first.stub && !entity.stub) {
			notes.push({ level: 'warning', file: entity.sources[0], message: `${entity.kind.slice(0, -1)} "${entity.id}" is described twice (also in ${first.sources[0] ?? '?'}); the first is kept` });
		}
	}
	return [...byKey.values()];
}
