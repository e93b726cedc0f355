/**
 * The knowledge-base layernorm fixes eps at one unit of its integer variance sum D. The prover
 * honours LayerNormalization's epsilon by making that unit a parameter: the same circuit with
 * `D + eps` for `D + 1` (and the residual width bound that mentions it). Each replacement must
 * match, so a changed knowledge-base source fails loudly here instead of being patched wrongly.
 */
const CIRCOM: [string, string][] = [
  ['template LayerNorm(n, bits, frac) {', 'template LayerNorm(n, bits, frac, eps) {'],
  ['var total = 1;', 'var total = eps;'],
  ['n * dMax * dMax + 1', 'n * dMax * dMax + eps'],
];

const NOIR: [string, string][] = [
  ['pub fn layer_norm<let N: u32, let BITS: u32, let FRAC: u32>(x: [Field; N]) -> [Field; N] {', 'pub fn layer_norm<let N: u32, let BITS: u32, let FRAC: u32>(x: [Field; N], eps: Field) -> [Field; N] {'],
  ['let mut den = 1;', 'let mut den = eps;'],
];

const NOTE = 'eps is a parameter here (units of D): the prover sets it from LayerNormalization\'s epsilon';

export function layerNormWithEpsilon(source: string, lang: 'circom' | 'noir'): string {
  let patched = source;
  for (const [from, to] of lang === 'circom' ? CIRCOM : NOIR) {
    if (!patched.includes(from)) throw new Error(`the knowledge-base layernorm (${lang}) no longer contains "${from}": update prover/compose/layernorm-epsilon.ts`);
    patched = patched.split(from).join(to);
  }
  return `// ${NOTE}.\n${patched}`;
}
