// Reading an import file and planning what importing it does, as functions with no state: the service previews
// and commits with the very same plan, so what the preview says is what the commit writes.

import { TextDecoder } from 'node:util';
import { fieldMessage } from '../../shared/errors/field-messages.js';
import { isRemoteEndpoint } from '../../shared/endpoint.js';
import { ProfileNameSchema, type StoredProfile } from '../../shared/profile.contract.js';
import { keyRequiredFor } from '../../shared/provider.contract.js';
import {
  ExportedProfileSchema,
  SealedPayloadSchema,
  TRANSFER_FORMAT,
  TRANSFER_MAX_BYTES,
  TRANSFER_MAX_DEPTH,
  TRANSFER_VERSION,
  TransferFileSchema,
  type ExportedProfile,
  type ImportDecision,
  type ImportEntry,
  type SealedEntry,
} from '../../shared/transfer.contract.js';
import { AppError } from '../errors/app-error.js';
import { fieldErrorsFromZod } from '../errors/validation.js';
import { createdProfile } from '../profiles/profile-rules.js';
import { normalizeProfileName, type VaultDocument } from '../vault/vault-document.js';
import { unseal } from './transfer-crypto.js';

/** A file read and checked: its entries (each valid or with its problems) and, when unsealed, their secrets. */
export interface ReadFile {
  readonly exportedAt: string;
  readonly appVersion: string;
  readonly entries: ReadonlyArray<{
    readonly raw: unknown;
    readonly profile: ExportedProfile | null;
    problems: Problem[];
  }>;
  readonly secrets: ReadonlyMap<string, SealedEntry>;
  readonly secretsLocked: boolean;
}

export type Problem = { field: string; message: string };
/** Holds a secret for the scrub until the call ends. */
export type Held = (secret: string) => void;

/** One entry's fate in a plan: what the preview says and exactly what the commit does. */
export interface Step {
  readonly entry: ImportEntry;
  readonly write: { readonly name: string; readonly replaces: StoredProfile | null } | null;
}

/**
 * Reads and checks a file, in order: size, text, nesting (before parsing), JSON, version, envelope, each entry,
 * duplicate ids, and the sealed secrets when a passphrase is given (each held for the scrub through `held`).
 */
export async function readTransferFile(
  bytes: Uint8Array,
  passphrase: string | undefined,
  held: Held,
): Promise<ReadFile> {
  if (bytes.byteLength > TRANSFER_MAX_BYTES)
    throw new AppError('TRANSFER_FILE_TOO_LARGE', { params: { maxSize: '1 MB' } });
  const invalid = (problem: string) => new AppError('TRANSFER_FILE_INVALID', { params: { problem } });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('it is not text');
  }
  if (nestingDepth(text) > TRANSFER_MAX_DEPTH) throw invalid('it is nested far deeper than a profiles file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('it is not complete JSON (it may have been cut short)');
  }
  const claimed = json as { format?: unknown; version?: unknown } | null;
  if (claimed?.format === TRANSFER_FORMAT && typeof claimed.version === 'number' && claimed.version > TRANSFER_VERSION)
    throw new AppError('TRANSFER_VERSION_NEWER', { params: { version: claimed.version } });
  const envelope = TransferFileSchema.safeParse(json);
  if (!envelope.success) {
    const first = fieldErrorsFromZod(envelope.error)[0];
    throw invalid(first ? `${first.field}: ${first.message}` : 'its layout is not the expected one');
  }
  const file = envelope.data;
  const entries = file.profiles.map((raw) => {
    const parsed = ExportedProfileSchema.safeParse(raw);
    return parsed.success
      ? { raw, profile: parsed.data, problems: [] as Problem[] }
      : { raw, profile: null, problems: fieldErrorsFromZod(parsed.error) };
  });
  const seen = new Map<string, number>();
  entries.forEach((e, index) => {
    if (!e.profile) return;
    const other = seen.get(e.profile.id);
    if (other !== undefined) throw invalid(fieldMessage('importDuplicateEntry', { other: other + 1 }).toLowerCase());
    seen.set(e.profile.id, index);
  });
  let secrets = new Map<string, SealedEntry>();
  if (file.secrets && passphrase !== undefined) {
    const opened = await unseal(file.secrets, passphrase);
    if (opened === null) throw new AppError('TRANSFER_PASSPHRASE_WRONG');
    let payload: unknown;
    try {
      payload = JSON.parse(opened);
    } catch {
      throw invalid('its sealed part is damaged');
    }
    const sealed = SealedPayloadSchema.safeParse(payload);
    if (!sealed.success) throw invalid('its sealed part is damaged');
    for (const s of sealed.data) {
      for (const secret of [s.apiKey, s.proxyPassword, ...(s.headers ?? []).map((h) => h.value)])
        if (secret) held(secret);
    }
    secrets = new Map(sealed.data.map((s) => [s.id, s]));
  }
  return {
    exportedAt: file.exportedAt,
    appVersion: file.appVersion,
    entries,
    secrets,
    secretsLocked: file.secrets !== undefined && passphrase === undefined,
  };
}

/** The deepest nesting of arrays and objects in JSON text, strings skipped. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth -= 1;
  }
  return deepest;
}

/** A new profile from an entry: consent never comes with it. */
export function importedProfile(entry: ExportedProfile, name: string, id: string, now: Date): StoredProfile {
  const { id: _exportedId, headerNames: _names, ...fields } = entry;
  // Consent is the learner's own act here: created as if given, then taken away, so a remote one asks before use.
  return { ...createdProfile({ ...fields, name, remoteConsent: true }, id, now), remoteConsent: null };
}

/** What happens to each entry, given the vault and the learner's choices; the preview and the commit share it. */
export function plan(file: ReadFile, doc: VaultDocument, decisions: readonly ImportDecision[]): Step[] {
  const choices = new Map(decisions.map((d) => [d.index, d]));
  for (const d of decisions)
    if (d.index >= file.entries.length)
      throw new AppError('VALIDATION_FAILED', {
        fieldErrors: [{ field: 'decisions', message: fieldMessage('importDecisionUnknown', { index: d.index }) }],
      });
  const saved = new Map(doc.profiles.map((p) => [normalizeProfileName(p.name), p]));
  const usedInFile = new Set<string>();
  return file.entries.map((e, index): Step => {
    const base = { index, needsConsent: false, needsKey: false, bringsSecrets: false };
    if (!e.profile) {
      const name =
        typeof (e.raw as { name?: unknown } | null)?.name === 'string' ? String((e.raw as { name: string }).name) : '';
      return { entry: { ...base, name: name.slice(0, 64), status: 'invalid', problems: e.problems }, write: null };
    }
    const p = e.profile;
    const secrets = file.secrets.get(p.id);
    const facts = {
      ...base,
      needsConsent: isRemoteEndpoint(p.baseUrl),
      needsKey: keyRequiredFor(p.kind, p.preset ?? null) && secrets?.apiKey === undefined,
      bringsSecrets: secrets !== undefined && Object.keys(secrets).length > 1,
    };
    const key = normalizeProfileName(p.name);
    if (usedInFile.has(key))
      return {
        entry: {
          ...facts,
          name: p.name,
          status: 'invalid',
          problems: [{ field: 'name', message: fieldMessage('importNameInFile') }],
        },
        write: null,
      };
    usedInFile.add(key);
    const clash = saved.get(key) ?? null;
    const status = clash ? 'same-name' : 'new';
    const entry: ImportEntry = { ...facts, name: p.name, status, problems: [] };
    if (!clash) return { entry, write: { name: p.name, replaces: null } };
    const choice = choices.get(index);
    if (!choice || choice.action === 'skip') return { entry, write: null };
    if (choice.action === 'replace') return { entry, write: { name: p.name, replaces: clash } };
    const renamed = ProfileNameSchema.safeParse(choice.name);
    const wanted = renamed.success ? normalizeProfileName(renamed.data) : '';
    if (!renamed.success || saved.has(wanted) || usedInFile.has(wanted))
      throw new AppError('VALIDATION_FAILED', {
        fieldErrors: [
          {
            field: `decisions.${index}.name`,
            message: renamed.success
              ? fieldMessage('nameTaken', { name: renamed.data })
              : fieldErrorsFromZod(renamed.error)[0]!.message,
          },
        ],
      });
    usedInFile.add(wanted);
    return { entry, write: { name: renamed.data, replaces: null } };
  });
}
