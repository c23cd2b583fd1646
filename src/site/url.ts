/** Links that work under any base path (PR previews build under /pr-42/). */
import { alertSlug } from './alert-slug.ts';

export { alertSlug };
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** `url('services/api/')` → `/services/api/` or `/pr-42/services/api/` */
export function url(path: string): string {
	return base + path.replace(/^\//, '');
}

export const serviceUrl = (id: string) => url(`services/${id}/`);
export const systemUrl = (id: string) => url(`systems/${id}/`);
export const teamUrl = (id: string) => url(`teams/${id}/`);
export const runbookUrl = (id: string) => url(`runbooks/${id}/`);
export const treeUrl = (id: string, node?: string) => url(`trees/${id}/`) + (node ? `#node-${node}` : '');
export const reviewUrl = (id: string) => url(`reviews/${id}/`);
/** A framework's compliance page, or one control on it. */
export const complianceUrl = (framework: string, control?: string) => url(`compliance/${framework}/`) + (control ? `#control-${control}` : '');
/** The published copy of a model file. */
export const sourceUrl = (file: string) => url(`source/${file}`);


export const alertUrl = (name: string) => url(`alerts/${alertSlug(name)}/`);
