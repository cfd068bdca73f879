// The file operations the vault's atomic store needs, as a port, so tests can inject ENOSPC, EACCES or EIO at
// any step of a write and check that nothing acknowledged is ever lost.
export interface FileHandlePort {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FsPort {
  open(file: string, flags: string, mode?: number): Promise<FileHandlePort>;
  readFile(file: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  copyFile(from: string, to: string, mode?: number): Promise<void>;
  unlink(file: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
}
