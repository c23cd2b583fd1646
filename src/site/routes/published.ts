/**
 * Dev server only (the build writes these files itself, see ../publish.ts): serves
 * `/source/[...file]` and `/diagrams/[...key].mmd` from the list the build writes.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../model.ts';
import { publishedFiles } from '../published.ts';

export const getStaticPaths = (({ routePattern }) => {
	// "/diagrams/[...key].mmd" → folder "diagrams/", parameter "key", suffix ".mmd"
	const [, folder, name, suffix] = /^\/?([^[]*)\[\.\.\.(\w+)\](.*)$/.exec(routePattern)!;
	return publishedFiles(siteData().result)
		.filter((file) => file.path.startsWith(folder!) && file.path.endsWith(suffix!))
		.map((file) => ({ params: { [name!]: file.path.slice(folder!.length, file.path.length - suffix!.length) }, props: { text: file.text } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
