import { acvm } from '@noir-lang/noir_js';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecuteResult, Witness } from '../types.js';
import { zkcoderHome } from '../home.js';
import { NoirBackend, type NoirCompiledCircuit } from './backend.js';

// The run's cache (vitest.config.ts sets ZKCODER_HOME, never the user's ~/.cache): the dev CRS is
// generated once per run, not once more here (its generation is tested in dev-crs.test.ts).
const home = zkcoderHome();
const backend = new NoirBackend({ home, timeoutMs: 30_000 });
afterAll(() => backend.dispose());

const noir = (main: string, name = 'test') => ({ lang: 'noir' as const, entry: 'src/main.nr', name, files: { 'src/main.nr': main } });

const SQUARE = `fn main(x: Field, y: pub Field) -> pub Field {
    assert(x * x == y, "y must be the square of x");
    x + 1
}
`;
const SQUARE_RETURN = `fn main(x: Field) -> pub Field {
    x * x
}
`;
// The returned value comes from a hint that nothing checks: any output can be forged.
const UNCHECKED_HINT = `unconstrained fn half(y: Field) -> Field {
    y / 2
}

fn main(y: Field) -> pub Field {
    let r = unsafe { half(y) };
    r
}
`;
// The same hint, checked: only the honest output satisfies the circuit.
const CHECKED_HINT = `unconstrained fn half(y: Field) -> Field {
    y / 2
}

fn main(y: Field) -> pub Field {
    let r = unsafe { half(y) };
    assert(r + r == y);
    r
}
`;

async function compile(source: string): Promise<NoirCompiledCircuit> {
  const result = await backend.compile(noir(source));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ok).toBe(true);
  return result.compiled!;
}

/** The witness with `index` set to `value` (witness 0 is the first parameter). */
function tamper(witness: Witness, index: number, value: bigint): Witness {
  const stack = acvm.decompressWitnessStack(witness.data as Uint8Array);
  stack[0].witness.set(index, `0x${value.toString(16).padStart(64, '0')}`);
  return { lang: 'noir', data: acvm.compressWitnessStack(stack) };
}

function witnessOf(result: ExecuteResult): Witness {
  if (!result.ok) throw new Error(`execution failed: ${result.failure.message}`);
  return result.witness;
}

describe('NoirBackend.compile', () => {
  it('reports a type error at its line, with the source line, and keeps lints as warnings', async () => {
    const result = await backend.compile(
      noir('fn main(x: i32, y: u8) -> pub i32 {\n    let z: Field = x;\n    x + 1\n}\n'),
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toEqual({
      severity: 'error',
      message: 'Expected type Field, found type i32',
      file: 'src/main.nr',
      line: 2,
      column: 20,
      sourceLine: '    let z: Field = x;',
    });
    expect(result.diagnostics.slice(1).map((d) => [d.severity, d.message, d.line])).toEqual([
      ['warning', 'unused variable z', 2],
      ['warning', 'unused variable y', 1],
    ]);
  });

  it('locates an error on the last line of a file without a trailing newline', async () => {
    const result = await backend.compile(noir('fn main(x: Field) -> pub Field {\n    x\n}\n\nfn foo() { bar() }'));
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 5, message: 'cannot find `bar` in this scope' });
  });

  it('counts ACIR opcodes and UltraHonk gates and names inputs and the return value', async () => {
    const compiled = await compile(SQUARE);
    expect(compiled.constraintCount).toBe(2);
    expect(compiled.gateCount).toBeGreaterThan(compiled.constraintCount);
    expect(compiled.inputNames).toEqual(['x', 'y']);
    expect(compiled.outputNames).toEqual(['return']);
  });

  it('reports a compile that exceeds the time limit', async () => {
    // Starting the worker alone takes longer than 1 ms.
    const hasty = new NoirBackend({ home, timeoutMs: 1 });
    try {
      const result = await hasty.compile(noir(SQUARE_RETURN));
      expect(result).toMatchObject({ ok: false, timedOut: true, diagnostics: [{ severity: 'error', message: 'compile timed out after 1 ms' }] });
    } finally {
      await hasty.dispose();
    }
  });
});

describe('NoirBackend.execute', () => {
  it('returns outputs as decimal strings, nested, with negative signed integers', async () => {
    const compiled = await compile('fn main(x: i32, y: [u8; 2]) -> pub (i32, [u8; 2]) {\n    (x - 1, [y[1], y[0]])\n}\n');
    const result = await backend.execute(compiled, { x: -5, y: ['1', 200] });
    expect(result.ok && result.outputs).toEqual({ return: ['-6', ['200', '1']] });
  });

  it('wraps a negative Field input mod p, reads 0/1 as bool, and returns a struct as an object', async () => {
    const compiled = await compile(`struct Point { a: Field, b: [u8; 2] }

fn main(x: Field, p: Point, ok: bool) -> pub Point {
    assert(ok);
    Point { a: x + p.a, b: p.b }
}
`);
    const result = await backend.execute(compiled, { x: -5, p: { a: 7, b: [3, '4'] }, ok: 1 });
    expect(result.ok && result.outputs).toEqual({ return: { a: '2', b: ['3', '4'] } });
  });

  it('reports a failing assert with its message and location', async () => {
    const compiled = await compile(SQUARE);
    const ok = await backend.execute(compiled, { x: 3, y: '9' });
    expect(ok.ok && ok.outputs).toEqual({ return: '4' });
    const result = await backend.execute(compiled, { x: 3, y: 10 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({
      kind: 'assert',
      message: 'y must be the square of x',
      location: { file: 'src/main.nr', line: 2, column: 12 },
    });
  });

  it('reports a missing or ill-typed input as an input failure naming the parameter', async () => {
    const compiled = await compile(SQUARE);
    const missing = await backend.execute(compiled, { x: 3 });
    expect(!missing.ok && missing.failure.kind).toBe('input');
    expect(!missing.ok && missing.failure.message).toMatch(/`y`/);
    const extra = await backend.execute(compiled, { x: 3, y: 9, z: 1 });
    expect(!extra.ok && extra.failure).toMatchObject({ kind: 'input', message: expect.stringMatching(/unknown input `z`/) });
    const wrong = await backend.execute(compiled, { x: 'three', y: 9 });
    expect(!wrong.ok && wrong.failure).toMatchObject({ kind: 'input', message: expect.stringMatching(/parameter `x`/) });
  });

  it('stops a runaway unconstrained loop at the time limit, and recovers afterwards', async () => {
    const compiled = await compile(`unconstrained fn spin(x: Field) -> Field {
    let mut i = 0;
    while i != x + 1 { i = i * 2 + 2; }
    i
}

fn main(x: Field) -> pub Field {
    unsafe { spin(x) }
}
`);
    // Generous enough for a fresh worker to boot on a loaded machine, far below the loop's lifetime.
    const impatient = new NoirBackend({ home, timeoutMs: 4_000 });
    try {
      const result = await impatient.execute(compiled, { x: 2 });
      expect(!result.ok && result.failure.kind).toBe('timeout');
      const again = await impatient.execute(await compile(SQUARE_RETURN), { x: 3 });
      expect(again.ok && again.outputs).toEqual({ return: '9' });
    } finally {
      await impatient.dispose();
    }
  });
});

describe('NoirBackend.forge', () => {
  it('rejects a wrong output on a sound circuit', async () => {
    const compiled = await compile(SQUARE_RETURN);
    const result = await backend.forge(compiled, { x: 3 }, { return: '5' });
    expect(result.accepted).toBe(false);
  });

  it('accepts a wrong output that comes from an unchecked hint', async () => {
    const compiled = await compile(UNCHECKED_HINT);
    const result = await backend.forge(compiled, { y: 8 }, { return: 5 });
    expect(result).toMatchObject({ accepted: true, detail: expect.stringMatching(/aliases/) });
  });

  it('rejects the same hint once an assert checks it', async () => {
    const compiled = await compile(CHECKED_HINT);
    expect(await backend.forge(compiled, { y: 8 }, { return: 5 })).toMatchObject({ accepted: false });
  });
});

describe('NoirBackend proofs (UltraHonk, dev CRS)', () => {
  it('proves and verifies, and refuses a tampered proof or public input', async () => {
    const compiled = await compile(SQUARE);
    const witness = witnessOf(await backend.execute(compiled, { x: 3, y: 9 }));
    expect(await backend.checkWitness(compiled, witness)).toBe(true);
    expect(await backend.checkWitness(compiled, tamper(witness, 0, 4n))).toBe(false); // x := 4, y still 9
    const proof = await backend.prove(compiled, witness);
    expect(proof.system).toBe('ultrahonk');
    expect(proof.publicSignals).toEqual(['9', '4']);
    expect(proof.warnings?.[0]).toMatch(/INSECURE development CRS/);
    expect(await backend.verify(compiled, proof)).toBe(true);

    expect(await backend.verify(compiled, { ...proof, publicSignals: ['9', '5'] })).toBe(false);
    const tampered = new Uint8Array(proof.proof as Uint8Array);
    tampered[200] ^= 1;
    expect(await backend.verify(compiled, { ...proof, proof: tampered })).toBe(false);
  });
});
