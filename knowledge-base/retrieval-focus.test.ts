/**
 * Retrieval ranks entries by what a task computes, not by how it states its inputs: task texts in
 * the eval suite's style (a computing clause, then widths, bounds, refusals), notation (max(x, 0),
 * lo <= x <= hi, arr[idx]) and "power of two", which is a bound and not raising to a power.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { focusQuery } from './index/query-focus.js';
import { KnowledgeBase } from './search.js';

const SIGNED8 = 'Signed values are field elements: a negative v is p − |v|. x[i] are signed 8-bit integers in [−2^7, 2^7); refuse any value outside that range.';

/** [task, the entry that must come first, entries that must not come first]. */
const CASES: [string, string, string[]][] = [
  ['out = 1 when lo <= x <= hi, else 0, for unsigned 16-bit integers x, lo, hi (lo > hi gives 0). Refuse any input of 2^16 or more.', 'in-range', ['softmax', 'clip']],
  ['is x in range [lo, hi]', 'in-range', ['softmax']],
  ['out = 1 when a < b, else 0, for unsigned 8-bit integers a and b. Refuse any input of 2^8 or more.', 'less-than', ['logic-or', 'softmax']],
  [`y[i] = max(x[i], 0) for eight values x[0..7]. ${SIGNED8}`, 'relu', ['softmax', 'max']],
  ['out = arr[idx] for four field elements arr[0..3] and an index idx. Refuse idx >= 4.', 'select-by-index', ['greater-eq-than']],
  [`idx = the index (0..5) of the largest of six values x[0..5]; on a tie the smallest index wins. ${SIGNED8}`, 'argmax', ['softmax']],
  ['range check x < 2^16', 'range-check', ['pow-const']],
  ['16-bit range check', 'range-check', ['assert-boolean']],
  ['compute x^5', 'pow-const', []],
];

describe('retrieval by what the task computes', () => {
  it('ranks the entry the task computes first', async () => {
    const base = await KnowledgeBase.open({ home: mkdtempSync(join(tmpdir(), 'zkcoder-kb-')), includeUser: false });
    const wrong: string[] = [];
    for (const [task, expected, never] of CASES) {
      const [first] = await base.search(task, 3);
      if (first.entry.id !== expected || never.includes(first.entry.id)) wrong.push(`"${task.slice(0, 60)}": ${first.entry.id}, expected ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('"power of two" never puts pow-const first; raising to a power still does', async () => {
    const base = await KnowledgeBase.open({ home: mkdtempSync(join(tmpdir(), 'zkcoder-kb-')), includeUser: false });
    for (const task of ['check that x is a power of two', 'is x a power of two', 'multiply by a power of two', 'x < 2^32']) {
      const hits = await base.search(task, 3);
      expect(hits[0].entry.id, task).not.toBe('pow-const');
    }
    for (const task of ['x^7', 'raise x to the 5th power']) expect((await base.search(task, 1))[0].entry.id, task).toBe('pow-const');
  });

  it('weighs domain clauses less, unless the whole task is about the domain', () => {
    const clauses = focusQuery('out = 1 when a < b, else 0, for unsigned 8-bit integers a and b. Refuse any input of 2^8 or more.');
    const computing = clauses.filter((c) => c.weight === 1).map((c) => c.text.replace(/\s+/g, ' ').trim());
    expect(computing).toEqual(['out = when a < b, .']);
    expect(clauses.filter((c) => c.weight < 1).map((c) => c.text.trim())).toEqual([', for unsigned 8-bit integers a and b', 'Refuse any input of 2^8 or more.']);
    expect(focusQuery('refuse any x of 2^16 or more').map((c) => c.weight)).toEqual([1]);
    expect(focusQuery('y = max(x, 0)')[0].text).toMatch(/relu/);
  });
});
