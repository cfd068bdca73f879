// Incremental parsers for the two streaming formats model servers use: Server-Sent Events (OpenAI family,
// Anthropic, Gemini) and newline-delimited JSON (Ollama). Fed text as it arrives; return complete items.

export interface SseEvent {
  readonly event: string | null;
  readonly data: string;
}

/** Splits on blank lines; joins multi-line data; skips `:` comments (keep-alive pings); any line ending. */
export class SseParser {
  private buffer = '';
  private eventName: string | null = null;
  private data: string[] = [];

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    const buffer = this.buffer;
    let start = 0;
    let nl = buffer.indexOf('\n');
    let cr = buffer.indexOf('\r');
    for (;;) {
      if (nl !== -1 && nl < start) nl = buffer.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start);
      let end: number;
      let width: number;
      if (cr !== -1 && (nl === -1 || cr < nl)) {
        if (cr === buffer.length - 1) break; // maybe the first half of a \r\n still in flight
        end = cr;
        width = buffer[cr + 1] === '\n' ? 2 : 1;
      } else if (nl !== -1) {
        end = nl;
        width = 1;
      } else {
        break;
      }
      this.line(buffer.slice(start, end), events);
      start = end + width;
    }
    this.buffer = buffer.slice(start);
    return events;
  }

  /** Whatever event was complete but not yet terminated by a blank line when the stream ended. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) this.line(this.buffer, events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({ event: this.eventName, data: this.data.join('\n') });
      this.eventName = null;
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.eventName = value;
  }
}

export class NdjsonParser {
  private buffer = '';

  push(text: string): SseEvent[] {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    return lines
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((data) => ({ event: null, data }));
  }

  end(): SseEvent[] {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest === '' ? [] : [{ event: null, data: rest }];
  }
}
