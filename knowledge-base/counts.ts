import { readFile } from 'node:fs/promises';
import { writeAtomicInside } from '../compiler-harness/files/write-gate.js';
import { join } from 'node:path';
import type { Backend } from '../compiler-harness/types.js';
import type { KnowledgeEntry } from './entry.js';

/** One number `kb verify` measures and compares with entry.json's `counts`. */
export type CountName = 'circomConstraints' | 'noirOpcodes' | 'noirGates' | 'circomlib';

export interface CountCheck {
  name: CountName;
  /** What entry.json says; undefined when it records nothing. */
  recorded?: number;
  measured: number;
  /** `updated`: differed (or was missing) and `--update-counts` wrote the measured value. */
  status: 'match' | 'mismatch' | 'updated';
}

/** Compare measured counts with the recorded ones; a missing record is a mismatch too. */
export function compareCounts(
  entry: KnowledgeEntry,
  measured: Partial<Record<CountName, number>>,
  options: { update?: boolean } = {},
): CountCheck[] {
  const recorded: Partial<Record<CountName, number>> = {
    circomConstraints: entry.counts.circomConstraints,
    noirOpcodes: entry.counts.noirOpcodes,
    noirGates: entry.counts.noirGates,
    circomlib: entry.counts.circomlib?.constraints,
  };
  const checks: CountCheck[] = [];
  for (const name of ['circomConstraints', 'noirOpcodes', 'noirGates', 'circomlib'] as const) {
    const value = measured[name];
    if (value === undefined) continue;
    const same = recorded[name] === value;
    checks.push({ name, recorded: recorded[name], measured: value, status: same ? 'match' : options.update ? 'updated' : 'mismatch' });
  }
  return checks;
}

/**
 * Compile the circomlib counterpart an entry names (`counts.circomlib`) with the same harness and
 * optimisation as the entry itself, at its `params` (default: the entry's defaults). Returns the
 * constraint count, or a one-line problem naming the template.
 */
export async function measureCircomlib(entry: KnowledgeEntry, circom: Backend): Promise<{ constraints: number } | { problem: string }> {
  const counterpart = entry.counts.circomlib;
  if (!counterpart) return { problem: 'no circomlib counterpart named' };
  const params = counterpart.params ?? entry.parameters.map((p) => p.default);
  const source = `pragma circom 2.1.0;\ninclude "circomlib/circuits/${counterpart.file}";\ncomponent main = ${counterpart.template}(${params.join(', ')});\n`;
  const compiled = await circom.compile({ lang: 'circom', files: { 'circomlib.circom': source }, entry: 'circomlib.circom', name: `${entry.id}-circomlib` });
  if (!compiled.ok || !compiled.compiled) {
    const error = compiled.diagnostics.find((d) => d.severity === 'error')?.message ?? 'compile failed';
    return { problem: `circomlib ${counterpart.template}(${params.join(', ')}) from ${counterpart.file} does not compile: ${error}` };
  }
  return { constraints: compiled.compiled.constraintCount };
}

/**
 * The rule the knowledge base keeps against circomlib: ours is no larger, or the note says why.
 * Undefined when the entry keeps it.
 */
export function circomlibProblem(entry: KnowledgeEntry, ours: number | undefined): string | undefined {
  const counterpart = entry.counts.circomlib;
  if (!counterpart || ours === undefined || !counterpart.comparable || counterpart.note) return undefined;
  if (ours <= counterpart.constraints) return undefined;
  return `${ours} constraints against circomlib ${counterpart.template}'s ${counterpart.constraints}: say why in counts.circomlib.note (usually soundness)`;
}

/**
 * Write measured counts into `<dir>/entry.json`, keeping everything else as it is. Writes to a
 * temporary name and renames, so an interrupted run never leaves a half-written entry.
 */
export async function writeCounts(dir: string, checks: CountCheck[]): Promise<void> {
  const file = join(dir, 'entry.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as { counts?: Record<string, unknown> };
  const counts = { ...(json.counts ?? {}) };
  for (const check of checks) {
    if (check.name === 'circomlib') {
      if (counts.circomlib) counts.circomlib = { ...(counts.circomlib as object), constraints: check.measured };
    } else counts[check.name] = check.measured;
  }
  // One key order in every entry: ours first, then circomlib's.
  const order = ['circomConstraints', 'noirOpcodes', 'noirGates', 'circomlib'];
  json.counts = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => rank(order, a) - rank(order, b)));
  await writeAtomicInside(dir, 'entry.json', formatEntryJson(json));
}

function rank(order: string[], key: string): number {
  const at = order.indexOf(key);
  return at < 0 ? order.length : at;
}

/** JSON with two-space indentation, arrays of numbers on one line (`"params": [8, 3]`). */
export function formatEntryJson(value: unknown): string {
  // Only multi-line arrays are rewritten: JSON strings never hold a raw newline, so text is untouched.
  const inline = (_: string, items: string) => `[${items.split(/,\s*/).join(', ')}]`;
  return `${JSON.stringify(value, null, 2).replace(/\[\n\s*(-?\d+(?:,\n\s*-?\d+)*)\n\s*\]/g, inline)}\n`;
}
