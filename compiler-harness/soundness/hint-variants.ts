import { readFile } from 'node:fs/promises';
import { compileCircomFiles } from './circom-compile.js';
import { blankComments, lineAt, matchingBrace } from './circom-source.js';
import { CircomWitnessGenerator } from './circom-witness.js';
import { isOutputWire, violatedConstraints, type ConstraintSystem } from './r1cs.js';

/**
 * Class 1 of the attacks: partly constrained hints, answered by circom's own witness generator.
 *
 * Perturbing one wire of the R1CS cannot follow a lie through later hints: flip a "y is zero" flag
 * and the quotient and remainder computed from it must be recomputed by integer division, which no
 * constraint-local solver does. So the source is rewritten instead: every `x <-- E;` of the main
 * template becomes `x <-- zkcoder_pick == K ? ALT : E;` with `zkcoder_pick` an extra private input
 * that no constraint reads (the constraints, hence the R1CS, are unchanged). One compile; then each
 * pick K is one run of the rewritten generator, every later hint recomputed from the lie. The
 * result is mapped back onto the original wires by signal name and checked against every
 * constraint of the original R1CS: a witness that passes with different outputs is a counterexample.
 *
 * Alternatives per hint: 1 − E (the other Boolean), E + 1, E − 1, 0, and for a quotient `X \ D`
 * with a remainder `X % D` beside it, quotient ± 1 with remainder ∓ D together.
 */

export const PICK_INPUT = 'zkcoder_pick';
/** Move kinds tried first, at every input point: the other Boolean value, a divisor moved. */
const LIKELY = new Set([0, 4, 5]);

export interface HintSite {
  target: string;
  expression: string;
  line: number;
  /** Offsets of the expression in the file text. */
  start: number;
  end: number;
}

export interface HintVariants {
  generator: CircomWitnessGenerator;
  labels: Map<string, number>;
  picks: { pick: number; describe: string }[];
}

/** The `<--` hints of the main template, with where their expressions sit in the file. */
export function mainTemplateHints(files: Record<string, string>): { file: string; bodyStart: number; sites: HintSite[] } | undefined {
  for (const [file, text] of Object.entries(files)) {
    const clean = blankComments(text);
    const main = /\bcomponent\s+main\b[^=]*=\s*(\w+)\s*\(/.exec(clean);
    if (!main) continue;
    const header = new RegExp(`\\btemplate\\s+${main[1]}\\s*\\([^)]*\\)\\s*\\{`).exec(clean);
    if (!header) return undefined;
    const bodyStart = header.index + header[0].length;
    const bodyEnd = matchingBrace(clean, bodyStart);
    const sites: HintSite[] = [];
    const hint = /([\w.[\]\s]+?)\s*<--\s*([^;]+);/g;
    hint.lastIndex = bodyStart;
    for (let m = hint.exec(clean); m && m.index < bodyEnd; m = hint.exec(clean)) {
      const target = /(\w+)\s*(?:\[[^\]]*\]\s*)*$/.exec(m[1].trim())?.[1];
      const start = m.index + m[0].lastIndexOf(m[2]);
      if (target) sites.push({ target, expression: m[2].trim(), line: lineAt(clean, m.index + m[0].indexOf(m[1].trim())), start, end: start + m[2].length });
    }
    return { file, bodyStart, sites };
  }
  return undefined;
}

/**
 * Rewrite and compile; `undefined` when there is nothing to rewrite. Throws when circom refuses the
 * rewritten source (the caller notes it: the attack is skipped, never a verdict).
 */
export async function compileHintVariants(files: Record<string, string>, wanted: (site: HintSite) => boolean = () => true): Promise<HintVariants | undefined> {
  const found = mainTemplateHints(files);
  const sites = found?.sites.filter(wanted) ?? [];
  if (!found || sites.length === 0) return undefined;
  const { file, bodyStart } = found;
  const text = files[file];
  const picks: HintVariants['picks'] = [];
  const alternatives = sites.map(() => [] as { pick: number; value: string }[]);
  const where = (site: HintSite) => `\`${site.target} <-- ${abbreviate(site.expression)}\` (${file}:${site.line})`;
  sites.forEach((site, k) => {
    const e = `(${site.expression})`;
    const moves: [string, string][] = [[`1 - ${e}`, 'the other Boolean value'], [`${e} + 1`, 'its value + 1'], [`${e} - 1`, 'its value − 1'], ['0', '0']];
    moves.forEach(([value, label], kind) => {
      alternatives[k].push({ pick: k * 8 + kind, value });
      picks.push({ pick: k * 8 + kind, describe: `answered the hint ${where(site)} with ${label}` });
    });
    const division = splitTopLevel(site.expression, '\\');
    if (!division) return;
    const partner = sites.findIndex((other) => {
      const rest = splitTopLevel(other.expression, '%');
      return rest !== undefined && rest[0] === division[0] && rest[1] === division[1];
    });
    if (partner < 0) return;
    const divisor = `(${division[1]})`;
    for (const [kind, sign] of [[4, 1], [5, -1]] as const) {
      alternatives[k].push({ pick: k * 8 + kind, value: `${e} ${sign > 0 ? '+' : '-'} 1` });
      alternatives[partner].push({ pick: k * 8 + kind, value: `(${sites[partner].expression}) ${sign > 0 ? '-' : '+'} ${divisor}` });
      picks.push({ pick: k * 8 + kind, describe: `moved one divisor between the quotient ${where(site)} (${sign > 0 ? '+' : '−'}1) and the remainder ${where(sites[partner])}` });
    }
  });
  // Most likely lies first: Boolean flips, then divisor moves, then ±1 and 0.
  const rank = [0, 3, 4, 5, 1, 2];
  picks.sort((x, y) => rank[x.pick % 8] - rank[y.pick % 8] || x.pick - y.pick);
  let rewritten = text;
  // Back to front, so earlier offsets stay valid.
  for (let k = sites.length - 1; k >= 0; k--) {
    const site = sites[k];
    let value = `(${site.expression})`;
    for (const alternative of alternatives[k]) value = `(${PICK_INPUT} == ${alternative.pick} ? ${alternative.value} : ${value})`;
    rewritten = rewritten.slice(0, site.start) + value + rewritten.slice(site.end);
  }
  rewritten = `${rewritten.slice(0, bodyStart)}\n    signal input ${PICK_INPUT};${rewritten.slice(bodyStart)}`;
  const artefacts = await compileCircomFiles(file, { ...files, [file]: rewritten });
  const generator = await CircomWitnessGenerator.load(artefacts.wasmPath);
  return { generator, labels: await readLabels(artefacts.symPath), picks };
}

/**
 * Run every pick at `inputs`; the first witness that satisfies every constraint of `system` and
 * changes an output is returned with what the hint was told. `honest` is the original witness.
 */
export async function attackWithHintVariants(options: {
  system: ConstraintSystem;
  variants: HintVariants;
  inputs: Record<string, unknown>;
  honest: bigint[];
  deadline: number;
  /** Which moves: `likely` (Boolean flips, divisor moves) or the rest (±1, 0). */
  likely: boolean;
}): Promise<{ witness?: bigint[]; how?: string; runs: number; valid: number }> {
  const { system, variants, inputs, honest, deadline } = options;
  let runs = 0;
  let valid = 0;
  for (const { pick, describe } of variants.picks) {
    if (Date.now() > deadline) break;
    if (LIKELY.has(pick % 8) !== options.likely) continue;
    runs++;
    const run = await variants.generator.calculate({ ...inputs, [PICK_INPUT]: pick });
    if (!run.ok) continue;
    const witness = honest.slice();
    for (const [name, wire] of system.labels) {
      const other = variants.labels.get(name);
      if (wire >= 0 && other !== undefined && other >= 0 && other < run.witness.length) witness[wire] = run.witness[other];
    }
    if (violatedConstraints(system, witness).length > 0) continue;
    valid++;
    for (let w = 1; w <= system.nOutputs; w++) {
      if (isOutputWire(system, w) && witness[w] !== honest[w]) return { witness, how: `${describe}; circom's generator recomputed every later signal`, runs, valid };
    }
  }
  return { runs, valid };
}

async function readLabels(symPath: string): Promise<Map<string, number>> {
  const labels = new Map<string, number>();
  for (const line of (await readFile(symPath, 'utf8')).split('\n')) {
    const parts = line.split(',');
    if (parts.length >= 4) labels.set(parts.slice(3).join(','), Number(parts[1]));
  }
  return labels;
}

/** `X op D` split at its one top-level (unparenthesised) operator `op`, trimmed; `undefined` otherwise. */
function splitTopLevel(expression: string, op: string): [string, string] | undefined {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === op && depth === 0) {
      if (at >= 0) return undefined;
      at = i;
    } else if (depth === 0 && /[?:<>=]/.test(c)) return undefined;
  }
  if (at < 0) return undefined;
  return [expression.slice(0, at).trim(), expression.slice(at + 1).trim()];
}

function abbreviate(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
