/** The YAML each page was generated from, published beside it so readers can see the source. */
import type { APIRoute } from 'astro';
import { siteData } from '../../site/model.ts';

export function getStaticPaths() {
	const { model } = siteData();
	const files = [
		...[...model.systems.values(), ...model.teams.values(), ...model.services.values(), ...model.runbooks.values(), ...model.trees.values()].map((e) => e.file),
		...[model.security, model.incident, model.policy].flatMap((e) => (e ? [e.file] : [])),
	];
	return files.map((file) => ({ params: { file } }));
}

export const GET: APIRoute = ({ params }) => {
	const text = siteData().result.sourceText(params.file!) ?? '';
	return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
