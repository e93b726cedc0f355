import { blankComments } from './noir-rewrite.js';
import type { Lint } from './types.js';

/**
 * Lint: the result of an unconstrained call that reaches no assertion. `let q = unsafe { f(x) };`
 * followed by arithmetic and a return, but no `assert`/`assert_eq` mentioning q or anything
 * computed from it, means the circuit takes the hint on trust. Textual taint tracking over `let`
 * bindings: a lint, never a verdict.
 */
export function lintNoir(files: Record<string, string>): Lint[] {
  const lints: Lint[] = [];
  for (const [file, source] of Object.entries(files)) {
    if (!file.endsWith('.nr')) continue;
    const clean = blankComments(source);
    const lines = clean.split('\n');
    const hints = new Map<string, number>();
    // `let q = unsafe {…}` and destructuring `let (q, mut r) = unsafe {…}`: each name is a hint result.
    const binding = /\blet\s+(\((?:[^()=]|\([^()]*\))*\)|(?:mut\s+)?\w+)\s*(?::[^=]+)?=\s*unsafe\s*\{/g;
    for (let m = binding.exec(clean); m; m = binding.exec(clean)) {
      const line = clean.slice(0, m.index).split('\n').length;
      for (const name of m[1].replace(/\bmut\b/g, '').match(/\w+/g) ?? []) if (name !== '_') hints.set(name, line);
    }
    for (const [name, line] of hints) {
      const tainted = taint(lines.slice(line - 1).join('\n'), name);
      const asserted = lines.slice(line).some((text) => /\bassert(_eq)?\s*\(/.test(text) && [...tainted].some((t) => new RegExp(`\\b${t}\\b`).test(text)));
      if (asserted) continue;
      lints.push({
        code: 'unconstrained-result-unasserted',
        file,
        line,
        signal: name,
        message: `${name} comes from an unconstrained call and reaches no assert: the circuit trusts the hint as given`,
      });
    }
  }
  return lints;
}

/** `name` and every `let` binding whose initialiser mentions something already tainted. */
function taint(text: string, name: string): Set<string> {
  const tainted = new Set([name]);
  const binding = /\blet\s+(?:mut\s+)?(\w+)\s*(?::[^=]+)?=([^;]+);/g;
  for (let m = binding.exec(text); m; m = binding.exec(text)) {
    if ([...tainted].some((t) => new RegExp(`\\b${t}\\b`).test(m![2]))) tainted.add(m[1]);
  }
  return tainted;
}
