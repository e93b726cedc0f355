import { describe, expect, it } from 'vitest';
import { createExecModel, renderTranscript } from './providers/exec.js';
import { ModelError } from './types.js';

/** A node one-liner as the "model": portable, and no shell quoting to get wrong. */
function nodeCommand(script: string): string[] {
  return [process.execPath, '-e', script];
}

const echoUpper = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(s.toUpperCase()+'\\n'))`;

describe('exec provider', () => {
  it('writes the prompt to stdin and reads the completion from stdout', async () => {
    const model = createExecModel({ command: nodeCommand(echoUpper), name: 'upper' });
    const response = await model.generate({ messages: [{ role: 'user', content: 'prove it' }] });
    expect(model.id).toBe('exec:upper');
    expect(response.text).toBe('PROVE IT');
    expect(response.usage.estimated).toBe(true);
    expect(response.finishReason).toBe('stop');
  });

  it('frames several messages as a transcript', () => {
    expect(
      renderTranscript({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      }),
    ).toBe('### System\nBe brief.\n\n### User\nHi');
  });

  it('sends the request as JSON and reads a JSON answer with usage', async () => {
    const script = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s);process.stdout.write(JSON.stringify({text:r.model+':'+r.messages.length+':'+r.maxTokens,usage:{inputTokens:3,outputTokens:4},finishReason:'length'}))})`;
    const model = createExecModel({ command: nodeCommand(script), name: 'json-model', input: 'json', output: 'json' });
    const response = await model.generate({ messages: [{ role: 'user', content: 'a' }], maxTokens: 9 });
    expect(response.text).toBe('json-model:1:9');
    expect(response.usage).toEqual({ inputTokens: 3, outputTokens: 4 });
    expect(response.finishReason).toBe('length');
  });

  it('runs a string command through the shell', async () => {
    const model = createExecModel({ command: 'tr a-z A-Z' });
    const response = await model.generate({ messages: [{ role: 'user', content: 'shell' }] });
    expect(model.id).toBe('exec:tr');
    expect(response.text).toBe('SHELL');
  });

  it('turns a non-zero exit into a clear error with the last stderr line', async () => {
    const model = createExecModel({
      command: nodeCommand(`process.stderr.write('warming up\\nno such model: foo\\n');process.exit(3)`),
      name: 'failing',
    });
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('server');
    expect(failure.message).toMatch(/^exec command '.*': exited with code 3: no such model: foo$/);
  });

  it('reports a missing program as unreachable', async () => {
    const model = createExecModel({ command: ['/nonexistent/zkcoder-model-binary'] });
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toContain('ENOENT');
  });

  it('kills a command that exceeds its time limit', async () => {
    const model = createExecModel({ command: nodeCommand('setTimeout(()=>{}, 60000)'), name: 'slow', timeoutMs: 150 });
    const started = Date.now();
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain("exec model 'slow'");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects output that is not the promised JSON', async () => {
    const model = createExecModel({ command: nodeCommand(`process.stdout.write('plain words')`), output: 'json' });
    const failure = await model.generate({ messages: [{ role: 'user', content: 'x' }] }).catch((error) => error);
    expect(failure.kind).toBe('bad-response');
    expect(failure.message).toContain('output is not JSON: plain words');
  });
});
