import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { OperatorRegistry } from '../prover/registry/registry.js';
import { OpInputError, parseAttributes } from '../op/attributes.js';
import { OnnxRuntimeError } from '../op/reference.js';
import { runOp } from '../op/run-op.js';
import { temporaryDir } from './agent-scripted.js';
import { zkcoder } from './run-cli.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());
const home = temporaryDir('op-kb-home');
// These circuits are the knowledge base's verified ones and nothing here is about soundness: a small
// budget (it only ends the search sooner; a check fails on a finding, never on a budget run out).
const op = (options: Omit<Parameters<typeof runOp>[0], 'home' | 'backends'>) => runOp({ home, backends: { circom }, soundnessBudgetMs: 1000, ...options });

describe('zkcoder op in knowledge-base mode (the prover has the circuit)', () => {
  it('Relu: instantiated at 1x8, vectors from onnxruntime, checked and proved; --out has REPORT.md saying so', async () => {
    const out = join(temporaryDir('op-out'), 'relu');
    const cli = await zkcoder(['op', 'Relu', '--shape', '1x8', '--out', out], { env: { ZKCODER_HOME: process.env.ZKCODER_HOME ?? home } });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/ok: Relu \(knowledge-base mode/);
    const report = readFileSync(join(out, 'REPORT.md'), 'utf8');
    expect(report).toMatch(/The reference is onnxruntime-node \d+\.\d+\.\d+ \(CPU, float32\)/);
    expect(report).toContain('- upper boundary (largest SInt value)');
    expect(report).toMatch(/\| circom \| \d+ accept, \d+ reject, 4 forge \| PASS: .*groth16 proof verified \|/);
    const spec = JSON.parse(readFileSync(join(out, 'spec.json'), 'utf8'));
    expect(spec).toMatchObject({ op: 'Relu', mode: 'registry', outputShape: [1, 8], tolerance: { measured: 0 } });
    expect(readFileSync(join(out, 'circom', 'model.circom'), 'utf8')).toContain('ReLU(16)');
  }, 300_000);

  it('Softmax over an axis of length 5 (the default axis -1), on two rows', async () => {
    const result = await op({ op: 'Softmax', shape: '2x5' });
    expect(result.summary).toMatch(/^circom: PASS/);
    expect(result.spec.attributes).toEqual({ axis: -1 });
    expect(result.spec.outputShape).toEqual([2, 5]);
    expect(result.spec.tolerance.measured).toBeLessThan(0.1);
  }, 300_000);

  it('Add with a second operand that broadcasts (2x3 + 3): the broadcast operand is a constant', async () => {
    const result = await op({ op: 'Add', shape: '2x3,3' });
    expect(result.ok).toBe(true);
    // the boundary samples overflow once the constant is added: they become reject vectors
    expect(result.spec.vectors.circom!.reject.some((r) => /overflows 16-bit/.test(r.reason))).toBe(true);
    expect(result.spec.tolerance.measured).toBeLessThan(2 ** -8);
  }, 300_000);

  it.skipIf(!new OperatorRegistry().has('LeakyRelu'))('LeakyRelu with alpha 0.2 (not the default 0.01)', async () => {
    const result = await op({ op: 'LeakyRelu', shape: '1x8', attributes: ['alpha=0.2'] });
    expect(result.ok).toBe(true);
    expect(result.spec.attributes).toEqual({ alpha: 0.2 });
  }, 300_000);

  it('Unsqueeze and ReduceSum: --attr axes becomes the int64 axes input opset 17 requires', async () => {
    const unsqueeze = await op({ op: 'Unsqueeze', shape: '1x4', attributes: ['axes=0'] });
    expect(unsqueeze.ok, unsqueeze.summary).toBe(true);
    expect(unsqueeze.spec.outputShape).toEqual([1, 1, 4]);
    const sum = await op({ op: 'ReduceSum', shape: '2x3', attributes: ['axes=1', 'keepdims=0'] });
    expect(sum.ok, sum.summary).toBe(true);
    expect(sum.spec.attributes).toEqual({ axes: [1], keepdims: 0, noop_with_empty_axes: 0 });
    expect(sum.spec.outputShape).toEqual([2]);
    expect(sum.spec.tolerance.measured).toBe(0);
  }, 300_000);

  it('Conv (sampled OIHW weight and bias), Gelu (an opset 20 model) and Reshape (shape as an input)', async () => {
    const conv = await op({ op: 'Conv', shape: '1x1x4x4,2x1x3x3' });
    expect(conv.ok, conv.summary).toBe(true);
    expect(conv.spec.outputShape).toEqual([1, 2, 2, 2]);
    const gelu = await op({ op: 'Gelu', shape: '1x4' });
    expect(gelu.ok, gelu.summary).toBe(true);
    const reshape = await op({ op: 'Reshape', shape: '2x3', attributes: ['shape=3,2'] });
    expect(reshape.ok, reshape.summary).toBe(true);
    expect(reshape.spec.outputShape).toEqual([3, 2]);
  }, 300_000);
});

describe('attributes, shapes and onnxruntime failures', () => {
  it('fills in the ONNX defaults and types the values', () => {
    expect(parseAttributes('HardSigmoid', [])).toEqual({ alpha: 0.2, beta: 0.5 });
    expect(parseAttributes('HardSigmoid', ['beta=0.6'])).toEqual({ alpha: 0.2, beta: 0.6 });
    expect(parseAttributes('LeakyRelu', [])).toEqual({ alpha: 0.01 });
    expect(parseAttributes('Gemm', ['transB=1'])).toEqual({ alpha: 1, beta: 1, transA: 0, transB: 1 });
    expect(() => parseAttributes('Gemm', ['transB=2'])).toThrow(OpInputError);
  });

  it.each([
    [['HardSigmoid', '--shape', '1x4', '--attr', 'gamma=1'], /HardSigmoid has no attribute gamma \(its attributes: alpha, beta\)/],
    [['HardSigmoid', '--shape', '1x4', '--attr', 'alpha=abc'], /HardSigmoid\.alpha is a number/],
    [['HardSigmoid', '--shape', '1x4', '--attr', 'alpha=-1'], /HardSigmoid\.alpha must be > 0/],
    [['Relu', '--shape', '1x4', '--attr', 'alpha'], /write name=value/],
    [['Softmax', '--shape', '2x5', '--attr', 'axis=0'], /axis 0: only the last axis is supported/],
    [['Add', '--shape', '2x3,4'], /4 does not broadcast to 2x3/],
    [['Relu', '--shape', '1x0'], /--shape 1x0: write dimensions as positive integers/],
    [['Unsqueeze', '--shape', '1x4'], /Unsqueeze needs --attr axes=… \(a list of integers/],
    [['Reshape', '--shape', '2x3'], /Reshape needs --attr shape=…/],
    [['Conv', '--shape', '1x1x4x4,2x2x3x3'], /Conv takes an NCHW input and an OIHW weight with I = C/],
  ])('zkcoder op %j exits 2 naming the problem', async (args, message) => {
    const cli = await zkcoder(['op', ...args], { env: { ZKCODER_HOME: home } });
    expect(cli.stderr).toMatch(message);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.code).toBe(2);
  });

  it('onnxruntime absent: a clear error naming it and how to install it', async () => {
    const absent = () => Promise.reject(new Error("Cannot find package 'onnxruntime-node'"));
    await expect(op({ op: 'Relu', shape: '1x4', load: absent })).rejects.toThrow(OnnxRuntimeError);
    await expect(op({ op: 'Relu', shape: '1x4', load: absent })).rejects.toThrow(/onnxruntime-node is not available.*Cannot find package.*ONNXRUNTIME_NODE_INSTALL=skip/);
  });

  it('onnxruntime failing on the model: a clear error with its message', async () => {
    const ort = await import('onnxruntime-node');
    const failing = async () => ({ Tensor: ort.Tensor, InferenceSession: { create: () => Promise.reject(new Error('Load model failed: unsupported opset')) } }) as never;
    await expect(op({ op: 'Relu', shape: '1x4', load: failing })).rejects.toThrow(/onnxruntime refused the one-node model: Load model failed: unsupported opset/);
  });
});

describe('zkcoder op --list', () => {
  it('lists every ONNX operator with its status read from the prover registry, and why the others are not supported', async () => {
    const cli = await zkcoder(['op', '--list', '--json'], { env: { ZKCODER_HOME: home } });
    expect(cli.code).toBe(0);
    const { operators } = JSON.parse(cli.stdout) as { operators: { op: string; status: string; reason?: string }[] };
    expect(operators.length).toBeGreaterThan(180);
    const supported = operators.filter((o) => o.status === 'supported').map((o) => o.op);
    expect(supported).toEqual(new OperatorRegistry().supported());
    expect(operators.find((o) => o.op === 'NonZero')).toMatchObject({ status: 'unsupported', reason: 'data-dependent output shape' });
    expect(operators.find((o) => o.op === 'Loop')?.reason).toMatch(/control flow/);
    expect(operators.find((o) => o.op === 'RandomNormal')?.reason).toMatch(/random/);
    expect(operators.find((o) => o.op === 'Erf')?.status).toBe('supported');
    expect(operators.find((o) => o.op === 'Softplus')?.reason).toMatch(/zkcoder op Softplus` generates one with a model/);
    const text = await zkcoder(['op', '--list'], { env: { ZKCODER_HOME: home } });
    expect(text.stdout).toMatch(/\d+ operators: \d+ supported, 0 generated, \d+ unsupported/);
  });
});
