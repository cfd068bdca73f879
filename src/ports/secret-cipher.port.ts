// The one way the core protects secrets. Implemented over Electron safeStorage in src-main and by a
// switchable fake in tests; the core never learns which OS mechanism is behind it beyond its name.
import type { EncryptionState } from '../../shared/storage.contract.js';

export interface CipherAvailability {
  readonly state: EncryptionState;
  /** OS mechanism name (keychain, dpapi, gnome_libsecret, basic_text, …) for status and diagnostics. */
  readonly backend: string;
}

export interface DecryptResult {
  readonly plaintext: string;
  /** The OS rotated its key: re-encrypting now keeps the secret readable later. */
  readonly shouldReEncrypt: boolean;
}

export interface SecretCipher {
  availability(): Promise<CipherAvailability>;
  encrypt(plaintext: string): Promise<Uint8Array>;
  decrypt(ciphertext: Uint8Array): Promise<DecryptResult>;
}
