/**
 * What starlight-openapi's components get when they import '@astrojs/starlight/components'
 * (see vite-openapi-code.ts): Starlight's components, with <Code> replaced by CodeBlock, so the
 * curl samples and JSON examples of API pages come from the code cache too.
 *
 * JavaScript, left out of tsconfig.json: the type checker cannot read .astro modules.
 */
export * from '@astrojs/starlight/components';
export { default as Code } from '../components/CodeBlock.astro';
