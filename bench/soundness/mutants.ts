/**
 * Mutation operators for the soundness benchmark: small pure functions from source text to
 * mutants. Each one removes or weakens exactly one check, the way a careless author (or a model)
 * would, and keeps line numbers stable (deleted statements become blank lines) so a mutant's name
 * points at the line that was changed in the original file.
 */

export type MutationOperator =
  /** Circom: delete one `===` statement. */
  | 'delete-constraint'
  /** Circom: `<==` → `<--` (`==>` → `-->`): the assignment stays, the constraint goes. */
  | 'weaken-assignment'
  /** Both: a range check / bit decomposition one bit narrower. */
  | 'narrow-range-check'
  /** Circom: delete a range-check component with its bindings; Noir: delete one `assert_max_bit_size`. */
  | 'remove-range-check'
  /** Noir: delete one `assert`/`assert_eq` that follows an `unsafe { … }` hint call. */
  | 'drop-hint-assert';

export interface Mutant {
  /** `<entry>/<lang>/<operator>@<file>:L<line>`. */
  name: string;
  operator: MutationOperator;
  /** The file that was edited and the 1-based line of the edit. */
  file: string;
  line: number;
  /** The original statement, trimmed, for the report. */
  original: string;
  /** Noir: the edit is in a function after an `unsafe { … }` hint call (so a hint may escape through it). */
  afterHint?: boolean;
  /** All project files, one of them edited. */
  files: Record<string, string>;
}

/** Templates whose only job (in an entry) is to range-check: narrowing or removing them is the bug we want. */
const RANGE_TEMPLATES = /\b(Num2Bits|LessThan|LessEqThan|GreaterThan|GreaterEqThan|RangeCheck\w*|AssertBits\w*)\s*\(/;

/** Code of a line without its `//` comment. */
function code(line: string): string {
  return line.replace(/\/\/.*$/, '');
}

/** Lines [start, end] of the statement beginning at `start` (it ends at the first line whose code ends with `;`). */
function statementEnd(lines: string[], start: number): number {
  for (let i = start; i < Math.min(lines.length, start + 12); i++) if (code(lines[i]).trimEnd().endsWith(';')) return i;
  return -1;
}

function blank(lines: string[], from: number, to: number): string {
  return lines.map((line, i) => (i >= from && i <= to ? '' : line)).join('\n');
}

function replaceLine(lines: string[], index: number, text: string): string {
  return lines.map((line, i) => (i === index ? text : line)).join('\n');
}

interface MutationContext {
  entry: string;
  lang: 'circom' | 'noir';
  files: Record<string, string>;
  file: string;
}

function mutant(context: MutationContext, operator: MutationOperator, index: number, original: string, text: string): Mutant {
  const { entry, lang, files, file } = context;
  return {
    name: `${entry}/${lang}/${operator}@${file}:L${index + 1}`,
    operator,
    file,
    line: index + 1,
    original: original.trim(),
    files: { ...files, [file]: text },
  };
}

/** Every Circom mutant of `file` (the entry's own template file; circomlib is never mutated). */
export function circomMutants(entry: string, files: Record<string, string>, file: string): Mutant[] {
  const context: MutationContext = { entry, lang: 'circom', files, file };
  const lines = files[file].split('\n');
  const found: Mutant[] = [];
  lines.forEach((line, index) => {
    const statement = code(line);
    if (/===/.test(statement)) {
      const end = statementEnd(lines, index);
      if (end >= 0) found.push(mutant(context, 'delete-constraint', index, line, blank(lines, index, end)));
    }
    // `_ <== c.out` only discards an output: weakening it changes nothing worth counting.
    if (/<==|==>/.test(statement) && !/^\s*_\s*<==/.test(statement)) {
      const weakened = statement.includes('<==') ? line.replace('<==', '<--') : line.replace('==>', '-->');
      found.push(mutant(context, 'weaken-assignment', index, line, replaceLine(lines, index, weakened)));
    }
    const call = RANGE_TEMPLATES.exec(statement);
    if (call && /=\s*\w+\s*\(/.test(statement)) {
      const narrowed = narrowFirstArgument(line, call.index + call[0].length);
      if (narrowed) found.push(mutant(context, 'narrow-range-check', index, line, replaceLine(lines, index, narrowed)));
    }
  });
  found.push(...removedRangeChecks(context, lines));
  return found;
}

/** `T(bits)` → `T(bits - 1)`: the argument starts at `open` (just after the parenthesis). */
function narrowFirstArgument(line: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const c = line[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if ((c === ')' || c === ',') && depth === 0) {
      const argument = line.slice(open, i).trim();
      if (!argument) return undefined; // Num2Bits_strict() and friends take no width
      return `${line.slice(0, open)}(${argument}) - 1${line.slice(i)}`;
    }
  }
  return undefined;
}

/**
 * Delete a range-check component — its declaration/instantiation and every statement naming it —
 * when the component is used for nothing else than the check (its outputs go to `_`). A component
 * whose bits are used is a decomposition, not a check: removing it cannot compile.
 */
function removedRangeChecks(context: MutationContext, lines: string[]): Mutant[] {
  const found: Mutant[] = [];
  const instantiations = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = /^\s*(?:component\s+)?(\w+)(\[[^\]]*\])?\s*=\s*(\w+)\s*\(/.exec(code(line));
    if (match && RANGE_TEMPLATES.test(`${match[3]}(`) && !instantiations.has(match[1])) instantiations.set(match[1], index);
  });
  for (const [component, at] of instantiations) {
    const uses = new RegExp(`\\b${component}\\b`);
    const touched: [number, number][] = [];
    let onlyCheck = true;
    lines.forEach((line, index) => {
      const statement = code(line);
      if (!uses.test(statement)) return;
      // Keep a separate `component x[n];` declaration: the array stays declared, only its uses go.
      if (/^\s*component\s+\w+\s*\[[^\]]*\]\s*;/.test(statement)) return;
      const isBinding = new RegExp(`^\\s*${component}(\\[[^\\]]*\\])?\\.in\\b`).test(statement);
      const isDiscard = /^\s*_\s*<==/.test(statement);
      if (index !== at && !isBinding && !isDiscard && !/=\s*\w+\s*\(/.test(statement)) onlyCheck = false;
      const end = statementEnd(lines, index);
      if (end >= 0) touched.push([index, end]);
    });
    if (!onlyCheck || touched.length === 0) continue;
    const text = lines.map((line, i) => (touched.some(([a, b]) => i >= a && i <= b) ? '' : line)).join('\n');
    found.push(mutant(context, 'remove-range-check', at, lines[at], text));
  }
  return found;
}

/** Every Noir mutant of one `.nr` file. */
export function noirMutants(entry: string, files: Record<string, string>, file: string): Mutant[] {
  const context: MutationContext = { entry, lang: 'noir', files, file };
  const lines = files[file].split('\n');
  const afterHint = linesAfterHints(lines);
  const found: Mutant[] = [];
  lines.forEach((line, index) => {
    const statement = code(line);
    const end = statementEnd(lines, index);
    const bitSize = /\.assert_max_bit_size::<(.+?)>\(\)/.exec(statement);
    const hinted = afterHint.has(index);
    if (bitSize && end >= 0) {
      found.push({ ...mutant(context, 'remove-range-check', index, line, blank(lines, index, end)), afterHint: hinted });
      const narrowed = line.replace(bitSize[0], `.assert_max_bit_size::<${bitSize[1]} - 1>()`);
      found.push({ ...mutant(context, 'narrow-range-check', index, line, replaceLine(lines, index, narrowed)), afterHint: hinted });
    } else if (/^\s*assert(_eq)?\s*\(/.test(statement) && hinted && end >= 0) {
      found.push({ ...mutant(context, 'drop-hint-assert', index, line, blank(lines, index, end)), afterHint: true });
    }
  });
  return found;
}

/** Indices of lines after an `unsafe { … }` call, up to the end of the function that makes it. */
function linesAfterHints(lines: string[]): Set<number> {
  const after = new Set<number>();
  let depth = 0;
  let inHintedFunction = false;
  for (const [index, line] of lines.entries()) {
    const statement = code(line);
    if (depth === 0) inHintedFunction = false;
    if (inHintedFunction) after.add(index);
    if (/\bunsafe\s*\{/.test(statement)) inHintedFunction = true;
    for (const c of statement) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
  }
  return after;
}

/**
 * A deterministic spread of at most `limit` mutants, operators interleaved so a cap keeps every
 * kind of mutation represented rather than the first lines of the file.
 */
export function sampleMutants(mutants: Mutant[], limit: number): Mutant[] {
  if (mutants.length <= limit) return mutants;
  const byOperator = new Map<MutationOperator, Mutant[]>();
  for (const m of mutants) byOperator.set(m.operator, [...(byOperator.get(m.operator) ?? []), m]);
  const queues = [...byOperator.values()];
  const picked: Mutant[] = [];
  for (let round = 0; picked.length < limit; round++) {
    for (const queue of queues) {
      // Take from alternating ends so a capped file still sees its first and its last checks.
      const pick = round % 2 === 0 ? queue.shift() : queue.pop();
      if (pick && picked.length < limit) picked.push(pick);
    }
  }
  return picked;
}
