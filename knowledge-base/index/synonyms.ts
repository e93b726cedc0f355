/**
 * A small thesaurus of the words people use for circuit and ML operations. Query words are expanded
 * with their group at a lower weight, so "pick one of two values" meets entries that say "select"
 * and "multiplexer". Groups hold general vocabulary, never entry ids.
 */
const GROUPS: string[][] = [
  ['maximum', 'max', 'largest', 'greatest', 'biggest', 'highest', 'top'],
  ['minimum', 'min', 'smallest', 'least', 'lowest'],
  ['select', 'choose', 'pick', 'mux', 'multiplexer', 'switch', 'conditional', 'ternary'],
  ['equal', 'same', 'identical', 'eq', 'equality', 'match'],
  ['not', 'negate', 'negation', 'invert', 'flip', 'complement', 'opposite'],
  ['flag', 'boolean', 'bool', 'bit', 'binary', 'true', 'false'],
  ['many', 'all', 'every', 'multiple', 'several', 'nary'],
  ['either', 'any', 'or', 'disjunction'],
  ['both', 'and', 'conjunction'],
  ['exactly', 'xor', 'exclusive', 'parity'],
  ['clamp', 'clip', 'saturate', 'bound', 'limit', 'cap'],
  ['between', 'within', 'interval', 'range', 'bounds'],
  ['fits', 'width', 'range', 'overflow', 'bits'],
  ['smaller', 'less', 'lt', 'below', 'lower', 'under'],
  ['bigger', 'greater', 'gt', 'above', 'higher', 'exceeds', 'larger', 'over'],
  ['sum', 'add', 'total', 'accumulate', 'plus', 'addition'],
  ['product', 'multiply', 'times', 'mul', 'multiplication'],
  ['divide', 'division', 'quotient', 'div', 'ratio'],
  ['remainder', 'modulo', 'mod', 'modulus'],
  ['root', 'sqrt', 'radical'],
  ['exponential', 'exp', 'power', 'pow', 'exponent'],
  ['polynomial', 'coefficients', 'horner', 'degree'],
  ['inverse', 'reciprocal', 'invert', 'inv'],
  ['sorted', 'ordered', 'ascending', 'increasing', 'monotonic', 'order'],
  ['index', 'position', 'location', 'slot', 'offset'],
  ['vector', 'array', 'list', 'row', 'sequence', 'tensor'],
  ['decompose', 'decomposition', 'split', 'digits', 'binary'],
  ['pack', 'recompose', 'combine', 'join', 'compose'],
  ['shift', 'shr', 'shl', 'rotate'],
  ['activation', 'nonlinearity', 'relu'],
  ['probability', 'probabilities', 'distribution', 'normalize', 'softmax'],
  ['logits', 'scores', 'activations'],
  ['classifier', 'class', 'label', 'prediction', 'predict', 'predicted'],
  ['pool', 'pooling', 'window', 'downsample'],
  ['average', 'mean', 'avg'],
  ['hash', 'commitment', 'commit', 'digest', 'poseidon'],
  ['merkle', 'tree', 'inclusion', 'membership', 'path'],
  ['zero', 'null', 'nothing', 'empty'],
  ['constrain', 'assert', 'enforce', 'require', 'check'],
  ['fixed', 'quantized', 'integer', 'scaled'],
];

const BY_WORD = new Map<string, string[]>();
for (const group of GROUPS) {
  for (const word of group) BY_WORD.set(word, [...(BY_WORD.get(word) ?? []), ...group.filter((w) => w !== word)]);
}

/** Related words for a (lower-case, unstemmed) query word; empty when it has none. */
export function relatedWords(word: string): string[] {
  return BY_WORD.get(word) ?? [];
}
