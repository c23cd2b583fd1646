import { Lexer, parseAllDocuments, LineCounter } from 'yaml';
const texts: Record<string,string> = {
  flow1m: 'a: ' + '['.repeat(500000) + ']'.repeat(500000) + '\n',
  compact: '- '.repeat(300000) + 'x\n',
  blockmap: Array.from({length: 1300}, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n',
};
for (const [name, text] of Object.entries(texts)) {
  let t0 = performance.now();
  let depth = 0, max = 0, n = 0;
  for (const tok of new Lexer().lex(text)) { n++; if (tok === '[' || tok === '{') { depth++; if (depth > max) max = depth; } else if (tok === ']' || tok === '}') depth--; }
  console.log(name, 'lex', (performance.now()-t0).toFixed(0), 'ms max', max, 'tokens', n);
  t0 = performance.now();
  try { const d = parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, maxAliasCount: 100 }); console.log(name, 'parse', (performance.now()-t0).toFixed(0), 'ms', Array.isArray(d) ? d[0]?.errors.length : 'x'); }
  catch (e) { console.log(name, 'parse threw', (e as Error).message, (performance.now()-t0).toFixed(0)); }
}
