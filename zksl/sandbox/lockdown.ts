/**
 * The guest-side lockdown, run after the ZKSL runtime is loaded and before the sketch. The runtime
 * and the reply code inside the sandbox look built-ins up by name at call time (`JSON.stringify`,
 * `Object.entries`, `for … of` through the array iterator), so a sketch that rebinds a global
 * name or patches an intrinsic could steer them. After this script every intrinsic reachable from
 * the global object (including the hidden ones: iterator, generator and typed-array prototypes) is
 * frozen and every existing global binding is read-only. The host still treats the reply as
 * hostile data (see reply.ts): this only keeps the interpreter's own answers honest.
 */

/** The refusal prefix every capability shim throws with (the host classifies on it). */
export const REFUSAL = 'ZKSL sandbox refused';

// Anything a sketch could use to reach outside gets a clear refusal instead of a vague ReferenceError.
const CAPABILITY_SHIMS = `
  var refuse = function (what) {
    throw new Error('${REFUSAL} ' + what + ': a sketch has no file system, network, environment or child processes; import only from "zksl"');
  };
  globalThis.__zkslRequire = function (name) {
    if (name === 'zksl' || /(^|\\/)(runtime|index)(\\.[jt]s)?$/.test(name)) return globalThis.__zksl;
    refuse("require('" + name + "')");
  };
  ['require', 'process', 'fetch', 'XMLHttpRequest', 'WebSocket', 'Deno', 'Bun', 'setTimeout', 'setInterval', 'std', 'os'].forEach(function (name) {
    if (name === 'require') { globalThis.require = globalThis.__zkslRequire; return; }
    Object.defineProperty(globalThis, name, { get: function () { refuse(name); }, configurable: false });
  });
`;

const FREEZE_INTRINSICS = `
  var getProto = Object.getPrototypeOf;
  var ownKeys = Reflect.ownKeys;
  var describe = Object.getOwnPropertyDescriptor;
  var define = Object.defineProperty;
  var freeze = Object.freeze;
  // intrinsics no global name reaches, but every for…of, spread and generator goes through
  var hidden = [
    getProto([][Symbol.iterator]()),
    getProto(new Map()[Symbol.iterator]()),
    getProto(new Set()[Symbol.iterator]()),
    getProto(''[Symbol.iterator]()),
    getProto(/a/[Symbol.matchAll]('a')),
    getProto(function* () {}),
    getProto(function* () {}()),
    getProto(async function () {}),
    getProto(async function* () {}),
    getProto(async function* () {}()),
    getProto(Int8Array),
  ];
  var seen = new Set();
  var pending = [globalThis].concat(hidden);
  // Error keeps a writable stackTraceLimit: the runtime raises it while it captures a location
  var lockError = function () {
    var limit = describe(Error, 'stackTraceLimit');
    if (!limit) define(Error, 'stackTraceLimit', { value: undefined, writable: true, enumerable: false, configurable: false });
    ownKeys(Error).forEach(function (key) {
      var d = describe(Error, key);
      if (key === 'stackTraceLimit' && 'value' in d) define(Error, key, { configurable: false });
      else if ('value' in d) define(Error, key, { writable: false, configurable: false });
      else define(Error, key, { configurable: false });
    });
    Object.preventExtensions(Error);
  };
  while (pending.length) {
    var object = pending.pop();
    if (object === null || (typeof object !== 'object' && typeof object !== 'function') || seen.has(object)) continue;
    seen.add(object);
    ownKeys(object).forEach(function (key) {
      var d = describe(object, key);
      if (!d) return;
      if ('value' in d) return pending.push(d.value);
      pending.push(d.get, d.set);
      // module namespaces (the runtime's exports) are getters: reach what they return too; only
      // trusted code has run so far, and an intrinsic getter that refuses this receiver just throws
      try {
        pending.push(object[key]);
      } catch (error) {}
    });
    pending.push(getProto(object));
    if (object === globalThis) continue;
    if (object === Error) lockError();
    else freeze(object);
  }
  // the global object stays extensible (the sketch wrapper adds __sketch), but no existing name moves
  ownKeys(globalThis).forEach(function (key) {
    var d = describe(globalThis, key);
    if (!d.configurable && !d.writable) return;
    define(globalThis, key, 'value' in d ? { writable: false, configurable: false } : { configurable: false });
  });
`;

/** The script evaluated between the runtime bundle and the sketch. */
export const LOCKDOWN = `(function () {${CAPABILITY_SHIMS}${FREEZE_INTRINSICS}})();`;
