/**
 * The site's single door to the model: loaded once per build by the shared loader, with the
 * analysis and the coverage verdict computed once beside it. Pages only read from here.
 */
import { analyse, type Finding } from '../analysis/findings.ts';
import { judge, type Verdict } from '../coverage/verdict.ts';
import { judgementDay } from '../coverage/today.ts';
import { currentConfig } from '../config/index.ts';
import { contentRoot, formatDiagnostic, loadModel, loadModelForBuild, type LoadResult } from '../load/index.ts';
import type { Model } from '../model/index.ts';

export interface SiteData {
	result: LoadResult;
	model: Model;
	findings: Finding[];
	verdict?: Verdict;
	today: string;
}

let cached: { data: SiteData; at: number } | undefined;

export function siteData(): SiteData {
	// In dev, reload at most once a second so YAML edits show up; a build loads once.
	if (cached && (import.meta.env.PROD || Date.now() - cached.at < 1000)) return cached.data;
	const root = contentRoot([]);
	const result = import.meta.env.PROD ? loadModelForBuild(root) : loadModel(root);
	// The build passes the day it judged on (scripts/build.ts); the dev server works it out alike.
	const today = judgementDay(result.model.policy, currentConfig().today).today;
	// A preview (allowGaps) of a build leaves out what has errors, and the banner lists it.
	if (!result.ok && !(import.meta.env.PROD && currentConfig().allowGaps)) {
		const text = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n');
		// A production build never renders a broken model. In the dev server the error is shown
		// in the browser (Astro's error overlay, with file:line:col) until the file is fixed,
		// rather than a page that silently keeps its old content.
		const error = new Error(`The model has errors${import.meta.env.PROD ? '; run "npm run check"' : ''}:\n${text}`);
		error.name = 'ModelError';
		throw error;
	}
	const model = result.model;
	const verdict = model.policy ? judge(model, model.policy, today) : undefined;
	if (verdict && !verdict.ok && !import.meta.env.PROD) {
		// The dev server keeps serving with gaps; the build refuses them (scripts/build.ts).
		console.warn(`[opsbook] coverage gaps (npm run build would refuse these):\n${verdict.gaps.map((g) => `  ${g.file}: ${g.message}`).join('\n')}`);
	}
	const data: SiteData = { result, model, findings: analyse(model), verdict, today };
	cached = { data, at: Date.now() };
	return data;
}

export function model(): Model {
	return siteData().model;
}
