// vitest globalSetup: gives the run one directory for diagnostics and recorded secrets, and at the end scans
// every log line written by any test for every API key any test used, in every form a key can be echoed in. One hit fails the run.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findSecretsInLogs, SUITE_DIR_ENV } from './suite-diagnostics.js';

let dir: string;

export function setup(): void {
  dir = mkdtempSync(path.join(tmpdir(), 'llm-suite-'));
  process.env[SUITE_DIR_ENV] = dir;
}

function readAll(folder: string): Array<[string, string]> {
  try {
    return readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name), 'latin1')]);
  } catch {
    return [];
  }
}

export function teardown(): void {
  const secrets = new Set<string>();
  for (const [, text] of readAll(path.join(dir, 'secrets'))) {
    for (const line of text.split('\n')) if (line) secrets.add(Buffer.from(line, 'base64').toString('utf8'));
  }
  const { files, lines, hits } = findSecretsInLogs(path.join(dir, 'logs'), secrets);
  console.log(
    `[log scan] ${files} diagnostics files, ${lines} lines, ${secrets.size} distinct API keys: ${hits.length} occurrences`,
  );
  if (hits.length > 0)
    throw new Error(`API keys found in diagnostics:\n${hits.slice(0, 20).join('\n')}\n(logs kept in ${dir})`);
  if (lines === 0) console.warn('[log scan] no diagnostics were written by this run (no test built a core)');
  rmSync(dir, { recursive: true, force: true });
}
