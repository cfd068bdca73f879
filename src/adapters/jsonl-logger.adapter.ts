// Diagnostics as JSONL under the user data dir's logs/: one JSON object per line with time, level, event and
// the correlation id of the request in progress. winston + winston-daily-rotate-file rotate by size into a
// bounded number of files without losing lines (winston's own File maxsize loses lines under bursts).
// Logging never throws into the caller and never waits for the disk; close() flushes everything. Like the
// vault, the logs are the learner's alone: the folder is 0700 and its files 0600 (Windows ignores modes).
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { errnoOf } from '../ports/errno.js';
import type { LogFields, Logger, LogLevel } from '../ports/logger.port.js';

export interface JsonlLoggerOptions {
  readonly dir: string;
  /** Makes the fields of a record safe to write (the core's one scrub); applied to every record. */
  readonly scrub: (fields: LogFields) => Readonly<Record<string, unknown>>;
  /** The correlation id of the request in progress, for records that do not name one. */
  readonly currentCorrelationId: () => string | null;
  readonly level?: LogLevel;
  /** Rotate when a file reaches this many bytes. */
  readonly maxFileBytes?: number;
  /** Keep at most this many files; older ones are deleted. */
  readonly maxFiles?: number;
  readonly fileBaseName?: string;
}

export interface JsonlLogger extends Logger {
  readonly dir: string;
  /** Writes whatever is buffered and closes the files; later records are dropped. */
  close(): Promise<void>;
  /** How many records could not be written (they are counted, never thrown). */
  readonly droppedRecords: number;
}

const MESSAGE = Symbol.for('message');
const FLUSH_TIMEOUT_MS = 3_000;
const PRUNE_DELAY_MS = 250;

/** Order of a rotated file: by date, then by the rotation index the rotator appends (none = first). */
function rotationRank(name: string, base: string): [string, number] | null {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped}-(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d+))?\\.jsonl$`).exec(name);
  return match ? [match[1]!, Number(match[2] ?? 0)] : null;
}

/**
 * Deletes all but the newest `keep` files. file-stream-rotator's own pruning misses files during a burst
 * (it checks existence before the new file's open has completed), so the bound is enforced here too.
 */
export async function pruneRotatedLogs(dir: string, base: string, keep: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    // The folder went away (an uninstall, a test's temp dir): nothing left to prune.
    if (errnoOf(error) === 'ENOENT') return 0;
    throw error;
  }
  const ranked = names
    .map((name) => ({ name, rank: rotationRank(name, base) }))
    .filter((f): f is { name: string; rank: [string, number] } => f.rank !== null)
    .sort((a, b) => (a.rank[0] === b.rank[0] ? a.rank[1] - b.rank[1] : a.rank[0] < b.rank[0] ? -1 : 1));
  const excess = ranked.slice(0, Math.max(0, ranked.length - keep));
  await Promise.all(excess.map((f) => unlink(path.join(dir, f.name)).catch(() => undefined)));
  return excess.length;
}

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const modesApply = process.platform !== 'win32';

function warnModes(error: unknown): void {
  process.emitWarning(
    `diagnostics: could not make the logs private: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function chmodIfPresent(file: string, mode: number): void {
  if (!modesApply) return;
  try {
    chmodSync(file, mode);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') warnModes(error);
  }
}

/**
 * Creates the folder private, and tightens one an older version created open (with its files). The rotator
 * creates its files 0600 itself; only its audit file, written with the default mode, is tightened after it.
 */
function preparePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (!modesApply) return;
  chmodIfPresent(dir, PRIVATE_DIR);
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isFile()) chmodIfPresent(path.join(dir, entry.name), PRIVATE_FILE);
  } catch (error) {
    warnModes(error);
  }
}

export function createJsonlLogger(options: JsonlLoggerOptions): JsonlLogger {
  const maxBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 10;
  const base = options.fileBaseName ?? 'diagnostics';
  const auditFile = path.join(options.dir, `.${base}-audit.json`);
  preparePrivateDir(options.dir);
  const transport = new DailyRotateFile({
    dirname: options.dir,
    filename: `${base}-%DATE%`,
    extension: '.jsonl',
    datePattern: 'YYYY-MM-DD',
    utc: true,
    maxSize: `${Math.max(1, Math.ceil(maxBytes / 1024))}k`,
    maxFiles,
    auditFile,
    createSymlink: false,
    // Handed to fs.createWriteStream for every file the rotator opens, the first one and each rotated one.
    options: { flags: 'a', mode: PRIVATE_FILE },
  });
  // The rotator rewrites its audit file whenever it opens a file (the first one during construction).
  chmodIfPresent(auditFile, PRIVATE_FILE);
  transport.on('new', () => chmodIfPresent(auditFile, PRIVATE_FILE));
  let dropped = 0;
  let closed = false;
  // The transport emits 'finish' twice: once when winston has handed it every record, once when its file
  // stream has flushed them (from close()). Counting lets close() wait for the second.
  let transportFinishes = 0;
  const finishWaiters: Array<() => void> = [];
  transport.on('finish', () => {
    transportFinishes += 1;
    if (transportFinishes >= 2) for (const w of finishWaiters.splice(0)) w();
  });
  const onError = (error: unknown) => {
    dropped += 1;
    process.emitWarning(`diagnostics: ${error instanceof Error ? error.message : String(error)}`);
  };
  transport.on('error', onError);
  let pruneTimer: NodeJS.Timeout | null = null;
  const prune = () => pruneRotatedLogs(options.dir, base, maxFiles).catch(onError);
  transport.on('rotate', () => {
    pruneTimer ??= setTimeout(() => {
      pruneTimer = null;
      void prune();
    }, PRUNE_DELAY_MS).unref();
  });

  const logger = winston.createLogger({
    level: options.level ?? 'info',
    exitOnError: false,
    format: winston.format((info) => {
      (info as Record<symbol, unknown>)[MESSAGE] = info.line;
      return info;
    })(),
    transports: [transport],
  });
  logger.on('error', onError);

  return {
    dir: options.dir,
    get droppedRecords() {
      return dropped;
    },
    log(level: LogLevel, event: string, fields: LogFields = {}): void {
      if (closed) return;
      try {
        const record: Record<string, unknown> = {
          time: new Date().toISOString(),
          level,
          event,
          correlationId: fields.correlationId ?? options.currentCorrelationId(),
        };
        for (const [key, value] of Object.entries(options.scrub(fields))) {
          if (!(key in record)) record[key] = value;
        }
        logger.log({ level, message: event, line: JSON.stringify(record) });
      } catch (error) {
        onError(error);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const flushed = new Promise<void>((resolve) => {
        finishWaiters.push(resolve);
        setTimeout(resolve, FLUSH_TIMEOUT_MS).unref();
      });
      logger.end();
      await flushed;
      if (pruneTimer) clearTimeout(pruneTimer);
      await prune();
      // The rotator may still be opening the last files of a burst; one more pass once they exist.
      setTimeout(() => void prune(), PRUNE_DELAY_MS * 2).unref();
    },
  };
}
