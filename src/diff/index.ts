/** Pull-request previews: what a change does to the model, as Markdown for a comment or JSON for tools. */
export { diffModels, emptyModel, snapshot, type ModelDiff, type Snapshot } from './model-diff.ts';
export { code, escapeMarkdown, renderMarkdown } from './markdown.ts';
export { renderJson } from './json.ts';
