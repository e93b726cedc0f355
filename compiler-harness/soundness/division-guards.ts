import type { TemplateSource } from './circom-source.js';

/**
 * Which divisors of a `<--` division the template guards, for the `division-without-nonzero-check`
 * lint (issue 15, class 7: a lint must mean something). A divisor is split into its factors
 * (`2 * B * y` → `y`; numbers and template parameters cannot vanish) and each factor, read as a
 * linear form (`p2[0] - p1[0]`, equal up to a constant multiple), counts as guarded when:
 * - a constraint proves it non-zero: one side has it as a factor and the other side cannot be 0
 *   where it is (`inv * d === 1`, `q * (1 - y) === 1 + y`);
 * - an `IsZero` / `IsEqual` on it is forced to 0 (`isz.out === 0`);
 * - the hint tests it (`d != 0 ? n / d : 0`, `x1 == x2 ? …`) and the constraints do too (`d * out === 0`,
 *   an IsZero / IsEqual on it as a selector): the zero case is handled, the attack checks how well;
 * - a stated precondition excludes 0 for that input (`--assume "d != 0"`).
 * Regular expressions over the source, like every lint: a warning, never a verdict.
 */

/** A linear form: atom (whitespace-free text) → coefficient, `''` the constant. */
type Linear = Map<string, bigint>;

export interface GuardContext {
  template: TemplateSource;
  /** Inputs a precondition keeps away from 0 (`y`, `in[2]`, `in[*]`), main template only. */
  nonZeroInputs?: (atom: string) => boolean;
}

/** The factors of the hint's divisors that nothing guards, as written (for the message). */
export function unguardedDivisors(expression: string, context: GuardContext): string[] {
  const unguarded: string[] = [];
  for (const divisor of divisorsOf(expression)) {
    for (const factor of topLevel(divisor, '*')) {
      const form = linearForm(factor, context.template);
      if (!form || isConstant(form)) continue;
      if (!isGuarded(form, expression, context)) unguarded.push(stripParens(factor.trim()));
    }
  }
  return [...new Set(unguarded)];
}

function isGuarded(form: Linear, expression: string, context: GuardContext): boolean {
  const { template } = context;
  const [atom, ...rest] = [...form.keys()].filter((key) => key !== '');
  if (rest.length === 0 && !form.has('') && context.nonZeroInputs?.(atom)) return true;
  const statements = template.body.split(';');
  let zeroCaseConstrained = false;
  for (const statement of statements) {
    const sides = statement.split('===');
    if (sides.length !== 2) continue;
    for (const [side, other] of [sides, [...sides].reverse()]) {
      if (!topLevel(side, '*').some((factor) => sameZeros(linearForm(factor, template), form))) continue;
      if (nonZeroWhereZero(linearForm(other, template), form)) return true;
      // `d * out === 0`: the inline IsZero, the zero case has a constraint of its own.
      if (other.trim() === '0') zeroCaseConstrained = true;
    }
  }
  for (const component of zeroTests(form, template)) {
    const out = new RegExp(`\\b${escape(component)}\\s*\\.\\s*out\\b`);
    if (statements.some((s) => forcedZero(s, out))) return true;
    // A selector in a constraint: the constraints branch on the zero case.
    if (statements.some((s) => out.test(s) && /\*/.test(s) && /===|<==/.test(s))) zeroCaseConstrained = true;
  }
  // The hint tests the divisor (`d != 0 ? n / d : 0`, `x1 == x2 ? … : …`) and so do the constraints.
  return zeroCaseConstrained && testsZero(expression, form, template);
}

function forcedZero(statement: string, out: RegExp): boolean {
  const sides = statement.split('===').map((side) => side.trim());
  return sides.length === 2 && sides.some((side, i) => out.test(side) && side.replace(out, '').trim() === '' && sides[1 - i] === '0');
}

/** Components `IsZero` fed the form, or `IsEqual` fed its two halves. */
function zeroTests(form: Linear, template: TemplateSource): string[] {
  const found: string[] = [];
  const fed = (component: string, port: string) => {
    const m = new RegExp(`\\b${escape(component)}\\s*\\.\\s*in${port}\\s*<==\\s*([^;]+);`).exec(template.body);
    return m ? linearForm(m[1], template) : undefined;
  };
  for (const [component, { template: used }] of template.components) {
    if (used === 'IsZero' && sameZeros(fed(component, ''), form)) found.push(component);
    if (used === 'IsEqual') {
      const [left, right] = [fed(component, '\\s*\\[\\s*0\\s*\\]'), fed(component, '\\s*\\[\\s*1\\s*\\]')];
      if (left && right && sameZeros(combine(left, right, -1n), form)) found.push(component);
    }
  }
  return found;
}

/** The hint's own test: `d != 0 ?`, `d == 0 ?`, or `a == b ?` for d = a − b (operands may be parenthesised). */
function testsZero(expression: string, form: Linear, template: TemplateSource): boolean {
  const comparison = /==|!=/g;
  for (let m = comparison.exec(expression); m; m = comparison.exec(expression)) {
    const left = operand(expression, m.index - 1, -1);
    const right = operand(expression, m.index + 2, 1);
    const [l, r] = [linearForm(left, template), linearForm(right, template)];
    if (l && r && sameZeros(combine(l, r, -1n), form)) return true;
  }
  return false;
}

/** The operand that ends (step −1) or starts (step 1) at `from`: up to `?`, `:`, `&&`, `||` or an unmatched bracket. */
function operand(text: string, from: number, step: 1 | -1): string {
  let depth = 0;
  let i = from;
  for (; i >= 0 && i < text.length; i += step) {
    const ch = text[i];
    const opens = step === 1 ? '(' : ')';
    const closes = step === 1 ? ')' : '(';
    if (ch === opens) depth++;
    else if (ch === closes && --depth < 0) break;
    else if (depth === 0 && (ch === '?' || ch === ':' || ch === '&' || ch === '|' || ch === '=' || ch === '!' || ch === '<' || ch === '>')) break;
  }
  return step === 1 ? text.slice(from, i) : text.slice(i + 1, from + 1);
}

/** Where `divisor` vanishes, `value` cannot: both linear in the same single atom (or `value` a non-zero constant). */
function nonZeroWhereZero(value: Linear | undefined, divisor: Linear): boolean {
  if (!value) return false;
  const atoms = [...divisor.keys()].filter((key) => key !== '');
  const valueAtoms = [...value.keys()].filter((key) => key !== '');
  if (valueAtoms.length === 0) return (value.get('') ?? 0n) !== 0n;
  if (atoms.length !== 1 || valueAtoms.length !== 1 || atoms[0] !== valueAtoms[0]) return false;
  const [a, b] = [divisor.get(atoms[0])!, divisor.get('') ?? 0n];
  const [c, d] = [value.get(atoms[0])!, value.get('') ?? 0n];
  return a * d - b * c !== 0n;
}

/** Equal up to a non-zero multiple: they vanish together. */
function sameZeros(x: Linear | undefined, y: Linear): boolean {
  if (!x || x.size !== y.size || x.size === 0) return false;
  const [first] = x.keys();
  if (!y.has(first)) return false;
  const [xf, yf] = [x.get(first)!, y.get(first)!];
  return [...x].every(([key, value]) => y.has(key) && value * yf === y.get(key)! * xf);
}

function combine(x: Linear, y: Linear, factor: bigint): Linear {
  const out = new Map(x);
  for (const [key, value] of y) out.set(key, (out.get(key) ?? 0n) + factor * value);
  for (const [key, value] of out) if (value === 0n) out.delete(key);
  return out;
}

function isConstant(form: Linear): boolean {
  return [...form.keys()].every((key) => key === '');
}

/**
 * `3 * x - 2 * y[1] + 5` → {x: 3, y[1]: −2, '': 5}. Identifiers that are not signals or
 * components of the template (parameters, `var`s) count as non-zero constants of unknown value:
 * they scale a term, they never make a term vanish. `undefined` when not linear.
 */
export function linearForm(text: string, template: TemplateSource): Linear | undefined {
  const form: Linear = new Map();
  const terms = signedTerms(stripParens(text.trim()));
  for (const term of terms) {
    let coefficient = term.negative ? -1n : 1n;
    let part: Linear | undefined;
    let scaledByParameter = false;
    for (const raw of topLevel(term.text, '*')) {
      const factor = stripParens(raw.trim()).replace(/\s+/g, '');
      if (/^\d+$/.test(factor)) coefficient *= BigInt(factor);
      else if (!isSignal(factor, template)) scaledByParameter = true;
      else if (part) return undefined;
      else if (/^[A-Za-z_][\w.]*(\[[^\]]*\])*$/.test(factor)) part = new Map([[factor, 1n]]);
      else if (/[+-]/.test(factor)) part = linearForm(factor, template);
      if (factor !== '' && isSignal(factor, template) && !part) return undefined;
    }
    // A parameter's value is unknown: fine for the zeros of a single term, not inside a sum.
    if (scaledByParameter && terms.length > 1) return undefined;
    for (const [key, value] of part ?? new Map([['', 1n]])) form.set(key, (form.get(key) ?? 0n) + coefficient * value);
  }
  for (const [key, value] of form) if (value === 0n) form.delete(key);
  return form;
}

function isSignal(factor: string, template: TemplateSource): boolean {
  return (factor.match(/(?<![\w.])[A-Za-z_]\w*/g) ?? []).some((name) => template.signals.some((s) => s.name === name) || template.components.has(name));
}

function signedTerms(text: string): { text: string; negative: boolean }[] {
  const terms: { text: string; negative: boolean }[] = [];
  let depth = 0;
  let start = 0;
  let negative = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (i === text.length || (depth === 0 && (ch === '+' || ch === '-'))) {
      const piece = text.slice(start, i).trim();
      if (piece) {
        terms.push({ text: piece, negative });
        negative = ch === '-';
      } else if (ch === '-') negative = !negative;
      start = i + 1;
    }
  }
  return terms;
}

/** The operand after each field division `/` (not `//`, not the integer division `\`). */
export function divisorsOf(expression: string): string[] {
  const divisors: string[] = [];
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] !== '/' || expression[i + 1] === '/' || expression[i - 1] === '/') continue;
    let j = i + 1;
    while (expression[j] === ' ') j++;
    if (expression[j] === '(') {
      let depth = 0;
      let k = j;
      for (; k < expression.length; k++) {
        if (expression[k] === '(') depth++;
        else if (expression[k] === ')' && --depth === 0) break;
      }
      divisors.push(expression.slice(j, k + 1));
    } else {
      const operand = /^[A-Za-z_][\w.]*(\s*\[[^\]]*\])*|^\d+/.exec(expression.slice(j))?.[0];
      if (operand) divisors.push(operand);
    }
  }
  return divisors;
}

/** Split at `separator` outside brackets. */
function topLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' || text[i] === '[') depth++;
    else if (text[i] === ')' || text[i] === ']') depth--;
    else if (depth === 0 && text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
