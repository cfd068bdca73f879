// Where an endpoint points: the one definition of "local" (a loopback host) that consent, discovery and the
// UI all share. Pure string logic, no DNS: a name other than `localhost` is never assumed to be local.

/** Host of an http(s) URL as the URL parser normalises it (IPv6 without brackets), or null if unparsable. */
export function endpointHost(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  } catch {
    return null;
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  // IPv4-mapped loopback, in the forms the WHATWG URL parser produces.
  return /^::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(h);
}

/** A profile is remote when its endpoint is not a loopback address; unparsable URLs count as remote. */
export function isRemoteEndpoint(url: string): boolean {
  const host = endpointHost(url);
  return host === null || !isLoopbackHost(host);
}

/** The port of a loopback address (default port made explicit), or null when the URL is not on this computer. */
export function loopbackPort(url: string): number | null {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!isLoopbackHost(host)) return null;
    return Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  } catch {
    return null;
  }
}
