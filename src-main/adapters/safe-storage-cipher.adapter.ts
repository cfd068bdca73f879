// SecretCipher over Electron's async safeStorage API (Electron ≥ 45). On Linux the `basic_text` backend
// encrypts with a hard-coded password, so it is reported as *weak* and the core refuses keys there unless
// the learner opts in. Build it only after `app` is ready: before that Linux reports the backend "unknown".
import { safeStorage } from 'electron';
import type { CipherAvailability, DecryptResult, SecretCipher } from '../../src/index.js';

export type SafeStorageApi = Pick<
  typeof safeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export class SafeStorageCipher implements SecretCipher {
  constructor(
    private readonly api: SafeStorageApi = safeStorage,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async availability(): Promise<CipherAvailability> {
    const backend = this.backend();
    let available: boolean;
    try {
      available = await this.api.isAsyncEncryptionAvailable();
    } catch {
      available = false; // the keyring daemon died or refused: same as not available
    }
    if (!available) return { state: 'unavailable', backend };
    if (this.platform === 'linux' && WEAK_LINUX_BACKENDS.has(backend)) return { state: 'weak', backend };
    return { state: 'available', backend };
  }

  async encrypt(plaintext: string): Promise<Uint8Array> {
    return new Uint8Array(await this.api.encryptStringAsync(plaintext));
  }

  async decrypt(ciphertext: Uint8Array): Promise<DecryptResult> {
    const { result, shouldReEncrypt } = await this.api.decryptStringAsync(Buffer.from(ciphertext));
    return { plaintext: result, shouldReEncrypt };
  }

  private backend(): string {
    switch (this.platform) {
      case 'linux':
        try {
          return this.api.getSelectedStorageBackend();
        } catch {
          return 'unknown';
        }
      case 'darwin':
        return 'keychain';
      case 'win32':
        return 'dpapi';
      default:
        return this.platform;
    }
  }
}
