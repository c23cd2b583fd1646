/**
 * Text kept on disk across builds, one file per key, for results that depend only on their key
 * (highlighted code blocks, rendered Markdown): the key must hash everything the text depends
 * on, so nothing stale is ever reused.
 */
import { createHash } from 'node:crypto';
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

const fileHashes = new Map<string, string>();

/**
 * A hash of project files a cached result depends on (the lock file for package versions, the
 * configuration), each read once per process. A missing file counts too (no ec.config.mjs is the
 * usual case).
 */
export function projectFilesHash(files: readonly string[]): string {
	const hash = createHash('sha256');
	for (const file of files) {
		let fileHash = fileHashes.get(file);
		if (fileHash === undefined) {
			let text = '';
			try {
				text = readFileSync(join(process.cwd(), file), 'utf8');
			} catch {
				// missing: hashed as empty
			}
			fileHash = createHash('sha256').update(text).digest('hex');
			fileHashes.set(file, fileHash);
		}
		hash.update(`\0${file}\0${fileHash}`);
	}
	return hash.digest('hex');
}
