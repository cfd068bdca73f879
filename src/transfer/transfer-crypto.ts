// Sealing the secrets of an export under the learner's passphrase, with node:crypto only: scrypt (N = 2^15, r = 8,
// p = 1, a 16-byte salt) derives a 256-bit key, AES-256-GCM (a 12-byte IV) seals the JSON and its tag proves the
// passphrase on the way back. A wrong passphrase and a tampered file look the same: the tag does not match.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { SealedSecrets } from '../../shared/transfer.contract.js';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

function derive(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; the default memory cap (32 MiB) is exactly N = 2^15's, so give it room.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function seal(plaintext: string, passphrase: string): Promise<SealedSecrets> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await derive(passphrase, salt, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  key.fill(0);
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The plaintext, or null when the passphrase (or the file) is wrong. */
export async function unseal(sealed: SealedSecrets, passphrase: string): Promise<string | null> {
  const key = await derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}
