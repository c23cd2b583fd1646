/** Every internal link and asset reference in a built site, for the broken-link check. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function internalLinks(out: string, base: string): { from: string; to: string }[] {
	const links: { from: string; to: string }[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith('.html')) {
				const from = `${base}${relative(out, path).replace(/index\.html$/, '')}`;
				const html = readFileSync(path, 'utf8');
				for (const match of html.matchAll(/\s(?:href|src)="([^"#?]*)[^"]*"/g)) {
					const to = match[1]!;
					if (!to || /^[a-z]+:/i.test(to) || to.startsWith('//')) continue;
					links.push({ from, to: to.startsWith('/') ? to : new URL(to, `http://x${from}`).pathname });
				}
			}
		}
	};
	walk(out);
	return links;
}
