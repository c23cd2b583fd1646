import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, loadModel } from '../src/load/index.ts';
const root = join(process.cwd(), 'tests/fixtures/broken');
for (const name of process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(root).sort()) {
  const r = loadModel(join(root, name), { cwd: process.cwd() });
  const lines = r.diagnostics.filter((d) => !d.file.endsWith('/expected.txt')).map(formatDiagnostic);
  console.log(`== ${name} (${lines.length}) ok=${r.ok}`);
  for (const l of lines) console.log(l);
}
