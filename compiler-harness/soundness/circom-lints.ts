import { parseCircom, splitWireName, templateOfPath, type CircomSources, type TemplateSource } from './circom-source.js';
import { isInputWire, type ConstraintSystem } from './r1cs.js';
import { rangeCheckedWires } from './structures.js';
import { unguardedDivisors, type GuardContext } from './division-guards.js';
import type { InputPrecondition, Lint } from './types.js';

/**
 * Patterns that often mean an under-constrained circuit. Warnings with a location, never verdicts:
 * the attack in circom-attack.ts decides. Source lints cover only the user's files (the `source`
 * map), never libraries, so circomlib's deliberate hints do not drown the signal.
 */

const RANGE_TEMPLATES = /^(Num2Bits\w*|RangeCheck\w*|AssertBits\w*|\w*Range\w*|LessThan|LessEqThan|GreaterThan|GreaterEqThan)$/;
const COMPARATORS = /^(LessThan|LessEqThan|GreaterThan|GreaterEqThan)$/;
/** Library templates whose outputs are the reason to instantiate them (Num2Bits is often just a range check). */
const LIBRARY_OUTPUTS: Record<string, string[]> = {
  LessThan: ['out'], LessEqThan: ['out'], GreaterThan: ['out'], GreaterEqThan: ['out'], IsZero: ['out'], IsEqual: ['out'],
  Poseidon: ['out'], MiMC7: ['out'], Mux1: ['out'], Mux2: ['out'], Bits2Num: ['out'], Switcher: ['outL', 'outR'],
};

export function lintCircom(system: ConstraintSystem, source?: Record<string, string>, inputNames: string[] = [], preconditions: Record<string, InputPrecondition> = {}): Lint[] {
  const sources = source ? parseCircom(source) : undefined;
  const lints: Lint[] = [...unusedInputLints(system, inputNames, sources), ...constraintUseLints(system, sources)];
  if (!sources) return lints;
  // A bit decomposition in the R1CS (inline loops, as ZKSL lowers them) is a range check too.
  const ranged = rangeCheckedWires(system);
  const checkedInR1cs = (template: TemplateSource, signal: string) => {
    const wires = [...system.labels].filter(([name]) => {
      const split = splitWireName(name);
      return split.signal === signal && templateOfPath(sources, split.path) === template.name;
    });
    return wires.length > 0 && wires.every(([, wire]) => wire >= 0 && ranged.has(wire));
  };
  for (const template of sources.templates.values()) {
    const guards = template.name === sources.mainTemplate ? { nonZeroInputs: nonZeroByPrecondition(preconditions) } : {};
    lints.push(...divisionLints(template, checkedInR1cs, guards), ...comparatorLints(template, checkedInR1cs), ...unusedOutputLints(template, sources));
  }
  return lints;
}

/** `y`, `in[2]`: inputs a stated precondition keeps away from 0 (`--assume "y != 0"`, `y >= 1`). */
function nonZeroByPrecondition(preconditions: Record<string, InputPrecondition>): (atom: string) => boolean {
  return (atom) => {
    const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(atom) ?? [];
    if (!name) return false;
    return Object.entries(preconditions).some(([key, condition]) => {
      if ((condition.input ?? key) !== name) return false;
      const excludesZero = (condition.notEqual ?? []).some((value) => BigInt(value) === 0n) || (condition.min !== undefined && BigInt(condition.min) >= 1n);
      const path = condition.path;
      const covers = !path || path.length === 0 || path[0] === '*' || (index !== undefined && path[0] === Number(index));
      return excludesZero && covers;
    });
  };
}

/**
 * Inputs no constraint mentions: the proof holds for every value of them, so a public input used
 * this way binds nothing (circom drops such inputs from the witness altogether).
 */
function unusedInputLints(system: ConstraintSystem, inputNames: string[], sources: CircomSources | undefined): Lint[] {
  const lints: Lint[] = [];
  const main = sources?.mainTemplate ? sources.templates.get(sources.mainTemplate) : undefined;
  for (const name of inputNames) {
    const wires = [...system.labels].filter(([label]) => label === `main.${name}` || label.startsWith(`main.${name}[`)).map(([, wire]) => wire);
    if (wires.length === 0 || wires.some((wire) => wire >= 0 && system.uses[wire].length > 0)) continue;
    const declared = main?.signals.find((s) => s.name === name);
    lints.push({
      code: 'signal-in-no-constraint',
      signal: `main.${name}`,
      ...(main && declared ? { file: main.file, line: declared.line } : {}),
      message: `input ${name} appears in no constraint: a proof holds for any value of it`,
    });
  }
  return lints;
}

/** Signals in no constraint, and hints pinned by a single constraint (wire view, names from .sym). */
function constraintUseLints(system: ConstraintSystem, sources: CircomSources | undefined): Lint[] {
  const lints: Lint[] = [];
  const reported = new Set<number>();
  for (const [name, wire] of system.labels) {
    if (wire <= 0 || isInputWire(system, wire) || reported.has(wire)) continue;
    const count = system.uses[wire].length;
    if (count > 1) continue;
    const { path, signal } = splitWireName(name);
    const templateName = sources ? templateOfPath(sources, path) : undefined;
    const template = templateName ? sources?.templates.get(templateName) : undefined;
    const hint = template?.hints.find((h) => h.target === signal);
    const declared = template?.signals.find((s) => s.name === signal);
    const where = template ? { file: template.file, line: hint?.line ?? declared?.line } : {};
    if (count === 0) {
      reported.add(wire);
      lints.push(
        hint
          ? { code: 'unconstrained-hint', signal: name, ...where, message: `${name} is assigned with <-- and appears in no constraint: a prover may set it to anything` }
          : { code: 'signal-in-no-constraint', signal: name, ...where, message: `${name} appears in no constraint: its value is not enforced` },
      );
    } else if (hint) {
      reported.add(wire);
      lints.push({
        code: 'hint-in-one-constraint',
        signal: name,
        ...where,
        message: `${name} is assigned with <-- and appears in a single constraint: check that this constraint alone fixes its value for every input`,
      });
    }
  }
  return lints;
}

/** Where the signal behind a wire name (`main.c.x[2]`) is assigned or declared, when it is in the user's source. */
export function signalLocation(source: Record<string, string> | undefined, name: string): { file: string; line: number } | undefined {
  if (!source) return undefined;
  const sources = parseCircom(source);
  const { path, signal } = splitWireName(name);
  const templateName = templateOfPath(sources, path);
  const template = templateName ? sources.templates.get(templateName) : undefined;
  const line = template?.hints.find((h) => h.target === signal)?.line ?? template?.signals.find((s) => s.name === signal)?.line;
  return template && line !== undefined ? { file: template.file, line } : undefined;
}

function divisionLints(template: TemplateSource, checkedInR1cs: (template: TemplateSource, signal: string) => boolean, guards: Omit<GuardContext, 'template'>): Lint[] {
  const lints: Lint[] = [];
  for (const hint of template.hints) {
    const location = { file: template.file, line: hint.line, signal: hint.target };
    const unguarded = unguardedDivisors(hint.expression, { template, ...guards });
    if (unguarded.length > 0) {
      const divisor = unguarded.join(', ');
      lints.push({
        code: 'division-without-nonzero-check',
        ...location,
        message: `${hint.target} <-- ${hint.expression}: nothing constrains ${divisor} ≠ 0; when it is 0, ${hint.target}·${unguarded[0]} = … holds for any ${hint.target}`,
      });
    }
    if (/\\|%/.test(hint.expression) && !isRangeChecked(template, hint.target) && !checkedInR1cs(template, hint.target)) {
      lints.push({
        code: 'quotient-without-range-check',
        ...location,
        message: `${hint.target} <-- ${hint.expression}: an integer quotient or remainder needs a range check (e.g. Num2Bits) or q·d + r = x has other solutions mod p`,
      });
    }
  }
  return lints;
}

/** Fed into a range-checking component; comparators count only when `comparators` (they bound a remainder, not their own inputs). */
function isRangeChecked(template: TemplateSource, signal: string, comparators = true): boolean {
  for (const [component, { template: used }] of template.components) {
    if (!RANGE_TEMPLATES.test(used) || (!comparators && COMPARATORS.test(used))) continue;
    const feeds = new RegExp(`\\b${component}\\s*(\\[[^\\]]*\\])?\\s*\\.in\\s*(\\[[^\\]]*\\])?\\s*<==\\s*${escape(signal)}\\b`);
    if (feeds.test(template.body)) return true;
  }
  return false;
}

function comparatorLints(template: TemplateSource, checkedInR1cs: (template: TemplateSource, signal: string) => boolean): Lint[] {
  const lints: Lint[] = [];
  // Range-checked, or a sum or difference of range-checked signals (`net <== pos - neg`): bounded
  // far below p, so the comparator's own bit decomposition refuses a wrapped value.
  const bounded = (signal: string, depth = 0): boolean => {
    if (isRangeChecked(template, signal, false) || checkedInR1cs(template, signal)) return true;
    const definition = new RegExp(`(?<![\\w.])${escape(signal)}\\s*<==\\s*([^;]+);`).exec(template.body)?.[1];
    if (!definition || depth > 3 || !/^[\w\s+\-[\]]+$/.test(definition)) return false;
    const names = (definition.match(/(?<![\w.[])[A-Za-z_]\w*/g) ?? []).filter((name) => template.signals.some((s) => s.name === name));
    return names.length > 0 && names.every((name) => bounded(name, depth + 1));
  };
  for (const [component, { template: used }] of template.components) {
    if (!COMPARATORS.test(used)) continue;
    const feed = new RegExp(`\\b${component}\\s*(?:\\[[^\\]]*\\])?\\s*\\.in\\s*\\[[^\\]]*\\]\\s*<==\\s*([^;]+);`, 'g');
    for (let m = feed.exec(template.body); m; m = feed.exec(template.body)) {
      const line = template.firstLine + template.body.slice(0, m.index).split('\n').length - 1;
      for (const identifier of m[1].match(/[A-Za-z_]\w*/g) ?? []) {
        const signal = template.signals.find((s) => s.name === identifier);
        if (!signal || bounded(identifier)) continue;
        lints.push({
          code: 'comparator-input-unchecked',
          file: template.file,
          line,
          signal: identifier,
          message: `${identifier} feeds ${used} (${component}) without a range check: comparators assume n-bit inputs, and a value near p (a "negative" number) can pass`,
        });
      }
    }
  }
  return lints;
}

function unusedOutputLints(template: TemplateSource, sources: CircomSources): Lint[] {
  const lints: Lint[] = [];
  for (const [component, { template: used, line }] of template.components) {
    // A range check (Num2Bits as one) is used for its constraints, not its outputs.
    if (RANGE_TEMPLATES.test(used) && !COMPARATORS.test(used)) continue;
    const outputs =
      sources.templates.get(used)?.signals.filter((s) => s.kind === 'output').map((s) => s.name) ?? LIBRARY_OUTPUTS[used] ?? [];
    for (const output of outputs) {
      if (new RegExp(`\\b${component}\\s*(\\[[^\\]]*\\])?\\s*\\.\\s*${output}\\b`).test(template.body)) continue;
      lints.push({
        code: 'unused-component-output',
        file: template.file,
        line,
        signal: `${component}.${output}`,
        message: `${component}.${output} (${used}) is never used: the check it computes constrains nothing`,
      });
    }
  }
  return lints;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
