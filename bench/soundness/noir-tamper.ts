/**
 * Ground truth for Noir without the analyser: a malicious prover controls every `unconstrained`
 * function, so replacing one's answer by a perturbed value changes no constraint. If the program
 * still executes (the ACVM checks every opcode) with a different return value, and bb.js accepts
 * the witness, the circuit is under-constrained. The perturbations are the classic attacks on
 * hints: ±1, zero, a flipped bool, and for (quotient, remainder) pairs q ∓ 1 with r ± the divisor
 * (a parameter, a generic, or 2^generic).
 */
import type { Backend, CompiledCircuit, Inputs, TargetCircuit } from '../../compiler-harness/types.js';

export interface TamperResult {
  /** The perturbation that got through, e.g. `divide_hint → (h.0 + 1, h.1)`. */
  found?: string;
  tried: number;
}

const HEADER = /unconstrained\s+fn\s+(\w+)\s*(<[^>]*>)?\s*\(([^)]*)\)\s*->\s*([^{]+?)\s*\{/g;
/** Each variant is a compile (1–3 s on a loaded machine): the classic attacks on a few call sites. */
const MAX_VARIANTS = 6;

interface Hint {
  file: string;
  name: string;
  generics: string[];
  params: { name: string; type: string }[];
  returns: string;
  header: string;
}

function findHints(files: Record<string, string>): Hint[] {
  const hints: Hint[] = [];
  for (const [file, source] of Object.entries(files)) {
    if (!file.endsWith('.nr')) continue;
    for (const match of source.matchAll(HEADER)) {
      const [header, name, generics = '', params, returns] = match;
      hints.push({
        file,
        name,
        generics: [...generics.matchAll(/(?:let\s+)?(\w+)\s*(?::\s*\w+)?\s*(?:,|>)/g)].map((g) => g[1]),
        params: params.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
          const [n, ...t] = p.replace(/^mut\s+/, '').split(':');
          return { name: n.trim(), type: t.join(':').trim() };
        }),
        returns: returns.trim(),
        header,
      });
    }
  }
  return hints;
}

/** Expressions over the honest answer `h` of type `type`. */
function perturbations(hint: Hint): string[] {
  const scalar = (type: string, h: string): string[] =>
    type === 'bool' ? [`!${h}`] : type === 'Field' ? [`${h} + 1`, `${h} - 1`, '0'] : /^[ui]\d+$/.test(type) ? [`${h} + 1`, `${h} - 1`, '0'] : [];
  const type = hint.returns;
  const tuple = /^\(([^()]+)\)$/.exec(type);
  if (tuple) {
    const parts = tuple[1].split(',').map((p) => p.trim());
    const variants: string[] = [];
    // A (quotient, remainder) pair: move one divisor from one to the other.
    if (parts.length === 2 && parts.every((p) => p === 'Field')) {
      // Most likely divisors first: 2^generic (fixed-point shifts), then the generic, then parameters.
      const generics = [...hint.generics].reverse();
      const divisors = [
        ...generics.map((g) => `2.pow_32(${g} as Field)`),
        ...generics.map((g) => `(${g} as Field)`),
        ...hint.params.filter((p) => p.type === 'Field').map((p) => p.name).reverse(),
      ];
      // The plain ±1 first: a call site in a loop is perturbed on every iteration, and −1 survives
      // an output at the top of its range where +1 does not.
      variants.push('(h.0 + 1, h.1)', '(h.0 - 1, h.1)');
      for (const d of divisors) variants.push(`(h.0 - 1, h.1 + ${d})`, `(h.0 + 1, h.1 - ${d})`);
    }
    parts.forEach((part, i) => {
      for (const p of scalar(part, `h.${i}`)) variants.push(`(${parts.map((_, j) => (j === i ? p : `h.${j}`)).join(', ')})`);
    });
    return variants;
  }
  const array = /^\[\s*(\w+)\s*;\s*\w+\s*\]$/.exec(type);
  if (array) return scalar(array[1], 'a[0]').map((p) => `{ let mut a = h; a[0] = ${p}; a }`);
  return scalar(type, 'h');
}

/** Lines calling `hint` inside `unsafe { … }`: each call site is tampered with on its own. */
function callSites(files: Record<string, string>, hint: Hint): { file: string; line: number }[] {
  const call = new RegExp(`\\bunsafe\\s*\\{[^}]*\\b${hint.name}\\s*(::<[^>]*>)?\\s*\\(`);
  return Object.entries(files).flatMap(([file, source]) =>
    file.endsWith('.nr') ? source.split('\n').flatMap((text, line) => (call.test(text) ? [{ file, line }] : [])) : [],
  );
}

/** The program with one call site of `hint` answered by `expression` (over the honest answer `h`). */
function tampered(files: Record<string, string>, hint: Hint, site: { file: string; line: number }, expression: string): Record<string, string> {
  const tamperedName = `__bench_tampered_${hint.name}`;
  const turbofish = hint.generics.length ? `::<${hint.generics.join(', ')}>` : '';
  const args = hint.params.map((p) => p.name).join(', ');
  const header = hint.header.replace(new RegExp(`\\bfn\\s+${hint.name}\\b`), `fn ${tamperedName}`);
  const wrapper = `\n${header}\n    let h = ${hint.name}${turbofish}(${args});\n    ${expression}\n}\n`;
  const lines = files[site.file].split('\n');
  lines[site.line] = lines[site.line].replace(new RegExp(`\\b${hint.name}(\\s*(::<|\\())`), `${tamperedName}$1`);
  const edited = { ...files, [site.file]: lines.join('\n') };
  return { ...edited, [hint.file]: edited[hint.file] + wrapper };
}

/**
 * Try perturbed hint answers on honest `inputs`; `honestReturn` is the mutant's own honest output.
 * Stops at the first perturbation that executes with a different return value and a valid witness.
 */
export async function tamperHints<C extends CompiledCircuit>(options: {
  backend: Backend<C>;
  circuit: TargetCircuit;
  inputs: Inputs;
  honestReturn: unknown;
}): Promise<TamperResult> {
  const { backend, circuit, inputs } = options;
  let tried = 0;
  // Round-robin over call sites, so a cap still tries the first attacks on every site.
  const variants = findHints(circuit.files)
    .flatMap((hint) => callSites(circuit.files, hint).flatMap((site) => perturbations(hint).map((expression, rank) => ({ hint, site, expression, rank }))))
    .sort((a, b) => a.rank - b.rank);
  for (const { hint, site, expression } of variants.slice(0, MAX_VARIANTS)) {
    {
      tried++;
      const compiled = await backend.compile({ ...circuit, files: tampered(circuit.files, hint, site, expression) } as TargetCircuit);
      if (!compiled.compiled) continue;
      const run = await backend.execute(compiled.compiled, inputs);
      if (!run.ok || JSON.stringify(run.outputs.return) === JSON.stringify(options.honestReturn)) continue;
      if (await backend.checkWitness(compiled.compiled, run.witness)) {
        return { found: `${site.file}:L${site.line + 1} ${hint.name} → ${expression}: return ${JSON.stringify(run.outputs.return)} instead of ${JSON.stringify(options.honestReturn)}`, tried };
      }
    }
  }
  return { tried };
}

/** Does the program have a hint worth tampering with? */
export function hasHints(files: Record<string, string>): boolean {
  return findHints(files).length > 0;
}
