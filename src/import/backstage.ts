/**
 * Backstage catalog descriptors → services, systems and teams.
 *
 *   Component, Resource → service   (spec.type → kind: Resource database → database, …; any Component → service)
 *   System              → system
 *   Group               → team      (members: the User entities whose memberOf names it)
 *   API                 → an `apis` entry of each component that providesApis it; an inline or
 *                         `$text: ./file` definition is written to apis/<id>.<ext>
 *   User                → team members only;  Location, Domain, Template… → skipped
 *
 * Namespaces are dropped and names become kebab-case ids (`group:default/team-a` → `team-a`).
 * Backstage has no tier, data classification or dependency semantics: those are TODOs. An
 * owner, system or dependency the files name but do not describe becomes a stub (all TODO), so
 * references stay typed and a later import of the missing descriptor fills it in.
 */
import { combineEntities, ordered, stub } from './entities.ts';
import { readRelative } from './read.ts';
import { asEmail, asRecord, asText, asTextList, displayName, firstSentence, guessLinkType, kebabId, plainText, safeAbsoluteUrl, safeMarkdown } from './text.ts';
import { todo } from '../lib/todo.ts';
import type { ExtraFile, ImportedEntity, ImportNote, ImportResult, ParsedInput } from './types.ts';

interface EntityRef {
	kind: string;
	namespace: string;
	name: string;
	id: string;
}

/** `group:redhat/one-platform-devs` → { kind: group, namespace: redhat, name: one-platform-devs, id: one-platform-devs }. */
export function parseEntityRef(ref: unknown, defaultKind: string): EntityRef | undefined {
	if (typeof ref === 'object' && ref !== null) {
		const r = ref as Record<string, unknown>;
		const name = asText(r.name);
		return name ? { kind: (asText(r.kind) ?? defaultKind).toLowerCase(), namespace: asText(r.namespace) ?? 'default', name, id: kebabId(name) } : undefined;
	}
	const text = asText(ref);
	if (!text) return undefined;
	const match = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(text);
	if (!match) return undefined;
	const name = match[3]!;
	return { kind: (match[1] ?? defaultKind).toLowerCase(), namespace: match[2] ?? 'default', name, id: kebabId(name) };
}

const RESOURCE_KINDS: [RegExp, string][] = [
	[/database|\bdb\b|postgres|mysql|mariadb|mongo|couch|sql|dynamo|cassandra|elasticsearch|opensearch/, 'database'],
	[/queue|topic|kafka|sqs|sns|pubsub|rabbit|nats|stream|event-?hub/, 'queue'],
	[/cache|redis|memcache/, 'cache'],
	[/storage|bucket|s3|blob|filesystem|volume|disk/, 'storage'],
	[/cluster|kubernetes|k8s|vpc|network|dns|load-?balancer|gateway|vm|virtual-machine|server|host|infrastructure/, 'infrastructure'],
];

/** Backstage `spec.type` → the model's service kind, or undefined when it cannot be told. */
export function serviceKindOf(kind: 'component' | 'resource', type: string | undefined): string | undefined {
	if (kind === 'component') return 'service';
	const t = (type ?? '').toLowerCase();
	if (!t) return undefined;
	for (const [pattern, k] of RESOURCE_KINDS) if (pattern.test(t)) return k;
	return undefined;
}

const HANDLED = new Set(['Component', 'Resource', 'System', 'Group', 'API', 'User']);

const LIFECYCLES = new Set(['experimental', 'production', 'deprecated', 'retired']);

const API_EXTENSIONS: Record<string, string> = { openapi: 'yaml', asyncapi: 'yaml', graphql: 'graphql', grpc: 'proto', trpc: 'ts' };

interface Doc {
	input: ParsedInput;
	kind: string;
	metadata: Record<string, unknown>;
	spec: Record<string, unknown>;
	raw: Record<string, unknown>;
	ref: EntityRef;
}

/** Pure: parsed descriptor files → entities, API files and notes. */
export function importBackstage(inputs: ParsedInput[]): ImportResult {
	const notes: ImportNote[] = [];
	const counts: Record<string, number> = {};
	const docs: Doc[] = [];
	for (const input of inputs) {
		for (const value of input.docs) {
			const raw = asRecord(value);
			const apiVersion = asText(raw?.apiVersion);
			const kind = asText(raw?.kind);
			if (!raw || !kind || !apiVersion?.startsWith('backstage.io/')) {
				counts['not Backstage (skipped)'] = (counts['not Backstage (skipped)'] ?? 0) + 1;
				notes.push({ level: 'warning', file: input.file, message: 'skipped a document that is not a Backstage entity (no backstage.io/ apiVersion and kind)' });
				continue;
			}
			const metadata = asRecord(raw.metadata) ?? {};
			const ref = parseEntityRef({ kind, namespace: metadata.namespace, name: metadata.name }, kind);
			if (!ref) {
				notes.push({ level: 'warning', file: input.file, message: `skipped a ${kind} without metadata.name` });
				continue;
			}
			docs.push({ input, kind, metadata, spec: asRecord(raw.spec) ?? {}, raw, ref });
		}
	}

	const entities: ImportedEntity[] = [];
	const files: ExtraFile[] = [];
	const stubs: ImportedEntity[] = [];
	const described = { services: new Set<string>(), teams: new Set<string>(), systems: new Set<string>() };
	for (const doc of docs) {
		if (doc.kind === 'Component' || doc.kind === 'Resource') described.services.add(doc.ref.id);
		if (doc.kind === 'Group') described.teams.add(doc.ref.id);
		if (doc.kind === 'System') described.systems.add(doc.ref.id);
	}
	const apis = new Map(docs.filter((d) => d.kind === 'API').map((d) => [d.ref.id, d]));
	const providedApis = new Set<string>();
	const users = docs.filter((d) => d.kind === 'User');
	const usedUsers = new Set<Doc>();

	/** A stub for an entity only referenced; a Component is a service whatever its type (a Resource's kind is unknown). */
	const refer = (kind: 'services' | 'teams' | 'systems', id: string, doc: Doc, refKind?: string) => {
		if (!described[kind].has(id)) stubs.push(stub(kind, id, `${doc.kind} ${doc.ref.id}`, [doc.input.file], refKind === 'component' ? { kind: 'service' } : {}));
	};
	const ownerOf = (doc: Doc): string => {
		const owner = parseEntityRef(doc.spec.owner, 'group');
		if (!owner) return todo('owner (a team id)', `the Backstage ${doc.kind} has no spec.owner`);
		if (owner.kind !== 'group') return todo('owner (a team id)', `Backstage names ${owner.kind} ${owner.name} as owner; the model needs a team`);
		refer('teams', owner.id, doc);
		return owner.id;
	};
	const linksOf = (doc: Doc) => {
		const links: Record<string, unknown>[] = [];
		const seen = new Set<string>();
		const add = (url: string, title: string | undefined, icon: string | undefined) => {
			if (seen.has(url)) return;
			seen.add(url);
			links.push({ type: guessLinkType(title, icon, url), ...(title ? { title } : {}), url });
		};
		for (const item of Array.isArray(doc.metadata.links) ? doc.metadata.links : []) {
			const link = asRecord(item);
			const url = safeAbsoluteUrl(link?.url);
			if (!url) {
				if (link?.url !== undefined) notes.push({ level: 'warning', file: doc.input.file, message: `${doc.kind} ${doc.ref.id}: dropped a link whose URL the model refuses (only absolute http:, https:, mailto: and tel: links)` });
				continue;
			}
			add(url, displayName(link?.title), asText(link?.icon));
		}
		const annotations = asRecord(doc.metadata.annotations) ?? {};
		const slug = asText(annotations['github.com/project-slug']);
		if (slug && /^[\w.-]+\/[\w.-]+$/.test(slug)) add(`https://github.com/${slug}`, 'GitHub', 'github');
		const location = asText(annotations['backstage.io/source-location'])?.replace(/^url:/, '');
		const source = safeAbsoluteUrl(location);
		if (source) add(source, 'Source', 'source');
		return links;
	};
	const describe = (doc: Doc) => {
		const description = asText(doc.metadata.description);
		if (!description) return { summary: todo('summary (one sentence)', `the Backstage ${doc.kind} has no description`) };
		const summary = firstSentence(description);
		return { summary: plainText(summary), ...(summary !== description.replace(/\s+/g, ' ') ? { description: safeMarkdown(description) } : {}) };
	};
	const tagsOf = (doc: Doc) => {
		const tags = asTextList(doc.metadata.tags);
		return tags.length ? tags : undefined;
	};

	// Dependencies, including the reverse ones (dependencyOf) and consumed APIs, by service id.
	const dependencies = new Map<string, Map<string, Record<string, unknown>>>();
	const addDependency = (from: string, to: string, reason: string | undefined, doc: Doc, kinds: { from?: string; to?: string } = {}) => {
		if (from === to) return;
		const list = dependencies.get(from) ?? new Map<string, Record<string, unknown>>();
		dependencies.set(from, list);
		if (list.has(to)) return;
		const why = 'Backstage records only that the dependency exists';
		list.set(to, {
			service: to,
			type: todo('type (hard: it fails without it; soft: it degrades)', why),
			reason: reason ?? todo('reason (what it is used for)', why),
			onFailure: todo('onFailure (what users see when it fails)', why),
		});
		refer('services', to, doc, kinds.to);
		refer('services', from, doc, kinds.from);
	};
	for (const doc of docs.filter((d) => d.kind === 'Component' || d.kind === 'Resource')) {
		let dependsOn = doc.spec.dependsOn;
		if (dependsOn === undefined && doc.raw.dependsOn !== undefined) {
			dependsOn = doc.raw.dependsOn;
			notes.push({ level: 'warning', file: doc.input.file, message: `${doc.kind} ${doc.ref.id}: dependsOn is outside spec (Backstage ignores it there); read anyway` });
		}
		for (const target of asTextList(dependsOn)) {
			const ref = parseEntityRef(target, 'component');
			if (ref && (ref.kind === 'component' || ref.kind === 'resource')) addDependency(doc.ref.id, ref.id, undefined, doc, { to: ref.kind });
		}
		for (const target of asTextList(doc.spec.dependencyOf)) {
			const ref = parseEntityRef(target, 'component');
			if (ref && (ref.kind === 'component' || ref.kind === 'resource')) addDependency(ref.id, doc.ref.id, undefined, doc, { from: ref.kind });
		}
		let consumes = doc.spec.consumesApis;
		if (consumes === undefined && doc.spec.consumesApi !== undefined) {
			consumes = doc.spec.consumesApi;
			notes.push({ level: 'warning', file: doc.input.file, message: `${doc.kind} ${doc.ref.id}: read the misspelt spec.consumesApi as consumesApis` });
		}
		for (const target of asTextList(consumes)) {
			const api = parseEntityRef(target, 'api');
			if (!api) continue;
			const provider = docs.find((d) => (d.kind === 'Component' || d.kind === 'Resource') && asTextList(d.spec.providesApis).some((p) => parseEntityRef(p, 'api')?.id === api.id));
			if (provider) addDependency(doc.ref.id, provider.ref.id, `Uses the ${api.name} API (Backstage consumesApis).`, doc);
			else notes.push({ level: 'info', file: doc.input.file, message: `${doc.kind} ${doc.ref.id} consumes API ${api.id}, which no imported component provides; not recorded` });
		}
	}

	for (const doc of docs) {
		const file = doc.input.file;
		const label = HANDLED.has(doc.kind) ? doc.kind : `${doc.kind} (skipped)`;
		counts[label] = (counts[label] ?? 0) + 1;
		if (doc.kind === 'Component' || doc.kind === 'Resource') {
			const type = asText(doc.spec.type);
			const kind = serviceKindOf(doc.kind === 'Component' ? 'component' : 'resource', type);
			const system = parseEntityRef(doc.spec.system, 'system');
			if (system) refer('systems', system.id, doc);
			const lifecycle = asText(doc.spec.lifecycle)?.toLowerCase();
			const serviceApis = asTextList(doc.spec.providesApis).flatMap((target) => {
				const ref = parseEntityRef(target, 'api');
				if (!ref) return [];
				providedApis.add(ref.id);
				const api = apis.get(ref.id);
				if (!api) {
					notes.push({ level: 'warning', file, message: `${doc.kind} ${doc.ref.id} provides API ${ref.id}, which is not in the imported files` });
					return [{ id: ref.id, name: ref.name, spec: todo('spec (path of the API definition in apis/)', 'the API entity is not in the imported files') }];
				}
				return [apiEntry(api, files, notes)];
			});
			const deps = [...(dependencies.get(doc.ref.id)?.values() ?? [])];
			const data: Record<string, unknown> = {
				id: doc.ref.id,
				name: displayName(doc.metadata.title, doc.metadata.name),
				...describe(doc),
				system: system ? system.id : todo('system (a system id)', `the Backstage ${doc.kind} has no spec.system`),
				owner: ownerOf(doc),
				tier: todo('tier (1 critical … 4 best effort)', 'Backstage has no criticality'),
				lifecycle: lifecycle && LIFECYCLES.has(lifecycle) ? lifecycle : todo('lifecycle (experimental, production, deprecated or retired)', lifecycle ? `Backstage says "${lifecycle}"` : `the Backstage ${doc.kind} has no spec.lifecycle`),
				kind: kind ?? todo('kind (database, queue, cache, storage, external or infrastructure)', type ? `Backstage Resource type "${type}"` : 'the Backstage Resource has no spec.type'),
				tags: tagsOf(doc),
				links: nonEmpty(linksOf(doc)),
				dependencies: nonEmpty(deps),
				apis: nonEmpty(serviceApis),
				exposesApi: serviceApis.length ? true : undefined,
				dataClassification: todo('dataClassification (public, internal, confidential or restricted)', 'Backstage does not record it'),
			};
			entities.push({ kind: 'services', id: doc.ref.id, data: ordered('services', data), sources: [file] });
		} else if (doc.kind === 'System') {
			const owner = ownerOf(doc);
			const domain = parseEntityRef(doc.spec.domain, 'domain');
			const data = { id: doc.ref.id, name: displayName(doc.metadata.title, doc.metadata.name), ...describe(doc), owner, domain: domain?.name, links: nonEmpty(linksOf(doc)) };
			entities.push({ kind: 'systems', id: doc.ref.id, data: ordered('systems', data), sources: [file] });
		} else if (doc.kind === 'Group') {
			const profile = asRecord(doc.spec.profile) ?? {};
			const members = users.filter((user) => asTextList(user.spec.memberOf).some((group) => parseEntityRef(group, 'group')?.id === doc.ref.id));
			const contacts: Record<string, unknown>[] = [];
			for (const user of members) {
				usedUsers.add(user);
				const userProfile = asRecord(user.spec.profile) ?? {};
				const contact = { name: displayName(userProfile.displayName, user.metadata.title, user.metadata.name), email: asEmail(userProfile.email) };
				if (!contacts.some((c) => c.name === contact.name && c.email === contact.email)) contacts.push(contact);
			}
			const links = linksOf(doc);
			const chat = links.find((link) => link.type === 'chat');
			const channel = chat && typeof chat.title === 'string' && chat.title.startsWith('#') ? chat.title : undefined;
			const data = {
				id: doc.ref.id,
				name: displayName(profile.displayName, doc.metadata.title, doc.metadata.name),
				description: asText(doc.metadata.description) && safeMarkdown(asText(doc.metadata.description)!),
				chat: channel ? { channel, url: chat!.url } : { channel: todo('chat channel, e.g. "#team"', 'Backstage groups have no chat channel') },
				email: asEmail(profile.email),
				members: nonEmpty(contacts),
				links: nonEmpty(links),
			};
			entities.push({ kind: 'teams', id: doc.ref.id, data: ordered('teams', data), sources: [file] });
		} else if (doc.kind === 'API' || doc.kind === 'User') {
			// Handled with the components that provide them and the groups they belong to.
		}
	}
	for (const api of apis.values()) {
		if (!providedApis.has(api.ref.id)) notes.push({ level: 'info', file: api.input.file, message: `API ${api.ref.id} is provided by no imported component; not recorded (the model keeps APIs on the service that exposes them)` });
	}
	for (const user of users) {
		if (!usedUsers.has(user)) notes.push({ level: 'info', file: user.input.file, message: `User ${user.ref.id} belongs to no imported group; not recorded` });
	}
	// A service only named by another's dependencyOf still gets the dependency the source states.
	for (const entity of stubs) {
		const deps = entity.kind === 'services' ? dependencies.get(entity.id) : undefined;
		if (deps && !described.services.has(entity.id)) entity.data = ordered('services', { ...entity.data, dependencies: [...deps.values()] });
	}
	return { source: 'backstage', entities: combineEntities([...entities, ...stubs], notes), files, notes, counts };
}

function nonEmpty<T>(list: T[]): T[] | undefined {
	return list.length ? list : undefined;
}

/** An API entity → the service's `apis` entry, writing its definition to apis/<id>.<ext> when the descriptor holds it. */
function apiEntry(api: Doc, files: ExtraFile[], notes: ImportNote[]): Record<string, unknown> {
	const type = (asText(api.spec.type) ?? 'openapi').toLowerCase();
	let extension = API_EXTENSIONS[type] ?? 'txt';
	const definition = api.spec.definition;
	let text: string | undefined;
	let missing: string | undefined;
	if (typeof definition === 'string') text = definition;
	else if (asRecord(definition)) {
		const substitution = asRecord(definition)!;
		const target = asText(substitution.$text) ?? asText(substitution.$yaml) ?? asText(substitution.$json);
		if (target) {
			const read = readRelative(api.input, target);
			if ('text' in read) {
				text = read.text;
				if (/\.json$/i.test(target)) extension = 'json';
			} else missing = `the definition is at ${safeAbsoluteUrl(target) ?? 'a path'} (${read.problem}); save it as apis/${api.ref.id}.${extension}`;
		} else {
			missing = 'the definition is written inline as data; save it as a file';
		}
	} else missing = 'the API entity has no definition';
	if (text !== undefined && type === 'openapi' && /^\s*\{/.test(text)) extension = 'json';
	const path = `apis/${api.ref.id}.${extension}`;
	if (text !== undefined) files.push({ path, text: text.endsWith('\n') ? text : `${text}\n`, sources: [api.input.file] });
	else notes.push({ level: 'info', file: api.input.file, message: `API ${api.ref.id}: ${missing}` });
	const description = asText(api.metadata.description) && safeMarkdown(asText(api.metadata.description)!);
	return {
		id: api.ref.id,
		name: displayName(api.metadata.title, api.metadata.name),
		spec: text !== undefined ? path : todo(`spec (path of the ${type} definition in apis/)`, missing ?? ''),
		...(description ? { description } : {}),
		// The model reads OpenAPI only; other kinds are marked so the check can tell (see the report).
		...(type !== 'openapi' ? { type } : {}),
	};
}
