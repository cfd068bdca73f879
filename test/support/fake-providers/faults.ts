// Misbehaviour on the chat endpoint: error statuses in the family's shape, and broken streams (mid-stream error,
// garbage, stalls, floods, keep-alives forever). Every loop stops as soon as the client disconnects.
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import type { FakeContext, Fault, Wire } from './fake-llm-options.js';
import { problemReply } from './problems.js';
import { parseObject, send } from './respond.js';
import type { StreamDialect } from './stream-dialect.js';
import { openStream } from './stream-writer.js';

export type ChatFault = Exclude<Fault, { type: 'redirect' }>;

const HUGE_CHUNK_BYTES = 64 * 1024;
const KEEP_ALIVE_MS = 5;

function rawStatus(fault: Extract<Fault, { type: 'status' }>, res: ServerResponse): void {
  const body = fault.body ?? '';
  const headers = { ...fault.headers };
  if (body !== '' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = parseObject(body) !== undefined ? 'application/json' : 'text/plain; charset=utf-8';
  }
  send(res, { status: fault.status, headers, body });
}

async function writeAll(res: ServerResponse, contentType: string, events: readonly string[]): Promise<void> {
  const stream = openStream(res, contentType);
  for (const event of events) if (!(await stream.write(event))) return;
  stream.end();
}

async function hugeBody(res: ServerResponse, dialect: StreamDialect, bytes: number): Promise<void> {
  const stream = openStream(res, dialect.contentType);
  const opening = dialect.hugeOpening().slice(0, bytes);
  let sent = Buffer.byteLength(opening);
  if (opening !== '' && !(await stream.write(opening))) return;
  const full = dialect.hugePadding(HUGE_CHUNK_BYTES);
  while (sent < bytes) {
    const size = Math.min(HUGE_CHUNK_BYTES, bytes - sent);
    if (!(await stream.write(size === HUGE_CHUNK_BYTES ? full : dialect.hugePadding(size)))) return;
    sent += size;
  }
  stream.end();
}

async function endless(res: ServerResponse, dialect: StreamDialect): Promise<void> {
  const stream = openStream(res, dialect.contentType);
  while ((await stream.write(dialect.keepAlive())) && (await stream.pause(KEEP_ALIVE_MS))) {
    // Only a client disconnect (or close()) ends this.
  }
}

export async function applyFault(
  fault: ChatFault,
  wire: Wire,
  ctx: FakeContext,
  dialect: StreamDialect,
  req: RecordedRequest,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  switch (fault.type) {
    case 'status':
      return rawStatus(fault, res);
    case 'rate-limit':
      return send(
        res,
        problemReply(wire, ctx.kind, { code: 'rate-limit', retryAfterSeconds: fault.retryAfterSeconds }),
      );
    case 'overloaded':
      return send(res, problemReply(wire, ctx.kind, { code: 'overloaded' }));
    case 'server-error':
      return send(res, problemReply(wire, ctx.kind, { code: 'server-error' }));
    case 'wrong-path':
      return send(res, problemReply(wire, ctx.kind, { code: 'no-route', method: req.method, pathname }));
    case 'never-answer':
      return; // the socket stays open until the client gives up or close() destroys it
    case 'stall-after-headers':
      openStream(res, dialect.contentType);
      return;
    case 'mid-stream-error':
      return writeAll(res, dialect.contentType, [
        ...dialect.prelude(),
        dialect.delta(ctx.reply[0] ?? 'Hello'),
        dialect.midStreamError(),
      ]);
    case 'malformed':
      return writeAll(res, dialect.contentType, dialect.malformed());
    case 'huge-body':
      return hugeBody(res, dialect, fault.bytes);
    case 'endless-stream':
      return endless(res, dialect);
  }
}
