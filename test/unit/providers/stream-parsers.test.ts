import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NdjsonParser, SseParser, type SseEvent } from '../../../src/providers/stream-parsers.js';

function feed(parser: SseParser | NdjsonParser, chunks: string[]): SseEvent[] {
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

describe('SseParser', () => {
  it('parses events, names, multi-line data, and skips comments', () => {
    const text = ': ping\n\nevent: message_start\ndata: {"a":1}\n\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n';
    expect(feed(new SseParser(), [text])).toEqual([
      { event: 'message_start', data: '{"a":1}' },
      { event: null, data: 'line1\nline2' },
      { event: null, data: '[DONE]' },
    ]);
  });

  it('gives the same events however the bytes are split, with \\n, \\r\\n or \\r endings', () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ event: i % 2 ? 'delta' : null, data: `{"i":${i}}` }));
    fc.assert(
      fc.property(
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
        (eol, cuts) => {
          const text = events
            .map((e) => `${e.event ? `event: ${e.event}${eol}` : ''}data: ${e.data}${eol}${eol}`)
            .join(`:keepalive${eol}`);
          const chunks: string[] = [];
          let at = 0;
          for (const cut of cuts) {
            if (at >= text.length) break;
            chunks.push(text.slice(at, at + cut));
            at += cut;
          }
          chunks.push(text.slice(at));
          expect(feed(new SseParser(), chunks)).toEqual(events);
        },
      ),
    );
  });

  it('flushes an unterminated last event at the end', () => {
    expect(feed(new SseParser(), ['data: {"last":true}'])).toEqual([{ event: null, data: '{"last":true}' }]);
  });
});

describe('NdjsonParser', () => {
  it('splits lines across chunks and ignores blanks', () => {
    expect(feed(new NdjsonParser(), ['{"a":', '1}\n\n{"b":2}\n{"c"', ':3}'])).toEqual([
      { event: null, data: '{"a":1}' },
      { event: null, data: '{"b":2}' },
      { event: null, data: '{"c":3}' },
    ]);
  });
});
