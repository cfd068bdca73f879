// "Check connection": the connection test on the form's unsaved values, before anything is saved, under the
// same consent and key rules as a saved profile's. One button that becomes "Stop checking" while it runs, so
// focus never moves; the phase reached and the outcome are said in a live region inside the dialog, and a
// failure shows its catalogued message, what to do and its reference.
import type { ProfileView } from '../../../shared/profile.contract.js';
import { describeError } from '../../../shared/errors/error-catalog.js';
import { formatMs } from '../../components/format.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { useConnectionTest } from '../connection-test/use-connection-test.js';
import { PHASE_LABEL, type TestState } from '../connection-test/test-state.js';
import { testDraft, type FormValues } from './form-model.js';

function words(state: TestState): string {
  const last = state.phases.at(-1);
  switch (state.status) {
    case 'running':
      return last ? `Checking: ${PHASE_LABEL[last.phase]}…` : 'Checking the connection…';
    case 'cancelled':
      return 'Check stopped.';
    case 'refused':
      return 'The check could not start.';
    case 'finished': {
      const r = state.result;
      if (r?.ok)
        return `The connection works: the model answered, first words after ${formatMs(r.metrics?.timeToFirstTokenMs)}.`;
      return `The check failed: ${r?.error ? describeError(r.error.code).summary : 'no answer'}.`;
    }
    default:
      return '';
  }
}

export function CheckConnection({ values, profile }: { values: FormValues; profile: ProfileView | null }) {
  const { state, start, cancel } = useConnectionTest({
    ...(profile && { id: profile.id }),
    draft: testDraft(values, profile),
  });
  const running = state.status === 'running';
  const failure = state.status === 'refused' ? state.refusal : state.result?.ok === false ? state.result.error : null;
  return (
    <div className="check-connection">
      <div className="button-row">
        <button type="button" className="button" onClick={running ? cancel : start}>
          {running ? 'Stop checking' : 'Check connection'}
        </button>
        <p className="check-connection__words" role="status" data-testid="check-connection-status">
          {words(state)}
        </p>
      </div>
      {failure ? <ErrorNotice error={failure} title="The connection check failed" /> : null}
    </div>
  );
}
