// Exploration aid: compile a Circom or Noir file and optionally run it on inputs (JSON).
// npx tsx eval/suite/tools/try.ts FILE [INPUTS_JSON]
import { readFileSync } from 'node:fs';
import { createBackend } from '../../../compiler-harness/index.js';

const [file, inputs] = process.argv.slice(2);
const lang = file.endsWith('.nr') ? 'noir' : 'circom';
const backend = await createBackend(lang);
const source = readFileSync(file, 'utf8');
const circuit =
  lang === 'circom'
    ? { lang, files: { 'main.circom': source }, entry: 'main.circom' }
    : { lang, files: { 'src/main.nr': source }, entry: 'src/main.nr' };
const compiled = await backend.compile(circuit as never);
if (!compiled.ok) console.log(compiled.rawOutput);
console.log('ok', compiled.ok, 'count', compiled.compiled?.constraintCount, compiled.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
if (compiled.compiled && inputs) console.log(JSON.stringify(await backend.execute(compiled.compiled, JSON.parse(inputs)), (k, v) => (k === 'witness' ? undefined : v)));
await backend.dispose();
