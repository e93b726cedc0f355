import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zkslReference } from '../zksl/index.js';
import { loadEntries } from './entry.js';
import { KnowledgeBase } from './search.js';
import { calledGadgets, UNMAPPED_GADGETS, ZKSL_GADGETS } from './sketch-gadgets.js';

describe('ZKSL gadgets → knowledge-base entries', () => {
  it('maps every gadget ZKSL exports to an entry, or lists it as deliberately unmapped', async () => {
    const entries = await loadEntries();
    const mapped = new Map<string, string[]>();
    for (const entry of entries) for (const g of entry.gadgets) mapped.set(g, [...(mapped.get(g) ?? []), entry.id]);
    // The reference the model reads documents the gadgets it may call: they are all known here.
    const documented = [...zkslReference().matchAll(/\bG\.([A-Za-z]\w*)\(/g)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(20);
    expect(documented.filter((g) => !ZKSL_GADGETS.includes(g))).toEqual([]);

    const orphans = ZKSL_GADGETS.filter((g) => !mapped.has(g) && !(g in UNMAPPED_GADGETS));
    expect(orphans, 'gadgets no entry implements and UNMAPPED_GADGETS does not explain').toEqual([]);
    expect(Object.keys(UNMAPPED_GADGETS).filter((g) => mapped.has(g) || !ZKSL_GADGETS.includes(g))).toEqual([]);
    // Entries name real gadgets only (a typo would never match a sketch).
    expect([...mapped.keys()].filter((g) => !ZKSL_GADGETS.includes(g))).toEqual([]);
    expect(mapped.get('sum')).toEqual(['sum']);
    expect(mapped.get('assertRange')).toEqual(['range-check']);
    expect(mapped.get('lookup')).toEqual(['exp-lookup', 'gelu-lookup', 'sigmoid-lookup']);
  });

  it('finds calls on G, its aliases and imported gadget names, not look-alike calls', () => {
    const sketch = `import { sketch, G, sum, assertRange as inRange, witness } from 'zksl';
      // comments are prose: G.lookup(table, x) here is not a call
      const { max, min: smallest } = G;
      function relu(x) { return x; }           // the sketch's own helper, not the gadget
      const top = max(xs, 8);
      const low = smallest(xs, 8);
      const total = sum(xs).add(Math.min(1, 2)); // Math.min is not G.min
      inRange(total, 12);
      G.divMod(a, b, 8).q.mul(G.isZero(c));
      witness(Field, H.max(a, b));`;
    expect([...calledGadgets(sketch)].sort()).toEqual(['assertRange', 'divMod', 'isZero', 'max', 'min', 'sum']);
    expect([...calledGadgets("import { G as Z } from 'zksl';\nZ.toBits(x, 8); G.select(s, a, b);")].sort()).toEqual(['select', 'toBits']);
    expect([...calledGadgets("import * as zksl from 'zksl';\nzksl.G.argmax(xs, 8); zksl.sum(xs);")].sort()).toEqual(['argmax', 'sum']);
    // Not imported from zksl: a bare min() is the sketch's own.
    expect([...calledGadgets('const m = min(a, b); const n = Math.max(a, b);')]).toEqual([]);
  });

  it('sends a sketch straight to the entries of the gadgets it calls, and not for Math.min', async () => {
    const base = await KnowledgeBase.open({ home: mkdtempSync(join(tmpdir(), 'zkcoder-kb-')), includeUser: false });
    const sketch = `import { sketch, G, sum } from 'zksl';
      const t = G.defineTable({ name: 'exp', size: 16, fn: (i) => Math.min(4096, Math.round(4096 * Math.exp(-i / 2))) });
      const total = sum(xs.map((x) => G.lookup(t, x)));
      G.assertRange(total, 16);`;
    const hits = await base.searchForSketch({ sketch, k: 3 });
    const direct = hits.filter((h) => h.score === 1).map((h) => h.entry.id).sort();
    expect(direct).toEqual(['exp-lookup', 'gelu-lookup', 'range-check', 'sigmoid-lookup', 'sum']);
    expect(hits.find((h) => h.entry.id === 'exp-lookup')!.reason).toBe('the sketch calls lookup(), defineTable()');
    expect(direct).not.toContain('min');
  });
});
