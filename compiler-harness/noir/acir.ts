/**
 * The few facts zkcoder reads from Noir artefacts: the ACIR opcode count (noir_wasm reports none),
 * and the mapping between noir_js values (0x-hex strings, `-0x…` for negative signed integers) and
 * the harness's decimal strings.
 */
import { gunzipSync } from 'node:zlib';
import type { Value } from '../types.js';
import { BN254_PRIME } from '../field.js';

/** The ACIR program, un-gzipped: what bb.js and the ACVM consume. */
export function acirBytes(bytecodeBase64: string): Uint8Array {
  return gunzipSync(Buffer.from(bytecodeBase64, 'base64'));
}

export interface OpcodeCount {
  /** Opcodes of the entry function (`main`). */
  main: number;
  /** ACIR functions in the program (more than one with `#[fold]`). */
  functions: number;
}

/**
 * Read the opcode count of `main` from noir 1.0.0-beta.7's bincode serialization of `Program`:
 * `functions: Vec<Circuit>` (u64 length) whose first `Circuit` begins with
 * `current_witness_index: u32` then `opcodes: Vec<Opcode>` (u64 length). Skipping past `main`
 * would need a full opcode decoder, so other functions are counted but not measured.
 * Throws when the layout does not look like that (a different noir version).
 */
export function countAcirOpcodes(program: Uint8Array): OpcodeCount {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  if (program.byteLength < 20) throw new Error('ACIR program too short to hold a circuit');
  const functions = Number(view.getBigUint64(0, true));
  const witnessIndex = view.getUint32(8, true);
  const opcodes = Number(view.getBigUint64(12, true));
  // Every opcode takes several bytes, and witness indices are u32: anything else is a layout change.
  const plausible = functions >= 1 && functions < 10_000 && opcodes <= program.byteLength && witnessIndex < 2 ** 31;
  if (!plausible) {
    throw new Error(
      `unexpected ACIR layout (functions=${functions}, opcodes=${opcodes}); ` +
        'this reader targets noir 1.0.0-beta.7 bincode',
    );
  }
  return { main: opcodes, functions };
}

/** A noir_js value (hex strings, nested arrays, structs as objects) with decimal strings at the leaves. */
export function toDecimalValue(value: unknown): Value {
  if (Array.isArray(value)) return value.map(toDecimalValue);
  if (typeof value === 'string') return hexToDecimal(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object') {
    // Structs have no place in `Value`; keep their field names so reports stay readable.
    const entries = Object.entries(value).map(([key, field]) => [key, toDecimalValue(field)]);
    return Object.fromEntries(entries) as unknown as Value;
  }
  throw new TypeError(`unexpected value from noir_js: ${JSON.stringify(value)}`);
}

function hexToDecimal(text: string): string {
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!/^0x[0-9a-f]+$/i.test(digits) && !/^\d+$/.test(digits)) return text;
  const n = BigInt(digits);
  return negative && n !== 0n ? `-${n}` : n.toString();
}

/** Noir's native field, BN254's scalar field. */
export const NOIR_FIELD_MODULUS = BN254_PRIME;

/** The slice of noir's ABI type zkcoder walks to shape inputs. */
export type AbiType =
  | { kind: 'field' | 'boolean' | 'string' }
  | { kind: 'integer'; sign: string; width: number }
  | { kind: 'array'; length: number; type: AbiType }
  | { kind: 'tuple'; fields: AbiType[] }
  | { kind: 'struct'; fields: { name: string; type: AbiType }[] };

/**
 * JSON inputs as noir_js's ABI encoder accepts them: numbers and bigints become strings, a
 * negative value for a `Field` wraps to p − |x| (noir only accepts `-5` for signed integers), and
 * 0/1 for a `bool` become booleans. Anything noir would reject is passed through for its message.
 */
export function toNoirInputs(
  inputs: Record<string, unknown>,
  parameters: { name: string; type: unknown }[],
): Record<string, unknown> {
  const types = new Map(parameters.map((p) => [p.name, p.type as AbiType]));
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, toNoirValue(value, types.get(name))]));
}

export function toNoirValue(value: unknown, type: AbiType | undefined): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (type?.kind === 'array') return toNoirValue(item, type.type);
      return toNoirValue(item, type?.kind === 'tuple' ? type.fields[i] : undefined);
    });
  }
  if (value && typeof value === 'object' && typeof value !== 'bigint') {
    const fields = type?.kind === 'struct' ? new Map(type.fields.map((f) => [f.name, f.type])) : undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNoirValue(v, fields?.get(k))]));
  }
  if (type?.kind === 'boolean' && (value === 0 || value === 1 || value === '0' || value === '1')) return String(value) === '1';
  if (typeof value !== 'number' && typeof value !== 'bigint' && typeof value !== 'string') return value;
  const text = value.toString().trim();
  if (type?.kind === 'field' && /^-\d+$/.test(text)) {
    const n = BigInt(text) % NOIR_FIELD_MODULUS;
    return ((n + NOIR_FIELD_MODULUS) % NOIR_FIELD_MODULUS).toString();
  }
  return typeof value === 'string' ? value : text;
}

/** A field element as the 32-byte 0x-hex string witness maps use. */
export function toWitnessHex(value: bigint): string {
  return `0x${value.toString(16).padStart(64, '0')}`;
}
