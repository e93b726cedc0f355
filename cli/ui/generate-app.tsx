/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text, useApp, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useRef, useState } from 'react';
import type { AgentEvent, Stage } from '../../agent/events.js';
import { STAGES } from '../../agent/events.js';
import { describeUsage, emptyView, reduceView, type RunView, type StageView } from './run-view.js';

export interface GenerateAppProps {
  events: AsyncIterable<AgentEvent>;
  /** Called when the user presses q or Ctrl-C: the run is aborted and saved. */
  onAbort: () => void;
  /** Called on a second q / Ctrl-C while the run is still stopping (a long compile or proof): leave now. */
  onForceQuit?: () => void;
  onFinished?: (view: RunView) => void;
}

/** The `zkcoder generate` screen: header, stages, current failure, token meter, final summary. */
export function GenerateApp({ events, onAbort, onForceQuit, onFinished }: GenerateAppProps) {
  const [view, setView] = useState<RunView>(emptyView);
  const [finished, setFinished] = useState(false);
  const [stopping, setStopping] = useState(false);
  // A ref as well as state: two key presses can arrive before the next render.
  const stopRequested = useRef(false);
  const { exit } = useApp();
  // The TUI reads keys in raw mode, so Ctrl-C arrives here as 'c' with ctrl set, never as SIGINT.
  useInput((input, key) => {
    if (input !== 'q' && !(key.ctrl && input === 'c')) return;
    if (stopRequested.current) return onForceQuit?.();
    stopRequested.current = true;
    setStopping(true);
    onAbort();
  });
  useEffect(() => {
    let current = emptyView();
    void (async () => {
      for await (const event of events) {
        current = reduceView(current, event);
        setView(current);
      }
      onFinished?.(current);
      setFinished(true);
    })();
  }, [events]);
  // Exit only after the final state has been rendered, so the summary stays on screen.
  useEffect(() => {
    if (finished) exit();
  }, [finished]);
  return (
    <Box flexDirection="column">
      <Header view={view} />
      <Box flexDirection="column" marginY={1}>
        {STAGES.filter((s) => view.mode === 'model' || s !== 'sketch').map((stage) => (
          <StageLine key={stage} stage={stage} view={view.stages[stage]} repair={stage === 'check' ? view.repair : undefined} />
        ))}
      </Box>
      {view.retrieved && view.retrieved.hits.length > 0 && (
        <Text dimColor>
          knowledge base: {view.retrieved.hits.slice(0, 3).map((h) => `${h.id} ${h.score.toFixed(2)}`).join(', ')}
        </Text>
      )}
      {view.failure && !view.done?.ok && (
        <Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1}>
          <Text color="red">
            {view.failure.lang ? `${view.failure.lang} ` : ''}
            {view.failure.what}: {view.failure.message}
          </Text>
          {view.failure.location && <Text dimColor>at {view.failure.location}</Text>}
          {view.failure.sourceLine && <Text>{view.failure.sourceLine.trim()}</Text>}
        </Box>
      )}
      {view.notices.map((n, i) => (
        <Text key={i} color={n.level === 'warning' ? 'yellow' : 'cyan'} wrap="wrap">
          {n.level === 'warning' ? '! ' : 'i '}
          {n.message}
        </Text>
      ))}
      {view.mode === 'model' && (
        <Text dimColor>
          tokens {view.tokens.input} in / {view.tokens.output} out{view.tokens.costUsd !== undefined ? `, $${view.tokens.costUsd.toFixed(4)}` : ''}
        </Text>
      )}
      <Summary view={view} stopping={stopping} />
    </Box>
  );
}

function Header({ view }: { view: RunView }) {
  const who = view.mode === 'model' ? `model ${view.model}` : view.mode === 'knowledge-base' ? 'knowledge base (no model)' : '';
  return (
    <Box flexDirection="column">
      <Text bold>zkcoder generate: {view.task ?? ''}</Text>
      <Text dimColor>
        {who}
        {view.languages.length ? ` · ${view.languages.join(' + ')}` : ''}
        {view.runId ? ` · run ${view.runId}` : ''}
      </Text>
    </Box>
  );
}

function StageLine({ stage, view, repair }: { stage: Stage; view: StageView; repair?: RunView['repair'] }) {
  const mark =
    view.status === 'running' ? <Spinner type="dots" /> : view.status === 'done' ? <Text color="green">✓</Text> : view.status === 'failed' ? <Text color="red">✗</Text> : <Text dimColor>·</Text>;
  const time = view.durationMs !== undefined ? `${(view.durationMs / 1000).toFixed(1)}s` : '';
  return (
    <Box>
      <Box width={3}>{mark}</Box>
      <Box width={10}>
        <Text>{stage}</Text>
      </Box>
      <Box width={7}>
        <Text dimColor>{time}</Text>
      </Box>
      <Text dimColor wrap="truncate-end">
        {repair ? `repair ${repair.iteration}/${repair.maxIterations} ` : ''}
        {view.summary ?? ''}
      </Text>
    </Box>
  );
}

function Summary({ view, stopping }: { view: RunView; stopping: boolean }) {
  if (view.error) return <Text color="red">error: {view.error}</Text>;
  if (!view.done && stopping) return <Text color="yellow">stopping after the current step; the run is saved (press q or Ctrl-C again to leave at once)</Text>;
  if (!view.done) return <Text dimColor>press q or Ctrl-C to stop (the run is saved and can be resumed)</Text>;
  // Circom counts R1CS constraints, Noir ACIR opcodes: say which.
  const counts = Object.entries(view.constraintCounts)
    .map(([lang, n]) => `${lang} ${n} ${lang === 'noir' ? 'ACIR opcodes' : 'constraints'}`)
    .join(', ');
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={view.done.ok ? 'green' : 'red'} bold>
        {view.done.ok ? '✓ ' : '✗ '}
        {view.done.summary}
      </Text>
      {counts && <Text>size: {counts}</Text>}
      {view.done.usage && view.done.usage.requests > 0 && <Text>usage: {describeUsage(view.done.usage)}</Text>}
      {view.done.outputs
        .filter((o) => !o.path.includes('/proof/'))
        .map((o) => (
          <Text key={o.path} dimColor>
            {o.path} — {o.description}
          </Text>
        ))}
    </Box>
  );
}
