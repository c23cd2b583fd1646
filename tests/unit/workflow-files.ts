/**
 * Reading GitHub workflow files for the tests: GitHub's own parser (@actions/workflow-parser,
 * loaded offline) and the plain structure through `yaml`. Shared by workflows.test.ts (this
 * repository's workflows) and init-workflows.test.ts (the ones `opsbook init` writes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// The parser's dist imports its JSON schema without `with { type: 'json' }` (it is built for
// bundlers); serve those JSON files to Node as modules.
registerHooks({
	load(url, context, nextLoad) {
		if (url.endsWith('.json') && url.includes('/node_modules/@actions/')) {
			return { format: 'module', source: `export default ${readFileSync(fileURLToPath(url), 'utf8')};`, shortCircuit: true };
		}
		return nextLoad(url, context);
	},
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

export interface Step {
	id?: string;
	name?: string;
	uses?: string;
	run?: string;
	if?: string;
	env?: Record<string, string>;
	with?: Record<string, unknown>;
}
export interface Job {
	'runs-on': string;
	if?: string;
	needs?: string | string[];
	permissions?: Record<string, string> | string;
	environment?: { name: string; url?: string } | string;
	outputs?: Record<string, string>;
	steps: Step[];
}
export interface Workflow {
	name: string;
	on: Record<string, unknown> | string | string[];
	permissions?: Record<string, string> | string;
	concurrency?: { group: string; 'cancel-in-progress'?: boolean } | string;
	env?: Record<string, string>;
	jobs: Record<string, Job>;
}

/** The workflow files of a folder: their names, texts and structures. */
export function readWorkflows(folder: string) {
	const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
	const texts = new Map(files.map((file) => [file, readFileSync(join(folder, file), 'utf8')]));
	const workflows = new Map(files.map((file) => [file, parse(texts.get(file)!) as Workflow]));
	return { files, texts, workflows };
}

export const triggers = (workflow: Workflow) => (typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on ?? {}));

/** Token scopes in order of power, for comparing a job's permissions with what it may have. */
export const level = { none: 0, read: 1, write: 2 } as Record<string, number>;

/** GitHub's own parser's errors for one workflow (schema, expressions, job graph); none for a valid one. */
export async function lint(name: string, content: string): Promise<string[]> {
	const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
	const errors = result.context.errors.getErrors().map((e) => e.message);
	if (result.value) {
		const template = await convertWorkflowTemplate(result.context, result.value);
		for (const error of template.errors ?? []) if (!errors.includes(error.Message)) errors.push(error.Message);
	}
	return errors;
}
