import { z } from 'zod';
import { access } from './access.ts';
import { id, link, markdown, ref, text } from './common.ts';
import { businessImpact } from './impact.ts';

export const systemSchema = z
	.strictObject({
		id,
		name: text('Display name.'),
		summary: text('One sentence: what the system is for.'),
		description: markdown.optional(),
		owner: ref('team').describe('Id of the team accountable for the system as a whole.'),
		domain: z.string().optional().describe('Business domain or product area.'),
		links: z.array(link).default([]).describe('Typed links for the whole system.'),
		impact: businessImpact.optional(),
		access: access.optional(),
	})
	.describe('A group of services with a shared purpose: the roll-up level for diagrams and navigation.');

export type System = z.infer<typeof systemSchema>;
