/**
 * AsyncAPI documents (2.x and 3.0), read into what an engineer needs on one page: servers,
 * channels with the operations that send or receive on them, and each message with its payload.
 * Pure and defensive: the document is untrusted text (parsed with an alias limit; only local
 * `#/…` references are followed, with a depth limit; nothing is fetched).
 */
import { parse } from 'yaml';

export interface AsyncMessage {
	name: string;
	title?: string;
	summary?: string;
	contentType?: string;
	/** The payload schema as JSON text (local references left as they are). */
	payload?: string;
}

export interface AsyncOperation {
	id: string;
	/** send / receive (3.0); publish / subscribe (2.x), as the document says. */
	action: string;
	summary?: string;
	messages: AsyncMessage[];
}

export interface AsyncChannel {
	id: string;
	address?: string;
	description?: string;
	operations: AsyncOperation[];
	messages: AsyncMessage[];
}

export interface AsyncApiDoc {
	asyncapi: string;
	title: string;
	version?: string;
	description?: string;
	servers: { name: string; host: string; protocol?: string; description?: string }[];
	channels: AsyncChannel[];
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** The document, or why it is not one. */
export function readAsyncApi(source: string): AsyncApiDoc | { problem: string } {
	let doc: Json | undefined;
	try {
		doc = record(parse(source, { maxAliasCount: 100, uniqueKeys: false }));
	} catch {
		return { problem: 'not valid YAML or JSON' };
	}
	const version = text(doc?.asyncapi) ?? (typeof doc?.asyncapi === 'number' ? String(doc.asyncapi) : undefined);
	if (!doc || !version) return { problem: 'no "asyncapi:" version at its top level' };
	const resolve = (value: unknown, depth = 0): unknown => {
		const ref = text(record(value)?.$ref);
		if (!ref || depth > 8) return value;
		if (!ref.startsWith('#/')) return value; // not followed: nothing outside the document is read
		let target: unknown = doc;
		for (const part of ref.slice(2).split('/')) target = record(target)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
		return target === undefined ? value : resolve(target, depth + 1);
	};
	const message = (value: unknown, fallback: string): AsyncMessage => {
		const ref = text(record(value)?.$ref);
		const m = record(resolve(value)) ?? {};
		const payload = m.payload === undefined ? undefined : JSON.stringify(m.payload, null, 2);
		return {
			name: text(m.name) ?? (ref ? ref.split('/').at(-1)! : fallback),
			title: text(m.title),
			summary: text(m.summary) ?? text(m.description),
			contentType: text(m.contentType),
			payload,
		};
	};
	const messagesOf = (value: unknown): AsyncMessage[] => {
		const resolved = resolve(value);
		if (Array.isArray(resolved)) return resolved.map((m, i) => message(m, `message ${i + 1}`));
		const map = record(resolved);
		if (!map) return [];
		// 2.x: one message, or { oneOf: [...] }
		if (Array.isArray(map.oneOf)) return map.oneOf.map((m, i) => message(m, `message ${i + 1}`));
		if ('payload' in map || '$ref' in (record(value) ?? {})) return [message(value, 'message')];
		return Object.entries(map).map(([name, m]) => message(m, name));
	};

	const servers = Object.entries(record(doc.servers) ?? {}).map(([name, value]) => {
		const s = record(value) ?? {};
		return { name, host: text(s.host) ?? text(s.url) ?? '', protocol: text(s.protocol), description: text(s.description) };
	});

	const channels: AsyncChannel[] = Object.entries(record(doc.channels) ?? {}).map(([id, value]) => {
		const c = record(resolve(value)) ?? {};
		const legacy = (['publish', 'subscribe'] as const)
			.filter((action) => record(c[action]))
			.map((action) => {
				const op = record(c[action])!;
				return { id: text(op.operationId) ?? `${action} ${id}`, action, summary: text(op.summary) ?? text(op.description), messages: messagesOf(op.message) };
			});
		return { id, address: text(c.address) ?? (version.startsWith('2') ? id : undefined), description: text(c.description), operations: legacy, messages: messagesOf(c.messages) };
	});
	// 3.0: operations point at their channel.
	for (const [id, value] of Object.entries(record(doc.operations) ?? {})) {
		const op = record(value) ?? {};
		const ref = text(record(op.channel)?.$ref);
		const channel = channels.find((c) => ref === `#/channels/${c.id.replace(/~/g, '~0').replace(/\//g, '~1')}`);
		const operation = { id, action: text(op.action) ?? 'operation', summary: text(op.summary) ?? text(op.description), messages: Array.isArray(op.messages) ? op.messages.map((m, i) => message(m, `message ${i + 1}`)) : [] };
		if (channel) channel.operations.push(operation);
	}
	const info = record(doc.info) ?? {};
	return { asyncapi: version, title: text(info.title) ?? 'AsyncAPI', version: text(info.version), description: text(info.description), servers, channels };
}
