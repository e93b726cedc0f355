import { oneLine } from '../http-errors.js';
import { createProviderModel, type ResilienceOptions } from '../provider-model.js';
import { killGroup, spawnInGroup } from './process-group.js';
import {
  estimateUsage,
  ModelError,
  type FinishReason,
  type LanguageModel,
  type ModelRequest,
  type ModelUsage,
  type ProviderResult,
} from '../types.js';

/**
 * Any external program as a model: the prompt goes to its stdin, the completion comes from its
 * stdout. This is the escape hatch for tools we have no SDK for (`llm`, `ollama run`, a shell script).
 * The command runs in its own process group: a time limit or an abort stops it and every process
 * it started.
 */
export interface ExecOptions extends ResilienceOptions {
  /** A string runs through the shell (pipes, quoting, as the user typed it); an array runs directly. */
  command: string | string[];
  /** Names the model in its id and in errors; defaults to the program's name. */
  name?: string;
  /** 'text' writes a readable transcript, 'json' writes the whole request as one JSON object. */
  input?: 'text' | 'json';
  /** 'json' expects `{ "text": string, "usage"?: {inputTokens, outputTokens}, "finishReason"? }`. */
  output?: 'text' | 'json';
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  maxOutputBytes?: number;
}

const defaultMaxOutputBytes = 8 * 1024 * 1024;
/** Grace period between SIGTERM and SIGKILL for a command that ignores the first. */
const killGraceMs = 2_000;

export function createExecModel(options: ExecOptions): LanguageModel {
  const name = options.name ?? programName(options.command);
  const shown = Array.isArray(options.command) ? options.command.join(' ') : options.command;
  const describe = `exec command '${oneLine(shown)}'`;
  return createProviderModel({
    ...options,
    // A command that failed once will most likely fail the same way: no retries unless asked.
    retry: { ...options.retry, policy: { maxRetries: 0, ...options.retry?.policy } },
    id: `exec:${name}`,
    endpoint: { provider: 'exec', model: name },
    call: (request, signal) => runCommand({ options, request, signal, describe, name }),
  });
}

function programName(command: string | string[]): string {
  const first = Array.isArray(command) ? (command[0] ?? 'command') : command.trim().split(/\s+/)[0];
  return (first ?? 'command').split('/').pop() || 'command';
}

export function renderTranscript(request: ModelRequest): string {
  const [only] = request.messages;
  // One user message needs no framing: the command gets exactly the prompt.
  if (request.messages.length === 1 && only?.role === 'user') return only.content;
  const title = { system: 'System', user: 'User', assistant: 'Assistant' } as const;
  return request.messages
    .map((message) => `### ${title[message.role]}\n${message.content}`)
    .join('\n\n');
}

function renderInput(request: ModelRequest, options: ExecOptions, name: string): string {
  if (options.input !== 'json') return renderTranscript(request);
  const { signal: _signal, ...serialisable } = request;
  return JSON.stringify({ model: name, ...serialisable });
}

interface RunContext {
  options: ExecOptions;
  request: ModelRequest;
  signal: AbortSignal;
  describe: string;
  name: string;
}

function runCommand(context: RunContext): Promise<ProviderResult> {
  const { options, request, signal, describe } = context;
  const maxOutputBytes = options.maxOutputBytes ?? defaultMaxOutputBytes;
  return new Promise((resolve, reject) => {
    const [program, ...args] = Array.isArray(options.command) ? options.command : [options.command];
    const child = spawnInGroup(program ?? '', args, {
      shell: !Array.isArray(options.command),
      cwd: options.cwd,
      env: options.env ?? process.env,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let overflow = false;
    let killTimer: NodeJS.Timeout | undefined;
    // The whole group: a child that holds stdout would otherwise keep 'close' from ever coming.
    const stop = () => {
      if (killTimer) return;
      killGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), killGraceMs);
      killTimer.unref();
    };
    const fail = (kind: ModelError['kind'], problem: string) =>
      reject(new ModelError({ kind, message: `${describe}: ${problem}`, retryable: false }));
    signal.addEventListener('abort', stop, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > maxOutputBytes) {
        overflow = true;
        stop();
      } else {
        stdout.push(chunk);
      }
    });
    // Only the tail of stderr matters for the error line; keep memory bounded.
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (stderr.length > 64) stderr.shift();
    });
    // A command that exits without reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', stop);
      fail('unreachable', `cannot start (${error.code ?? error.message})`);
    });
    child.on('close', (code, killedBy) => {
      signal.removeEventListener('abort', stop);
      if (killTimer) {
        // Stopped: whatever is left of the group (a member that ignored SIGTERM but let go of our
        // pipes) goes now, not after the grace period.
        clearTimeout(killTimer);
        killGroup(child, 'SIGKILL');
      }
      // The provider wrapper turns an abort into 'timeout' or 'aborted'; anything works here.
      if (signal.aborted) return fail('aborted', 'stopped');
      if (overflow) return fail('bad-response', `wrote more than ${maxOutputBytes} bytes`);
      const errorText = lastLine(Buffer.concat(stderr).toString('utf8'));
      const because = errorText ? `: ${errorText}` : '';
      // 127 is the shell's "command not found".
      if (code === 127) return fail('unreachable', `command not found${because}`);
      if (code !== 0) {
        const how = killedBy ? `was killed by ${killedBy}` : `exited with code ${code}`;
        return fail('server', `${how}${because}`);
      }
      try {
        const text = Buffer.concat(stdout).toString('utf8');
        resolve(parseOutput(text, { options, request, describe }));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(renderInput(request, options, context.name));
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return oneLine(lines.at(-1) ?? '');
}

function parseOutput(
  stdout: string,
  context: Pick<RunContext, 'options' | 'request' | 'describe'>,
): ProviderResult {
  if (context.options.output !== 'json') {
    // Commands end their output with a newline; the model did not write it.
    const text = stdout.replace(/\r?\n$/, '');
    return { text, usage: estimateUsage(context.request.messages, text), finishReason: 'stop' };
  }
  let parsed: { text?: unknown; usage?: Partial<ModelUsage>; finishReason?: unknown };
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new ModelError({
      kind: 'bad-response',
      message: `${context.describe}: output is not JSON: ${oneLine(stdout.slice(0, 80))}`,
    });
  }
  if (typeof parsed?.text !== 'string') {
    const message = `${context.describe}: output JSON has no "text" string`;
    throw new ModelError({ kind: 'bad-response', message });
  }
  const reported = parsed.usage;
  const usage =
    typeof reported?.inputTokens === 'number' && typeof reported.outputTokens === 'number'
      ? { inputTokens: reported.inputTokens, outputTokens: reported.outputTokens }
      : estimateUsage(context.request.messages, parsed.text);
  const finishReasons: FinishReason[] = ['stop', 'length', 'content-filter', 'other'];
  const finishReason = finishReasons.find((reason) => reason === parsed.finishReason) ?? 'stop';
  return { text: parsed.text, usage, finishReason, raw: parsed };
}
