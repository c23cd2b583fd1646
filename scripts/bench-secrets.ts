/**
 * `npm run bench:secrets [-- --size 200]`: how long the secret scan takes on hostile 1 MB lines
 * (each must be judged in well under a second: every pattern is linear) and on a realistic
 * synthetic model. Prints figures; asserts nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskSecrets } from '../src/lib/secret-patterns.ts';
import { findSecrets, scanTextForSecrets } from '../src/load/secrets.ts';
import { readYaml } from '../src/load/source.ts';
import { generateModel, writeModel } from './lib/synthetic.ts';

const MB = 1024 * 1024;
const flag = (name: string) => {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
};

/** `unit` repeated to 1 MB. */
const fill = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.ceil((MB - prefix.length - suffix.length) / unit.length)) + suffix;

// Built by concatenation so that this file holds no secret-shaped string itself.
const hostile: [string, string][] = [
	['one long word', fill('a')],
	['a long word, then a URL with a placeholder password', fill('a', '', ' https://user:{token}@host')],
	['a long word of capitals and digits', fill('A7')],
	['many "://"', fill('://')],
	['many "://a:"', fill('://a:')],
	['a URL, then many "@"', fill('@', 'https://user:p')],
	['many "a:b@"', fill('a:b@', 'https://')],
	['many "-----BEGIN"', fill('-----BEGIN')],
	['many private-key headers', fill('-----BEGIN RSA ' + 'PRIVATE KEY-----')],
	['a private-key header, then 1 MB of `\\n`-escaped base64 lines', fill('\\nQUJD', '-----BEGIN ' + 'PRIVATE KEY-----')],
	['a private-key header, then 1 MB of base64 lines', fill('\nQUJD', '-----BEGIN ' + 'PRIVATE KEY-----')],
	['"AccountKey=", then 1 MB of base64', fill('Qk', 'AccountKey=')],
	['many "AKIA"', fill('AKIA')],
	['many "eyJa-" (JSON Web Token prefixes)', fill('eyJa-')],
	['many "sk-a1-"', fill('sk-a1-')],
	['many "ghp_"', fill('ghp_')],
	['many "xoxb-"', fill('xoxb-')],
	['many "sig=" after "&"', fill('&sig=')],
	['many ".atlasv1."', fill('a.atlasv1.')],
	['many Slack webhook prefixes', fill('hooks.slack.com/services/')],
	['every anchor, over and over', fill('-----BEGIN AKIA ghp_ github_pat_ glpat- xox xapp- hooks.slack.com/ sk- AIza sk_live_ eyJ :// AccountKey= sig= npm_ SK SG. key- hvs. .atlasv1. dp. PMAK- lin_ hf_ dapi sq0 EAAA ATATT3 ')],
];

const time = (run: () => unknown) => {
	let best = Infinity;
	for (let i = 0; i < 3; i++) {
		const started = performance.now();
		run();
		best = Math.min(best, performance.now() - started);
	}
	return best;
};

console.log('Hostile 1 MB lines (best of 3):\n');
console.log('| line | scanTextForSecrets | maskSecrets | findings |');
console.log('| --- | ---: | ---: | ---: |');
for (const [label, line] of hostile) {
	const scan = time(() => scanTextForSecrets('line', line));
	const mask = time(() => maskSecrets(line));
	console.log(`| ${label} | ${scan.toFixed(1)} ms | ${mask.toFixed(1)} ms | ${scanTextForSecrets('line', line).length} |`);
}

const size = Number(flag('--size') ?? 1000);
const root = mkdtempSync(join(tmpdir(), 'opsbook-secrets-'));
try {
	writeModel(generateModel({ size, seed: 'opsbook', today: '2026-11-23' }), root);
	const files: string[] = [];
	const walk = (folder: string): void => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else files.push(path);
		}
	};
	walk(root);
	const yaml = files.filter((file) => /\.ya?ml$/.test(file) && !file.includes('/apis/'));
	const other = files.filter((file) => !yaml.includes(file));
	const sources = yaml.flatMap((file) => {
		const read = readYaml(file, file);
		return read.ok ? [read.source] : [];
	});
	const texts = other.map((file) => readFileSync(file, 'utf8'));
	const bytes = [...sources.map((s) => s.text), ...texts].reduce((sum, text) => sum + text.length, 0);
	const model = time(() => sources.flatMap(findSecrets));
	const rest = time(() => texts.flatMap((text) => scanTextForSecrets('file', text)));
	const mask = time(() => [...sources.map((s) => s.text), ...texts].map(maskSecrets));
	console.log(`\nSynthetic model of ${size} services: ${files.length} files, ${(bytes / MB).toFixed(1)} MB (best of 3):\n`);
	console.log(`- findSecrets over ${sources.length} model files: ${model.toFixed(1)} ms`);
	console.log(`- scanTextForSecrets over ${texts.length} guides and API specs: ${rest.toFixed(1)} ms`);
	console.log(`- maskSecrets over every file: ${mask.toFixed(1)} ms`);
} finally {
	rmSync(root, { recursive: true, force: true });
}
