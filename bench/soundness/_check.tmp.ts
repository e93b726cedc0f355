import { CircomBackend } from '../../compiler-harness/circom/backend.js';
import { loadRealBugs } from '../../bench/soundness/real-bugs.js';
const backend = new CircomBackend();
const only = process.argv.slice(2);
for (const c of loadRealBugs().filter((c) => !only.length || only.includes(c.id))) {
  for (const v of ['bug', 'fixed'] as const) {
    const r = await backend.compile(c[v] as never);
    if (!r.compiled) { console.log(c.id, v, 'COMPILE', r.diagnostics.find((d) => d.severity === 'error')?.message.split('\n').slice(0,3).join(' | ')); continue; }
    const e = await backend.execute(r.compiled, c.inputs);
    console.log(c.id, v, r.compiled.constraintCount, e.ok ? 'ok ' + JSON.stringify(e.outputs ?? '') .slice(0, 80) : 'EXEC ' + JSON.stringify(e).slice(0, 200));
  }
}
await backend.dispose();
