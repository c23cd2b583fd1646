/**
 * Alerting rules as Prometheus keeps them: rule files (`groups: [{ name, rules }]`) and
 * PrometheusRule resources (`spec.groups`), several documents per file allowed. Each rule is
 * found with its place in the text, so that annotate can edit the text itself (every comment,
 * quote and line break of the file stays as it was) and check can say file:line:column.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export interface AlertRule {
	/** The alert name (`alert:`). */
	name: string;
	severity?: string;
	/** The rule's mapping in the document. */
	node: YAMLMap;
	/** Where `alert:` is, for messages. */
	line: number;
	column: number;
	/** The current `annotations.runbook_url`, if any. */
	runbookUrl?: string;
}

export interface RuleFile {
	text: string;
	rules: AlertRule[];
	/** Why the file could not be read as rules, if it could not. */
	problem?: string;
}

const MAX_BYTES = 8 * 1024 * 1024;

export function readRules(text: string): RuleFile {
	if (text.length > MAX_BYTES) return { text, rules: [], problem: 'over 8 MB' };
	const lines = new LineCounter();
	let docs: Document.Parsed[];
	try {
		docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false }) as Document.Parsed[];
	} catch {
		return { text, rules: [], problem: 'not YAML' };
	}
	if (!Array.isArray(docs)) return { text, rules: [], problem: 'not YAML' };
	const broken = docs.find((doc) => doc.errors.length);
	if (broken) return { text, rules: [], problem: `not valid YAML (${broken.errors[0]!.code} at line ${lines.linePos(broken.errors[0]!.pos[0]).line})` };
	const rules: AlertRule[] = [];
	for (const doc of docs) {
		const root = doc.contents;
		if (!isMap(root)) continue;
		// A PrometheusRule resource keeps its groups under spec.
		const spec = get(root, 'spec');
		const groups = get(isMap(spec) ? spec : root, 'groups');
		if (!isSeq(groups)) continue;
		for (const group of groups.items) {
			const list = isMap(group) ? get(group, 'rules') : undefined;
			if (!isSeq(list)) continue;
			for (const rule of list.items) {
				if (!isMap(rule)) continue;
				const alert = get(rule, 'alert');
				// Recording rules (`record:`) have no alert and no runbook.
				if (!isScalar(alert) || typeof alert.value !== 'string') continue;
				const labels = get(rule, 'labels');
				const severity = isMap(labels) ? get(labels, 'severity') : undefined;
				const annotations = get(rule, 'annotations');
				const url = isMap(annotations) ? get(annotations, 'runbook_url') : undefined;
				const pos = lines.linePos(alert.range?.[0] ?? 0);
				rules.push({
					name: alert.value,
					severity: isScalar(severity) ? String(severity.value) : undefined,
					node: rule,
					line: pos.line,
					column: pos.col,
					runbookUrl: isScalar(url) && url.value !== null ? String(url.value) : undefined,
				});
			}
		}
	}
	return { text, rules };
}

export function get(map: YAMLMap, key: string): Node | undefined {
	const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key) as Pair<Node, Node> | undefined;
	return pair?.value ?? undefined;
}

export function pairOf(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
	return map.items.find((item) => isScalar(item.key) && item.key.value === key) as Pair<Node, Node> | undefined;
}
