/**
 * Keeps the sidebar small around API pages. starlight-openapi builds one sidebar group per API
 * (Overview, one group per tag, Webhooks) and would show all of them on every page; the OpenAI
 * spec alone has some 250 operations. Here, per page:
 *
 * - a page outside an API keeps the site's own sidebar: every API group is removed (there,
 *   starlight-openapi does not even fill them in, see openapi-middleware.mjs; groups left
 *   empty are dropped, as there is nothing to show under their label);
 * - an API page keeps only its API's group, expanded. In a large API only the current tag's
 *   group lists its operations (around the current one when it is long); every other tag
 *   becomes one link, to its overview or its first operation.
 *
 * Pure: the route middleware (sidebar.ts) applies it, the unit tests call it directly.
 */
export interface Link {
	type: 'link';
	label: string;
	href: string;
	isCurrent: boolean;
	badge: unknown;
	attrs: Record<string, unknown>;
}
export interface Group {
	type: 'group';
	label: string;
	entries: Entry[];
	collapsed: boolean;
	badge: unknown;
}
export type Entry = Link | Group;

/** An API's group holds no more links than this before its other tags are folded into one link each. */
export const SMALL_API = 40;
/** How many operations either side of the current one a long tag group keeps. */
export const WINDOW = 12;

/** The `apis/<id>/` overview link that starts every starlight-openapi group, or undefined. */
function apiOverview(entry: Entry, prefix: string): string | undefined {
	if (entry.type !== 'group') return undefined;
	const first = entry.entries[0];
	if (first?.type !== 'link' || first.label !== 'Overview') return undefined;
	const rest = first.href.startsWith(prefix) ? first.href.slice(prefix.length) : undefined;
	return rest && /^[^/]+\/?$/.test(rest) ? first.href.replace(/\/?$/, '/') : undefined;
}

const links = (entries: Entry[]): Link[] => entries.flatMap((e) => (e.type === 'link' ? [e] : links(e.entries)));
const hasCurrent = (entry: Entry): boolean => (entry.type === 'link' ? entry.isCurrent : entry.entries.some(hasCurrent));

/** Sidebar labels past this length (vendor specs use whole paragraphs as summaries) are cut. */
export const LABEL_LENGTH = 60;

/**
 * starlight-openapi titles an API's overview and each tag's overview "Overview"; a search
 * result or a browser tab then cannot tell them apart. The better title, from the sidebar:
 * the API's name, or "<tag> operations".
 */
export function apiPageTitle(sidebar: Entry[], pathname: string, base: string): string | undefined {
	const prefix = apisPrefix(base);
	const path = pathname.replace(/\/?$/, '/');
	for (const entry of sidebar) {
		const overview = apiOverview(entry, prefix);
		if (overview === undefined || !path.startsWith(overview) || entry.type !== 'group') continue;
		if (path === overview) return entry.label;
		for (const tag of entry.entries) {
			if (tag.type !== 'group') continue;
			const first = tag.entries[0];
			if (first?.type === 'link' && first.label === 'Overview' && first.isCurrent) return `${tag.label} operations`;
		}
	}
	return undefined;
}

/** `/apis/`, or `/pr-42/apis/` under a sub-path base. */
export const apisPrefix = (base: string) => `${base.replace(/\/?$/, '/')}apis/`;

/** Whether starlight-openapi's sidebar groups matter for this page: under `apis/<id>/`. */
export function isApiPage(pathname: string, base: string): boolean {
	const prefix = apisPrefix(base);
	return pathname.startsWith(prefix) && /^[^/]+/.test(pathname.slice(prefix.length));
}

export function trimApiGroups<E extends Entry>(sidebar: E[], pathname: string, base: string): E[] {
	const prefix = apisPrefix(base);
	const path = pathname.replace(/\/?$/, '/');
	const out: E[] = [];
	for (const entry of sidebar) {
		if (entry.type === 'group' && entry.entries.length === 0) continue;
		const overview = apiOverview(entry, prefix);
		if (overview === undefined) out.push(entry);
		else if (path.startsWith(overview)) out.push(trimGroup(entry as Group, overview, path) as E);
	}
	return out;
}

function shorten(entry: Entry): Entry {
	if (entry.type === 'group') return { ...entry, entries: entry.entries.map(shorten) };
	if (entry.label.length <= LABEL_LENGTH) return entry;
	const plain = entry.label.replace(/[*_`[\]]/g, '').replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
	const sentence = /^(.{10,}?[.!?])\s/.exec(plain)?.[1];
	const label = sentence && sentence.length <= LABEL_LENGTH ? sentence : `${plain.slice(0, LABEL_LENGTH - 1).trimEnd()}…`;
	return { ...entry, label };
}

function trimGroup(group: Group, overview: string, path: string): Group {
	const large = links(group.entries).length > SMALL_API;
	const entries = group.entries.map(shorten).map((entry): Entry => {
		if (entry.type === 'link') return entry;
		const current = hasCurrent(entry);
		if (current) return { ...entry, collapsed: false, entries: windowed(entry.entries, overview) };
		if (!large) return { ...entry, collapsed: true };
		const first = links(entry.entries)[0];
		if (!first) return { ...entry, collapsed: true };
		const count = links(entry.entries).filter((l) => l.label !== 'Overview').length;
		return { type: 'link', label: `${entry.label} (${count})`, href: first.href, isCurrent: false, badge: undefined, attrs: {} };
	});
	// The site's own schemas page of the API, after the overview.
	const schemas = `${overview}schemas/`;
	const at = entries[0]?.type === 'link' ? 1 : 0;
	entries.splice(at, 0, { type: 'link', label: 'Schemas', href: schemas, isCurrent: path === schemas, badge: undefined, attrs: {} });
	return { ...group, collapsed: false, entries };
}

/** A long tag group keeps its overview link and the operations around the current one. */
function windowed(entries: Entry[], overview: string): Entry[] {
	if (entries.length <= 2 * WINDOW + 2) return entries;
	const at = entries.findIndex(hasCurrent);
	const head = entries[0]?.type === 'link' && entries[0].label === 'Overview' ? [entries[0]] : [];
	const from = Math.max(head.length, at - WINDOW);
	const to = Math.min(entries.length, at + WINDOW + 1);
	const more: Link = { type: 'link', label: `All ${entries.length - head.length} in this group…`, href: `${overview}#operations`, isCurrent: false, badge: undefined, attrs: {} };
	return [...head, ...entries.slice(from, to), more];
}
