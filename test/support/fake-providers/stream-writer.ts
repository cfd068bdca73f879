// Streams a response the way a model server does (headers flushed first, then paced events) and stops every
// write and timer the moment the client goes away, so an aborted request leaves nothing running.
import type { ServerResponse } from 'node:http';

export interface StreamWriter {
  /** False once the client has disconnected (or the server was closed). */
  readonly open: boolean;
  /** Writes, waiting for 'drain' under backpressure; resolves false if the client left instead. */
  write(chunk: string): Promise<boolean>;
  /** Waits ms (none for ms <= 0); resolves false, early, if the client left. */
  pause(ms: number): Promise<boolean>;
  end(): void;
}

export const SSE_CONTENT_TYPE = 'text/event-stream';
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

export function openStream(
  res: ServerResponse,
  contentType: string,
  status = 200,
  extraHeaders: Record<string, string> = {},
): StreamWriter {
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', ...extraHeaders });
  // Headers go out now, so a client can time t_headers separately from the first event.
  res.flushHeaders();

  const isOpen = (): boolean => !gone.signal.aborted && !res.destroyed && !res.writableEnded;
  const untilGoneOr = (arm: (settle: (ok: boolean) => void) => () => void): Promise<boolean> =>
    new Promise((resolve) => {
      let disarm: () => void = () => undefined;
      const settle = (ok: boolean): void => {
        gone.signal.removeEventListener('abort', onGone);
        disarm();
        resolve(ok);
      };
      const onGone = (): void => settle(false);
      gone.signal.addEventListener('abort', onGone, { once: true });
      disarm = arm(settle);
    });

  return {
    get open() {
      return isOpen();
    },
    write(chunk) {
      if (!isOpen()) return Promise.resolve(false);
      if (res.write(chunk)) return Promise.resolve(true);
      return untilGoneOr((settle) => {
        const onDrain = (): void => settle(true);
        res.once('drain', onDrain);
        return () => res.off('drain', onDrain);
      });
    },
    pause(ms) {
      if (!isOpen()) return Promise.resolve(false);
      if (ms <= 0) return Promise.resolve(true);
      return untilGoneOr((settle) => {
        const timer = setTimeout(() => settle(true), ms);
        return () => clearTimeout(timer);
      });
    },
    end() {
      if (isOpen()) res.end();
    },
  };
}

/** Waits ms, or less if the response closes first (resolves false then): for non-streamed replies. */
export function pauseUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

/** One SSE event: optional `event:` line, one `data:` line, blank line. */
export function sse(data: unknown, event?: string, newline = '\n'): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}${newline}`}data: ${payload}${newline}${newline}`;
}
