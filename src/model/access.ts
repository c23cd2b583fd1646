/**
 * Who may do what on a system: its roles (what each grants, who grants it, whether it needs
 * MFA, how to ask for it), the break-glass procedure, how often access is recertified, and the
 * checklists for people joining and leaving.
 */
import { z } from 'zod';
import { date, duration, ref, text } from './common.ts';

export const accessRole = z
	.strictObject({
		name: text('The role as people ask for it, e.g. "Cluster operator" or the group or permission set name.'),
		grants: text('What it allows, e.g. "kubectl exec, scale and restart in namespace cmp".'),
		grantedBy: ref('team').describe('Id of the team that approves and grants it.'),
		mfa: z.boolean().describe('Whether using the role requires multi-factor authentication.'),
		request: ref('runbook').optional().describe('Id of the runbook that says how to request it (usually one of kind access).'),
		expires: duration.optional().describe('How long a grant lasts before it must be requested again, e.g. "90d"; left out, it lasts until revoked.'),
	})
	.describe('A role on the system.');

const step = text('One step, in the order to do it; `code` spans are shown as code.');

export const access = z
	.strictObject({
		roles: z.array(accessRole).min(1, { error: 'list at least one role' }).describe('Every role that gives access to the system: the access matrix.'),
		breakGlass: ref('runbook').optional().describe('Id of the runbook for emergency access when the normal path (SSO, the identity provider) is down.'),
		recertifyEvery: duration.describe('How often every grant is reviewed and the ones nobody can justify removed, e.g. "90d" (quarterly).'),
		lastRecertified: date.optional().describe('When the last review was finished. Older than recertifyEvery is a gap of the `access-review` requirement.'),
		onboarding: z.array(step).default([]).describe('What a person joining the team gets, in order: groups, tools, the first access request.'),
		offboarding: z.array(step).default([]).describe('What is removed when a person leaves, in order, including the credentials to rotate.'),
	})
	.describe('Who may do what on the system, and how access is granted, reviewed and removed.');

export type Access = z.infer<typeof access>;
export type AccessRole = z.infer<typeof accessRole>;
