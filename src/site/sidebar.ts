/**
 * The site's sidebar: a small one of index pages and the guides. Listing every entity on every
 * page (Starlight's default) makes large handbooks several times slower to build and heavier to
 * load. The benchmark's plain Starlight project gets the same sidebar (scripts/lib/plain.ts).
 */
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import type { SidebarLink } from './guides.ts';

export const sidebar = (guides: SidebarLink[]) => [
	{
		label: 'Start here',
		items: [
			{ label: 'Home', link: '/' },
			{ label: 'In an incident', link: '/incidents/' },
			{ label: 'New here', link: '/guides/onboarding/' },
		],
	},
	{
		label: 'Catalog',
		items: [
			{ label: 'Services', link: '/services/' },
			{ label: 'Systems', link: '/systems/' },
			{ label: 'Teams', link: '/teams/' },
			{ label: 'APIs', link: '/apis/' },
			{ label: 'Architecture', link: '/architecture/' },
		],
	},
	{
		label: 'Operations',
		items: [
			{ label: 'Runbooks', link: '/runbooks/' },
			{ label: 'Troubleshooting', link: '/trees/' },
			{ label: 'Business continuity', link: '/continuity/' },
			{ label: 'Reliability', link: '/reliability/' },
			{ label: 'Reviews', link: '/reviews/' },
			{ label: 'Security response', link: '/security/' },
			{ label: 'Data', link: '/data/' },
			{ label: 'Access', link: '/access/' },
		],
	},
	...(guides.length ? [{ label: 'Guides', items: guides }] : []),
	{
		label: 'Reference',
		items: [
			{ label: 'Coverage', link: '/coverage/' },
			{ label: 'Compliance', link: '/compliance/' },
			{ label: 'Model reference', link: '/reference/' },
			{ label: 'catalog.json', link: '/catalog.json', attrs: { 'data-pagefind-ignore': '' } },
		],
	},
] satisfies StarlightUserConfig['sidebar'];
