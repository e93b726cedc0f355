/**
 * The ZKSL reference shown to the model, generated from the doc comments of the public functions
 * (each has a one-line description and one example). Kept under 3,300 estimated tokens by `estimateTokens` (3,000 until the reference gained
 * the `reference()` contract, the full import line and the bit-by-bit pattern for iterative results).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Source files in reference order, with their section titles. `sketch()` itself is left out: the
 * preamble's complete example shows it better than its one-line doc comment.
 */
export const REFERENCE_SOURCES: { file: string; title: string; member?: string; free?: string }[] = [
  { file: 'core/types.ts', title: 'Types (inputs/outputs/hints)' },
  { file: 'core/signal.ts', title: 'Signals (`Signal` methods; `Val` = Signal | bigint | number)', member: 'x.' },
  { file: 'core/hint.ts', title: 'Hints: operators `H` (compute only, never constrain) and `witness`', member: 'H.' },
  { file: 'gadgets/bits.ts', title: 'Gadgets `G`: bits, digits, lookup tables', free: 'G.' },
  { file: 'gadgets/compare.ts', title: 'Gadgets `G`: comparison and selection', free: 'G.' },
  { file: 'gadgets/arith.ts', title: 'Gadgets `G`: arithmetic', free: 'G.' },
  { file: 'gadgets/hash.ts', title: 'Gadgets `G`: hashing', free: 'G.' },
];

const PREAMBLE = `# ZKSL reference
A sketch is a TypeScript module: \`import { sketch, Field, Bool, UInt, SInt, Fixed, Arr, Tensor, pub, witness, witnessArray,
assertType, assertRange, Signal, constant, sum, P, mod, toSigned, H, G } from 'zksl'\` (every export) and
\`export default sketch({...})\`. Arithmetic is over the BN254 scalar field; negative x is p − |x|.
Constraints are a·b = c over linear combinations (products of two signals get a new variable
automatically), range checks and table lookups. Declared input types are checked; output types only
describe (constrain outputs yourself).
Rules: \`if\`s and loop bounds may depend on params, never on signal values — the body must build the
same constraints for every input; compute prover-side values only with hints \`witness(type, H.…)\`, and constrain every
hint (an unconstrained hint is an error, reported with its line); prefer \`G\` gadgets; no imports
other than 'zksl', no I/O. Outputs may be returned hints or expressions. An unknown \`G.\`/\`H.\` name is an error.
\`reference(inputs, params)\` gets integers as numbers (bigint beyond 2^53), signed values negative,
arrays as arrays; it returns \`{ output: number | bigint | decimal string }\` (arrays nested; negative = p − |x|)
and may throw for inputs outside its domain.
Iterative results (integer sqrt, gcd, normalisation) have no H operator: hint them bit by bit, each
bit's hint reading the bits already fixed, then constrain the result (isqrt: out² ≤ x < (out+1)²):
\`for (i = h-1..0) { const c = prefix.add(2n ** i); bit[i] = witness(Bool, H.sub(1, H.lt(x, H.mul(c, c)))); prefix = prefix.add(bit[i].scale(2n ** i)); }\`;
or unroll a fixed number of steps (a param) with gadgets (gcd: Euclid steps with G.divMod, G.select for b = 0).

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
    return { q, r };                             // or G.divMod(a, b, bits)
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
        return `- ${prefix}${e.name}: ${e.text.replace(/\.? Example: /, '. E.g. ')}`;
      });
    if (lines.length) sections.push(`## ${title}\n${lines.join('\n')}`);
  }
  return `${sections.join('\n\n')}\n`;
}

/**
 * The pieces a GPT-style BPE tokenizer (cl100k) cuts text into before merging: contractions, a
 * letter run with its leading punctuation, up to three digits, a punctuation run, whitespace.
 */
const PIECE = /'(?:[sStTmMdD]|[rR][eE]|[vV][eE]|[lL][lL])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/**
 * A conservative token count for GPT-style tokenizers, without a vocabulary: every piece is at
 * least one token; within a piece, each identifier segment (camelCase and ALLCAPS split) costs one
 * token per 5 letters, punctuation one per 2 characters, each non-ASCII symbol (−, ≤, Σ) 2.
 * Calibrated against cl100k: 1.11–1.14× the real count on the ZKSL reference (2,797 real tokens
 * estimated 3,183 before the reference was trimmed; 2,619 now estimate 2,915), 0.97–1.3× on this
 * repository's sources, docs and circuits (only files full of long hex constants fall below 1×).
 * Example: `estimateTokens(zkslReference())`.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(PIECE)) {
    const letters = /\p{L}+/u.exec(piece)?.[0];
    if (letters) {
      const segments = letters.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{L}/gu) ?? [letters];
      const nonAscii = [...piece.slice(0, piece.length - letters.length)].filter((c) => c > '\x7f').length;
      tokens += segments.reduce((sum, segment) => sum + Math.ceil(segment.length / 5), 0) + 2 * nonAscii;
    } else if (/^\s*$/u.test(piece) || /\p{N}/u.test(piece)) {
      tokens += 1;
    } else {
      const ascii = piece.replace(/[^\x21-\x7e]/g, '').length;
      const nonAscii = [...piece].filter((c) => c > '\x7f').length;
      tokens += Math.max(1, Math.ceil(ascii / 2) + 2 * nonAscii);
    }
  }
  return tokens;
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
