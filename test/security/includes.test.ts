import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CircomBackend } from '../../compiler-harness/circom/backend.js';
import { FatalError } from '../../cli/fatal.js';
import { loadCircuit } from '../../cli/load-circuit.js';
import { zkcoder } from '../run-cli.js';

/**
 * Circom includes are untrusted input: the compiler may read the project's own files and the
 * packaged circomlib, nothing else. An include outside is an input error naming its line, and it
 * is found before anything is compiled, so it returns at once whatever the include points at.
 */

const base = mkdtempSync(join(tmpdir(), 'zkcoder-includes-'));
const project = join(base, 'project');
mkdirSync(join(project, 'circuits'), { recursive: true });
writeFileSync(join(project, 'package.json'), '{}');
const SECRET = 'template Secret() { signal input s; } // do-not-echo-this-line';
writeFileSync(join(base, 'outside.circom'), `pragma circom 2.0.0;\n${SECRET}\n`);
symlinkSync(join(base, 'outside.circom'), join(project, 'circuits', 'linked.circom'));
const vectors = join(base, 'vectors.json');
writeFileSync(vectors, JSON.stringify({ accept: [{ inputs: { a: '3' }, outputs: { b: '9' } }] }));

/** A circuit that uses circomlib's Num2Bits when `include` names bitify.circom. */
function square(include: string): string {
  return [
    'pragma circom 2.0.0;',
    `include "${include}";`,
    'template Square() {',
    '  signal input a;',
    '  signal output b;',
    '  component bits = Num2Bits(3);',
    '  bits.in <== a;',
    '  b <== a * a;',
    '}',
    'component main = Square();',
    '',
  ].join('\n');
}

function circuitFile(name: string, include: string): string {
  const file = join(project, 'circuits', name);
  writeFileSync(file, square(include));
  return file;
}

describe('zkcoder check refuses includes outside the project (exit 2, naming the line), at once', () => {
  it('include "/etc/hostname": the CLI returns exit 2 instead of spinning', async () => {
    const file = circuitFile('absolute.circom', '/etc/hostname');
    // Before the include check this spun forever at 100 % CPU: the child is killed at the limit
    // (code null), far below the test's own timeout.
    const result = await zkcoder(['check', file, '--vectors', vectors, '--no-soundness', '--timeout', '5000'], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim()).toBe(
      `zkcoder: ${file}:2: include "/etc/hostname" leads outside the project folder ${project}: circom may read only the project's files and circomlib`,
    );
  });

  const cases: [string, string, RegExp][] = [
    ['parent.circom', '../../outside.circom', /leads outside the project folder/],
    ['symlink.circom', 'linked.circom', /is a link to .*outside\.circom, outside the project folder/],
  ];
  for (const [name, include, reason] of cases) {
    it(`include "${include}" is refused by the loader, its text never read`, async () => {
      const error = await loadCircuit(circuitFile(name, include)).then(
        () => undefined,
        (e: unknown) => e as FatalError,
      );
      expect(error).toBeInstanceOf(FatalError);
      expect(error!.exitCode).toBe(2);
      expect(error!.message).toContain(`${name}:2: include "${include}"`);
      expect(error!.message).toMatch(reason);
      expect(error!.message).not.toContain('do-not-echo-this-line');
    });
  }
});

describe('the harness keeps model-written circuits inside their own files', () => {
  const backend = new CircomBackend({ timeoutMs: 20_000 });
  afterAll(() => backend.dispose());

  it('an include above the circuit files is a compile error at its line, not a file read', async () => {
    for (const include of ['../../../../../../etc/hostname', '/etc/hostname', `../${'x/'.repeat(3)}../../../outside.circom`]) {
      const result = await backend.compile({ lang: 'circom', entry: 'main.circom', files: { 'main.circom': square(include) } });
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]).toMatchObject({ file: 'main.circom', line: 2, code: 'include-outside', sourceLine: `include "${include}";` });
    }
  });

  it('circom sees circomlib only, not the rest of node_modules', async () => {
    const result = await backend.compile({ lang: 'circom', entry: 'main.circom', files: { 'main.circom': square('snarkjs/package.json') } });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'P1014' }); // not found
    expect(result.rawOutput).not.toContain('snarkjs/package.json:');
  });
});

describe('circomlib resolves in the spellings of a Node project, to the packaged circomlib', () => {
  const backend = new CircomBackend({ timeoutMs: 30_000 });
  afterAll(() => backend.dispose());
  const spellings = [
    ['circuits/nm.circom', 'node_modules/circomlib/circuits/bitify.circom'],
    ['circuits/up.circom', '../node_modules/circomlib/circuits/bitify.circom'],
    ['circuits/lib.circom', 'circomlib/circuits/bitify.circom'],
    ['circuits/bare.circom', 'bitify.circom'],
  ];
  for (const [name, include] of spellings) {
    it(`include "${include}" compiles through zkcoder check's loader`, async () => {
      const circuit = await loadCircuit(circuitFile(name.split('/')[1], include));
      const result = await backend.compile(circuit);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.compiled?.constraintCount).toBe(5); // 3 bits + their sum + the square
    });
  }

  it('a root-level model-written file may say ../node_modules/circomlib too', async () => {
    const result = await backend.compile({ lang: 'circom', entry: 'main.circom', files: { 'main.circom': square('../node_modules/circomlib/circuits/bitify.circom') } });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
