/**
 * The folder of an installed package, found the way Node looks for it (node_modules folders
 * from here upwards), for the few files Opsbook reads from packages that do not export them.
 * A path such as `../../node_modules/x` only works in this repository's own checkout; installed,
 * npm puts dependencies beside Opsbook, not inside it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageDir(name: string, from: string = import.meta.dirname): string {
	for (let folder = from; ; folder = dirname(folder)) {
		const candidate = join(folder, 'node_modules', name);
		if (existsSync(join(candidate, 'package.json'))) return candidate;
		if (dirname(folder) === folder) throw new Error(`the package ${name} is not installed (looked upwards from ${from})`);
	}
}
