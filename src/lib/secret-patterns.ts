/**
 * The shapes of credentials: well-known token formats with few false positives (after
 * gitleaks' rule set), not a guess at entropy. The model check reports them
 * (src/load/secrets.ts); `maskSecrets` hides them in anything Opsbook prints.
 *
 * Linear time on hostile input: one pass of a single expression finds the literal anchors
 * (`ghp_`, `://`, `-----BEGIN`…), and each rule is tried only at an anchor, with bounded
 * quantifiers, so the work per anchor is bounded. A rule that matches moves the scan past its
 * match; none looks backwards further than a fixed few characters.
 */

export interface SecretSpan {
	/** What the secret looks like, with its article: "a GitHub token". */
	name: string;
	/** The credential itself: the whole token, or the password of a URL. */
	start: number;
	end: number;
}

interface Rule {
	name: string;
	/** Literal strings found at the start of every match (or `back` characters into it). */
	anchors: string[];
	/** Sticky, tried at the anchor. A `secret` group (with the `d` flag) narrows the credential within the match. */
	pattern: RegExp;
	back?: number;
	/** For shapes that ordinary words could take: does the candidate look generated? */
	plausible?: (secret: string, after: string) => boolean;
}

/** A run of 20 letters and digits with both in it: how a generated key differs from `sk-restore-the-orders-database`. */
const generated = (secret: string) => /[A-Za-z0-9]{20}/.test(secret) && (secret.match(/[A-Za-z0-9]{20,}/g) ?? []).some((run) => /\d/.test(run) && /[A-Za-z]/.test(run));
const mixedCase = (secret: string) => /[a-z]/.test(secret) && /[A-Z]/.test(secret);

/**
 * A PEM block: the header, its base64 lines (raw, or `\n`-escaped as in a service-account JSON
 * file) and the footer. Each body line must end where the line does, so the block never runs
 * into the YAML that follows it.
 */
const NL = String.raw`(?:\r?\n|\\(?:r\\)?n)`;
const PEM = new RegExp(
	String.raw`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----` +
		String.raw`(?:${NL}[ \t]{0,40}(?:[A-Za-z0-9+/=]{1,200}|(?:Proc-Type|DEK-Info|Comment|Version): [^\r\n\\]{1,200})?(?=[ \t]*(?:${NL}|"|$))){0,2000}` +
		String.raw`(?:${NL}[ \t]{0,40}-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)?`,
	'y',
);
/**
 * A block with a body is a key. A header alone is one too (the body may follow in another
 * field), unless it is a template: followed by its footer, or by `...` or `<your key>`.
 */
const PEM_ELLIPSIS = new RegExp(String.raw`^${NL}[ \t]*(?:\.\.\.|…|<|\[|\{|[xX]{5}|\*{3})`);
function plausibleKey(block: string, after: string): boolean {
	const rest = block.slice(block.indexOf('-----', 10) + 5);
	if (/[A-Za-z0-9+/]{16}/.test(rest)) return true;
	return !rest.includes('-----END') && !PEM_ELLIPSIS.test(after);
}

const RULES: Rule[] = [
	{ name: 'a private key', anchors: ['-----BEGIN'], pattern: PEM, plausible: plausibleKey },
	{ name: 'an AWS access key id', anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/y },
	{ name: 'a GitHub token', anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/y },
	{ name: 'a GitHub token', anchors: ['github_pat_'], pattern: /\bgithub_pat_[A-Za-z0-9_]{40,255}/y },
	{
		name: 'a GitLab token',
		anchors: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-', 'glffct-'],
		pattern: /\bgl(?:pat|dt|rt|ptt|cbt|ft|imt|agent|oas|soat|ffct)-[0-9A-Za-z_-]{20,300}(?:\.[0-9a-z]{2,10})?/y,
	},
	{ name: 'a GitLab runner registration token', anchors: ['GR1348941'], pattern: /\bGR1348941[0-9A-Za-z_-]{20,40}/y },
	{ name: 'a Slack token', anchors: ['xox'], pattern: /\bxox(?:[abposre]|e\.xox[bp])-[A-Za-z0-9-]{10,250}/y },
	{ name: 'a Slack app token', anchors: ['xapp-'], pattern: /\bxapp-\d-[A-Za-z0-9]{6,20}-\d{6,20}-[A-Za-z0-9]{20,100}/y },
	{ name: 'a Slack webhook URL', anchors: ['hooks.slack.com/'], pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9+/]{40,120})/dy },
	{
		name: 'a Discord webhook URL',
		anchors: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
		pattern: /discord(?:app)?\.com\/api\/webhooks\/(?<secret>\d{17,20}\/[A-Za-z0-9_-]{60,80})/dy,
	},
	{
		name: 'a Microsoft Teams webhook URL',
		anchors: ['.webhook.office.com/', 'outlook.office.com/webhook', 'outlook.office365.com/webhook'],
		pattern:
			/(?:\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook(?:b2)?)\/(?<secret>[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}\/IncomingWebhook\/[0-9a-fA-F]{32}\/[0-9a-fA-F-]{36}(?:\/[A-Za-z0-9_-]{10,100})?)/dy,
	},
	{ name: 'an Anthropic API key', anchors: ['sk-'], pattern: /\bsk-ant-(?:api|admin|oat|ort)\d\d-[A-Za-z0-9_-]{80,120}/y },
	{ name: 'an OpenAI-style API key', anchors: ['sk-'], pattern: /\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,250}/y, plausible: generated },
	{ name: 'a Google API key', anchors: ['AIza'], pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y },
	{ name: 'a Stripe secret key', anchors: ['sk_live_', 'sk_test_'], pattern: /\bsk_(?:live|test)_[0-9A-Za-z]{20,250}/y },
	{ name: 'a Stripe restricted key', anchors: ['rk_live_', 'rk_test_'], pattern: /\brk_(?:live|test)_[0-9A-Za-z]{20,250}/y },
	{ name: 'a JSON Web Token', anchors: ['eyJ'], pattern: /\beyJ[A-Za-z0-9_-]{10,200}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,1000}/y },
	// The scheme is looked for behind the literal `://`, a bounded way: scanning forward for it
	// from every letter of a long word was quadratic.
	{ name: 'a password in a URL', anchors: ['://'], pattern: /(?<=[A-Za-z][A-Za-z0-9+.-]{0,30}):\/\/[^\s:/@]{1,256}:(?<secret>[^\s@/]{3,256})@/dy },
	{ name: 'an Azure storage key', anchors: ['AccountKey='], pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{40,200}={0,2})/dy },
	{ name: 'an Azure shared access key', anchors: ['SharedAccessKey='], pattern: /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{40,200}={0,2})/dy },
	{
		name: 'an Azure shared access signature',
		anchors: ['sig='],
		pattern: /(?<=[?&;])sig=(?<secret>[A-Za-z0-9%+/]{40,200}(?:%3D|=){0,2})/dy,
		plausible: (secret) => /[0-9%]/.test(secret) && mixedCase(secret),
	},
	{ name: 'an npm token', anchors: ['npm_'], pattern: /\bnpm_[A-Za-z0-9]{36}\b/y },
	{ name: 'a PyPI upload token', anchors: ['pypi-AgE'], pattern: /pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}/y },
	{ name: 'a Twilio API key', anchors: ['SK'], pattern: /\bSK[0-9a-fA-F]{32}\b/y },
	{ name: 'a SendGrid API key', anchors: ['SG.'], pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y },
	{ name: 'a Mailgun API key', anchors: ['key-'], pattern: /\bkey-[0-9a-f]{32}\b/y },
	{ name: 'a Shopify token', anchors: ['shpat_', 'shpca_', 'shppa_', 'shpss_'], pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/y },
	{ name: 'a DigitalOcean token', anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'], pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/y },
	{ name: 'a HashiCorp Vault token', anchors: ['hvs.', 'hvb.', 'hvr.'], pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,300}/y, plausible: generated },
	{ name: 'a Terraform Cloud token', anchors: ['.atlasv1.'], back: 14, pattern: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/y },
	{ name: 'a Doppler token', anchors: ['dp.'], pattern: /\bdp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}\b/y },
	{ name: 'a Postman API key', anchors: ['PMAK-'], pattern: /\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}\b/y },
	{ name: 'a Linear API key', anchors: ['lin_'], pattern: /\blin_(?:api_[A-Za-z0-9]{40}|oauth_[a-f0-9]{64})\b/y },
	{ name: 'a Hugging Face token', anchors: ['hf_', 'api_org_'], pattern: /\b(?:hf|api_org)_[A-Za-z]{34}\b/y, plausible: mixedCase },
	{ name: 'a Databricks token', anchors: ['dapi'], pattern: /\bdapi[a-f0-9]{32}(?:-\d)?\b/y },
	{ name: 'a Square token', anchors: ['sq0', 'EAAA'], pattern: /\b(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})(?![A-Za-z0-9_-])/y },
	{ name: 'an Atlassian API token', anchors: ['ATATT3'], pattern: /\bATATT3[A-Za-z0-9_=-]{186}(?![A-Za-z0-9_=-])/y },
];

/**
 * What documentation writes where a secret would go: `${TOKEN}`, `{token}`, `<password>`,
 * `***`, `xxxxx`, `…`, `%s`, and words such as `example`, `changeme`, `your-token`, `foo:bar`.
 * A word counts only as a word (not inside a random string), in lower, title or upper case —
 * but not `EXAMPLE`, which AWS's documented example key ends with and which stays flagged.
 */
const WORDS = ['example', 'sample', 'dummy', 'fake', 'placeholder', 'changeme', 'change_me', 'redacted', 'your', 'insert', 'replace', 'secret', 'password', 'passwd', 'pass', 'pwd', 'token', 'foo', 'bar'];
const PLACEHOLDER = new RegExp(
	[
		String.raw`[{}<>…•]|\*{3}|\.{3}|[xX]{5}|\$[({]|^\$[A-Za-z_]|%[sv(]`,
		String.raw`(?<![A-Za-z])(?:${WORDS.map((word) => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`).join('|')})(?![a-z])`,
		String.raw`(?<![A-Za-z])(?:${WORDS.filter((word) => word !== 'example').map((word) => word.toUpperCase()).join('|')})(?![A-Z])`,
	].join('|'),
);

const byAnchor = new Map<string, Rule[]>();
for (const rule of RULES) for (const anchor of rule.anchors) byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), rule]);
const ANCHOR = new RegExp(alternation([...byAnchor.keys()]), 'g');

/**
 * `gh(?:p_|o_)|…` rather than `ghp_|gho_|…`: with common prefixes factored out, the engine tests
 * one character where it would try every anchor, which makes the scan of a text without any
 * secret (nearly every text) a fifth faster. No anchor is a prefix of another.
 */
function alternation(anchors: string[]): string {
	const byFirst = new Map<string, string[]>();
	for (const anchor of anchors) byFirst.set(anchor[0]!, [...(byFirst.get(anchor[0]!) ?? []), anchor.slice(1)]);
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	return [...byFirst]
		.map(([first, rests]) => escape(first) + (rests.length === 1 ? escape(rests[0]!) : `(?:${alternation(rests)})`))
		.join('|');
}

/** Every secret-shaped substring of the text, in order. */
export function findSecretSpans(text: string): SecretSpan[] {
	const spans: SecretSpan[] = [];
	ANCHOR.lastIndex = 0;
	for (let hit = ANCHOR.exec(text); hit; hit = ANCHOR.exec(text)) {
		let next = hit.index + 1;
		for (const rule of byAnchor.get(hit[0])!) {
			const found = tryRule(rule, text, hit.index);
			if (!found) continue;
			// Past the match, even a refused one (a placeholder): the anchors inside it belong to the
			// same word, and trying each again made a long run of `sk-a-` quadratic-looking.
			next = Math.max(next, found.end);
			if (found.span) {
				spans.push(found.span);
				break;
			}
		}
		ANCHOR.lastIndex = next;
	}
	// Already in order but for a rule that starts before its anchor (`back`); callers search them.
	return spans.sort((a, b) => a.start - b.start);
}

/** Undefined when the rule does not match at the anchor; `span` undefined when it matched a placeholder or an implausible word. */
function tryRule(rule: Rule, text: string, at: number): { span?: SecretSpan; end: number } | undefined {
	const from = at - (rule.back ?? 0);
	if (from < 0) return undefined;
	rule.pattern.lastIndex = from;
	const match = rule.pattern.exec(text);
	if (!match) return undefined;
	const matchEnd = match.index + match[0].length;
	let [start, end] = match.indices?.groups?.secret ?? [match.index, matchEnd];
	end = trimLineEnds(text, start, end);
	const secret = text.slice(start, end);
	// The cheaper test first: on hostile text most candidates fail it.
	if (rule.plausible && !rule.plausible(secret, text.slice(matchEnd, matchEnd + 80))) return { end: matchEnd };
	if (PLACEHOLDER.test(secret)) return { end: matchEnd };
	return { span: { name: rule.name, start, end }, end: matchEnd };
}

/** A PEM block without its footer may end on blank lines; they are not part of the key. */
function trimLineEnds(text: string, start: number, end: number): number {
	for (;;) {
		if (end > start && /\s/.test(text[end - 1]!)) end--;
		else if (end - 2 > start && text[end - 2] === '\\' && (text[end - 1] === 'n' || text[end - 1] === 'r')) end -= 2;
		else return end;
	}
}

/**
 * `ghp_… 40 characters`: enough to recognise which credential it was, never the credential.
 * Short secrets (a URL's password) show less: a quarter of the length, at most four characters.
 */
export function maskSecret(secret: string): string {
	const shown = Array.from(secret.slice(0, 8)).slice(0, Math.min(4, Math.floor(secret.length / 4)));
	return `${shown.join('')}… ${secret.length} characters`;
}

/** The text with every secret-shaped substring replaced by `[ghp_… 40 characters]`. */
export function maskSecrets(text: string): string {
	const spans = findSecretSpans(text);
	if (spans.length === 0) return text;
	let out = '';
	let last = 0;
	for (const { start, end } of spans) {
		if (start < last) continue;
		out += `${text.slice(last, start)}[${maskSecret(text.slice(start, end))}]`;
		last = end;
	}
	return out + text.slice(last);
}
