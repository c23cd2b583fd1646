import { readYaml } from '../src/load/source.ts';
import { writeFileSync } from 'node:fs';
for (const n of [40, 100, 1300]) {
const text = Array.from({length: n}, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n';
writeFileSync('.tmp-exp/b.yaml', text);
const r = readYaml('.tmp-exp/b.yaml', 'b');
console.log(n, JSON.stringify(r.ok ? 'ok' : r.diagnostics));
}
