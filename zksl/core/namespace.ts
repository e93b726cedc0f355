/**
 * The `G` and `H` namespaces refuse names they do not have. Without this a misspelt or invented
 * gadget (`H.gcd(a, b)`) is `undefined`, and calling it fails as QuickJS's bare "not a function",
 * which names neither the call nor the line. Here it fails where it is read, naming the member and
 * the nearest existing ones; the runner adds the sketch line (core/run.ts `toFailure`).
 */

/** Names every object answers (probes by the runtime, JSON, module interop), never refused. */
const PROBES = new Set(['then', 'toJSON', '__esModule', 'default', 'constructor', 'prototype', 'inspect', 'valueOf', 'toString', 'nodeType', '$$typeof', 'asymmetricMatch']);

export class UnknownMemberError extends Error {
  constructor(
    readonly namespace: string,
    readonly member: string,
    readonly nearest: string[],
    all: string[],
  ) {
    const hint = nearest.length ? `; nearest: ${nearest.map((n) => `${namespace}.${n}`).join(', ')}` : '';
    super(`${namespace}.${member} does not exist${hint} (${namespace} has ${all.join(', ')})`);
    // defined, not assigned: the sandbox freezes Error.prototype, whose `name` then blocks assignment
    Object.defineProperty(this, 'name', { value: 'UnknownMemberError' });
  }
}

/** `members` behind a proxy that throws `UnknownMemberError` for a string key it lacks. Example: `strictNamespace('G', { toBits })`. */
export function strictNamespace<T extends object>(namespace: string, members: T): T {
  return new Proxy(members, {
    get(target, key, receiver) {
      if (typeof key === 'symbol' || key in target || PROBES.has(key) || key.startsWith('__')) return Reflect.get(target, key, receiver);
      throw new UnknownMemberError(namespace, key, nearestNames(key, Object.keys(target)), Object.keys(target));
    },
  });
}

/**
 * Up to `limit` names close to `wanted`: those containing it or contained in it first, then those
 * within a small edit distance (case-insensitive), ties in the namespace's order. Example: `nearestNames('lt', ['lessThan', 'lt2'])`.
 */
export function nearestNames(wanted: string, names: string[], limit = 3): string[] {
  const w = wanted.toLowerCase();
  const score = (name: string): number => {
    const n = name.toLowerCase();
    if (n.includes(w) || w.includes(n)) return Math.abs(n.length - w.length) / 100;
    return editDistance(w, n);
  };
  const scored = names.map((name, index) => ({ name, index, score: score(name) }));
  // a name sharing little with the wanted one is no suggestion (the message lists them all anyway)
  const pool = scored.filter((s) => s.score <= Math.max(1, Math.floor(w.length / 3)));
  return pool.sort((a, b) => a.score - b.score || a.index - b.index).slice(0, limit).map((s) => s.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
