/** Each API's bundled spec (one file, external `$ref`s resolved by Redocly), for download and tools. */
import type { APIRoute } from 'astro';
import { apiEntries, bundledSpec } from '../../../apis/pages.ts';

export function getStaticPaths() {
	return apiEntries()
		.filter((entry) => bundledSpec(entry.api.id))
		.map((entry) => ({ params: { id: entry.api.id } }));
}

export const GET: APIRoute = ({ params }) => {
	const doc = bundledSpec(params.id!);
	return new Response(JSON.stringify(doc ?? {}), { headers: { 'Content-Type': 'application/json' } });
};
