// The diagnostics log files of one folder for a support bundle: the newest `.jsonl` files, up to a total size, so
// a bundle stays small enough to send.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticsSource } from '../ports/diagnostics-source.port.js';

/** At most this much log text goes into one bundle (the newest files first). */
export const BUNDLE_LOG_BYTES = 8 * 1024 * 1024;

export function logFilesIn(dir: string, environment: Readonly<Record<string, string>>): DiagnosticsSource {
  return {
    environment,
    async logFiles() {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl'));
      const files = await Promise.all(
        names.map(async (name) => ({ name, stats: await stat(path.join(dir, name)).catch(() => null) })),
      );
      const newestFirst = files
        .filter((f) => f.stats !== null)
        .sort((a, b) => b.stats!.mtimeMs - a.stats!.mtimeMs || b.name.localeCompare(a.name));
      const chosen: Array<{ name: string; text: string }> = [];
      let total = 0;
      for (const f of newestFirst) {
        if (total + f.stats!.size > BUNDLE_LOG_BYTES) break;
        const text = await readFile(path.join(dir, f.name), 'utf8').catch(() => null);
        if (text === null) continue;
        total += f.stats!.size;
        chosen.push({ name: f.name, text });
      }
      return chosen.reverse();
    },
  };
}
