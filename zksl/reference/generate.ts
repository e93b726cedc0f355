/**
 * The ZKSL reference shown to the model, generated from the doc comments of the public functions
 * (each has a one-line description and one example). Kept under ~3,000 tokens.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Source files in reference order, with their section titles. */
export const REFERENCE_SOURCES: { file: string; title: string; member?: string; free?: string }[] = [
  { file: 'core/sketch.ts', title: 'Defining a sketch' },
  { file: 'core/types.ts', title: 'Types (inputs/outputs/hints)' },
  { file: 'core/signal.ts', title: 'Signals (`Signal` methods; `Val` = Signal | bigint | number)', member: 'x.' },
  { file: 'core/hint.ts', title: 'Hints: operators `H` (compute only, never constrain) and `witness`', member: 'H.' },
  { file: 'gadgets/bits.ts', title: 'Gadgets `G`: bits, digits, lookup tables', free: 'G.' },
  { file: 'gadgets/compare.ts', title: 'Gadgets `G`: comparison and selection', free: 'G.' },
  { file: 'gadgets/arith.ts', title: 'Gadgets `G`: arithmetic', free: 'G.' },
];

const PREAMBLE = `# ZKSL reference
A sketch is a TypeScript module: \`import { sketch, Field, Bool, UInt, SInt, Fixed, Arr, pub, witness, H, G } from 'zksl'\`
and \`export default sketch({...})\`. Arithmetic is over the BN254 scalar field; negative x is p − |x|.
Constraints are a·b = c over linear combinations (products of two signals get a new variable
automatically), range checks and table lookups. Declared input types are checked; output types only
describe (constrain outputs yourself).
Rules: \`if\`s and loop bounds may depend on params, never on signal values — the body must build the
same constraints for every input; compute prover-side values only with hints \`witness(type, H.…)\`, and constrain every
hint (an unconstrained hint is an error, reported with its line); prefer \`G\` gadgets; no imports
other than 'zksl', no I/O. Outputs may be returned hints or expressions.

\`\`\`ts
import { sketch, UInt, pub, witness, H, G } from 'zksl';
export default sketch({
  name: 'DivMod',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), b: pub(UInt(bits)) }),
  outputs: ({ bits }) => ({ q: UInt(bits), r: UInt(bits) }),
  body: ({ a, b }, { bits }) => {
    const q = witness(UInt(bits), H.div(a, b)); // hint + its range check
    const r = witness(UInt(bits), H.mod(a, b));
    q.mul(b).add(r).assertEquals(a);            // tie the hints to the inputs
    G.assertLessThan(r, b, bits);
    return { q, r };                             // or simply G.divMod(a, b, bits)
  },
});
\`\`\``;

interface Entry {
  name: string;
  text: string;
  /** 'free' for exported functions and constants, 'static' for static methods, 'member' otherwise. */
  kind: 'free' | 'static' | 'member';
}

/** Doc comments that carry an example, with the name of what they document. */
export function extractEntries(source: string): Entry[] {
  const entries: Entry[] = [];
  const pattern = /\/\*\*([\s\S]*?)\*\/\s*(export\s+)?((?:const|function|class)\s+)?(static\s+)?([A-Za-z_$][\w$]*)/g;
  for (const match of source.matchAll(pattern)) {
    const text = match[1]
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!/Example:/.test(text)) continue;
    entries.push({ name: match[5], text, kind: match[4] ? 'static' : match[2] || match[3] ? 'free' : 'member' });
  }
  return entries;
}

/** Build the reference from source texts (`read` gives a file's text by its path under zksl/). */
export function buildReference(read: (file: string) => string): string {
  const sections = [PREAMBLE];
  for (const { file, title, member, free } of REFERENCE_SOURCES) {
    const lines = extractEntries(read(file))
      .filter((e) => e.name !== 'H' && e.name !== 'G')
      .map((e) => {
        const prefix = e.kind === 'static' ? 'Signal.' : e.kind === 'free' ? free ?? '' : member ?? '';
        return `- ${prefix}${e.name}: ${e.text.replace(/ Example: /, ' — e.g. ')}`;
      });
    if (lines.length) sections.push(`## ${title}\n${lines.join('\n')}`);
  }
  return `${sections.join('\n\n')}\n`;
}

/** Rough token count (≈ 4 characters per token for English and code). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

let cached: string | undefined;

/** The ZKSL reference text shown to the model. Example: `prompt += zkslReference()`. */
export function zkslReference(): string {
  cached ??= buildReference((file) => {
    const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return readFileSync(path.replace(/\.ts$/, '.js'), 'utf8');
    }
  });
  return cached;
}
