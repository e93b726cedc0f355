import { describe, expect, it } from 'vitest';
import { extractCodeBlock } from '../../agent/prompts/index.js';

/** A model answer is untrusted text: the block in the requested language is the answer, whatever surrounds it. */
describe('extractCodeBlock picks the block in the requested language', () => {
  it('takes the ```ts block, not an unlabelled block written before it', () => {
    const answer = ['Here is a shell command first:', '```', 'rm -rf ~', '```', 'And the sketch:', '```ts', 'export const x = 1;', '```'].join('\n');
    expect(extractCodeBlock(answer, ['ts', 'typescript'])).toBe('export const x = 1;\n');
  });

  it('takes the labelled block when a block in another language comes first', () => {
    const answer = ['```json', '{"a": 1}', '```', '```circom', 'template T() {}', '```'].join('\n');
    expect(extractCodeBlock(answer, ['circom'])).toBe('template T() {}\n');
  });

  it('accepts any of the language labels, case-insensitively', () => {
    const answer = ['```', 'unlabelled', '```', '```Rust', 'fn main() {}', '```'].join('\n');
    expect(extractCodeBlock(answer, ['noir', 'rust', 'nr'])).toBe('fn main() {}\n');
  });

  it('falls back to the first unlabelled block when no block carries the label', () => {
    const answer = ['```', 'first', '```', '```python', 'print(1)', '```', '```', 'second', '```'].join('\n');
    expect(extractCodeBlock(answer, ['ts'])).toBe('first\n');
  });

  it('finds nothing when every block is in another language', () => {
    expect(extractCodeBlock('```python\nprint(1)\n```', ['ts'])).toBeUndefined();
    expect(extractCodeBlock('no code at all', ['ts'])).toBeUndefined();
  });
});
