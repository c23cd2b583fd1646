/**
 * Credential-like strings do not belong in a handbook that is published as a website.
 * The patterns are the well-known, high-confidence token shapes, not a guess at entropy.
 */
import { isScalar, isSeq, visit, type Node } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import type { SourceFile } from './source.ts';

const PATTERNS: { name: string; pattern: RegExp }[] = [
	{ name: 'a private key', pattern: /-----BEGIN (RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY/ },
	{ name: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
	{ name: 'a GitHub token', pattern: /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/ },
	{ name: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
	{ name: 'an OpenAI-style API key', pattern: /\bsk-(proj-|ant-)?[A-Za-z0-9_-]{32,}/ },
	{ name: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
	{ name: 'a Stripe secret key', pattern: /\b[rs]k_live_[0-9A-Za-z]{20,}/ },
	{ name: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
	{ name: 'a password in a URL', pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:(?!\{|<|\$|\*{3})[^\s@/]{3,}@/i },
	{ name: 'an Azure storage key', pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
];

/**
 * The tail of "a password in a URL" (`://user:secret@`), anchored on the literal `://`: the full
 * pattern backtracks over every word of a file looking for a scheme, which made it the costliest
 * line of a large model's check. When the tail is absent the full pattern cannot match.
 */
const URL_PASSWORD_TAIL = /:\/\/[^\s:/@]+:[^\s@/]{3,}@/;

export function findSecrets(source: SourceFile): Diagnostic[] {
	const found: Diagnostic[] = [];
	// Most files hold nothing of the sort: test the text before walking the document.
	const text = source.text;
	const possible = PATTERNS.some(({ name, pattern }) => (name === 'a password in a URL' ? URL_PASSWORD_TAIL.test(text) && pattern.test(text) : pattern.test(text)));
	if (!possible) return found;
	visit(source.doc, {
		Scalar(_key, node, path) {
			if (typeof node.value !== 'string') return;
			for (const { name, pattern } of PATTERNS) {
				if (!pattern.test(node.value)) continue;
				const pos = source.lines.linePos(node.range?.[0] ?? 0);
				found.push({
					severity: 'error',
					file: source.display,
					line: pos.line,
					column: pos.col,
					path: fieldPath(path as readonly unknown[], node),
					message: `looks like ${name}; never put credentials in the model — reference the vault entry that holds it instead`,
				});
				break;
			}
		},
	});
	return found;
}

/** Rebuild `a.b[2].c` from the visitor's ancestry. */
function fieldPath(ancestry: readonly unknown[], leaf: Node): string {
	let out = '';
	const chain = [...ancestry, leaf];
	for (let i = 1; i < chain.length; i++) {
		const parent = chain[i - 1] as { items?: unknown[]; key?: unknown; value?: unknown };
		const child = chain[i];
		if (isSeq(parent)) {
			out += `[${parent.items.indexOf(child as never)}]`;
		} else if (parent && 'key' in parent && 'value' in parent && parent.value === child && isScalar(parent.key)) {
			out += out ? `.${String(parent.key.value)}` : String(parent.key.value);
		}
	}
	return out;
}
