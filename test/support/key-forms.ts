// The forms a key can take in text that left the app — written here independently of the code under test, so a
// scan for them checks the scrub rather than trusting it: as is, URL-encoded, JSON-escaped, hex, base64 and
// base64url (also inside a longer base64 text, at each byte alignment), compared without regard to letter case
// or whitespace.

/** The key's forms, lower-cased with whitespace removed, named for the report. Forms under 8 characters are left out. */
export function keyForms(key: string): Array<{ name: string; form: string }> {
  const bytes = Buffer.from(key, 'utf8');
  const forms: Array<{ name: string; form: string }> = [
    { name: 'raw', form: key },
    { name: 'url-encoded', form: encodeURIComponent(key) },
    { name: 'json-escaped', form: JSON.stringify(key).slice(1, -1) },
    { name: 'hex', form: bytes.toString('hex') },
  ];
  for (let offset = 0; offset < 3; offset += 1) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    // The outer characters also encode the neighbouring bytes; the inner ones depend on the key alone.
    const inner = (encoded: string) => encoded.slice(4, -4);
    forms.push({ name: `base64+${offset}`, form: inner(shifted.toString('base64')) });
    forms.push({ name: `base64url+${offset}`, form: inner(shifted.toString('base64url')) });
  }
  const seen = new Set<string>();
  return forms
    .map(({ name, form }) => ({ name, form: normalise(form) }))
    .filter(({ form }) => form.length >= 8 && !seen.has(form) && seen.add(form));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/** Which forms of which keys occur in `text` (each hit as "form of key…"). */
export function findKeyForms(text: string, keys: Iterable<string>): string[] {
  const haystack = normalise(text);
  const hits: string[] = [];
  for (const key of keys)
    for (const { name, form } of keyForms(key))
      if (haystack.includes(form)) hits.push(`${name} of ${key.slice(0, 3)}…`);
  return hits;
}

/** How a server might echo a key back: each form as the server would write it (for fakes that echo). */
export function echoedForms(key: string): Record<string, string> {
  const b64 = (prefix: string) => Buffer.from(prefix + key).toString('base64');
  return {
    raw: key,
    upper: key.toUpperCase(),
    lower: key.toLowerCase(),
    spaced: key.split('').join(' '),
    'line-wrapped': `${key.slice(0, 10)}\n${key.slice(10)}`,
    'url-encoded': encodeURIComponent(key),
    'json-escaped': JSON.stringify(key).slice(1, -1),
    hex: Buffer.from(key).toString('hex'),
    'hex upper': Buffer.from(key).toString('hex').toUpperCase(),
    base64: b64(''),
    'base64 after 1 byte': b64('x'),
    'base64 after 2 bytes': b64('xy'),
    'basic auth': Buffer.from(`user:${key}`).toString('base64'),
    base64url: Buffer.from(key).toString('base64url'),
    'base64url after 1 byte': Buffer.from(`x${key}`).toString('base64url'),
  };
}
