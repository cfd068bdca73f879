// While the test waits, how long it has waited is on screen ("waiting 12 s" under the current phase), and a cold
// model's load is a row of its own: "Loading the model into memory", with its size where the server said, until
// the prompt starts. The seconds are shown, not announced: a screen reader hears the phases, not a ticking clock.
import { useEffect, useState } from 'react';
import { formatMs } from '../../components/format.js';
import type { TestState } from './test-state.js';

/** How long the current phase has been waited for, in ms, ticking once a second while the test runs. */
export function useWaiting(state: TestState): number {
  const [since, setSince] = useState(() => performance.now());
  const [now, setNow] = useState(() => performance.now());
  const phases = state.phases.length;
  const running = state.status === 'running';
  useEffect(() => {
    const at = performance.now();
    setSince(at);
    setNow(at);
  }, [phases, running]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return Math.max(0, now - since);
}

export function waitingWords(ms: number): string {
  return ms < 1000 ? 'waiting' : `waiting ${Math.floor(ms / 1000)} s`;
}

function sizeWords(bytes: number | null): string {
  if (bytes === null || bytes <= 0) return '';
  const gb = bytes / 1e9;
  return gb >= 1 ? ` (${gb.toFixed(1)} GB)` : ` (${Math.round(bytes / 1e6)} MB)`;
}

interface Props {
  readonly sizeBytes: number | null;
  /** How long the load took, once the prompt has started; null while it runs. */
  readonly doneAfterMs: number | null;
  readonly current: boolean;
  /** The failure in words when the load is where the test failed ("Model still loading"); null otherwise. */
  readonly failedWords: string | null;
  readonly waitedMs: number;
}

export function LoadingRow({ sizeBytes, doneAfterMs, current, failedWords, waitedMs }: Props) {
  const done = doneAfterMs !== null;
  const failed = failedWords !== null;
  return (
    <li
      className={`phase${done ? ' phase--done' : ''}${current ? ' phase--current' : ''}${failed ? ' phase--failed' : ''}`}
    >
      <span className="phase__mark" aria-hidden="true">
        {done ? '✓' : current ? '…' : failed ? '✗' : '○'}
      </span>
      <span>Loading the model into memory{sizeWords(sizeBytes)}</span>
      <span className="phase__time">
        {done ? formatMs(doneAfterMs) : current ? waitingWords(waitedMs) : failed ? failedWords : ''}
      </span>
      <span className="visually-hidden">{done ? 'done' : current ? 'in progress' : failed ? 'failed here' : ''}</span>
    </li>
  );
}
