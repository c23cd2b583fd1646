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
import { noteInput, tracking } from './page-inputs.ts';
import { coverageTally, findingsForServices } from './queries.ts';
import { addSource, bannerFacts, cacheKeyed, trackedView } from './tracked-data.ts';

export interface SiteData {
	result: LoadResult;
	model: Model;
	findings: Finding[];
	verdict?: Verdict;
	today: string;
}

let cached: { data: SiteData; view: SiteData; at: number } | undefined;

/**
 * The model and what was worked out from it, for a page to read. In an incremental build the
 * reads are noted per page (tracked-data.ts), so read the model through here, not around it.
 */
export function siteData(): SiteData {
	return load().view;
}

/** The data as loaded, unobserved: for work that is no page's read (cache keys, set-up). */
export function loadedSiteData(): SiteData {
	return load().data;
}

function load(): { data: SiteData; view: SiteData } {
	// In dev, reload at most once a second so YAML edits show up; a build loads once.
	if (cached && (import.meta.env.PROD || Date.now() - cached.at < 1000)) return cached;
	const root = contentRoot([]);
	const result = import.meta.env.PROD ? loadModelForBuild(root) : loadModel(root, { cache: currentConfig().cacheDir });
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
	cached = { data, view: import.meta.env.PROD && tracking() ? trackedView(data) : data, at: Date.now() };
	return cached;
}

/**
 * A value worked out from the site data that pages read as one input of theirs (incremental
 * builds): defined once, so what a page shows and what the next build compares are the same
 * computation. `item` names the part a page reads (a service id); without one, the whole value.
 */
export function derivedInput<T>(name: string, compute: (data: SiteData, item: string) => T): (item?: string) => T {
	addSource(name, { item: compute, all: (data) => compute(data, '*') });
	return (item = '*') => {
		noteInput(name, item);
		return compute(loadedSiteData(), item);
	};
}

/** The findings that name a service (read by that service's page alone). */
export const findingsOfService = derivedInput('findings-of', (data, id) => data.findings.filter((finding) => finding.services.includes(id)));

/** A service's coverage results, when the model has a policy. */
export const coverageOfService = derivedInput('coverage-of', (data, id) => data.verdict?.services.find((s) => s.service === id));

// A system's page: the findings and the coverage tally of its services, as it shows them.
const findingsOfServiceList = derivedInput('findings-of-services', (data, ids) => findingsForServices(data.findings, ids.split(',')));
const coverageTallyOfList = derivedInput('coverage-tally', (data, ids) => coverageTally(data.verdict, ids.split(',')));

/** The findings that name any of these services, in the findings' order. */
export const findingsOfServices = (serviceIds: string[]) => findingsOfServiceList(serviceIds.join(','));

/** Met (or waived) over total for these services' requirements, when the model has a policy. */
export const coverageTallyOf = (serviceIds: string[]) => coverageTallyOfList(serviceIds.join(','));

/** What the banner on every page says (errors, TODOs, gaps): one input, the same for every page. */
export const siteBanner = derivedInput('banner', (data) => bannerFacts(data));

/**
 * getStaticPaths' paths, with the cacheKey that lets an incremental build restore a page whose
 * inputs did not change: `export const getStaticPaths = ({ routePattern }) => keyedPaths(routePattern, …)`.
 */
export function keyedPaths<T extends { params: Record<string, string | number | undefined>; props?: unknown }>(
	routePattern: string,
	paths: T[],
	identity: (path: T) => unknown = (path) => path.props ?? null,
) {
	return cacheKeyed(loadedSiteData(), routePattern, paths, identity);
}

export function model(): Model {
	return siteData().model;
}
