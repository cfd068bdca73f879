// Every test core also writes real JSONL diagnostics into one suite-wide directory, and every secret a core
// handles is recorded, so the suite's global teardown can scan all the logs for every key any test used.
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDiagnosticsLogger, type JsonlLogger } from '../../src/index.js';
import { SecretRegistry } from '../../src/diagnostics/secret-registry.js';
import type { LogFields, Logger, LogLevel } from '../../src/ports/logger.port.js';
import { findKeyForms } from './key-forms.js';

export const SUITE_DIR_ENV = 'LLM_PROFILES_SUITE_DIR';

export function suiteDir(): string | null {
  return process.env[SUITE_DIR_ENV] ?? null;
}

/**
 * Notes a key a test uses, for the end-of-suite log scan. Called by the test builders and fake servers, so
 * the scan also looks for keys the code under test might have forgotten to register for redaction.
 */
export function recordTestSecret(secret: string): void {
  const dir = suiteDir();
  if (!dir || secret.length < 4) return;
  mkdirSync(path.join(dir, 'secrets'), { recursive: true });
  appendFileSync(path.join(dir, 'secrets', `${process.pid}.txt`), `${Buffer.from(secret).toString('base64')}\n`);
}

/** A registry that also notes each secret the code under test registered. */
export class RecordingSecretRegistry extends SecretRegistry {
  override hold(secret: string): () => void {
    recordTestSecret(secret);
    return super.hold(secret);
  }
}

let counter = 0;

/** A JSONL logger into the suite's log directory, or null outside a vitest run with global setup. */
export function suiteJsonlLogger(secrets: SecretRegistry): JsonlLogger | null {
  const dir = suiteDir();
  if (!dir) return null;
  counter += 1;
  return createDiagnosticsLogger({
    dir: path.join(dir, 'logs'),
    secrets,
    fileBaseName: `p${process.pid}-${counter}`,
    maxFiles: 1000,
  });
}

export class TeeLogger implements Logger {
  constructor(private readonly targets: readonly Logger[]) {}

  log(level: LogLevel, event: string, fields?: LogFields): void {
    for (const target of this.targets) target.log(level, event, fields);
  }
}

/** Every occurrence of a secret, in any form a key can be echoed in (see key-forms), in the .jsonl files of a directory. */
export function findSecretsInLogs(
  logDir: string,
  secrets: Iterable<string>,
): { files: number; lines: number; hits: string[] } {
  let names: string[] = [];
  try {
    names = readdirSync(logDir).filter((name) => name.endsWith('.jsonl'));
  } catch {
    // no logs at all
  }
  const keys = [...secrets];
  let lines = 0;
  const hits: string[] = [];
  for (const name of names) {
    const text = readFileSync(path.join(logDir, name), 'utf8');
    lines += text.split('\n').filter(Boolean).length;
    for (const hit of findKeyForms(text, keys)) hits.push(`${name} contains a key used in a test (${hit})`);
  }
  return { files: names.length, lines, hits };
}
