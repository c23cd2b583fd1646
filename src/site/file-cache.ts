/**
 * Text kept on disk across builds, one file per key, for results that depend only on their key
 * (highlighted code blocks, rendered Markdown): the key must hash everything the text depends
 * on, so nothing stale is ever reused.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileCache {
	get(key: string): string | undefined;
	set(key: string, text: string): void;
}

export function fileCache(folder: string, extension = '.html'): FileCache {
	return {
		get(key) {
			try {
				return readFileSync(join(folder, `${key}${extension}`), 'utf8');
			} catch {
				return undefined;
			}
		},
		set(key, text) {
			mkdirSync(folder, { recursive: true });
			// Written aside and renamed: a build running alongside never reads half a file.
			const temporary = join(folder, `.${key}.${process.pid}`);
			writeFileSync(temporary, text);
			renameSync(temporary, join(folder, `${key}${extension}`));
		},
	};
}
