import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, loadModel } from '../src/load/index.ts';
const root = join(process.cwd(), 'tests/fixtures/broken');
for (const name of readdirSync(root).sort()) {
  const r = loadModel(join(root, name), { cwd: process.cwd() });
  const lines = r.diagnostics.filter((d) => !d.file.endsWith('/expected.txt')).map(formatDiagnostic);
  writeFileSync(join(root, name, 'expected.txt'), lines.join('\n') + '\n');
}
