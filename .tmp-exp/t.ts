import { readYaml } from '/work/main/src/load/source.ts';
import { writeFileSync } from 'node:fs';
const cases: Record<string,string> = {
 dupkey: 'id: a\nname: x\nid: b\n',
 multi: 'id: a\n---\nid: b\n',
 syntax: 'id: a\nname: [x, y\nsummary: z\n',
 syntax2: 'id: a\n  name: b\n',
 list: '- a\n- b\n',
 scalar: 'hello\n',
 bomb: 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n',
 deep: Array.from({length: 41}, (_, i) => '  '.repeat(i) + 'a:').join('\n') + ' 1\n',
 deepflow: '['.repeat(5000) + ']'.repeat(5000) + '\n',
 deepflow2: 'a: ' + '['.repeat(100000) + ']'.repeat(100000) + '\n',
 deepmap: 'a: ' + '{a: '.repeat(20000) + '1' + '}'.repeat(20000) + '\n',
 tab: 'id: a\nx:\n\tb: 1\n',
 empty: '',
 comments: '# hi\n',
 nul: 'id: a\n\u0000\n',
 undefinedalias: 'a: *x\n',
 anchoronly: 'a: &x 1\nb: *x\nc: *x\n',
 mergekey: 'base: &b {x: 1}\nc:\n  <<: *b\n',
 dupkey2: 'a:\n  b: 1\n  b: 2\n',
 tag: 'a: !!binary aGVsbG8=\n',
 tag2: 'a: !foo bar\n',
 bigint: 'a: 99999999999999999999999\n',
 date: 'a: 2024-01-01\n',
 keyobj: '? [a, b]\n: 1\n',
 nullkey: 'null: 1\n~: 2\n',
};
for (const [name, text] of Object.entries(cases)) {
  writeFileSync(`/work/main/.tmp-exp/${name}.yaml`, text);
  const t0 = performance.now();
  try {
    const r = readYaml(`/work/main/.tmp-exp/${name}.yaml`, name);
    console.log(name, (performance.now()-t0).toFixed(0)+'ms', r.ok ? JSON.stringify(r.source.data).slice(0,100) : JSON.stringify(r.diagnostics));
  } catch (e) { console.log(name, 'THREW', (e as Error).constructor.name, (e as Error).message.slice(0,200)); }
}
const big: Record<string,string> = {
  flow1m: 'a: ' + '['.repeat(500000) + ']'.repeat(500000) + '\n',
  compact: '- '.repeat(300000) + 'x\n',
  blockmap: Array.from({length: 1300}, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n',
  okflow: 'a: ' + '['.repeat(30) + ']'.repeat(30) + '\n',
  quoted: 'a: "' + '['.repeat(50) + '"\nb: \'' + '{'.repeat(50) + '\' # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n',
};
for (const [name, text] of Object.entries(big)) {
  writeFileSync(`/work/main/.tmp-exp/${name}.yaml`, text);
  const t0 = performance.now();
  const r = readYaml(`/work/main/.tmp-exp/${name}.yaml`, name);
  console.log(name, (performance.now()-t0).toFixed(0)+'ms', r.ok ? JSON.stringify(r.source.data).slice(0,100) : JSON.stringify(r.diagnostics).slice(0, 300));
}
