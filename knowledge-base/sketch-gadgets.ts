import { G } from '../zksl/runtime.js';

/**
 * The ZKSL gadgets a sketch can call: everything in the `G` namespace, plus the two the runtime
 * also exports by name (`import { sum, assertRange } from 'zksl'`).
 */
export const ZKSL_GADGETS: readonly string[] = [...new Set([...Object.keys(G), 'sum', 'assertRange'])].sort();

/**
 * Gadgets no entry implements, with the reason. Every other gadget must be listed in some entry's
 * `gadgets` (a test holds both lists to ZKSL's exports).
 */
export const UNMAPPED_GADGETS: Readonly<Record<string, string>> = {};

/**
 * The gadgets a sketch calls: `G.name(...)` (or through an alias of `G`, or `zksl.G.name(...)` after
 * `import * as zksl`), and bare `name(...)` only for gadgets imported from 'zksl' or destructured
 * from `G`. So `Math.min(...)` or a helper the sketch defines itself is never mistaken for a gadget.
 * Example: `calledGadgets("import { G } from 'zksl'; G.max(xs, { bits: 8 })")` → Set {'max'}.
 */
export function calledGadgets(source: string): Set<string> {
  const code = withoutComments(source);
  const namespaces = new Set(['G']);
  const local = new Map<string, string>();
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]zksl['"]/g)) {
    for (const { name, alias } of bindings(m[1])) {
      if (name === 'G') namespaces.add(alias);
      else if (ZKSL_GADGETS.includes(name)) local.set(alias, name);
    }
  }
  for (const m of code.matchAll(/import\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s*from\s*['"]zksl['"]/g)) {
    namespaces.add(`${m[1]}.G`);
    for (const name of ['sum', 'assertRange']) local.set(`${m[1]}.${name}`, name);
  }
  for (const m of code.matchAll(/(?:const|let|var)\s*\{([^}]*)\}\s*=\s*([A-Za-z_$][\w$.]*)\s*[;\n]/g)) {
    if (!namespaces.has(m[2])) continue;
    for (const { name, alias } of bindings(m[1].replace(/:/g, ' as '))) if (ZKSL_GADGETS.includes(name)) local.set(alias, name);
  }
  const called = new Set<string>();
  for (const m of code.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/g)) {
    const path = m[1];
    const dot = path.lastIndexOf('.');
    if (dot > 0 && namespaces.has(path.slice(0, dot)) && ZKSL_GADGETS.includes(path.slice(dot + 1))) called.add(path.slice(dot + 1));
    else if (local.has(path)) called.add(local.get(path)!);
  }
  return called;
}

/** `a, b as c, type T` → [{a, a}, {b, c}, {T, T}]. */
function bindings(list: string): { name: string; alias: string }[] {
  return list
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, ''))
    .filter(Boolean)
    .map((part) => {
      const [name, alias] = part.split(/\s+as\s+/).map((s) => s.trim());
      return { name, alias: alias ?? name };
    });
}

/** Comments removed (they are prose: the task's words, not calls). Strings are left alone. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}
