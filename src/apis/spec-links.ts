/**
 * The URL policy (src/lib/safe-url.ts) applied to OpenAPI specs. starlight-openapi writes some
 * spec fields straight into `<a href>` (contact, licence, terms of service, external docs, OAuth
 * and OpenID Connect URLs, example `externalValue`s), and the site shows the servers; a
 * `javascript:` there runs on click. Spec text (`description`, `summary`, `title`) is Markdown,
 * whose links and images must follow the same policy.
 *
 * `unsafeLinks` finds them for the check (with the path of each, to position it); `sanitiseSpec`
 * removes them from a bundle before the pages read it, in case the check was bypassed.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { isSafeUrl } from '../lib/safe-url.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys whose string value is a URL, wherever they appear (OAuth flows, Swagger 2 schemes, examples). */
const URL_KEYS = new Set(['termsOfService', 'authorizationUrl', 'tokenUrl', 'refreshUrl', 'openIdConnectUrl', 'externalValue']);
/** Objects under these keys carry their URL in `url` (`x-logo` also in `href`). */
const URL_HOLDERS = new Map([['externalDocs', ['url']], ['contact', ['url']], ['license', ['url']], ['x-logo', ['url', 'href']]]);
const TEXT_KEYS = new Set(['description', 'summary', 'title']);

export interface UnsafeLink {
	/** Where the value is, from the document's root. */
	path: Path;
	href: string;
	/** A URL field, or a link or image in Markdown text. */
	kind: 'field' | 'markdown';
}

/** Every URL field whose scheme the policy refuses, and every unsafe Markdown link in spec text. */
export function unsafeLinks(doc: unknown): UnsafeLink[] {
	const out: UnsafeLink[] = [];
	const reported = new Set<string>();
	visit(doc, {
		field: (path, href) => {
			const key = path.join('\0');
			if (reported.has(key)) return; // a `$ref`-ed object met from several places
			reported.add(key);
			out.push({ path, href, kind: 'field' });
		},
		text: (path, value) => {
			for (const href of markdownTargets(value)) if (!isSafeUrl(href)) out.push({ path, href, kind: 'markdown' });
		},
	});
	return out;
}

/**
 * Removes every unsafe URL field from a bundled spec, in place: the field is deleted (all are
 * optional but a server's URL, so such a server is dropped). Returns how many changes it made.
 * Markdown needs nothing here: spec text is rendered with unsafe links dropped and raw HTML
 * escaped (openapi-markdown.ts). One more text is not Markdown but HTML: starlight-openapi makes
 * the contact's name the title of Starlight's <Card>, written with set:html; its `<` are escaped
 * (a name never needs one, and the page then shows it as written).
 */
export function sanitiseSpec(doc: unknown): number {
	const removals: (() => void)[] = [];
	visit(doc, { field: (_path, _href, remove) => removals.push(remove) });
	for (const remove of removals) remove();
	const [info] = local(doc, isObject(doc) ? doc.info : undefined, []);
	const [contact] = local(doc, isObject(info) ? info.contact : undefined, []);
	if (isObject(contact) && typeof contact.name === 'string' && contact.name.includes('<')) {
		contact.name = contact.name.replaceAll('<', '&lt;');
		return removals.length + 1;
	}
	return removals.length;
}

interface Visitor {
	/**
	 * An unsafe URL field; `remove` takes it (or the server it belongs to) out of the document.
	 * A `$ref`-ed object is met once per place that refers to it; removing twice is harmless.
	 */
	field: (path: Path, href: string, remove: () => void) => void;
	text?: (path: Path, value: string) => void;
}

function visit(doc: unknown, visitor: Visitor): void {
	const seen = new Set<unknown>();
	const unsafe = (value: unknown): value is string => typeof value === 'string' && !isSafeUrl(value);
	const walk = (node: unknown, path: Path) => {
		if (typeof node !== 'object' || node === null || seen.has(node)) return;
		seen.add(node);
		if (Array.isArray(node)) {
			node.forEach((item, i) => walk(item, [...path, i]));
			return;
		}
		const object = node as Json;
		for (const [key, value] of Object.entries(object)) {
			const here = [...path, key];
			if (URL_KEYS.has(key)) {
				if (unsafe(value)) visitor.field(here, value, () => delete object[key]);
			} else if (TEXT_KEYS.has(key) && typeof value === 'string') {
				visitor.text?.(here, value);
			} else if (URL_HOLDERS.has(key)) {
				const [target, at] = local(doc, value, here);
				if (isObject(target)) for (const name of URL_HOLDERS.get(key)!) if (unsafe(target[name])) visitor.field([...at, name], target[name], () => delete target[name]);
			} else if (key === 'servers' && Array.isArray(value)) {
				for (const [i, item] of value.entries()) {
					const [server, at] = local(doc, item, [...here, i]);
					// The server goes as a whole: starlight-openapi cannot render one without a URL.
					if (isObject(server) && unsafe(server.url)) visitor.field([...at, 'url'], server.url, () => value.includes(item) && value.splice(value.indexOf(item), 1));
				}
			}
			walk(value, here);
		}
	};
	walk(doc, []);
}

/** A value, or the target of its local `$ref` (`#/…`) in the same document, with its path. */
function local(doc: unknown, value: unknown, path: Path): [unknown, Path] {
	for (let hops = 0; hops < 8 && isObject(value) && typeof value.$ref === 'string' && value.$ref.startsWith('#/'); hops++) {
		path = value.$ref.slice(2).split('/').map((part) => unescapePointer(part));
		value = path.reduce<unknown>((at, key) => (isObject(at) ? at[key] : Array.isArray(at) ? at[Number(key)] : undefined), doc);
	}
	return [value, path];
}

/** Link and image targets in Markdown, as a browser would get them (character references decoded). */
export function markdownTargets(text: string): string[] {
	// Most text has no link, or only http(s) ones; micromark sees only text that may hold another
	// scheme (a character reference may spell one; a backslash escape may split one).
	if (!/\]\s*[(:[]|</.test(text)) return [];
	const schemes = text.replaceAll('\\', '').matchAll(/[a-z][a-z\d+.-]*:/gi);
	if (!text.includes('&') && [...schemes].every((m) => /^(?:https?|mailto|tel):$/i.test(m[0]))) return [];
	const html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousProtocol: true });
	return [...html.matchAll(/ (?:href|src)="([^"]*)"/g)].map((m) =>
		m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
	);
}

function unescapePointer(part: string): string {
	const plain = part.replace(/~1/g, '/').replace(/~0/g, '~');
	try {
		return decodeURIComponent(plain);
	} catch {
		return plain;
	}
}
