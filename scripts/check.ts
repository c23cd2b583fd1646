/**
 * `npm run check`: validate the model, run the analysis and the coverage gate, without
 * building the site. Exits 1 when there is an error or a coverage gap.
 *
 *   npm run check                     the model in content/
 *   npm run check -- --content DIR    another team's model
 *   npm run check -- --today 2026-01-31   judge freshness as of that date (else the config's
 *                                         today, else the policy's asOf, else the clock)
 */
import { checkApis, withApiCheck } from '../src/apis/check.ts';
import { loadConfigOrExit } from '../src/config/index.ts';
import { asOfNotice, judgementDay } from '../src/coverage/today.ts';
import { contentRoot, loadModel } from '../src/load/index.ts';
import { openParseCache } from '../src/load/parse-cache.ts';
import { report } from '../src/report/check.ts';

const config = await loadConfigOrExit();
const root = contentRoot();
// Parsed files are kept between runs in the cacheDir: a re-check parses only what changed.
const cache = openParseCache(config.cacheDir, root);
const loaded = loadModel(root, { cache });
const day = judgementDay(loaded.model.policy, valueOf('--today') ?? config.today);
// The API specs are linted with Redocly after loading (a subprocess; the loader stays pure).
const apis = await checkApis(loaded, { allowRedoclyPlugins: config.allowRedoclyPlugins });
const { text, ok } = report(withApiCheck(loaded, apis), { today: day.today, apis });
process.stdout.write(text);
// Again, with the positions the report looked up: the next run reports them without parsing.
cache.save();
const notice = asOfNotice(day);
if (notice) console.log(notice);
process.exitCode = ok ? 0 : 1;

function valueOf(flag: string): string | undefined {
	const i = process.argv.indexOf(flag);
	return i >= 0 ? process.argv[i + 1] : undefined;
}
