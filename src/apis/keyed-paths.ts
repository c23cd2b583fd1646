/**
 * starlight-openapi's pages with cache keys (vite-openapi-keys.ts). A page is named by its slug
 * and what it shows (overview, operation, webhook): its props hold the whole parsed spec, too big
 * to hash for every page, and already covered by the route's code hash.
 */
import { keyedPaths } from '../site/model.ts';

interface OpenapiPath {
	params: { openAPISlug?: string };
	props: { type?: string; schema?: unknown; operation?: { slug?: string } };
}

export function keyedApiPaths<T extends OpenapiPath>(routePattern: string, paths: T[]) {
	return keyedPaths(routePattern, paths, (path) => [path.params, path.props.type, path.props.operation?.slug]);
}
