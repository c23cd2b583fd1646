/**
 * `opsbook alerts check`: the rules and the handbook agree. A rule fails when its alert is not
 * in the model, when the model gives it no runbook, or when its `runbook_url` points into the
 * handbook at a page the build did not make — the 404 an on-call engineer meets at 3 a.m.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closest } from '../lib/closest.ts';
import { runbookForAlert, type Model } from '../model/index.ts';
import { alertPage } from './annotate.ts';
import { readRules } from './rules.ts';

export interface RuleProblem {
	line: number;
	column: number;
	alert: string;
	message: string;
}

export interface CheckOptions {
	/** The handbook's address; runbook_urls under it must name a built page. */
	siteUrl?: string;
	/** The built site, to look those pages up in. */
	dist?: string;
}

export function checkRules(text: string, model: Model, options: CheckOptions): { problems: RuleProblem[]; rules: number; problem?: string } {
	const file = readRules(text);
	if (file.problem) return { problems: [], rules: 0, problem: file.problem };
	const problems: RuleProblem[] = [];
	const site = options.siteUrl?.replace(/\/+$/, '');
	for (const rule of file.rules) {
		const at = (message: string) => problems.push({ line: rule.line, column: rule.column, alert: rule.name, message });
		const entries = model.index.alerts.get(rule.name);
		if (!entries?.length) {
			const guess = closest(rule.name, model.index.alerts.keys());
			at(`alert ${rule.name} is not in the model${guess ? `; did you mean ${guess}?` : ''} — add it to the alerts of the service it pages for`);
			continue;
		}
		const inModel = entries.some((entry) => runbookForAlert(model, entry));
		if (!inModel && !entries.some((entry) => entry.alert.runbookUrl)) at(`alert ${rule.name} has no runbook in the model — give it a "runbook:" or list it in a runbook's triggers.alerts`);
		if (!rule.runbookUrl) {
			at(`alert ${rule.name} has no annotations.runbook_url${site ? ` — run opsbook alerts annotate (it would be ${alertPage(site, rule.name)})` : ''}`);
			continue;
		}
		if (site && options.dist && rule.runbookUrl.startsWith(`${site}/`)) {
			const path = decodeURIComponent(new URL(rule.runbookUrl).pathname.slice(new URL(`${site}/`).pathname.length));
			const page = join(options.dist, ...path.split('/').filter((part) => part && part !== '..' && part !== '.'), path.endsWith('.html') ? '' : 'index.html');
			if (!existsSync(page)) at(`runbook_url ${rule.runbookUrl} is not a page of the built handbook (404) — it should be ${alertPage(site, rule.name)}`);
		}
	}
	return { problems, rules: file.rules.length };
}
