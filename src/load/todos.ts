/**
 * TODO markers (src/lib/todo.ts): values an importer wrote where its source said nothing, or a
 * person left to fill in. Each is reported at its own field, with what it asks for, so an
 * imported model's check is the list of what is still to be written — and none is published
 * as if it were a fact.
 */
import { todoFields } from '../lib/todo.ts';
import { formatPath, type Diagnostic } from './diagnostics.ts';
import { locate, type SourceFile } from './source.ts';

export function todoDiagnostics(source: SourceFile): Diagnostic[] {
	// Most files hold none: one scan of the text instead of a walk over every value.
	if (!source.text.includes('TODO')) return [];
	return todoFields(source.data).map(({ path, text }) => {
		const { line, column } = locate(source, path);
		const what = text.replace(/^\s*TODO\b[:\s]*/, '').trim();
		return { severity: 'todo', file: source.display, line, column, path: formatPath(path), message: `to fill in${what ? `: ${what}` : ''}` };
	});
}
