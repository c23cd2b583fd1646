/**
 * `node scripts/synthetic.ts --size 200 [--seed opsbook] [--today 2026-11-23] [--out DIR]`:
 * writes a synthetic model of that many services (see scripts/lib/synthetic.ts). Deterministic:
 * the same size, seed and date give the same files. Check it with the same date:
 *
 *   npm run check -- --content DIR --today 2026-11-23
 */
import { resolve } from 'node:path';
import { generateModel, writeModel } from './lib/synthetic.ts';

export const DEFAULT_TODAY = '2026-11-23';

const flag = (name: string) => {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
};
const size = Number(flag('--size') ?? 50);
const seed = flag('--seed') ?? 'opsbook';
const today = flag('--today') ?? DEFAULT_TODAY;
const out = resolve(flag('--out') ?? `.opsbook/bench/model-${size}`);
const model = generateModel({ size, seed, today });
const files = writeModel(model, out);
console.log(`Wrote ${out}: ${model.services.length} services, ${model.systems.length} systems, ${model.teams.length + model.copiedTeams.length} teams, ${model.runbooks.length} runbooks, ${model.trees.length} trees, ${model.specs.size} API specs (${files} files; seed "${seed}", today ${today})`);
