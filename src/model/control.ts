/**
 * A compliance control: one requirement of a framework (SOC 2 CC7.4, GDPR Art. 33, PCI DSS
 * 12.10.1…) and the parts of the model that are its evidence. One file per control in controls/.
 * Whether the evidence holds (runbooks tested, restores in their window, entities present) is
 * derived from the model by src/coverage/controls.ts.
 */
import { z } from 'zod';
import { date, id, markdown, ref, text, url } from './common.ts';

/** Frameworks the pages name in full; any other kebab-case id is accepted and shown as written. */
export const knownFrameworks: Record<string, string> = {
	soc2: 'SOC 2',
	gdpr: 'GDPR',
	'pci-dss': 'PCI DSS',
	iso27001: 'ISO/IEC 27001',
	hipaa: 'HIPAA',
	'nist-csf': 'NIST CSF',
	dora: 'DORA',
	nis2: 'NIS2',
};

/** How a framework id reads on a page: "soc2" → "SOC 2"; an unknown id as written. */
export function frameworkName(framework: string): string {
	return knownFrameworks[framework] ?? framework;
}

export const controlStatus = z
	.enum(['implemented', 'partial', 'planned', 'not-applicable'])
	.describe('implemented: in place, and its evidence is judged; partial: partly in place, evidence judged; planned: not yet in place, not judged; not-applicable: out of scope (say why in "justification"), not judged.');

export const evidence = z
	.strictObject({
		runbooks: z.array(ref('runbook')).default([]).describe('Ids of runbooks that carry out the control; each must be tested within its policy window (runbookTest / runbookTestByKind).'),
		services: z.array(ref('service')).default([]).describe('Ids of services the control is about or implemented by.'),
		backups: z.array(ref('service')).default([]).describe('Ids of services whose backup and restore test are evidence: each needs a backup and a restore test within its restoreTest window.'),
		reviews: z.array(ref('post-incident review')).default([]).describe('Ids of post-incident reviews that show the control working (or the lessons taken from it).'),
		playbooks: z.array(id).default([]).describe('Ids of playbooks of the security response plan.'),
		securityPlan: z.boolean().default(false).describe('The security incident response plan is evidence (security-response-plan.yaml must exist).'),
		incidentManagement: z.boolean().default(false).describe('The incident-management policy is evidence (incident-management.yaml must exist).'),
		documents: z
			.array(z.strictObject({ title: text('What the document is: "Data processing agreement with Microsoft".'), url }))
			.default([])
			.describe('Documents kept elsewhere: policies, agreements, audit reports.'),
	})
	.describe('What shows the control is in place: parts of the model (judged) and documents (listed).');

export const controlSchema = z
	.strictObject({
		id,
		framework: id.describe(`The framework, as a kebab-case id: ${Object.entries(knownFrameworks).map(([key, name]) => `${key} (${name})`).join(', ')}; others are shown as written.`),
		control: text('The control\'s reference in the framework: "CC7.4", "Art. 33", "12.10.1", "A.5.24".'),
		title: text('The control in a few words: "Incident response plan tested".'),
		description: markdown.optional().describe('What the control asks and how it is met here.'),
		owner: ref('team').describe('Id of the team accountable for the control.'),
		status: controlStatus,
		justification: z.string().optional().describe('Why the control does not apply (status: not-applicable), or what is missing (partial, planned).'),
		evidence: evidence.prefault({}),
		lastReviewed: date.describe('When the owner last checked the control and its evidence (judged against freshness.controlReview when the policy sets it).'),
	})
	.describe('A compliance control of a framework (SOC 2, GDPR, PCI DSS, ISO 27001…) and the parts of the model that are its evidence (one file per control in controls/).');

export type Control = z.infer<typeof controlSchema>;
export type ControlStatus = z.infer<typeof controlStatus>;
export type Evidence = z.infer<typeof evidence>;
