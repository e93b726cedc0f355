import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, zkcoder as runZkcoder } from './run-cli.js';

// Stated preconditions (`--assume`, vectors `assume`): issue 15, class 6. Each check compiles with
// circom2 and runs the soundness analysis, a few seconds each (≈ 40 s of CPU for the file).
const fixtures = join(root, 'test/fixtures/circom/assume');
const at = (name: string) => join(fixtures, name);
const zkcoder = (...args: string[]) => runZkcoder(args, { timeoutMs: 170_000 });

async function checkJson(...args: string[]) {
  const result = await zkcoder('check', ...args, '--json');
  return { code: result.code, report: JSON.parse(result.stdout) as { passed: boolean; soundness?: { verdict: string; counterexample?: { kind: string; explanation: string } } } };
}

describe('zkcoder check --assume', () => {
  it('refuses a bad assumption with exit 2, naming it (flag and vectors file)', async () => {
    for (const [args, message] of [
      [['--assume', 'x <'], '--assume: assumption "x <"'],
      [['--assume', 'x = 3'], 'assumption "x = 3": equality is not a precondition'],
      [['--assume', 'x < 2^8', '--assume', '3 < 2^8'], 'assumption "3 < 2^8": "3" is not an input name'],
    ] as const) {
      const result = await zkcoder('check', at('less-unchecked.circom'), '--vectors', at('less.vectors.json'), ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const bad = await zkcoder('check', at('less-unchecked.circom'), '--vectors', at('bad-assume.vectors.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-assume.vectors.json: assume[0]: assumption "x < two": "two" is not a bound');
  }, 200_000);

  it('finds a missing range check on a comparator input only when the domain is stated; the sound twin stays silent', async () => {
    const silent = await checkJson(at('less-unchecked.circom'), '--vectors', at('less.vectors.json'));
    expect(silent.code).toBe(0);
    expect(silent.report.soundness?.verdict).toBe('no-finding');

    const flagged = await checkJson(at('less-unchecked.circom'), '--vectors', at('less.vectors.json'), '--assume', 'x < 2^8');
    expect(flagged.code).toBe(1);
    expect(flagged.report.soundness?.counterexample?.kind).toBe('precondition-bypass');
    expect(flagged.report.soundness?.counterexample?.explanation).toMatch(/^x = \d+ violates x < 2\^8/);

    const fromVectors = await checkJson(at('less-unchecked.circom'), '--vectors', at('less-assume.vectors.json'));
    expect(fromVectors.code).toBe(1);
    expect(fromVectors.report.soundness?.counterexample?.kind).toBe('precondition-bypass');

    const twin = await checkJson(at('less-checked.circom'), '--vectors', at('less-assume.vectors.json'), '--assume', 'x < 256');
    expect(twin.code).toBe(0);
    expect(twin.report.soundness?.verdict).toBe('no-finding');
  }, 300_000);

  it('attacks each kind: a non-zero value and one element of an array input', async () => {
    const zero = await checkJson(at('scaled-unchecked.circom'), '--vectors', at('scaled.vectors.json'), '--assume', 'y != 0');
    expect(zero.code).toBe(1);
    expect(zero.report.soundness?.counterexample?.explanation).toMatch(/^y = 0 violates y != 0/);

    const element = await checkJson(at('scaled-unchecked.circom'), '--vectors', at('scaled.vectors.json'), '--assume', 'b[1] <= 255');
    expect(element.code).toBe(1);
    expect(element.report.soundness?.counterexample?.explanation).toMatch(/^b\[1\] = \d+ violates b\[1\] <= 255/);

    const twin = await checkJson(at('scaled-checked.circom'), '--vectors', at('scaled.vectors.json'), '--assume', 'b[*] < 2^8', '--assume', 'y != 0');
    expect(twin.code).toBe(0);
    expect(twin.report.soundness?.verdict).toBe('no-finding');
  }, 300_000);
});
