/** Untrusted sketch source in the QuickJS sandbox: results, source lines, and isolation. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSketchVectors, lowerSketchSource, runSketchSource } from '../index.js';
import { runInSandbox } from '../sandbox/run.js';
import { vectors as divModVectors } from '../examples/div-mod.js';
import { vectors as softmaxVectors } from '../examples/softmax.js';
import { examples } from '../examples/index.js';

const example = (file: string): string => readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8');

const leaky = `import { sketch, UInt, witness, H } from 'zksl';

// a classic bug: q is computed by a hint and never tied to a and b
type Unused = { note: string };

export default sketch({
  name: 'Leaky',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), b: UInt(bits) }),
  outputs: ({ bits }) => ({ q: UInt(bits) }),
  body: ({ a, b }, { bits }) => {
    const q: ReturnType<typeof witness> = witness(UInt(bits), H.div(a, b));
    return { q };
  },
});
`;

describe('sandbox: results', () => {
  it('runs an example from source with the same outputs as in-process', async () => {
    const run = await runSketchSource(example('div-mod.ts'), { mode: 'witness', inputs: { a: 100, b: 7 } });
    expect(run.ok && run.outputs).toEqual({ q: '14', r: '2' });
  });

  it('checks every example vector set from source, as in-process', async () => {
    for (const e of examples) {
      const report = await checkSketchVectors(example(e.file), e.vectors);
      expect(report.ok, `${e.file}: ${report.summary}`).toBe(true);
      expect(report.verdicts.length).toBe(e.vectors.accept.length + e.vectors.reject.length + e.vectors.forge.length);
    }
  });

  it('negative twin: a wrong expected output fails the vector check from source', async () => {
    const wrong = { ...softmaxVectors, accept: [{ inputs: { xs: [0, 0, 0, 0] }, outputs: { probs: [64, 64, 64, 65] } }] };
    const report = await checkSketchVectors(example('softmax.ts'), wrong);
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/accept #0: output 'probs'/);
  });

  it('reports an unconstrained hint with its line in the TypeScript source', async () => {
    const report = await runSketchSource(leaky, { mode: 'constraints' });
    expect(report.ok).toBe(false);
    const line = leaky.split('\n').findIndex((l) => l.includes('H.div(a, b)')) + 1;
    expect(report.findings[0].location).toEqual({ file: 'sketch.ts', line });
    expect(report.findings[0].message).toContain(`sketch.ts:${line}`);
  });

  it('reports a violated constraint with its source line', async () => {
    const result = await runSketchSource(example('div-mod.ts'), { mode: 'witness', inputs: { a: 100, b: 300 } });
    expect(!result.ok && result.failure.kind).toBe('constraint');
    // the input check of b has no sketch line; a = 100, b = 300 fails the UInt(8) check of input b
    expect(!result.ok && result.failure.message).toMatch(/input b: UInt\(8\) check/);
    const divByZero = await runSketchSource(example('div-mod.ts'), { mode: 'witness', inputs: { a: 1, b: 0 } });
    const line = example('div-mod.ts').split('\n').findIndex((l) => l.includes('G.divMod(')) + 1;
    expect(!divByZero.ok && divByZero.failure).toMatchObject({ kind: 'hint', location: { file: 'sketch.ts', line } });
  });

  it('lowers source to both languages', async () => {
    const circom = await lowerSketchSource(example('div-mod.ts'), 'circom');
    expect(circom.ok && circom.circuit.files['main.circom']).toMatch(/q <-- a \\ b;/);
    const noir = await lowerSketchSource(leaky, 'noir');
    expect(noir.ok && noir.circuit.files['src/main.nr']).toMatch(/let q = unsafe \{ hint_div_\d+\(\(a as Field\), \(b as Field\)\) \};/);
  });

  it('reports parse errors with a line', async () => {
    const run = await runSketchSource('export default sketch({\n  name: ,\n});', { mode: 'constraints' });
    expect(run.failure).toMatchObject({ kind: 'sketch', location: { line: 2 } });
  });
});

describe('sandbox: isolation', () => {
  const refused = async (source: string, options: { timeoutMs?: number; memoryBytes?: number } = {}) => {
    const run = await runInSandbox(source, { op: 'constraints' }, options);
    return run.ok ? { kind: 'ran', message: JSON.stringify(run.result) } : run.failure;
  };

  it.each([
    ["import fs from 'fs';\nexport default 1;", /import of 'fs'/],
    ["import { readFileSync } from 'node:fs';\nexport default readFileSync;", /import of 'node:fs'/],
    ["const cp = require('child_process');", /require\('child_process'\)|import of 'child_process'/],
    ["const r = globalThis['req' + 'uire']; r('fs');", /require\('fs'\)/],
    ['export default process.env.HOME;', /refused process/],
    ["fetch('http://example.com');", /refused fetch/],
    ["import('fs').then(() => 1);", /import of 'fs'/],
  ])('refuses %s', async (source, message) => {
    const failure = await refused(source);
    expect(failure.kind).toBe('refused');
    expect(failure.message).toMatch(message);
  });

  it('has no Node globals to reach for', async () => {
    const failure = await refused("export default [typeof Buffer, typeof globalThis.module, typeof WebAssembly].join(',');");
    // evaluation succeeded but there is no sketch: proves the lookups did not throw and found nothing useful
    expect(failure.message).toMatch(/must export a sketch/);
    const probe = await runInSandbox(
      "const seen = [typeof Buffer, typeof __dirname, typeof WebAssembly].join(',');\nthrow new Error(seen);",
      { op: 'constraints' },
    );
    expect(probe.ok ? '' : probe.failure.message).toMatch(/undefined,undefined,undefined/);
  });

  it('stops an endless loop at the deadline', async () => {
    const started = Date.now();
    const failure = await refused('while (true) {}', { timeoutMs: 300 });
    expect(failure.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops an endless loop inside the body too', async () => {
    const source = "import { sketch, Field } from 'zksl';\nexport default sketch({ name: 'L', params: {}, inputs: () => ({ x: Field }), outputs: () => ({ y: Field }), body: ({ x }) => { for (;;) {} } });";
    const run = await runSketchSource(source, { mode: 'constraints', timeoutMs: 300 });
    expect(run.failure).toMatchObject({ kind: 'timeout' });
  });

  it('stops memory exhaustion and runaway recursion', async () => {
    expect((await refused("let s = 'x'; for (;;) s += s;", { memoryBytes: 16 * 1024 * 1024 })).kind).toBe('memory');
    expect((await refused('const f = (n) => f(n + 1) + 1; f(0);')).kind).toBe('memory');
  });

  it('negative twin: a well-behaved sketch under the same limits runs', async () => {
    const run = await runSketchSource(example('is-zero.ts'), { mode: 'witness', inputs: { x: 0 }, timeoutMs: 2000, memoryBytes: 32 * 1024 * 1024 });
    expect(run.ok).toBe(true);
  });
});

describe('reference', () => {
  it('its example sketch runs in the sandbox and passes the div-mod vectors', async () => {
    const { zkslReference } = await import('../reference/generate.js');
    const code = /```ts\n([\s\S]*?)```/.exec(zkslReference())?.[1] ?? '';
    const report = await checkSketchVectors(code, divModVectors);
    expect(report.ok, report.summary).toBe(true);
  });
});

describe('sandbox: integrity', () => {
  it('a sketch cannot patch the runtime or the intrinsics to fake a passing check', async () => {
    const tamper = (code: string) => `import { sketch, Field, Signal } from 'zksl';
${code}
export default sketch({ name: 'T', params: {}, inputs: () => ({ x: Field }), outputs: () => ({ y: Field }), body: ({ x }) => { x.assertEquals(1); return { y: x }; } });`;
    for (const code of [
      "'use strict'; globalThis.__zkslHandle = () => JSON.stringify({ ok: true, result: { ok: true } });",
      "'use strict'; JSON.stringify = () => '{\"ok\":true,\"result\":{\"ok\":true}}';",
      "'use strict'; Array.prototype.forEach = function () {};",
      "'use strict'; Signal.prototype.assertEquals = function () {};",
    ]) {
      const run = await runSketchSource(tamper(code), { mode: 'witness', inputs: { x: 2 } });
      // either the patch throws (frozen) or, if ignored, the honest run still refuses x = 2
      expect(run.ok, code).toBe(false);
    }
  });
});
