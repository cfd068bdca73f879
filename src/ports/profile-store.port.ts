// Durable bytes for the vault document. The core decides what is valid; a store only promises that a write
// is all-or-nothing, that the version it replaces survives as the backup, and that a file moved aside is kept
// byte-identical, never overwritten, until the core removes it. Failures surface as Node errno errors
// (ENOSPC, EACCES, EIO, …).

export type StoredFile = 'vault' | 'backup';

/** A damaged vault or backup moved aside at start-up. */
export interface QuarantinedFile {
  /** The file name (in the vault's folder). */
  readonly name: string;
  readonly path: string;
  /** When it was moved aside. */
  readonly at: string;
}

export interface ProfileStore {
  /** Absolute path of the vault file, for status and diagnostics. */
  readonly location: string;
  /** Removes leftovers of a write that was interrupted (a crash between write and rename). */
  removeStaleTemporaryFiles(): Promise<void>;
  read(file: StoredFile): Promise<Uint8Array | null>;
  /** Atomically replaces the vault; the version replaced becomes the backup. */
  write(bytes: Uint8Array): Promise<void>;
  /** Moves a file aside byte-identical under a new unique name (stamped with `at`) and returns that path. */
  quarantine(file: StoredFile, at: Date): Promise<string>;
  /** Every file moved aside and still there, newest first. */
  listQuarantined(): Promise<QuarantinedFile[]>;
  /** Deletes moved-aside files by name; names that are not such files are ignored. Returns how many went. */
  removeQuarantined(names: readonly string[]): Promise<number>;
}
