/**
 * In Noir the hints are exactly the `unconstrained` functions: their results enter the circuit
 * unchecked unless the constrained code checks them. To play the malicious prover we make every
 * hint answer come from us: each `unconstrained fn f` becomes a wrapper that computes the honest
 * answer with the original body and passes it, with the arguments, to an oracle (a foreign call the
 * ACVM hands to our handler). The handler returns the honest answer or a mutated one.
 *
 *   unconstrained fn __zkc_honest_f(a: u32) -> u32 { …original body… }   ← renamed in place
 *   …the rest of the file, unchanged…
 *   unconstrained fn f(a: u32) -> u32 { __zkc_oracle_f(a, __zkc_honest_f(a)) }   ← appended
 *   #[oracle(zkcoder_hint_main_f)] unconstrained fn __zkc_oracle_f(a: u32, honest: u32) -> u32 {}
 *
 * Renaming in place and appending keeps every original line where it was, so assert locations
 * reported by the rewritten program are locations in the user's source.
 */

import { parseType, slotsOf, splitTopLevel, structTable, type HintType, type Slot } from './noir-hint-types.js';

export type { HintType } from './noir-hint-types.js';

export interface HintFunction {
  /** The oracle name the handler sees. */
  oracle: string;
  name: string;
  file: string;
  /** 1-based line of the `unconstrained fn` in the original source. */
  line: number;
  returns: HintType;
  /** How the answer travels in the foreign call (see noir-hint-types.ts). */
  slots: Slot[];
}

export interface RewriteResult {
  files: Record<string, string>;
  hints: HintFunction[];
  /** Unconstrained functions left alone, with why (methods, unsupported return types). */
  skipped: { name: string; file: string; reason: string }[];
}

const HEADER = /((?:pub(?:\([^)]*\))?\s+)?)unconstrained\s+fn\s+(\w+)\s*(<[^>]*>)?\s*\(([^)]*)\)\s*(?:->\s*([^{]+?))?\s*\{/g;

export function rewriteHints(files: Record<string, string>): RewriteResult {
  const result: RewriteResult = { files: {}, hints: [], skipped: [] };
  const structs = structTable(files);
  for (const [file, source] of Object.entries(files)) {
    if (!file.endsWith('.nr')) {
      result.files[file] = source;
      continue;
    }
    const clean = blankComments(source);
    const module = file.replace(/^.*\//, '').replace(/\.nr$/, '');
    let output = '';
    let appended = '';
    let copied = 0;
    HEADER.lastIndex = 0;
    for (let match = HEADER.exec(clean); match; match = HEADER.exec(clean)) {
      const [header, visibility, name, generics = '', paramText, returnText] = match;
      const bodyEnd = matchingBrace(clean, match.index + header.length);
      const line = clean.slice(0, match.index).split('\n').length;
      const params = parseParams(paramText);
      const returns = returnText ? parseType(returnText.trim(), structs) : undefined;
      const slots = returns && slotsOf(returns);
      // `#[oracle]`/`#[foreign]` functions are already foreign calls; `main` is the program itself.
      const attributes = clean.slice(Math.max(0, match.index - 120), match.index);
      const reason =
        name === 'main' ? 'unconstrained main'
        : /#\[(oracle|foreign|builtin)[^\]]*\]\s*$/.test(attributes) ? 'already a foreign call'
        : params === undefined ? 'takes self (a method)'
        : !returnText ? 'returns nothing'
        : !returns ? `return type ${returnText.trim()} is not built from fields, integers, bools, arrays, tuples and plain structs`
        : !slots ? `return type ${returnText.trim()} mixes element types in an array of generic length`
        : undefined;
      if (reason || !params || !returns || !slots) {
        result.skipped.push({ name, file, reason: reason ?? 'unsupported' });
        continue;
      }
      const oracle = `zkcoder_hint_${module}_${name}`;
      const ret = returnText!.trim();
      const paramList = params.map((p) => `${p.name}: ${p.type}`).join(', ');
      const args = params.map((p) => p.name).join(', ');
      // Same line, new name: the original body now computes the honest answer.
      const nameAt = match.index + header.indexOf(name, header.indexOf('fn'));
      output += source.slice(copied, nameAt) + `__zkc_honest_${name}`;
      copied = nameAt + name.length;
      // Generic arguments are passed explicitly: one used only in the body (`let BITS: u32`) cannot be inferred.
      const turbofish = genericNames(generics).length ? `::<${genericNames(generics).join(', ')}>` : '';
      appended +=
        `\n${visibility}unconstrained fn ${name}${generics}(${paramText}) -> ${ret} {\n` +
        `    __zkc_oracle_${name}${turbofish}(${args}${args ? ', ' : ''}__zkc_honest_${name}${turbofish}(${args}))\n}\n` +
        `#[oracle(${oracle})]\nunconstrained fn __zkc_oracle_${name}${generics}(${paramList}${paramList ? ', ' : ''}__zkc_honest: ${ret}) -> ${ret} {}\n`;
      HEADER.lastIndex = bodyEnd + 1;
      result.hints.push({ oracle, name, file, line, returns, slots });
    }
    result.files[file] = output + source.slice(copied) + appended;
  }
  return result;
}

/** `<let N: u32, T>` → `['N', 'T']`. */
function genericNames(generics: string): string[] {
  return generics
    .replace(/^<|>$/g, '')
    .split(',')
    .map((part) => part.trim().replace(/^let\s+/, '').split(/[\s:]/)[0])
    .filter(Boolean);
}

/** `(mut a: u32, b: [Field; 3])` → names and types; undefined when the function takes `self`. */
function parseParams(text: string): { name: string; type: string }[] | undefined {
  const params: { name: string; type: string }[] = [];
  for (const part of splitTopLevel(text, ',')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const match = /^(?:mut\s+)?(\w+)\s*:\s*([\s\S]+)$/.exec(trimmed);
    if (!match) return undefined;
    params.push({ name: match[1], type: match[2].trim() });
  }
  return params;
}

export function blankComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (s) => s.replace(/[^\n]/g, ' '));
}

export function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}
