/**
 * Hostile sketch modules for the sandbox-boundary tests. Every one is the same *failing* sketch
 * (its body computes x² + 1, its exported vectors and its reference say x²) plus an attack on the
 * code that builds the sandbox's reply: rebinding or patching a built-in that code uses, or
 * smuggling code into it through getters, Symbol.toPrimitive or a proxy. A successful attack
 * turns the failing check into a pass and adds a lowered file whose name climbs out of the
 * attempt / --out folder into `sentinel`.
 */

export interface HostileSketch {
  name: string;
  /** The module source as a model would answer it. */
  source: string;
}

const SKETCH = `import { Field, sketch, UInt } from 'zksl';

// an attack may hook the body (it runs inside the sandbox's request handler)
let onBody = () => {};

export const square = sketch({
  name: 'Square',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ x: UInt(bits) }),
  outputs: () => ({ y: Field }),
  // wrong on purpose: every check of this sketch must fail
  body: ({ x }) => {
    onBody();
    return { y: x.mul(x).add(1) };
  },
});

export function reference(inputs: { x: number }) {
  return { y: inputs.x * inputs.x };
}

export function sampleInputs(random: () => number, params: { bits: number }) {
  return { x: Math.floor(random() * 2 ** params.bits) };
}
`;

const VECTORS = `
export const vectors = { accept: [{ inputs: { x: 3 }, outputs: { y: 9 } }], reject: [], forge: [] };
`;

/**
 * Shared attack code: `forged(json, value)` is what the attacker wants the reply to say: every
 * vector passes, and a lowering carries one more file that climbs out of its folder.
 */
function forgery(escape: string): string {
  return `
const realJSON = JSON;
const realStringify = JSON.stringify;
const forged = (value, replacer) => {
  const result = value && value.ok === true ? value.result : undefined;
  if (result && result.files) {
    return realStringify({ ok: true, result: { ...result, files: { ...result.files, ${JSON.stringify(escape)}: 'pwned' } } }, replacer);
  }
  if (result && result.verdicts) {
    const verdicts = result.verdicts.map((v) => ({ ...v, ok: true, detail: 'accepted' }));
    return realStringify({ ok: true, result: { ok: true, verdicts, findings: [], problems: [], summary: 'forged: every vector passes' } }, replacer);
  }
  if (result && result.observations) {
    return realStringify({ ok: true, result: { ok: true, verdicts: [], findings: [], problems: [], summary: 'forged: every vector passes' } }, replacer);
  }
  if (value && value.ok === false) {
    return realStringify({ ok: true, result: { ok: true, verdicts: [], findings: [], problems: [], summary: 'forged: every vector passes' } }, replacer);
  }
  return realStringify(value, replacer);
};
const fakeJSON = { parse: realJSON.parse, stringify: forged };
let installed = false;
const install = () => {
  if (installed) return;
  installed = true;
  try { JSON = fakeJSON; } catch (e) {}
};
`;
}

/** The attack code, appended to the sketch; `exportDefault` replaces `export default square`. */
const ATTACKS: Record<string, (escape: string) => string | { code: string; exportDefault: string }> = {
  'rebinds the global JSON': (escape) => `${forgery(escape)}
install();
`,
  'redefines JSON on globalThis': (escape) => `${forgery(escape)}
try { Object.defineProperty(globalThis, 'JSON', { value: fakeJSON }); } catch (e) {}
`,
  'patches JSON.stringify, or else swaps JSON for a copy with a forged stringify': (escape) => `${forgery(escape)}
try { JSON.stringify = forged; } catch (e) {}
try { globalThis.JSON = Object.assign(Object.create(null), { parse: realJSON.parse, stringify: forged }); } catch (e) {}
`,
  'adds Object.prototype.toJSON': () => `
const forgedReply = { ok: true, verdicts: [], findings: [], problems: [], summary: 'forged: every vector passes' };
try { Object.prototype.toJSON = function () { return this && this.verdicts ? forgedReply : this; }; } catch (e) {}
try { Object.defineProperty(Object.prototype, 'toJSON', { value: function () { return this; }, configurable: true }); } catch (e) {}
`,
  'patches Array.prototype.map/push/join and the array iterator': () => `
try { Array.prototype.map = function () { return []; }; } catch (e) {}
try { Array.prototype.push = function () { return 0; }; } catch (e) {}
try { Array.prototype.join = function () { return ''; }; } catch (e) {}
// every for…of over an array goes through this hidden intrinsic: skip [name, expected] pairs
const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
const next = arrayIterator.next;
try {
  arrayIterator.next = function () {
    const step = next.call(this);
    if (!step.done && Array.isArray(step.value) && step.value.length === 2 && typeof step.value[1] === 'number') return { done: true, value: undefined };
    return step;
  };
} catch (e) {}
`,
  'patches Object.keys, or else rebinds Object': () => `
const RealObject = Object;
const keys = (o) => (o && typeof o.y === 'number' ? [] : RealObject.keys(o));
try { Object.keys = keys; } catch (e) {}
try {
  const fake = function (v) { return RealObject(v); };
  for (const k of RealObject.getOwnPropertyNames(RealObject)) if (!['length', 'name', 'prototype'].includes(k)) fake[k] = RealObject[k];
  fake.prototype = RealObject.prototype;
  fake.keys = keys;
  fake.entries = (o) => (o && typeof o.y === 'number' ? [] : RealObject.entries(o));
  Object = fake;
} catch (e) {}
`,
  'rebinds Object with a lying Object.entries': () => `
const RealObject = Object;
try { Object.entries = () => []; } catch (e) {}
try {
  const fake = function (v) { return RealObject(v); };
  for (const k of RealObject.getOwnPropertyNames(RealObject)) if (!['length', 'name', 'prototype'].includes(k)) fake[k] = RealObject[k];
  fake.prototype = RealObject.prototype;
  // the expected outputs (numbers, from the vectors) compare against nothing
  fake.entries = (o) => (o && typeof o.y === 'number' ? [] : RealObject.entries(o));
  globalThis.Object = fake;
} catch (e) {}
`,
  'patches String.prototype methods, or else rebinds String': () => `
try { String.prototype.startsWith = function () { return true; }; } catch (e) {}
try { String.prototype.includes = function () { return true; }; } catch (e) {}
const RealString = String;
try {
  // the interpreter prints outputs with String(): print 9 where the sketch computed 10
  const fake = function (v) { return typeof v === 'bigint' && v === 10n ? '9' : RealString(v); };
  fake.fromCharCode = RealString.fromCharCode;
  fake.prototype = RealString.prototype;
  String = fake;
} catch (e) {}
`,
  // the sandbox reads \`kind\` to find the sketch: that read runs the attack mid-request
  'runs its attack from a getter the sandbox reads while building its reply': (escape) => ({
    code: `${forgery(escape)}
const withGetter = { ...square };
Object.defineProperty(withGetter, 'kind', { get() { install(); return 'zksl-sketch'; }, enumerable: true });
`,
    exportDefault: 'withGetter',
  }),
  // the sandbox turns a thrown non-Error into a message with String(): that runs the attack
  'runs its attack from Symbol.toPrimitive on a thrown value': (escape) => `${forgery(escape)}
const trap = { [Symbol.toPrimitive]() { install(); return 'boom'; } };
onBody = () => {
  onBody = () => {};
  throw trap;
};
`,
  'swaps JSON for a Proxy': (escape) => `${forgery(escape)}
try { JSON = new Proxy({}, { get: (_, key) => (key === 'stringify' ? forged : realJSON[key]) }); } catch (e) {}
`,
  'makes its reply huge': () => `
const huge = '9'.repeat(17 * 1024 * 1024);
export const vectors = { accept: [{ inputs: { x: 3 }, outputs: { y: huge } }], reject: [], forge: [] };
export function invalidInputs() { return [{ inputs: { x: 1 }, reason: huge }]; }
`,
  'claims lowered file names with ../': (escape) => `${forgery(escape)}
const onlyFiles = (value, replacer) => (value && value.ok === true && value.result && value.result.files ? forged(value, replacer) : realStringify(value, replacer));
try { JSON = { parse: realJSON.parse, stringify: onlyFiles }; } catch (e) {}
`,
  'claims success by emptying the vectors it is given': () => `
const realParse = JSON.parse;
const emptied = (text, reviver) => {
  const request = realParse(text, reviver);
  if (request && request.op === 'vectors') request.vectors = { accept: [], reject: [], forge: [] };
  return request;
};
try { JSON = { parse: emptied, stringify: JSON.stringify }; } catch (e) {}
`,
};

/**
 * The hostile modules, each with a file name climbing from any folder up to the root and down
 * into `sentinel` (an absolute path), where no file must ever appear.
 */
export function hostileSketches(sentinel: string): HostileSketch[] {
  return Object.entries(ATTACKS).map(([name, attack], index) => {
    const escape = `circuits/${'../'.repeat(40)}${sentinel.replace(/^\/+/, '')}/pwned-${index}.txt`;
    const made = attack(escape);
    const { code, exportDefault } = typeof made === 'string' ? { code: made, exportDefault: 'square' } : made;
    // the huge case exports its own (huge) vectors
    const vectors = name === 'makes its reply huge' ? '' : VECTORS;
    return { name, source: `${SKETCH}${vectors}${code}\nexport default ${exportDefault};\n` };
  });
}
