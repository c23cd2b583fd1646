/**
 * The secret scan: each token family is found and its placeholder twin is not, in any text
 * (YAML comments, Markdown guides, JSON specs); findings and every printed message show a
 * secret masked, never whole.
 *
 * Fake tokens are built by concatenation, so this file holds nothing another scanner would flag.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { describeValue, formatDiagnostic } from '../../src/load/diagnostics.ts';
import { loadModel } from '../../src/load/index.ts';
import { findSecrets, maskSecrets, scanTextForSecrets } from '../../src/load/secrets.ts';
import { readYaml } from '../../src/load/source.ts';
import { repoRoot } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'opsbook-secrets-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

const ALNUM = 'Zq7XbW2mK9pL4vR8tN3cY6hJ1sD5fG0aE';
const HEX = '0123456789abcdef';
const BASE64 = `${ALNUM}+/`;
const LETTERS = 'ZqXbWmKpLvRtNcYhJsDfGaE';
/** A deterministic string that looks generated: mixed case and digits, no word in it. */
function fake(length: number, alphabet = ALNUM): string {
	return Array.from({ length }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
}
const uuid = () => [fake(8, HEX), fake(4, HEX), fake(4, HEX), fake(4, HEX), fake(12, HEX)].join('-');
const x = (n: number) => 'x'.repeat(n);

/** The family names found in a text: the part of each message before the first `;`. */
const found = (text: string) => scanTextForSecrets('f.txt', text).map((d) => d.message.split(';')[0]);

const PEM = (label: string, body: string, newline = '\n') =>
	[`-----BEGIN ${label}`, body, `-----END ${label}`].join(newline);
const key = fake(64, BASE64);

/** [family, a real-looking fake, its placeholder twin]. */
const families: [string, string, string][] = [
	['a private key', PEM('PRIVATE KEY-----', `${key}\n${fake(20, BASE64)}==`), PEM('PRIVATE KEY-----', '...')],
	['a private key', PEM('ENCRYPTED PRIVATE KEY-----', key), PEM('ENCRYPTED PRIVATE KEY-----', '<your encrypted key>')],
	['a private key', PEM('RSA PRIVATE KEY-----', `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${fake(32, HEX).toUpperCase()}\n\n${key}`), PEM('RSA PRIVATE KEY-----', x(64))],
	['a private key', PEM('OPENSSH PRIVATE KEY-----', key), PEM('OPENSSH PRIVATE KEY-----', '…')],
	['a private key', '-----BEGIN EC ' + 'PRIVATE KEY-----', PEM('EC PRIVATE KEY-----', '').replace('\n\n', '\n')],
	['an AWS access key id', 'AKIA' + fake(16, 'Q3ZL7XW2M9PK4VR8'), 'AKIA' + 'X'.repeat(16)],
	['a GitHub token', 'ghp_' + fake(36), 'ghp_' + x(36)],
	['a GitHub token', 'github_pat_' + fake(22) + '_' + fake(59), 'github_pat_' + x(82)],
	['a GitLab token', 'glpat-' + fake(20), 'glpat-' + x(20)],
	['a GitLab token', 'gldt-' + fake(20), 'gldt-' + '{deploy-token}'],
	['a GitLab token', 'glrt-' + fake(20), 'glrt-' + x(20)],
	['a Slack token', 'xoxb-' + fake(12, '0123456789') + '-' + fake(13, '0123456789') + '-' + fake(24), 'xoxb-your-bot-token-goes-here'],
	['a Slack app token', 'xapp-1-A' + fake(10, 'ABCDEFGH0123456789') + '-' + fake(13, '0123456789') + '-' + fake(64, HEX), 'xapp-1-' + x(11) + '-0000000000000-' + x(64)],
	['a Slack webhook URL', 'https://hooks.slack.com/services/T' + fake(8, 'ABCDEFGH0123456789') + '/B' + fake(10, 'ABCDEFGH0123456789') + '/' + fake(24), 'https://hooks.slack.com/services/T00000000/B00000000/' + 'X'.repeat(24)],
	['a Discord webhook URL', 'https://discord.com/api/webhooks/' + fake(18, '0123456789') + '/' + fake(68, `${ALNUM}_-`), 'https://discord.com/api/webhooks/{webhook.id}/{webhook.token}'],
	['a Microsoft Teams webhook URL', `https://contoso.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${fake(32, HEX)}/${uuid()}`, 'https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<connector>'],
	['an Anthropic API key', 'sk-ant-api03-' + fake(93, `${ALNUM}_-`) + 'AA', 'sk-ant-api03-' + x(95)],
	['an OpenAI-style API key', 'sk-proj-' + fake(156, `${ALNUM}_-`), 'sk-proj-' + 'X'.repeat(156)],
	['an OpenAI-style API key', 'sk-' + fake(48), 'sk-restore-the-orders-database-from-last-night'],
	['a Google API key', 'AIza' + fake(35), 'AIza' + x(35)],
	['a Stripe secret key', 'sk_live_' + fake(24), 'sk_live_' + x(24)],
	['a Stripe restricted key', 'rk_live_' + fake(24), 'rk_live_' + '<restricted-key>'],
	['a JSON Web Token', 'eyJ' + fake(20) + '.eyJ' + fake(40) + '.' + fake(43), 'eyJ' + x(20) + '.eyJ' + x(40) + '.' + x(43)],
	['a password in a URL', 'postgres://app:' + fake(12) + '@db.internal/app', 'postgres://app:${DB_PASSWORD}@db.internal/app'],
	['a password in a URL', 'https://deploy:' + fake(10) + '@registry.internal', 'https://deploy:changeme@registry.internal'],
	['an Azure storage key', `DefaultEndpointsProtocol=https;AccountName=ops;AccountKey=${fake(86, BASE64)}==;EndpointSuffix=core.windows.net`, 'DefaultEndpointsProtocol=https;AccountName=ops;AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net'],
	['an Azure shared access key', `Endpoint=sb://ops.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${fake(43, BASE64)}=`, `Endpoint=sb://ops.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${x(43)}=`],
	['an Azure shared access signature', `https://ops.blob.core.windows.net/backups?sv=2022-11-02&sp=rl&sig=${fake(40, ALNUM)}%2B${fake(3)}%3D`, 'https://ops.blob.core.windows.net/backups?sv=2022-11-02&sp=rl&sig={signature}'],
	['an npm token', 'npm_' + fake(36), 'npm_' + x(36)],
	['a PyPI upload token', 'pypi-AgEIcHlwaS5vcmc' + fake(70, `${ALNUM}_-`), 'pypi-AgEIcHlwaS5vcmc' + x(70)],
	['a Twilio API key', 'SK' + fake(32, HEX), 'SK' + x(32)],
	['a SendGrid API key', 'SG.' + fake(22) + '.' + fake(43), 'SG.' + x(22) + '.' + x(43)],
	['a Mailgun API key', 'key-' + fake(32, HEX), 'key-' + '<mailgun-api-key>'],
	['a Shopify token', 'shpat_' + fake(32, HEX), 'shpat_' + x(32)],
	['a DigitalOcean token', 'dop_v1_' + fake(64, HEX), 'dop_v1_' + x(64)],
	['a HashiCorp Vault token', 'hvs.' + fake(95, `${ALNUM}_-`), 'hvs.' + x(95)],
	['a Terraform Cloud token', fake(14) + '.atlasv1.' + fake(67), x(14) + '.atlasv1.' + x(67)],
	['a Doppler token', 'dp.pt.' + fake(43), 'dp.pt.' + x(43)],
	['a Postman API key', 'PMAK-' + fake(24, HEX) + '-' + fake(34, HEX), 'PMAK-' + x(24) + '-' + x(34)],
	['a Linear API key', 'lin_api_' + fake(40), 'lin_api_' + x(40)],
	['a Hugging Face token', 'hf_' + fake(34, LETTERS), 'hf_' + x(34)],
	['a Databricks token', 'dapi' + fake(32, HEX), 'dapi' + x(32)],
	['a Square token', 'sq0atp-' + fake(22), 'sq0atp-' + x(22)],
	['a Square token', 'EAAA' + fake(60, `${ALNUM}_-`), 'EAAA' + x(60)],
	['an Atlassian API token', 'ATATT3' + fake(186, `${ALNUM}_-`), 'ATATT3' + x(186)],
];

describe('each family: a real-looking token is found, its placeholder twin is not', () => {
	for (const [name, real, placeholder] of families) {
		test(`${name}: ${real.slice(0, 24)}…`, () => {
			assert.deepEqual(found(`value: ${real}\n`), [`looks like ${name}`]);
			assert.deepEqual(found(`value: ${placeholder}\n`), [], placeholder);
		});
	}
	test('the placeholders documentation uses for a URL password', () => {
		for (const password of ['{password}', '<password>', '${TOKEN}', '$PASSWORD', '***', 'xxxxx', 'example', 'changeme', 'PASSWORD', 'Pass', 'your-password', 'bar', '%s']) {
			assert.deepEqual(found(`url: https://user:${password}@db.internal\n`), [], password);
		}
	});
	test('ordinary operational text is not a secret', () => {
		const prose = [
			'Rotate the key in https://vault.internal/ui/vault/secrets and run `kubectl -n orders get pods`.',
			'sk-restore-the-orders-database, key-rotation-runbook, api-key-2026-11-23, SKU 1234',
			'The AKIA prefix marks an AWS key id; ghp_ a GitHub token; glpat- a GitLab one.',
			'ssh://git@github.com/acme/ops.git and postgres://db.internal:5432/app',
			'https://hooks.slack.com/commands/T0NMRK/1234/abcd',
		].join('\n');
		assert.deepEqual(found(prose), []);
	});
});

describe('anywhere in a file', () => {
	const source = (text: string) => {
		const file = join(scratch, `f${++counter}.yaml`);
		writeFileSync(file, text);
		const read = readYaml(file, 'teams/platform.yaml');
		assert.ok(read.ok);
		return read.source;
	};
	const token = 'ghp_' + fake(36);

	test('in a YAML comment, at its own line and column', () => {
		const d = findSecrets(source(`id: platform\n# old deploy token: ${token}\nname: Platform\n`));
		assert.deepEqual(
			d.map((one) => `${one.file}:${one.line}:${one.column} ${one.path || '(file)'} ${one.message.split(';')[0]}`),
			['teams/platform.yaml:2:21 (file) looks like a GitHub token'],
		);
	});
	test('in a field, at the field, with its path', () => {
		const d = findSecrets(source(`id: platform\nchat:\n  notes:\n    - first\n    - "use ${token} to deploy"\n`));
		assert.deepEqual(d.map((one) => `${one.line}:${one.column} ${one.path}`), ['5:7 chat.notes[1]']);
	});
	test('a private key in a block scalar is one finding, and its whole block is masked', () => {
		const block = PEM('RSA PRIVATE KEY-----', `${key}\n${key}`).split('\n').map((line) => `  ${line}`).join('\n');
		const d = findSecrets(source(`id: platform\nkey: |\n${block}\nname: Platform\n`));
		assert.deepEqual(d.map((one) => `${one.line}:${one.column} ${one.path}`), ['2:6 key']);
		assert.match(d[0]!.message, /\(found ----… 197 characters\)$/);
		const masked = maskSecrets(`key: |\n${block}\nname: Platform\n`);
		assert.ok(!masked.includes(key.slice(0, 16)), masked);
		assert.ok(masked.endsWith('\nname: Platform\n'), masked);
	});
	test('in a Markdown guide, through the loader', () => {
		const root = join(scratch, `m${++counter}`);
		const files = {
			'teams/platform.yaml': 'id: platform\nname: Platform\nchat:\n  channel: "#platform"\n',
			'guides/onboarding.md': `---\ntitle: Onboarding\n---\n\n# Getting access\n\nUse the shared token \`${token}\` until yours arrives.\n`,
		};
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(dirname(join(root, file)), { recursive: true });
			writeFileSync(join(root, file), text);
		}
		const lines = loadModel(root, { cwd: root }).diagnostics.filter((d) => d.message.startsWith('looks like')).map(formatDiagnostic);
		assert.deepEqual(lines, [
			'guides/onboarding.md:7:23  (file)  looks like a GitHub token; never put credentials in the model — reference the vault entry that holds it instead (found ghp_… 40 characters)',
		]);
	});
	test('in JSON text (an OpenAPI spec, a service-account key file)', () => {
		const spec = JSON.stringify({ openapi: '3.1.0', servers: [{ url: `https://api:${fake(16)}@api.internal` }] }, null, 2);
		assert.deepEqual(scanTextForSecrets('apis/orders.json', spec).map((d) => `${d.file}:${d.line}:${d.column} ${d.message.split(';')[0]}`), ['apis/orders.json:5:27 looks like a password in a URL']);
		const account = JSON.stringify({ type: 'service_account', private_key_id: fake(40, HEX), private_key: `${PEM('PRIVATE KEY-----', key)}\n` }, null, 2);
		assert.deepEqual(found(account), ['looks like a private key']);
		assert.ok(!maskSecrets(account).includes(key.slice(0, 16)));
		assert.deepEqual(found(JSON.stringify({ private_key: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n' })), []);
	});
	test('a long word next to a URL with a placeholder password is judged (once quadratic)', () => {
		assert.deepEqual(found(`${'a'.repeat(900_000)} https://user:{token}@host`), []);
	});
});

describe('masking', () => {
	const token = 'ghp_' + fake(36);
	test('a finding names the family and shows the first four characters and the length', () => {
		const [d] = scanTextForSecrets('f.md', `token: ${token}`);
		assert.equal(d!.message, 'looks like a GitHub token; never put credentials in the model — reference the vault entry that holds it instead (found ghp_… 40 characters)');
	});
	test('no finding of any family prints its token whole', () => {
		for (const [, real] of families) {
			for (const d of scanTextForSecrets('f.md', real)) {
				const line = formatDiagnostic(d);
				assert.ok(!line.includes(real), line);
				assert.match(line, /\(found .{0,4}… \d+ characters\)$/);
			}
		}
	});
	test('a short password shows less of itself', () => {
		assert.match(scanTextForSecrets('f.md', 'redis://default:' + 'hunter22' + '@cache:6379')[0]!.message, /\(found hu… 8 characters\)$/);
	});
	test('maskSecrets replaces every secret and leaves the rest', () => {
		const aws = 'AKIA' + fake(16, 'Q3ZL7XW2M9PK4VR8');
		assert.equal(maskSecrets(`use ${token} or ${aws}, not https://u:{token}@host`), 'use [ghp_… 40 characters] or [AKIA… 20 characters], not https://u:{token}@host');
		assert.equal(maskSecrets('postgres://app:' + 'Zq7XbW2mK9pL' + '@db/app'), 'postgres://app:[Zq7… 12 characters]@db/app');
	});
	test('maskSecrets returns text without secrets unchanged', () => {
		const text = readFileSync(join(repoRoot, 'content', 'policy.yaml'), 'utf8');
		assert.equal(maskSecrets(text), text);
	});
	test('describeValue never prints a whole token, even one cut short by its 40-character limit', () => {
		for (const value of [token, `see ${token}`, `${'a'.repeat(20)} ${token}`]) {
			const shown = describeValue(value);
			assert.ok(!shown.includes(token.slice(4, 20)), shown);
		}
		assert.equal(describeValue(token), '"[ghp_… 40 characters]"');
	});
	test('formatDiagnostic masks whatever a message quotes', () => {
		const line = formatDiagnostic({ severity: 'error', file: 'services/api.yaml', line: 3, column: 7, path: 'tier', message: `expected a tier, found ${token}` });
		assert.equal(line, 'services/api.yaml:3:7  tier  expected a tier, found [ghp_… 40 characters]');
	});
	test('a token in a field with a type error is reported masked, by the shape check and the scan', () => {
		const root = join(scratch, `m${++counter}`);
		mkdirSync(join(root, 'teams'), { recursive: true });
		writeFileSync(join(root, 'teams', 'platform.yaml'), `id: platform\nname: Platform\nchat:\n  channel: "#platform"\nonCall: ${token}\n`);
		const lines = loadModel(root, { cwd: root }).diagnostics.map(formatDiagnostic);
		assert.ok(lines.length >= 2, lines.join('\n'));
		assert.ok(lines.some((line) => line.includes('looks like a GitHub token')), lines.join('\n'));
		for (const line of lines) assert.ok(!line.includes(token.slice(4, 20)), line);
	});
});

describe('the example handbook', () => {
	test('content/ holds no secret, in any file', () => {
		const files: string[] = [];
		const walk = (folder: string) => {
			for (const entry of readdirSync(folder, { withFileTypes: true })) {
				if (entry.isDirectory()) walk(join(folder, entry.name));
				else files.push(join(folder, entry.name));
			}
		};
		walk(join(repoRoot, 'content'));
		assert.ok(files.length > 50);
		const findings = files.flatMap((file) => scanTextForSecrets(file, readFileSync(file, 'utf8')));
		assert.deepEqual(findings.map(formatDiagnostic), []);
	});
	test('the loader reports no secret in content/', () => {
		const secrets = loadModel(join(repoRoot, 'content'), { cwd: repoRoot }).diagnostics.filter((d) => d.message.startsWith('looks like'));
		assert.deepEqual(secrets.map(formatDiagnostic), []);
	});
});
