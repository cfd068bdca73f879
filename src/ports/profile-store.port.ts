// Durable bytes for the vault document. The core decides what is valid; a store only promises that a write
// is all-or-nothing, that the version it replaces survives as the backup, and that nothing it holds is ever
// deleted or overwritten when moved aside. Failures surface as Node errno errors (ENOSPC, EACCES, EIO, …).

export type StoredFile = 'vault' | 'backup';

export interface ProfileStore {
  /** Absolute path of the vault file, for status and diagnostics. */
  readonly location: string;
  /** Removes leftovers of a write that was interrupted (a crash between write and rename). */
  removeStaleTemporaryFiles(): Promise<void>;
  read(file: StoredFile): Promise<Uint8Array | null>;
  /** Atomically replaces the vault; the version replaced becomes the backup. */
  write(bytes: Uint8Array): Promise<void>;
  /** Moves a file aside byte-identical under a new unique name and returns that path. */
  quarantine(file: StoredFile): Promise<string>;
}
