/**
 * The types an attacked hint may return, and how the ACVM lays them out in a foreign call.
 *
 * A foreign call's values travel in *slots*: a scalar is one slot holding one value; an array (of
 * anything, nested arrays and tuples included) is one slot holding all its field elements flattened
 * in order; a tuple or struct is no slot of its own but the concatenation of its fields' slots.
 * `(Field, [u8; 2])` is two slots, `[(Field, bool); N]` one slot of 2·N values. Measured on
 * noir_js 1.0.0-beta.7: the honest answer reaches the oracle as those slots, and the answer we
 * return must have exactly that shape.
 */

export type ScalarType = { kind: 'field' } | { kind: 'bool' } | { kind: 'integer'; signed: boolean; bits: number };

export type HintType =
  | ScalarType
  /** `length` as written: a number or a generic (`N`); the values themselves say how many there are. */
  | { kind: 'array'; element: HintType; length: string }
  | { kind: 'tuple'; fields: HintType[] };

export interface Slot {
  array: boolean;
  /** The scalar types of one element, repeated to cover the slot (one entry for a plain scalar). */
  pattern: ScalarType[];
}

/** Struct definitions by name: non-generic structs whose fields are all supported types. */
export type StructTable = Map<string, string>;

export function structTable(files: Record<string, string>): StructTable {
  const table: StructTable = new Map();
  for (const [file, source] of Object.entries(files)) {
    if (!file.endsWith('.nr')) continue;
    for (const match of source.matchAll(/\bstruct\s+(\w+)\s*\{([^}]*)\}/g)) table.set(match[1], match[2]);
  }
  return table;
}

/** `(Field, [u8; N])` → its HintType; undefined for anything we cannot mutate within its type. */
export function parseType(text: string, structs: StructTable = new Map(), depth = 0): HintType | undefined {
  const t = text.trim();
  if (depth > 8) return undefined;
  if (t === 'Field') return { kind: 'field' };
  if (t === 'bool') return { kind: 'bool' };
  const integer = /^([ui])(\d+)$/.exec(t);
  if (integer) return { kind: 'integer', signed: integer[1] === 'i', bits: Number(integer[2]) };
  if (t.startsWith('[') && t.endsWith(']')) {
    const parts = splitTopLevel(t.slice(1, -1), ';');
    if (parts.length !== 2) return undefined;
    const element = parseType(parts[0], structs, depth + 1);
    return element && { kind: 'array', element, length: parts[1].trim() };
  }
  if (t.startsWith('(') && t.endsWith(')')) {
    const fields = splitTopLevel(t.slice(1, -1), ',').filter((part) => part.trim() !== '').map((part) => parseType(part, structs, depth + 1));
    return fields.length > 0 && fields.every((f) => f !== undefined) ? { kind: 'tuple', fields: fields as HintType[] } : undefined;
  }
  // A struct by name (`Pair`, `gadget::Pair`); generic structs (`Option<T>`) are not looked into.
  const name = /^(?:\w+::)*(\w+)$/.exec(t)?.[1];
  const body = name === undefined ? undefined : structs.get(name);
  if (body === undefined) return undefined;
  const fields = splitTopLevel(body, ',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => /^(?:pub(?:\([^)]*\))?\s+)?\w+\s*:\s*([\s\S]+)$/.exec(part)?.[1])
    .map((type) => (type === undefined ? undefined : parseType(type, structs, depth + 1)));
  return fields.length > 0 && fields.every((f) => f !== undefined) ? { kind: 'tuple', fields: fields as HintType[] } : undefined;
}

/** The foreign-call slots of a type; undefined when an array element's layout depends on a generic length. */
export function slotsOf(type: HintType): Slot[] | undefined {
  if (type.kind === 'tuple') {
    const slots = type.fields.map(slotsOf);
    return slots.every((s) => s !== undefined) ? (slots as Slot[][]).flat() : undefined;
  }
  if (type.kind === 'array') {
    const pattern = elementPattern(type.element);
    return pattern && [{ array: true, pattern }];
  }
  return [{ array: false, pattern: [type] }];
}

/** The scalar types of one flattened element, in order. */
function elementPattern(type: HintType): ScalarType[] | undefined {
  if (type.kind === 'tuple') {
    const parts = type.fields.map(elementPattern);
    return parts.every((p) => p !== undefined) ? (parts as ScalarType[][]).flat() : undefined;
  }
  if (type.kind === 'array') {
    const inner = elementPattern(type.element);
    if (!inner) return undefined;
    // All alike: the length does not matter. Mixed: only a literal length fixes the layout.
    if (inner.every((s) => sameScalar(s, inner[0]))) return [inner[0]];
    return /^\d+$/.test(type.length) ? Array.from({ length: Number(type.length) }, () => inner).flat() : undefined;
  }
  return [type];
}

function sameScalar(a: ScalarType, b: ScalarType): boolean {
  return a.kind === b.kind && (a.kind !== 'integer' || (b.kind === 'integer' && a.bits === b.bits && a.signed === b.signed));
}

/** The scalar type of every flattened value of an answer whose slots hold `sizes` values. */
export function scalarTypes(slots: Slot[], sizes: number[]): ScalarType[] {
  return slots.flatMap((slot, k) => Array.from({ length: sizes[k] ?? 0 }, (_, i) => slot.pattern[i % slot.pattern.length]));
}

export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if ('([<{'.includes(ch)) depth++;
    if (')]>}'.includes(ch)) depth--;
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
