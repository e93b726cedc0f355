import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { RunStore } from '../agent/runs/run-store.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { ModelBuilder, seededUniform } from '../prover/onnx/build.js';
import { operatorCoverage } from '../op/list.js';
import { runOp } from '../op/run-op.js';
import { operatorRegistry } from '../op/user-operators.js';
import { sketchAnswer, temporaryDir, testKnowledgeBase } from './agent-scripted.js';
import { zkcoder } from './run-cli.js';

const circom = new CircomBackend();
afterAll(async () => {
  await circom.dispose();
});
const sketch = `Here is the sketch.\n\n\`\`\`ts\n${readFileSync(new URL('./fixtures/op/hard-sigmoid.ts', import.meta.url), 'utf8')}\`\`\`\n`;

describe('zkcoder op for an operator the knowledge base lacks (HardSigmoid), with a scripted model', () => {
  const home = temporaryDir('op-home');

  it('refuses without a model, in one line that says how to configure one (exit 1)', async () => {
    const cli = await zkcoder(['op', 'HardSigmoid', '--shape', '1x4'], { env: { ZKCODER_HOME: home } });
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/HardSigmoid: .*needs a language model: set OPENAI_API_KEY/);
  });

  it('generates it from the onnxruntime spec, registers it, and `prove` then proves a model containing it', async () => {
    const model = scriptedModel({ script: [sketch] });
    const result = await runOp({
      op: 'HardSigmoid',
      shape: '1x4',
      home,
      model,
      knowledgeBase: await testKnowledgeBase(),
      store: new RunStore(temporaryDir('op-runs')),
      backends: { circom },
      soundnessBudgetMs: 3000,
    });
    expect(result.summary).toMatch(/^circom: PASS/);
    expect(result.ok).toBe(true);
    expect(result.mode).toBe('generated');
    // The task the model saw is the spec: interface, exact semantics, onnxruntime as the source.
    const prompt = model.calls[0].messages.at(-1)!.content;
    expect(prompt).toContain('ONNX operator HardSigmoid (alpha=0.2, beta=0.5)');
    expect(prompt).toMatch(/round_half_up\(f\(x \/ 2\^8\) \* 2\^8\)/);
    expect(prompt).toMatch(/onnxruntime-node \d+\.\d+/);
    // Its outputs stay inside SInt(16): half a unit from onnxruntime everywhere.
    expect(result.spec.tolerance.bound).toBe(2 ** -9);
    expect(result.spec.tolerance.measured).toBeLessThanOrEqual(2 ** -9);

    // Registered in the user knowledge base, keyed by op type and attributes, with vectors and counts.
    const registration = result.registration!;
    expect(registration.id).toMatch(/^op-hardsigmoid-[0-9a-f]{8}$/);
    const entry = JSON.parse(readFileSync(join(registration.dir, 'entry.json'), 'utf8'));
    expect(entry.counts.circomConstraints).toBeGreaterThan(0);
    const vectors = JSON.parse(readFileSync(join(registration.dir, 'vectors.json'), 'utf8'));
    expect(vectors.accept.length).toBeGreaterThanOrEqual(8);
    expect(vectors.reject).toHaveLength(2);
    expect(vectors.forge).toHaveLength(4);
    expect(vectors.accept).toContainEqual({ inputs: { x: '-32768' }, outputs: { y: '0' } });
    expect(vectors.accept).toContainEqual({ inputs: { x: '0' }, outputs: { y: '128' } });
    expect(operatorCoverage(home).find((o) => o.op === 'HardSigmoid')).toMatchObject({ status: 'generated' });

    // A Gemm → HardSigmoid model, proved by the command a user runs: `zkcoder prove` reads the user
    // knowledge base of its ZKCODER_HOME and the prover picks the registered operator up through its
    // registry hook (one Circom proof of this model: proving it in-process too would repeat it).
    const onnx = new ModelBuilder()
      .input('x', [1, 4])
      .constant('w', [3, 4], seededUniform(2, 12, 0.5))
      .constant('b', [3], seededUniform(3, 3, 0.1))
      .node('Gemm', ['x', 'w', 'b'], ['h'], { transB: 1 })
      .node('HardSigmoid', ['h'], ['y'], { alpha: 0.2, beta: 0.5 })
      .output('y', [1, 3])
      .toBytes();
    const dir = temporaryDir('op-prove');
    writeFileSync(join(dir, 'model.onnx'), onnx);
    writeFileSync(join(dir, 'input.json'), JSON.stringify({ x: [[0.5, -1, 2, 0.25]] }));
    const cli = await zkcoder(['prove', join(dir, 'model.onnx'), '--input', join(dir, 'input.json'), '--tolerance', '0.02', '--json'], { env: { ZKCODER_HOME: home } });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const summary = JSON.parse(cli.stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ type: 'result', lang: 'circom', ok: true, verified: true, interpreterAgrees: true });
    expect(summary.layers.map((layer: { op: string }) => layer.op)).toEqual(['Gemm', 'HardSigmoid']);
    // Without the registration the same model is refused, naming the op and the command that adds it.
    const bare = await zkcoder(['prove', join(dir, 'model.onnx'), '--input', join(dir, 'input.json')], { env: { ZKCODER_HOME: temporaryDir('op-bare-home') } });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/operator HardSigmoid is not supported by the prover .*zkcoder op HardSigmoid/);
  }, 900_000);
});
