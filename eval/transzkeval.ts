import { spawnSync } from 'node:child_process';
import { z } from 'zod';
import { parseLine, readJsonLines, TaskFileError } from './load-tasks.js';
import type { ProgramTask } from './task-format.js';

/**
 * The adapter for the task files of the code → Circom study ("TransZKEval"): one JSON object per
 * line with the function in four languages and the argument lists to test it on. The model reads
 * the Python; the expected outputs come from running it with python3.
 */
const TransZkEvalLine = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  func_name: z.string().regex(/^[A-Za-z_]\w*$/, 'func_name is a Python identifier'),
  py: z.string().min(1),
  go: z.string().optional(),
  rs: z.string().optional(),
  jv: z.string().optional(),
  inputs: z.array(z.array(z.unknown())).min(1),
});

/** The Python function's time limit per task (all its argument lists together). */
const PYTHON_TIMEOUT_MS = 20_000;

/** Load a transzkeval JSONL file as Circom tasks with positional vectors. */
export function loadTransZkEvalTasks(file: string, python = 'python3'): ProgramTask[] {
  return readJsonLines(file).map((line) => {
    const parsed = parseLine(TransZkEvalLine, line);
    const where = `${file}:${line.line} (task ${parsed.id})`;
    const outputs = runPython({ source: parsed.py, funcName: parsed.func_name, inputs: parsed.inputs, where, python });
    return {
      id: `tze-${String(parsed.id).replace(/[^A-Za-z0-9_.-]+/g, '-')}`,
      level: 3,
      category: 'transzkeval',
      langs: ['circom'],
      spec: specText(parsed.py, parsed.func_name, parsed.inputs[0]),
      interface: {},
      interfaceNote: interfaceNote(parsed.func_name),
      vectors: { positional: { cases: parsed.inputs.map((args, i) => ({ args, outputs: outputs[i] })) } },
      leaks: [],
      solution: {},
      source: `${file}:${line.line}`,
    } satisfies ProgramTask;
  });
}

function specText(py: string, funcName: string, example: unknown[]): string {
  const shapes = example.map((arg, i) => `argument ${i + 1}: ${describe(arg)}`).join('; ');
  return [`Write a Circom circuit that computes what this Python function \`${funcName}\` computes, for integer arguments (${shapes}).`, '', '```python', py.trim(), '```'].join('\n');
}

function interfaceNote(funcName: string): string {
  const template = funcName.replace(/(^|_)(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());
  return [
    `Circom interface: a template (e.g. \`${template}\`) instantiated as \`component main\`.`,
    "- its input signals are the function's arguments, declared in the same order (a list argument is an array signal of that length)",
    '- its output signals are the returned values, declared in order (one output when the function returns one value)',
  ].join('\n');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length} ${value.length && Array.isArray(value[0]) ? 'lists' : 'integers'}`;
  return 'an integer';
}

/**
 * Each argument list's result, as a list of outputs (a single value becomes a one-element list;
 * booleans become 0 and 1; integers become decimal strings so big ones survive JSON).
 */
export function runPython(options: { source: string; funcName: string; inputs: unknown[][]; where: string; python?: string }): unknown[][] {
  const driver = [
    'import json, sys',
    'task = json.load(sys.stdin)',
    'scope = {}',
    "exec(task['source'], scope)",
    "f = scope[task['func']]",
    'def norm(v):',
    '    if isinstance(v, bool): return int(v)',
    '    if isinstance(v, int): return str(v)',
    '    if isinstance(v, (list, tuple)): return [norm(x) for x in v]',
    "    raise TypeError('returns a %s, not an integer or a list of them' % type(v).__name__)",
    'out = []',
    "for args in task['inputs']:",
    '    r = f(*args)',
    '    out.append(norm(r) if isinstance(r, (list, tuple)) else [norm(r)])',
    'print(json.dumps(out))',
  ].join('\n');
  const result = spawnSync(options.python ?? 'python3', ['-c', driver], {
    input: JSON.stringify({ source: options.source, func: options.funcName, inputs: options.inputs }),
    encoding: 'utf8',
    timeout: PYTHON_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new TaskFileError(`${options.where}: python3 is not installed: the transzkeval format computes each task's expected outputs by running its Python function (install python3, or convert the tasks to --format zkcoder)`);
  }
  if (result.error) throw new TaskFileError(`${options.where}: running the Python function failed: ${result.error.message}`);
  if (result.status !== 0) {
    const last = result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.status}`;
    throw new TaskFileError(`${options.where}: the Python function failed: ${last}`);
  }
  return JSON.parse(result.stdout) as unknown[][];
}
