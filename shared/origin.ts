// The one parser of "where a URL points", used for three different questions: which window may call (its
// origin as written, custom schemes included), which server a key, consent or header belongs to (scheme, host
// and the port made explicit), and what a diagnostics line may say about a URL (its origin, never its path).

/** scheme://host[:port] as written, for any scheme (WHATWG gives custom schemes an opaque "null" origin). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** scheme://host:port of an http(s) URL with the default port made explicit; null when unparsable. */
export function endpointOrigin(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
    return `${parsed.protocol}//${parsed.hostname.toLowerCase()}:${port}`;
  } catch {
    return null;
  }
}

/** What a log line may say about a URL: its scheme and host only (paths and queries may carry secrets). */
export function loggableOrigin(url: string | null | undefined): string {
  if (!url) return 'none';
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? parsed.protocol : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparsable';
  }
}
