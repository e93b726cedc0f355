import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../agent/runs/run-store.js';
import { CircomBackend } from '../../compiler-harness/circom/backend.js';
import { checkCircuit } from '../../compiler-harness/check.js';
import { JsonDataError, parseJsonData } from '../../compiler-harness/json-data.js';
import { loadTestVectors, VectorsError } from '../../compiler-harness/vectors/schema.js';
import { zkcoder } from '../run-cli.js';

/**
 * Vectors and saved runs are data: no key is special, nesting and numbers have limits, and every
 * problem names its JSON path (exit 2 from the CLI, never an internal error).
 */

const dir = mkdtempSync(join(tmpdir(), 'zkcoder-data-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

async function vectorsError(path: string): Promise<string> {
  const error = await loadTestVectors(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VectorsError);
  return (error as Error).message;
}

describe('JSON is parsed as data', () => {
  it('keeps __proto__, constructor and toString as ordinary keys of null-prototype objects', () => {
    const data = parseJsonData('{"__proto__": {"x": 1}, "constructor": 2, "nested": [{"toString": 3}]}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor', 'nested']);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toMatchObject({ x: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined(); // nothing reached Object.prototype
    expect(Object.keys((data.nested as Record<string, unknown>[])[0])).toEqual(['toString']);
  });

  it('refuses 200k levels of nesting at once with the path, instead of overflowing the stack', () => {
    const started = performance.now();
    expect(() => parseJsonData(`{"a": {"b c": [0, ${deep(200_000)}]}}`, { maxDepth: 64 })).toThrow(/^a\["b c"\]\[1\]\[0\]\[0\].*: nested deeper than 64 levels$/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a number that is not a finite double, with its path; ordinary numbers and floats pass', () => {
    expect(() => parseJsonData('{"costs": [1.5, 2, -1e400]}')).toThrow(new JsonDataError('costs[2]', '-1e400 is out of range for a JSON number (write a large integer as a decimal string)'));
    expect(parseJsonData('{"costs": [1.5, 2e3, -0.25, "1e400"]}')).toEqual({ costs: [1.5, 2000, -0.25, '1e400'] });
  });
});

describe('test vectors', () => {
  it('name the file and path of a number out of range (1e400 is not shown as null)', async () => {
    const message = await vectorsError(file('huge.json', '{ "accept": [ { "inputs": { "a": 1e400, "b": 1 } } ] }'));
    expect(message).toBe(`${join(dir, 'huge.json')}: accept[0].inputs.a: 1e400 is out of range for a JSON number (write a large integer as a decimal string)`);
  });

  it('name the file and path of nesting that is too deep', async () => {
    const message = await vectorsError(file('deep.json', `{ "accept": [ { "inputs": { "a": ${deep(200_000)} } } ] }`));
    expect(message).toMatch(/deep\.json: accept\[0\]\.inputs\.a\[0\]\[0\].*: nested deeper than 64 levels$/);
  });

  it('deep nesting through zkcoder check: exit 2 with the path, not an internal error', async () => {
    const circuit = join(dir, 'square.circom');
    writeFileSync(circuit, 'pragma circom 2.0.0;\ntemplate S() { signal input a; signal output b; b <== a * a; }\ncomponent main = S();\n');
    const vectors = file('deep-cli.json', `{ "accept": [ { "inputs": { "a": ${deep(200_000)} } } ] }`);
    const result = await zkcoder(['check', circuit, '--vectors', vectors, '--no-soundness']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/deep-cli\.json: accept\[0\]\.inputs\.a\[0\]\[0\].*: nested deeper than 64 levels\n$/);
  });
});

describe('a "__proto__" output is honoured, not dropped', () => {
  const backend = new CircomBackend({ timeoutMs: 20_000 });
  afterAll(() => backend.dispose());
  const square = {
    lang: 'circom' as const,
    entry: 'proto.circom',
    files: { 'proto.circom': 'pragma circom 2.0.0;\ntemplate P() { signal input a; signal output __proto__; __proto__ <== a * a; }\ncomponent main = P();\n' },
  };
  const check = async (text: string) =>
    checkCircuit({ backend, circuit: square, vectors: await loadTestVectors(file('proto.json', text)), soundness: false });

  it('a wrong expectation for an output named __proto__ fails; the right one passes', async () => {
    const wrong = await check('{ "accept": [ { "inputs": { "a": "3" }, "outputs": { "__proto__": "10" } } ] }');
    expect(wrong.passed).toBe(false);
    expect(wrong.vectors[0].message).toBe('output __proto__: expected 10, got 9');
    const right = await check('{ "accept": [ { "inputs": { "a": "3" }, "outputs": { "__proto__": "9" } } ] }');
    expect(right.passed).toBe(true);
  });

  it('an expectation for an output the circuit lacks (constructor, toString) is a vectors problem', async () => {
    for (const name of ['constructor', 'toString']) {
      const report = await check(`{ "accept": [ { "inputs": { "a": "3" }, "outputs": { "${name}": "9" } } ] }`);
      expect(report.vectorProblems[0]).toMatch(new RegExp(`accept\\[0\\]\\.outputs: "${name}" is not an output of the circuit`));
    }
  });
});

describe('saved runs are read as data', () => {
  const root = join(dir, 'runs');
  // Run ids only (a state.json must also name its own folder's id).
  const ids = { proto: '20260101-000000-00000a', deep: '20260101-000000-00000b', huge: '20260101-000000-00000c', shape: '20260101-000000-00000d' };
  const save = (name: keyof typeof ids, state: string) => {
    mkdirSync(join(root, ids[name]), { recursive: true });
    writeFileSync(join(root, ids[name], 'state.json'), state.replace('"id":"r"', `"id":"${ids[name]}"`));
  };
  const state = (results: string) =>
    `{"id":"r","task":"t","mode":"model","status":"done","createdAt":"x","updatedAt":"x","options":{},"completedStages":["sketch"],"results":${results}}`;

  it('keeps a __proto__ key of the results as data', () => {
    save('proto', state('{"__proto__": {"polluted": true}, "usage": {"cost": 0.5}}'));
    const run = new RunStore(root).open(ids.proto);
    expect(Object.keys(run.state.results)).toEqual(['__proto__', 'usage']);
    expect(Object.getPrototypeOf(run.state.results)).toBeNull();
  });

  it('refuses deep nesting, huge numbers and a wrong shape, naming the file and path', () => {
    save('deep', state(`{"x": ${deep(100_000)}}`));
    save('huge', state('{"usage": {"cost": 1e400}}'));
    save('shape', state('{}').replace('"completedStages":["sketch"]', '"completedStages":"sketch"'));
    const store = new RunStore(root);
    expect(() => store.open(ids.deep)).toThrow(/0000b[/\\]state\.json: results\.x\[0\].*: nested deeper than 128 levels$/);
    expect(() => store.open(ids.huge)).toThrow(/0000c[/\\]state\.json: results\.usage\.cost: 1e400 is out of range/);
    expect(() => store.open(ids.shape)).toThrow(/0000d[/\\]state\.json: completedStages: expected an array$/);
  });
});
