/**
 * Mermaid text for every diagram, as pure functions of the model. Each diagram comes with a
 * title and a plain-text description that say the same facts in words (for screen readers and
 * for search, which cannot read an SVG).
 */
import { productionReplicas, type IncidentPolicy, type Model, type Runbook, type SecurityPlan, type Service, type Tree } from '../model/index.ts';

export interface Diagram {
	/** Stable key: what the diagram shows, e.g. "service/payments-api". */
	key: string;
	title: string;
	/** The facts of the diagram in words. */
	description: string;
	/** Mermaid source. */
	text: string;
}

/** Above this many dependants a service's diagram (or dependants outside a system, a system's) shows them as one node per system. */
export const DEPENDANTS_SHOWN = 12;
/** Above this many services the whole-architecture view rolls up to one node per system. */
export const ROLL_UP_THRESHOLD = 40;

/** A mermaid node id: prefixed so no id collides with a keyword (`end`, `graph`…), and safe characters only. */
export function nodeId(kind: string, id: string): string {
	return `${kind}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * A label inside `["…"]`: quotes and angle brackets become mermaid entities, line breaks spaces.
 * A diagram label is plain text: the backticks of a `code span` are dropped, not drawn.
 */
export function label(text: string): string {
	return `"${text
		.replace(/`([^`]*[^`\s][^`]*)`/g, '$1')
		.replace(/\s+/g, ' ')
		.replace(/#/g, '#35;')
		.replace(/"/g, '#quot;')
		.replace(/</g, '#lt;')
		.replace(/>/g, '#gt;')}"`;
}

/**
 * A label on an edge. Mermaid escapes an edge label's `#quot;` twice (readers saw `&quot;`), so
 * straight double quotes become typographic ones here, opening and closing in turn.
 */
export function edgeLabel(text: string): string {
	let quoted = false;
	return label(
		text.replace(/"/g, () => {
			quoted = !quoted;
			return quoted ? '\u201c' : '\u201d';
		}),
	);
}

/** Text for accTitle/accDescr lines, which end at the line break and must not contain braces. */
function accText(text: string): string {
	return text.replace(/`([^`]*[^`\s][^`]*)`/g, '$1').replace(/\s+/g, ' ').replace(/[{}]/g, '');
}

const SHAPES: Record<Service['kind'], [string, string]> = {
	service: ['[', ']'],
	database: ['[(', ')]'],
	queue: ['[/', '/]'],
	// Rounded, not a stadium `([…])`: mermaid draws a stadium's ends as ~40 KB of path points,
	// which made each diagram with one several times slower to optimise and larger.
	cache: ['(', ')'],
	storage: ['[(', ')]'],
	external: ['{{', '}}'],
	infrastructure: ['[[', ']]'],
};

function serviceNode(service: Service, extra = ''): string {
	const [open, close] = SHAPES[service.kind];
	return `${nodeId('s', service.id)}${open}${label(`${service.name}${extra}`)}${close}`;
}

const CLASS_DEFS = [
	'classDef tier1 stroke-width:3px',
	'classDef external stroke-dasharray:5 4',
	'classDef spof stroke:#d64545,stroke-width:3px',
	'classDef focus stroke-width:4px',
];

function header(title: string, description: string, direction = 'LR'): string[] {
	// Mermaid cannot parse an empty accDescr (a system with no services yet has nothing to say).
	return [`flowchart ${direction}`, `accTitle: ${accText(title)}`, `accDescr: ${accText(description.trim() || title)}`];
}

function edge(from: string, to: string, type: 'hard' | 'soft', text?: string): string {
	const arrow = type === 'hard' ? '==>' : '-.->';
	return text ? `${from} ${arrow}|${edgeLabel(text)}| ${to}` : `${from} ${arrow} ${to}`;
}

function classLines(services: Service[], spof: Set<string>): string[] {
	const lines: string[] = [];
	const tier1 = services.filter((s) => s.tier === 1).map((s) => nodeId('s', s.id));
	const external = services.filter((s) => s.kind === 'external').map((s) => nodeId('s', s.id));
	const weak = services.filter((s) => spof.has(s.id)).map((s) => nodeId('s', s.id));
	if (tier1.length) lines.push(`class ${tier1.join(',')} tier1`);
	if (external.length) lines.push(`class ${external.join(',')} external`);
	if (weak.length) lines.push(`class ${weak.join(',')} spof`);
	return lines;
}

/** Services that are single points of failure: critical, one production replica, no failover. */
export function singlePoints(model: Model): Set<string> {
	const out = new Set<string>();
	for (const s of model.services.values()) {
		const replicas = productionReplicas(s);
		const failover = s.recovery?.failover?.mode;
		if (s.tier <= 2 && s.kind !== 'external' && replicas !== undefined && replicas <= 1 && (!failover || failover === 'none')) out.add(s.id);
	}
	return out;
}

function dependencySentence(model: Model, service: Service): string {
	if (!service.dependencies.length) return `${service.id} depends on nothing.`;
	const parts = service.dependencies.map((d) => `${d.service} (${d.type})`);
	return `${service.id} depends on: ${parts.join(', ')}.`;
}

/** The whole architecture: systems as subgraphs, or one node per system when it gets large. */
export function architectureDiagram(model: Model): Diagram {
	const services = [...model.services.values()];
	if (services.length > ROLL_UP_THRESHOLD) return systemRollUp(model);
	const spof = singlePoints(model);
	const description = services.map((s) => dependencySentence(model, s)).join(' ');
	const title = 'Whole architecture: services by system, hard dependencies thick, soft dependencies dotted';
	const lines = header(title, description);
	for (const system of model.systems.values()) {
		const members = model.index.servicesBySystem.get(system.id) ?? [];
		if (!members.length) continue;
		lines.push(`subgraph ${nodeId('sys', system.id)}[${label(system.name)}]`);
		for (const service of members) lines.push(`  ${serviceNode(service)}`);
		lines.push('end');
	}
	for (const service of services) {
		for (const d of service.dependencies) {
			if (model.services.has(d.service)) lines.push(edge(nodeId('s', service.id), nodeId('s', d.service), d.type));
		}
	}
	lines.push(...CLASS_DEFS, ...classLines(services, spof));
	return { key: 'architecture', title, description, text: lines.join('\n') };
}

/** One node per system; an edge per pair of systems with the number of dependencies behind it. */
export function systemRollUp(model: Model): Diagram {
	const pairs = new Map<string, { from: string; to: string; hard: number; soft: number }>();
	for (const service of model.services.values()) {
		for (const d of service.dependencies) {
			const target = model.services.get(d.service);
			if (!target || target.system === service.system) continue;
			const key = `${service.system}→${target.system}`;
			const pair = pairs.get(key) ?? { from: service.system, to: target.system, hard: 0, soft: 0 };
			pair[d.type]++;
			pairs.set(key, pair);
		}
	}
	const title = 'Whole architecture rolled up by system';
	const description = [...pairs.values()].map((p) => `${p.from} depends on ${p.to} (${p.hard} hard, ${p.soft} soft).`).join(' ') || 'No dependencies between systems.';
	const lines = header(title, description);
	for (const system of model.systems.values()) {
		const count = model.index.servicesBySystem.get(system.id)?.length ?? 0;
		lines.push(`${nodeId('sys', system.id)}[${label(`${system.name} (${count} services)`)}]`);
	}
	for (const p of pairs.values()) {
		const text = [p.hard && `${p.hard} hard`, p.soft && `${p.soft} soft`].filter(Boolean).join(', ');
		lines.push(edge(nodeId('sys', p.from), nodeId('sys', p.to), p.hard ? 'hard' : 'soft', text));
	}
	return { key: 'architecture', title, description, text: lines.join('\n') };
}

/**
 * A system's services and their edges, with the services of other systems they touch. A system
 * most of the others depend on (a platform) would draw every service of the model: above
 * DEPENDANTS_SHOWN, its dependants outside are one node per system, as on a service's diagram
 * (the text alternative still names each one). The picture stays readable, quick to render, and
 * the same when one of those services is renamed.
 */
export function systemDiagram(model: Model, systemId: string): Diagram {
	const system = model.systems.get(systemId)!;
	const members = model.index.servicesBySystem.get(systemId) ?? [];
	const inside = new Set(members.map((s) => s.id));
	const spof = singlePoints(model);
	const outside = new Map<string, Service>();
	const edges: string[] = [];
	const facts: string[] = [];
	for (const service of members) {
		for (const d of service.dependencies) {
			const target = model.services.get(d.service);
			if (!target) continue;
			if (!inside.has(target.id)) outside.set(target.id, target);
			edges.push(edge(nodeId('s', service.id), nodeId('s', target.id), d.type));
		}
		facts.push(dependencySentence(model, service));
	}
	const users: { service: Service; id: string; type: 'hard' | 'soft' }[] = [];
	for (const [id, list] of model.index.dependants) {
		if (!inside.has(id)) continue;
		for (const { service, type } of list) {
			if (inside.has(service.id)) continue;
			users.push({ service, id, type });
			facts.push(`${service.id} (${service.system}) depends on ${id} (${type}).`);
		}
	}
	const rolledUp: string[] = [];
	if (new Set(users.map((u) => u.service.id)).size <= DEPENDANTS_SHOWN) {
		for (const { service, id, type } of users) {
			outside.set(service.id, service);
			edges.push(edge(nodeId('s', service.id), nodeId('s', id), type));
		}
	} else {
		// One node per system of them, and one edge from it to each service it uses: hard when
		// any of its services depends hard on that one.
		const groups = new Map<string, { services: Set<string>; uses: Map<string, boolean> }>();
		for (const { service, id, type } of users) {
			const group = groups.get(service.system) ?? { services: new Set(), uses: new Map() };
			group.services.add(service.id);
			group.uses.set(id, (group.uses.get(id) ?? false) || type === 'hard');
			groups.set(service.system, group);
		}
		for (const [other, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
			const node = nodeId('users', other);
			const name = model.systems.get(other)?.name ?? other;
			rolledUp.push(`${node}[[${label(`${name}: ${group.services.size} ${group.services.size === 1 ? 'service' : 'services'}`)}]]`);
			for (const [id, hard] of [...group.uses].sort(([a], [b]) => a.localeCompare(b))) edges.push(edge(node, nodeId('s', id), hard ? 'hard' : 'soft'));
		}
	}
	const title = `${system.name}: its services and their dependencies`;
	const description = facts.join(' ');
	const lines = header(title, description);
	lines.push(`subgraph ${nodeId('sys', system.id)}[${label(system.name)}]`);
	for (const service of members) lines.push(`  ${serviceNode(service)}`);
	// Mermaid refuses an empty subgraph; a system may have no services yet.
	if (!members.length) lines.push(`  ${nodeId('none', system.id)}[${label('no services yet')}]`);
	lines.push('end', ...rolledUp);
	const bySystem = new Map<string, Service[]>();
	for (const s of outside.values()) bySystem.set(s.system, [...(bySystem.get(s.system) ?? []), s]);
	for (const [other, list] of [...bySystem].sort(([a], [b]) => a.localeCompare(b))) {
		lines.push(`subgraph ${nodeId('sys', other)}[${label(model.systems.get(other)?.name ?? other)}]`);
		for (const service of list.sort((a, b) => a.id.localeCompare(b.id))) lines.push(`  ${serviceNode(service)}`);
		lines.push('end');
	}
	lines.push(...edges, ...CLASS_DEFS, ...classLines([...members, ...outside.values()], spof));
	return { key: `system/${systemId}`, title, description, text: lines.join('\n') };
}

/** A service's neighbourhood: what it depends on and what depends on it, one hop away. */
export function serviceDiagram(model: Model, serviceId: string): Diagram {
	const service = model.services.get(serviceId)!;
	const spof = singlePoints(model);
	const nodes = new Map<string, Service>([[service.id, service]]);
	const lines: string[] = [];
	const edges: string[] = [];
	for (const d of service.dependencies) {
		const target = model.services.get(d.service);
		if (!target) continue;
		nodes.set(target.id, target);
		edges.push(edge(nodeId('s', service.id), nodeId('s', target.id), d.type));
	}
	const dependants = model.index.dependants.get(serviceId) ?? [];
	const rolledUp: string[] = [];
	if (dependants.length <= DEPENDANTS_SHOWN) {
		for (const { service: user, type } of dependants) {
			nodes.set(user.id, user);
			edges.push(edge(nodeId('s', user.id), nodeId('s', service.id), type));
		}
	} else {
		// A platform service can have hundreds of dependants: one node per system of them keeps
		// the picture readable and quick to render (the text and the page's table list them all).
		const bySystem = new Map<string, { count: number; hard: boolean }>();
		for (const { service: user, type } of dependants) {
			const group = bySystem.get(user.system) ?? { count: 0, hard: false };
			group.count++;
			group.hard ||= type === 'hard';
			bySystem.set(user.system, group);
		}
		for (const [systemId, group] of bySystem) {
			const id = nodeId('users', systemId);
			const name = model.systems.get(systemId)?.name ?? systemId;
			rolledUp.push(`${id}[[${label(`${name}: ${group.count} ${group.count === 1 ? 'service' : 'services'}`)}]]`);
			edges.push(edge(id, nodeId('s', service.id), group.hard ? 'hard' : 'soft'));
		}
	}
	const users = dependants.map((d) => `${d.service.id} (${d.type})`);
	const title = `${service.name}: dependencies and dependants`;
	const description = `${dependencySentence(model, service)} ${users.length ? `Depended on by: ${users.join(', ')}.` : 'Nothing depends on it.'}${spof.has(serviceId) ? ' It is a single point of failure.' : ''}`;
	lines.push(...header(title, description));
	for (const node of nodes.values()) {
		const extra = node.id === serviceId ? ` · tier ${node.tier}${spof.has(node.id) ? ' · SPOF' : ''}` : '';
		lines.push(serviceNode(node, extra));
	}
	lines.push(...rolledUp, ...edges, ...CLASS_DEFS, ...classLines([...nodes.values()], spof), `class ${nodeId('s', serviceId)} focus`);
	return { key: `service/${serviceId}`, title, description, text: lines.join('\n') };
}

/** A troubleshooting tree as a flowchart; question nodes link to their step-through sections. */
export function treeDiagram(tree: Tree, anchor: (node: string) => string): Diagram {
	const title = `Troubleshooting flow: ${tree.title}`;
	const facts: string[] = [];
	const lines: string[] = [];
	const ends: string[] = [];
	for (const node of tree.nodes) {
		lines.push(`${nodeId('n', node.id)}{${label(node.question)}}`);
		lines.push(`click ${nodeId('n', node.id)} href "${anchor(node.id)}" "${accText(node.question).replace(/"/g, "'")}"`);
		node.answers.forEach((answer, i) => {
			const from = nodeId('n', node.id);
			if (answer.next) {
				lines.push(`${from} -->|${edgeLabel(answer.label)}| ${nodeId('n', answer.next)}`);
				facts.push(`${node.question} ${answer.label}: go to "${tree.nodes.find((n) => n.id === answer.next)?.question ?? answer.next}".`);
				return;
			}
			const end = nodeId('e', `${node.id}_${i}`);
			const text = answer.runbook ? `Runbook: ${answer.runbook}` : answer.escalate ? `Escalate to ${answer.escalate}` : `Resolved: ${(answer.resolution ?? '').split(/\.(?:\s|$)|\n/)[0]}`;
			lines.push(`${from} -->|${edgeLabel(answer.label)}| ${end}(${label(text)})`);
			ends.push(end);
			facts.push(`${node.question} ${answer.label}: ${text}.`);
		});
	}
	const out = [...header(title, facts.join(' '), 'TD'), ...lines, 'classDef terminal stroke-width:2px', ...(ends.length ? [`class ${ends.join(',')} terminal`] : [])];
	return { key: `tree/${tree.id}`, title, description: facts.join(' '), text: out.join('\n') };
}

/** Incident flow: severity levels → roles → the review. */
export function incidentDiagram(policy: IncidentPolicy): Diagram {
	const title = 'Incident response flow: severity, escalation, roles, review';
	const levels = policy.severities.map((s) => `${s.level} ${s.name}: acknowledge within ${s.responseTime}${s.page ? ', pages out of hours' : ''}`);
	const description = `${levels.join('. ')}. Escalation: ${policy.escalation.map((e) => `level ${e.level} ${e.who} after ${e.after}`).join(', ')}. Post-incident review within ${policy.postIncidentReview.within}.`;
	const lines = header(title, description);
	lines.push(`detect(${label('Alert or report')})`, `triage{${label('Classify severity')}}`, 'detect --> triage');
	for (const s of policy.severities) {
		lines.push(`${nodeId('sev', s.level)}[${label(`${s.level.toUpperCase()} ${s.name} · ack ${s.responseTime}`)}]`, `triage --> ${nodeId('sev', s.level)}`);
		lines.push(`${nodeId('sev', s.level)} --> ${s.review ? 'respond' : 'resolve'}`);
	}
	lines.push(`respond[${label(`Roles: ${policy.roles.map((r) => r.name).join(', ')}`)}]`, `resolve(${label('Resolve and update stakeholders')})`, 'respond --> resolve');
	lines.push(`review[${label(`Post-incident review within ${policy.postIncidentReview.within}`)}]`, 'resolve --> review');
	return { key: 'incident', title, description, text: lines.join('\n') };
}

/** Security response: severity → NIST phases (with CSF functions). */
export function securityDiagram(plan: SecurityPlan): Diagram {
	const title = 'Security incident response: NIST SP 800-61 phases';
	const description = plan.phases.map((p) => `${p.phase} (${p.csf.join(', ')})`).join(' → ');
	const lines = header(title, description);
	plan.phases.forEach((phase, i) => {
		lines.push(`${nodeId('p', phase.phase)}[${label(`${phase.phase.replace(/-/g, ' ')} · ${phase.csf.join(', ')}`)}]`);
		if (i > 0) lines.push(`${nodeId('p', plan.phases[i - 1]!.phase)} --> ${nodeId('p', phase.phase)}`);
	});
	const last = plan.phases.at(-1);
	const first = plan.phases[0];
	if (last && first && plan.phases.length > 1) lines.push(`${nodeId('p', last.phase)} -.->|${edgeLabel('lessons learned')}| ${nodeId('p', first.phase)}`);
	return { key: 'security', title, description, text: lines.join('\n') };
}

/** A disaster-recovery runbook's steps as a sequence, ending in verification. */
export function drDiagram(runbook: Runbook): Diagram {
	const title = `Recovery flow: ${runbook.title}`;
	const description = runbook.steps.map((s, i) => `${i + 1}. ${s.title}`).join(' ');
	const lines = header(title, description, 'TD');
	runbook.steps.forEach((step, i) => {
		lines.push(`${nodeId('step', String(i + 1))}[${label(`${i + 1}. ${step.title}`)}]`);
		if (i > 0) lines.push(`${nodeId('step', String(i))} --> ${nodeId('step', String(i + 1))}`);
	});
	if (runbook.verification.length) {
		lines.push(`verify(${label('Verify: ' + runbook.verification[0]!)})`, `${nodeId('step', String(runbook.steps.length))} --> verify`);
	}
	return { key: `dr/${runbook.id}`, title, description, text: lines.join('\n') };
}

/** Every diagram the site shows, from the model alone. */
export function allDiagrams(model: Model, treeAnchor: (tree: string, node: string) => string): Diagram[] {
	const out: Diagram[] = [architectureDiagram(model)];
	for (const id of model.systems.keys()) out.push(systemDiagram(model, id));
	for (const id of model.services.keys()) out.push(serviceDiagram(model, id));
	for (const tree of model.trees.values()) out.push(treeDiagram(tree, (node) => treeAnchor(tree.id, node)));
	for (const runbook of model.runbooks.values()) if (runbook.kind === 'disaster-recovery') out.push(drDiagram(runbook));
	if (model.incident) out.push(incidentDiagram(model.incident));
	if (model.security) out.push(securityDiagram(model.security));
	return out;
}
