// The checked-in self-signed certificate for 127.0.0.1 / ::1 / localhost (valid until 2126), for https fakes.
// Clients under test must be told to trust it explicitly; nothing here weakens TLS verification globally.
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/', import.meta.url);

let cached: { key: string; cert: string } | undefined;

export function selfSignedTls(): { key: string; cert: string } {
  cached ??= {
    key: readFileSync(new URL('self-signed-key.pem', FIXTURES), 'utf8'),
    cert: readFileSync(new URL('self-signed-cert.pem', FIXTURES), 'utf8'),
  };
  return { ...cached };
}
