/** astro-expressive-code/components/page-data.ts, reached through src/hooks/vite-ec-page-data.ts. */
declare module 'virtual:opsbook/ec-page-data' {
	export function getPageData(request: Request): { url: string; blockGroupIndex: number };
}
