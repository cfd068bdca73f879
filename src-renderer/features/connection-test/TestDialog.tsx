// The connection test, live: each phase is ticked off as it happens (and announced), then the figures —
// time to first token, tokens per second, total time — or the error with what to do. Focus moves to the
// outcome when the test ends. Cancel stops it at once.
import { useLayoutEffect, useRef, useState } from 'react';
import { LOADING_PHASE, TEST_PHASES, type TestResult } from '../../../shared/provider-test.contract.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { Dialog } from '../../components/Dialog.js';
import { formatMs, formatRate } from '../../components/format.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { describeError } from '../../../shared/errors/error-catalog.js';
import { failedPhase, PHASE_LABEL, type TestState } from './test-state.js';
import { LoadingRow, useWaiting, waitingWords } from './LoadingRow.js';
import { TryPrompt } from './TryPrompt.js';
import { useConnectionTest } from './use-connection-test.js';
import { fixesFor } from './fixes.js';
import { PickModelFix } from './PickModelFix.js';
import { LoadModelAction } from '../profiles/LoadModelAction.js';
import type { FormFocus } from '../profile-form/form-model.js';
import { useStartOnOpen } from '../../hooks/use-start-on-open.js';

function announcement(state: TestState): string {
  if (state.status === 'cancelled') return 'Test cancelled.';
  if (state.status === 'refused' && state.refusal) return `Test could not start. ${state.refusal.message}`;
  if (state.result) {
    const m = state.result.metrics;
    return state.result.ok
      ? `Test passed. First token after ${formatMs(m?.timeToFirstTokenMs)}, ${formatRate(m?.tokensPerSecond)}, total ${formatMs(m?.totalMs)}.`
      : `Test failed. ${state.result.error?.message ?? ''}`;
  }
  const last = state.phases.at(-1);
  return last
    ? `${PHASE_LABEL[last.phase]} (${formatMs(last.elapsedMs)}).`
    : state.status === 'running'
      ? 'Test started.'
      : '';
}

function Figures({ result }: { result: TestResult }) {
  const m = result.metrics;
  const rows: Array<[string, string, string?]> = [
    ['Time to first token', formatMs(m?.timeToFirstTokenMs)],
    [
      'Speed',
      formatRate(m?.tokensPerSecond),
      m?.tokensPerSecondSource === 'server'
        ? 'reported by the server'
        : m?.tokensPerSecondSource === 'measured'
          ? 'measured by the app'
          : undefined,
    ],
    ['Total time', formatMs(m?.totalMs)],
    ['Time to first byte', formatMs(m?.timeToFirstByteMs)],
    [
      'Output tokens',
      m?.outputTokens == null ? '—' : String(m.outputTokens),
      m?.outputTokensSource === 'estimated' ? 'estimated' : undefined,
    ],
  ];
  if (m?.serverLoadMs != null) rows.push(['Model load (server)', formatMs(m.serverLoadMs)]);
  return (
    <>
      <dl className="figures" data-testid="test-figures">
        {rows.map(([label, value, note]) => (
          <div className="figures__row" key={label}>
            <dt>{label}</dt>
            <dd>
              {value}
              {note ? <span className="figures__note"> ({note})</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <FiguresExplained shown={rows.map(([label]) => label)} />
    </>
  );
}

/** One line on each figure, in plain words, behind a disclosure button. */
const FIGURE_WORDS: Readonly<Record<string, string>> = {
  'Time to first token': 'How long until the first word of the answer arrived: what you feel as the wait.',
  Speed: 'How fast the answer was written, in tokens (pieces of words, about ¾ of a word each) per second.',
  'Total time': 'From sending the prompt to the last word of the answer.',
  'Time to first byte': 'How long until the server sent anything back at all.',
  'Output tokens': 'How long the answer was, in tokens.',
  'Model load (server)': 'How long the server took to load the model into memory before answering.',
};

function FiguresExplained({ shown }: { readonly shown: readonly string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="figures-explained">
      <button
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls="figures-explained"
        onClick={() => setOpen(!open)}
      >
        What do these figures mean?
      </button>
      <dl id="figures-explained" className="figures-explained__list" hidden={!open}>
        {shown.map((label) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{FIGURE_WORDS[label]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

interface Props {
  readonly profile: ProfileView;
  readonly onClose: () => void;
  /** A fix that needs the profile's form: open it on that field (saving it runs the test again). */
  readonly onEdit: (profile: ProfileView, focus: FormFocus) => void;
}

export function TestDialog({ profile: opened, onClose, onEdit }: Props) {
  // The profile as tested: a model picked here to fix a failure replaces the one the dialog opened with.
  const [profile, setProfile] = useState(opened);
  const { state, start, cancel } = useConnectionTest({ id: profile.id });
  const outcomeRef = useRef<HTMLHeadingElement>(null);
  const progressRef = useRef<HTMLOListElement>(null);
  useStartOnOpen(start);
  const ended = state.status === 'finished' || state.status === 'refused' || state.status === 'cancelled';
  useLayoutEffect(() => {
    if (ended) outcomeRef.current?.focus();
  }, [ended]);
  const reached = new Map(state.phases.map((p) => [p.phase, p.elapsedMs]));
  const result = state.result;
  const waited = useWaiting(state);
  const loading = state.phases.find((p) => p.phase === LOADING_PHASE);
  const promptReached = TEST_PHASES.filter((phase) => reached.has(phase)).length;
  // While the model loads, and when loading failed, no prompt phase is under way.
  const stillLoading = loading !== undefined && !reached.has('connecting');
  const failedAt = failedPhase(state);
  const loadFailed = failedAt === LOADING_PHASE;
  const failedIndex = failedAt === null || loadFailed ? -1 : TEST_PHASES.indexOf(failedAt);
  // The failure in words on the phase it belongs to ("Connection refused", "Key not accepted").
  const failedWords = result?.error ? describeError(result.error.code).summary : 'failed';
  const retryable = result?.error?.retryable ?? true;
  const failure = result && !result.ok ? result.error : state.refusal;
  const fixes = failure ? fixesFor(failure.code, profile) : [];
  // Testing again removes the outcome and the button that was pressed: focus goes to the progress first.
  const again = () => {
    progressRef.current?.focus();
    start();
  };

  return (
    <Dialog
      title={`Test ${profile.name}`}
      open
      onClose={() => {
        cancel();
        onClose();
      }}
    >
      <p className="muted">
        Sends a short prompt to <code>{result?.resolvedEndpoint || profile.resolvedEndpoint}</code> with model{' '}
        <strong>{profile.model}</strong>.
      </p>
      <ol className="phases" aria-label="Test progress" tabIndex={-1} ref={progressRef}>
        {loading ? (
          <LoadingRow
            sizeBytes={loading.sizeBytes ?? null}
            doneAfterMs={reached.has('connecting') ? reached.get('connecting')! - loading.elapsedMs : null}
            current={state.status === 'running' && stillLoading}
            failedWords={loadFailed ? failedWords : null}
            waitedMs={waited}
          />
        ) : null}
        {TEST_PHASES.map((phase, index) => {
          const failed = index === failedIndex;
          // After a failure only the phases before it count as done; the rest were not reached. A server that
          // answered with a refusal (of the key, of the model) was evidently reached and asked: the phases before
          // the failed one passed even if it sent nothing to time them by.
          const implied = index < failedIndex && (failedAt === 'authenticated' || failedAt === 'model-found');
          const at = failed || (failedIndex >= 0 && index > failedIndex) ? undefined : reached.get(phase);
          const shownDone = at !== undefined || implied;
          const next = at === undefined && promptReached === index && !stillLoading && !loadFailed;
          const current = state.status === 'running' && next;
          return (
            <li
              key={phase}
              className={`phase${shownDone ? ' phase--done' : ''}${current ? ' phase--current' : ''}${failed ? ' phase--failed' : ''}`}
            >
              <span className="phase__mark" aria-hidden="true">
                {shownDone ? '✓' : current ? '…' : failed ? '✗' : '○'}
              </span>
              <span>{PHASE_LABEL[phase]}</span>
              <span className="phase__time">
                {at !== undefined ? formatMs(at) : current ? waitingWords(waited) : failed ? failedWords : ''}
              </span>
              <span className="visually-hidden">
                {shownDone ? 'done' : current ? 'in progress' : failed ? 'failed here' : 'not reached'}
              </span>
            </li>
          );
        })}
      </ol>
      <LiveRegion message={announcement(state)} />

      {state.status === 'running' ? (
        <div className="button-row">
          <button type="button" className="button" onClick={cancel}>
            Cancel test
          </button>
        </div>
      ) : null}

      {ended ? (
        <section className="test-outcome" aria-labelledby="test-outcome-title">
          <h3 id="test-outcome-title" tabIndex={-1} ref={outcomeRef}>
            {state.status === 'cancelled'
              ? 'Test cancelled'
              : state.status === 'refused'
                ? 'The test could not start'
                : result?.ok
                  ? 'Test passed'
                  : 'Test failed'}
          </h3>
          {state.refusal ? <ErrorNotice error={state.refusal} /> : null}
          {result?.ok ? (
            <>
              <Figures result={result} />
              {result.preview ? (
                <figure className="preview">
                  <figcaption>The model said</figcaption>
                  <blockquote>{result.preview}</blockquote>
                </figure>
              ) : null}
            </>
          ) : null}
          {result && !result.ok && result.error ? <ErrorNotice error={result.error} /> : null}
          {fixes.length > 0 ? (
            <div className="fixes" role="group" aria-label="Ways to fix this">
              {fixes.map((fix, index) =>
                fix.kind === 'pick-model' ? (
                  <PickModelFix
                    key="pick"
                    profile={profile}
                    onPicked={(saved) => {
                      setProfile(saved);
                      again();
                    }}
                  />
                ) : fix.kind === 'load-model' ? (
                  <LoadModelAction key="load" profile={profile} />
                ) : (
                  <button
                    key={fix.focus}
                    type="button"
                    className={`button${index === 0 ? ' button--primary' : ''}`}
                    onClick={() => onEdit(profile, fix.focus)}
                  >
                    {fix.label}
                  </button>
                ),
              )}
            </div>
          ) : null}
          {result?.notSaved ? (
            <p className="muted" data-error-code={result.notSaved.code}>
              This result could not be saved on the profile: {result.notSaved.message} {result.notSaved.remediation}
            </p>
          ) : null}
          <div className="button-row">
            {/* Testing again is the obvious next step only when trying again can help. */}
            <button type="button" className={`button${retryable ? ' button--primary' : ''}`} onClick={again}>
              Test again
            </button>
            <button type="button" className={`button${retryable ? '' : ' button--primary'}`} onClick={onClose}>
              Close
            </button>
          </div>
        </section>
      ) : null}
      {result?.ok ? <TryPrompt profileId={profile.id} /> : null}
    </Dialog>
  );
}
