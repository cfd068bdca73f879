// A SecretCipher that really encrypts (AES-256-GCM, random key per instance unless one is given), so the
// plaintext scans mean something, with a switch for the three availability states and counters for tests.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionState } from '../../shared/storage.contract.js';
import type { CipherAvailability, DecryptResult, SecretCipher } from '../../src/ports/secret-cipher.port.js';

const BACKEND: Record<EncryptionState, string> = {
  available: 'fake_keychain',
  weak: 'basic_text',
  unavailable: 'unknown',
};

export class FakeSecretCipher implements SecretCipher {
  readonly key: Buffer;
  private state: EncryptionState;
  encryptCalls = 0;
  decryptCalls = 0;
  /** Makes the next encrypt throw although storage reports available (a keyring that fails mid-call). */
  failNextEncrypt = false;
  /** Decrypt reports shouldReEncrypt for ciphertexts made before this generation (an OS key rotation). */
  rotateAt: number | null = null;

  constructor(options: { state?: EncryptionState; key?: Buffer } = {}) {
    this.state = options.state ?? 'available';
    this.key = options.key ?? randomBytes(32);
  }

  setAvailability(state: EncryptionState): void {
    this.state = state;
  }

  async availability(): Promise<CipherAvailability> {
    return { state: this.state, backend: BACKEND[this.state] };
  }

  async encrypt(plaintext: string): Promise<Uint8Array> {
    this.encryptCalls += 1;
    if (this.state === 'unavailable') throw new Error('Encryption is not available');
    if (this.failNextEncrypt) {
      this.failNextEncrypt = false;
      throw new Error('The keyring refused the operation');
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from(this.rotateAt === null ? 'fk1' : 'fk2'), iv, body, cipher.getAuthTag()]);
  }

  async decrypt(ciphertext: Uint8Array): Promise<DecryptResult> {
    this.decryptCalls += 1;
    if (this.state === 'unavailable') throw new Error('Decryption is not available');
    const bytes = Buffer.from(ciphertext);
    const tag3 = bytes.subarray(0, 3).toString();
    if ((tag3 !== 'fk1' && tag3 !== 'fk2') || bytes.length < 3 + 12 + 16) throw new Error('Not fake ciphertext');
    const iv = bytes.subarray(3, 15);
    const tag = bytes.subarray(bytes.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([
      decipher.update(bytes.subarray(15, bytes.length - 16)),
      decipher.final(),
    ]).toString('utf8');
    return { plaintext, shouldReEncrypt: this.rotateAt !== null && tag3 === 'fk1' };
  }
}
