/**
 * Reading a lowered program's outputs back in sketch terms, so the interpreter's outputs can be
 * compared with what Circom and Noir computed: Circom names its output signals after the sketch's
 * outputs; a Noir `main` returns one value, or a tuple in `outputNames` order.
 */
import { toField, toSigned } from '../core/field.js';
import type { LoweredCircuit } from './common.js';

/** Target outputs keyed by sketch output name. Example: `outputsByName(noirCircuit, { return: ['14', '2'] })` gives `{ q: '14', r: '2' }`. */
export function outputsByName(
  lowered: Pick<LoweredCircuit, 'lang' | 'outputNames'>,
  outputs: Record<string, unknown>,
): Record<string, unknown> {
  if (lowered.lang === 'circom') return outputs;
  const names = lowered.outputNames;
  if (names.length === 1) return { [names[0]]: outputs.return };
  const tuple = outputs.return;
  if (!Array.isArray(tuple) || tuple.length !== names.length) {
    throw new Error(`noir returned ${JSON.stringify(tuple)}, expected a tuple of ${names.length} (${names.join(', ')})`);
  }
  return Object.fromEntries(names.map((name, i) => [name, tuple[i]]));
}

export interface OutputDisagreement {
  /** The output (element) that differs, e.g. `probs[2]`. */
  output: string;
  /** Both values as signed integers where that reads better (−4 rather than p − 4). */
  expected: string;
  got: string;
}

/**
 * The first output element where `got` differs from `expected` (both in any boundary form), or
 * undefined when every expected output agrees. Example:
 * `firstDisagreement({ q: '14' }, { q: '13' })` gives `{ output: 'q', expected: '14', got: '13' }`.
 */
export function firstDisagreement(expected: Record<string, unknown>, got: Record<string, unknown>): OutputDisagreement | undefined {
  const show = (v: unknown): string => {
    try {
      return toSigned(toField(v)).toString();
    } catch {
      return JSON.stringify(v) ?? 'nothing';
    }
  };
  const walk = (want: unknown, have: unknown, path: string): OutputDisagreement | undefined => {
    if (Array.isArray(want) || Array.isArray(have)) {
      if (!Array.isArray(want) || !Array.isArray(have) || want.length !== have.length) {
        return { output: path, expected: JSON.stringify(want), got: JSON.stringify(have) ?? 'nothing' };
      }
      for (let i = 0; i < want.length; i++) {
        const found = walk(want[i], have[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    let same: boolean;
    try {
      same = toField(want) === toField(have);
    } catch {
      same = false;
    }
    return same ? undefined : { output: path, expected: show(want), got: show(have) };
  };
  for (const [name, value] of Object.entries(expected)) {
    const found = walk(value, got[name], name);
    if (found) return found;
  }
  return undefined;
}
