// How much one window may have running at once. A page can send as many calls as it likes; each of these costs
// sockets, timers or memory in the main process, so the IPC server counts them per window and refuses the call
// past a limit before anything starts. A window that closes, crashes or reloads frees its share at once.
import type { ErrorCode } from '../../shared/errors/error-codes.js';

export interface CallLimitGroup {
  /** Procedures that share this limit (dotted router paths). */
  readonly procedures: readonly string[];
  readonly max: number;
  /** The catalogued refusal, given `{ limit }` as its params. */
  readonly code: ErrorCode;
}

export interface CallLimits {
  /** Live subscriptions of one window, whatever they are. */
  readonly subscriptionsPerWindow: number;
  readonly groups: readonly CallLimitGroup[];
}

export const CALL_LIMITS: CallLimits = {
  // The app itself keeps two or three open (live list, a running test); fifty is far past any real screen.
  subscriptionsPerWindow: 50,
  groups: [
    // A scan touches a dozen ports; two at once in one window only race each other.
    { procedures: ['discovery.scan'], max: 1, code: 'IPC_SCAN_IN_PROGRESS' },
    // Each opens connections to a model server: a few side by side are useful, hundreds exhaust descriptors.
    {
      procedures: ['profiles.test', 'profiles.models', 'profiles.loadModel', 'chat.stream'],
      max: 4,
      code: 'IPC_TOO_MANY_REQUESTS',
    },
  ],
};
