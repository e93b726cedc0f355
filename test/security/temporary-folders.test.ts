import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkCircuit, createBackend } from '../../compiler-harness/index.js';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import { liveTemporaryFolders } from '../../compiler-harness/files/temporary-folders.js';
import { flushStream } from '../../cli/process-exit.js';

// Build folders go to a private temporary folder, so other processes' folders do not count.
const privateTmp = mkdtempSync(join(tmpdir(), 'zkcoder-tmp-test-'));
process.env.TMPDIR = privateTmp;
const leftovers = () => readdirSync(privateTmp).filter((name) => name.startsWith('zkcoder-'));

const MULTIPLIER = readFileSync(new URL('../fixtures/circom/multiplier.circom', import.meta.url), 'utf8');
const multiplierVectors = { accept: [{ inputs: { a: 3, b: 11 }, outputs: { out: 33 } }], reject: [], forge: [{ inputs: { a: 3, b: 11 }, outputs: { out: 34 }, reason: 'a * b' }] };
const PRODUCT = 'fn main(a: Field, b: Field) -> pub Field {\n    a * b\n}\n';

describe('temporary folders', () => {
  it('a Circom and a Noir check (with soundness analysis) leave no zkcoder-* folder behind', async () => {
    expect(tmpdir()).toBe(privateTmp);
    for (const [lang, circuit] of [
      ['circom', { lang: 'circom', entry: 'main.circom', files: { 'main.circom': MULTIPLIER }, template: 'Multiplier' }],
      ['noir', { lang: 'noir', entry: 'src/main.nr', files: { 'src/main.nr': PRODUCT } }],
    ] as const) {
      const backend = await createBackend(lang, { timeoutMs: 60_000 });
      try {
        const vectors = lang === 'circom' ? multiplierVectors : { accept: [{ inputs: { a: 3, b: 11 } }], reject: [], forge: [] };
        const report = await checkCircuit({ backend, circuit, vectors, soundnessBudgetMs: 3000 });
        expect(report.compile.ok, lang).toBe(true);
      } finally {
        await backend.dispose();
      }
    }
    await disposeSoundnessAnalysis();
    expect(liveTemporaryFolders()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('a circuit that does not compile leaves no folder either', async () => {
    const backend = await createBackend('circom');
    try {
      const result = await backend.compile({ lang: 'circom', entry: 'main.circom', files: { 'main.circom': 'template T() { signal input a }\ncomponent main = T();\n' } });
      expect(result.ok).toBe(false);
      expect(leftovers()).toEqual([]);
    } finally {
      await backend.dispose();
    }
  });
});

describe('flushing output before exit', () => {
  it('resolves only once every earlier write reached a slow reader, past 80 KiB', async () => {
    let received = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        setTimeout(() => {
          received += chunk.length;
          done();
        }, 2);
      },
    });
    const text = JSON.stringify({ vectors: Array.from({ length: 4000 }, (_, i) => ({ index: i, passed: true })) });
    expect(text.length).toBeGreaterThan(80 * 1024);
    slow.write(text.slice(0, 50_000));
    slow.write(text.slice(50_000));
    expect(received).toBeLessThan(text.length);
    await flushStream(slow as unknown as NodeJS.WriteStream);
    expect(received).toBe(text.length);
  });
});
