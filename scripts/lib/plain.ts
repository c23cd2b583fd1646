/**
 * The benchmark's yardstick: a plain Starlight project with the same number of Markdown pages as
 * an Opsbook build of a synthetic model, written the way a team would write that handbook by
 * hand — a page per service, runbook, troubleshooting tree, system, team and API operation, with
 * the same facts as tables, lists and fenced code blocks (which Starlight renders with Expressive
 * Code). Its sidebar is Opsbook's own (src/site/sidebar.ts): the comparison is about rendering
 * pages, not about Starlight's default sidebar, which lists every page on every page.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { guideLinks } from '../../src/site/guides.ts';
import { sidebar } from '../../src/site/sidebar.ts';
import { guides, type SynRunbook, type SynService, type SynStep, type SynSystem, type SynTeam, type SynTree, type SyntheticModel } from './synthetic.ts';

interface Page {
	path: string;
	title: string;
	description: string;
	body: string;
}

/** Writes the project into `folder` and returns the number of pages (exactly `pages`). */
export function writePlainStarlight(model: SyntheticModel, folder: string, pages: number): number {
	rmSync(folder, { recursive: true, force: true });
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(folder, path)), { recursive: true });
		writeFileSync(join(folder, path), text);
	};
	const prose = guides(model);
	const links = guideLinks([...prose].map(([path, text]) => ({ path, text })));
	write('astro.config.mjs', CONFIG.replace('SIDEBAR', JSON.stringify(sidebar(links), null, '\t').replaceAll('\n', '\n\t\t\t')));
	write('src/content.config.ts', COLLECTIONS);

	const all = pagesOf(model);
	// Fewer entity pages than Opsbook pages: the rest are more operation pages, numbered.
	for (let i = 1; all.length < pages; i++) {
		const page = all[i]!;
		all.push({ ...page, path: `${page.path}-${i}`, title: `${page.title} (${i})` });
	}
	// The model's guides, as they are (Markdown with frontmatter), fill the sidebar's Guides group.
	const chosen = all.slice(0, pages - prose.size);
	chosen[0] = { path: 'index', title: 'Operations handbook', description: 'Every service, runbook and team.', body: home(model) };
	for (const page of chosen) {
		write(`src/content/docs/${page.path}.md`, `---\ntitle: ${JSON.stringify(page.title)}\ndescription: ${JSON.stringify(page.description)}\n---\n\n${page.body}\n`);
	}
	for (const [path, text] of prose) write(`src/content/docs/${path}`, text);
	return chosen.length + prose.size;
}

const CONFIG = `// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

process.env.ASTRO_TELEMETRY_DISABLED = '1';

export default defineConfig({
	site: 'https://plain.example',
	trailingSlash: 'always',
	devToolbar: { enabled: false },
	integrations: [
		starlight({
			title: 'Plain handbook',
			lastUpdated: false,
			pagination: false,
			sidebar: SIDEBAR,
		}),
	],
});
`;

const COLLECTIONS = `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`;

function pagesOf(model: SyntheticModel): Page[] {
	const out: Page[] = [{ path: 'index', title: '', description: '', body: '' }];
	for (const s of model.services) out.push({ path: `services/${s.id}`, title: s.name, description: s.summary, body: service(s) });
	for (const r of model.runbooks) out.push({ path: `runbooks/${r.id}`, title: r.title, description: r.summary, body: runbook(r) });
	for (const t of model.trees) out.push({ path: `trees/${t.id}`, title: t.title, description: t.summary, body: tree(t) });
	for (const s of model.systems) out.push({ path: `systems/${s.id}`, title: s.name, description: s.summary, body: system(s, model) });
	for (const t of model.teams) out.push({ path: `teams/${t.id}`, title: t.name, description: t.description, body: team(t) });
	for (const [file, spec] of model.specs) out.push(...operations(file, spec));
	for (const kind of ['services', 'runbooks', 'trees', 'systems', 'teams'] as const) {
		out.push({ path: `${kind}/index`, title: kind[0]!.toUpperCase() + kind.slice(1), description: `All ${kind}.`, body: listing(model, kind) });
	}
	return out;
}

const cell = (text: unknown) => String(text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');
const table = (head: string[], rows: unknown[][]) =>
	[`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');

function home(model: SyntheticModel): string {
	return `${model.services.length} services in ${model.systems.length} systems.\n\n${table(['System', 'What it does'], model.systems.map((s) => [`[${s.name}](/systems/${s.id}/)`, s.summary]))}`;
}

function listing(model: SyntheticModel, kind: 'services' | 'runbooks' | 'trees' | 'systems' | 'teams'): string {
	const rows: [string, string, string][] =
		kind === 'services' ? model.services.map((s) => [s.id, s.name, s.summary])
		: kind === 'runbooks' ? model.runbooks.map((r) => [r.id, r.title, r.summary])
		: kind === 'trees' ? model.trees.map((t) => [t.id, t.title, t.summary])
		: kind === 'systems' ? model.systems.map((s) => [s.id, s.name, s.summary])
		: model.teams.map((t) => [t.id, t.name, t.description]);
	return table(['Name', 'Summary'], rows.map(([id, name, summary]) => [`[${name}](/${kind}/${id}/)`, summary]));
}

function service(s: SynService): string {
	return [
		s.description,
		`## Ownership\n\nOwned by [${s.owner}](/teams/${s.owner}/), part of [${s.system}](/systems/${s.system}/). Tier ${s.tier}, ${s.lifecycle}, ${s.dataClassification} data.`,
		`## Dependencies\n\n${table(['Service', 'Type', 'Why', 'When it fails'], s.dependencies.map((d) => [`[${d.service}](/services/${d.service}/)`, d.type, d.reason, d.onFailure]))}`,
		`## Recovery\n\n${table(['RTO', 'RPO', 'Failover'], [[s.recovery.rto, s.recovery.rpo ?? '—', `${s.recovery.failover.mode}: ${s.recovery.failover.description}`]])}\n\n${s.recovery.justification}`,
		s.recovery.backup ? `### Backup\n\n${table(['Method', 'Schedule', 'Retention', 'Location', 'Last restore test'], [[s.recovery.backup.method, s.recovery.backup.schedule, s.recovery.backup.retention, s.recovery.backup.location, s.recovery.backup.lastRestoreTest]])}` : '',
		`## Environments\n\n${table(['Name', 'Replicas', 'Region'], s.environments.map((e) => [e.name, e.replicas, e.region]))}`,
		`## SLOs\n\n${table(['Objective', 'Details'], s.slos.map((slo) => [String(slo.name ?? slo.id ?? ''), JSON.stringify(slo)]))}`,
		`## Alerts\n\n${table(['Alert', 'Severity', 'Summary', 'Runbook'], s.alerts.map((a) => [a.name, a.severity, a.summary, `[${a.runbook}](/runbooks/${a.runbook}/)`]))}\n\n${s.alerts.map((a) => `\`\`\`promql\n${a.expr}\n\`\`\``).join('\n\n')}`,
		`## Links\n\n${s.links.map((l) => `- [${l.title}](${l.url})`).join('\n')}`,
	].join('\n\n');
}

const step = (st: SynStep, i: number) =>
	[`${i + 1}. **${st.title}**`, st.description ? `\n   ${st.description}` : '', st.command ? `\n\n   \`\`\`sh\n   ${st.command.split('\n').join('\n   ')}\n   \`\`\`` : '', st.expected ? `\n\n   Expected: ${st.expected}` : '', st.warning ? `\n\n   > **Warning:** ${st.warning}` : ''].join('');

function runbook(r: SynRunbook): string {
	return [
		`**Kind:** ${r.kind} · **Severity:** ${r.severity} · **Expected duration:** ${r.expectedDuration} · **Last tested:** ${r.lastTested}`,
		`Services: ${r.services.map((id) => `[${id}](/services/${id}/)`).join(', ')}`,
		`## When to use\n\n${[...r.triggers.alerts.map((a) => `- Alert \`${a}\``), ...r.triggers.symptoms.map((s) => `- ${s}`), ...r.triggers.errors.map((e) => `- Error \`${e}\``)].join('\n')}`,
		`## Impact\n\n${r.impact}`,
		`## Before you start\n\n${[...r.prerequisites, ...r.access].map((p) => `- ${p}`).join('\n')}`,
		`## Diagnosis\n\n${r.diagnosis}`,
		`## Steps\n\n${r.steps.map(step).join('\n\n')}`,
		`## Verify\n\n${r.verification.map((v) => `- ${v}`).join('\n')}`,
		`## Roll back\n\n${r.rollback.map(step).join('\n\n')}`,
		`## Escalate\n\nAfter ${r.escalation.after}, page [${r.escalation.team}](/teams/${r.escalation.team}/): ${r.escalation.when}`,
	].join('\n\n');
}

function tree(t: SynTree): string {
	return [
		`**Symptom:** ${t.symptom}`,
		t.nodes
			.map((n) => {
				const answers = n.answers.map((a) => `- ${Object.entries(a).map(([k, v]) => `${k}: ${v}`).join(' · ')}`).join('\n');
				return `## ${n.question}\n\n${n.detail ?? ''}${n.command ? `\n\n\`\`\`sh\n${n.command}\n\`\`\`` : ''}\n\n${answers}`;
			})
			.join('\n\n'),
	].join('\n\n');
}

function system(s: SynSystem, model: SyntheticModel): string {
	const services = model.services.filter((x) => x.system === s.id);
	return `${s.description}\n\nOwned by [${s.owner}](/teams/${s.owner}/).\n\n## Services\n\n${table(['Service', 'Tier', 'RTO', 'Summary'], services.map((x) => [`[${x.name}](/services/${x.id}/)`, x.tier, x.recovery.rto, x.summary]))}`;
}

function team(t: SynTeam): string {
	return [
		t.description,
		`Chat: [${t.chat.channel}](${t.chat.url}) · ${t.email}`,
		`## On call\n\n${t.onCall.rotation}, ${t.onCall.schedule}, paged through ${t.onCall.tool} (${t.onCall.pager}). ${t.onCall.handoff}`,
		`## Escalation\n\n${table(['Level', 'Who', 'After', 'Contact'], t.escalation.map((e) => [e.level, e.who, e.after, e.contact]))}`,
		`## Members\n\n${table(['Name', 'Role', 'Email'], t.members.map((m) => [m.name, m.role, m.email]))}`,
	].join('\n\n');
}

function operations(file: string, spec: Record<string, unknown>): Page[] {
	const api = file.replace(/^apis\//, '').replace(/\.ya?ml$/, '');
	const paths = (spec.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
	const out: Page[] = [];
	for (const [path, item] of Object.entries(paths)) {
		for (const [method, op] of Object.entries(item)) {
			if (typeof op !== 'object' || !op || !('responses' in op)) continue;
			const id = String(op.operationId ?? `${method}-${path}`).toLowerCase().replace(/[^a-z0-9]+/g, '-');
			out.push({
				path: `apis/${api}/${id}`,
				title: String(op.summary ?? id),
				description: String(op.description ?? op.summary ?? ''),
				body: `\`${method.toUpperCase()} ${path}\`\n\n${String(op.description ?? '')}\n\n## Request and responses\n\n\`\`\`json\n${JSON.stringify(op, null, 2)}\n\`\`\``,
			});
		}
	}
	return out;
}
