/** A troubleshooting tree can be walked to a resolution with JavaScript off, by plain links. */
import { expect, test } from '@playwright/test';
import type { Tree } from '../../src/model/index.ts';
import { modelOf } from './model.ts';
import { SITES } from './sites.ts';

const model = modelOf(SITES.example.content);

/** The shortest path of answers from the start node to an answer that ends the walk. */
function pathToEnd(tree: Tree): { node: string; label: string; ends: boolean }[] {
	const byId = new Map(tree.nodes.map((n) => [n.id, n]));
	const queue: { id: string; path: { node: string; label: string; ends: boolean }[] }[] = [{ id: tree.start, path: [] }];
	const seen = new Set<string>();
	while (queue.length) {
		const { id, path } = queue.shift()!;
		if (seen.has(id)) continue;
		seen.add(id);
		for (const answer of byId.get(id)!.answers) {
			if (answer.next) queue.push({ id: answer.next, path: [...path, { node: id, label: answer.label, ends: false }] });
			else if (answer.resolution) return [...path, { node: id, label: answer.label, ends: true }];
		}
	}
	return [];
}

test.use({ javaScriptEnabled: false });

for (const tree of [...model.trees.values()].slice(0, 3)) {
	test(`tree "${tree.id}" can be walked to a resolution without JavaScript`, async ({ page }) => {
		const steps = pathToEnd(tree);
		test.skip(steps.length === 0, 'tree has no inline resolution');
		await page.goto(`trees/${tree.id}/`);
		for (const step of steps) {
			const node = page.locator(`#node-${step.node}`);
			await expect(node).toBeVisible();
			await node.getByRole('link', { name: step.label, exact: true }).first().click();
		}
		const last = steps.at(-1)!;
		const answer = tree.nodes.find((n) => n.id === last.node)!.answers.find((a) => a.label === last.label)!;
		const words = answer.resolution!.replace(/[`*_[\]()]/g, '').split(/\s+/).slice(0, 4).join(' ');
		await expect(page.locator(':target')).toContainText(words);
	});
}
