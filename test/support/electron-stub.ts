// A small stand-in for the `electron` module (aliased in vitest.config.ts): just enough behaviour for the
// src-main adapters and shell to be unit-tested in plain Node. Each fake is switchable from the test.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Behaves like safeStorage: real AES so ciphertext never contains the plaintext; switchable availability. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as Backend,
  failNextDecrypt: false,
  key: randomBytes(32),
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  },
  getSelectedStorageBackend(): Backend {
    return this.backend;
  },
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    if (!this.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, body, cipher.getAuthTag()]);
  },
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (!this.available || this.failNextDecrypt) {
      this.failNextDecrypt = false;
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    const iv = encrypted.subarray(3, 15);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(encrypted.subarray(encrypted.length - 16));
    const result = Buffer.concat([decipher.update(encrypted.subarray(15, encrypted.length - 16)), decipher.final()]).toString('utf8');
    return { shouldReEncrypt: false, result };
  },
  reset(): void {
    this.available = true;
    this.backend = 'gnome_libsecret';
    this.failNextDecrypt = false;
  },
};

export default { safeStorage };
