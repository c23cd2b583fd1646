/** The settings as data for pages and components (src/config/index.ts, `configModule`). */
declare module 'virtual:opsbook/config' {
	const config: import('./index.ts').ResolvedConfig;
	export default config;
}
