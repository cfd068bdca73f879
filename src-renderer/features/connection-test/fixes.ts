// The way out of each failed test, chosen by its error code: the action the error's own advice names, offered as
// a button rather than as words to follow. An edit opens the profile's form with the field to change focused
// (and, for a refused key, ready for the new one); saving it runs the test again. A missing model is fixed
// inline by picking one the server has; a cold model can be loaded from here.
import type { ErrorCode } from '../../../shared/errors/error-codes.js';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { loadsModelsOnRequest } from '../../../shared/provider.contract.js';
import type { FormFocus } from '../profile-form/form-model.js';

export type Fix =
  | { readonly kind: 'edit'; readonly focus: FormFocus; readonly label: string }
  | { readonly kind: 'pick-model' }
  | { readonly kind: 'load-model' };

type Pick = (profile: ProfileView) => ReadonlyArray<Fix | null>;

const edit = (focus: FormFocus, label: string): Fix => ({ kind: 'edit', focus, label });
const keyFix: Pick = (p) => [edit('apiKey', p.hasApiKey ? 'Replace key…' : 'Add a key…')];
const loadFix: Pick = (p) => [loadsModelsOnRequest(p) ? { kind: 'load-model' } : null];
const addressFix = edit('baseUrl', 'Change the address…');
const timeFix = edit('timeoutMs', 'Change time limit…');
const networkFix = edit('proxy', 'Change the network setting…');

const FIXES: Partial<Record<ErrorCode, Pick>> = {
  PROVIDER_AUTH_FAILED: keyFix,
  PROVIDER_KEY_NEEDED: keyFix,
  PROVIDER_MODEL_NOT_FOUND: () => [{ kind: 'pick-model' }, edit('model', 'Type another model…')],
  PROVIDER_DEPLOYMENT_NOT_FOUND: () => [edit('model', 'Change the deployment…')],
  PROVIDER_MODEL_NOT_RUNNING: (p) => [...loadFix(p), { kind: 'pick-model' }],
  PROVIDER_MODEL_LOADING: loadFix,
  PROVIDER_LOAD_TIMEOUT: (p) => [...loadFix(p), edit('loadTimeoutMs', 'Change the time to load…')],
  PROVIDER_FIRST_TOKEN_TIMEOUT: (p) => [timeFix, ...loadFix(p)],
  PROVIDER_TIMEOUT: () => [timeFix],
  PROVIDER_SILENT: () => [timeFix],
  PROVIDER_CONNECTION_REFUSED: () => [addressFix],
  PROVIDER_DNS_FAILED: () => [addressFix],
  PROVIDER_ENDPOINT_NOT_FOUND: () => [addressFix],
  PROVIDER_REDIRECT_BLOCKED: () => [addressFix],
  PROVIDER_PROXY_FAILED: () => [networkFix],
  PROVIDER_CONNECT_TIMEOUT: () => [networkFix, timeFix],
  PROVIDER_CONNECTION_FAILED: () => [networkFix],
  PROVIDER_TLS_FAILED: () => [networkFix],
};

/** The fixes to offer for a failed test, most likely first; none when the advice has nothing to press. */
export function fixesFor(code: ErrorCode, profile: ProfileView): readonly Fix[] {
  return (FIXES[code]?.(profile) ?? []).filter((fix): fix is Fix => fix !== null);
}
