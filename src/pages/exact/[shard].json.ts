/** One shard of the exact-match index (src/site/exact-index.ts): `exact/<n>.json`. */
import type { APIRoute } from 'astro';
import { exactShards } from '../../site/exact-index.ts';
import { loadedSiteData } from '../../site/model.ts';

export function getStaticPaths() {
	return exactShards(loadedSiteData().model).map((_, shard) => ({ params: { shard: String(shard) } }));
}

// From the model as it is now (the dev server caches getStaticPaths' results).
export const GET: APIRoute = ({ params }) =>
	new Response(JSON.stringify(exactShards(loadedSiteData().model)[Number(params.shard)] ?? {}), { headers: { 'Content-Type': 'application/json' } });
