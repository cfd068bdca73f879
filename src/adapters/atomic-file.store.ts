// The vault file on disk: temp file + fsync + rename so a write is all-or-nothing, mode 0600, the replaced
// version kept as the backup (hard link, so it costs no copy), quarantine by link-then-unlink so a damaged
// file is never overwritten. File operations go through FsPort so tests can inject ENOSPC/EACCES/EIO.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { errnoOf } from '../ports/errno.js';
import type { FsPort } from '../ports/fs.port.js';
import type { ProfileStore, QuarantinedFile, StoredFile } from '../ports/profile-store.port.js';
import { nodeFsPort } from './node-fs.adapter.js';

export interface AtomicFileStoreOptions {
  /** Directory that holds the vault (the app's user data directory). */
  readonly dir: string;
  readonly baseName?: string;
  readonly fs?: FsPort;
  /** Told about problems that do not fail the operation (the backup not refreshed, a directory fsync). */
  readonly onWarning?: (event: StoreWarning, error: unknown) => void;
}

export type StoreWarning = 'backup-not-refreshed' | 'directory-sync-failed' | 'temp-file-not-removed';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export class AtomicFileStore implements ProfileStore {
  readonly location: string;
  private readonly backupPath: string;
  private readonly dir: string;
  private readonly baseName: string;
  private readonly fs: FsPort;
  private readonly onWarning: (event: StoreWarning, error: unknown) => void;
  private dirReady = false;

  constructor(options: AtomicFileStoreOptions) {
    this.dir = path.resolve(options.dir);
    this.baseName = options.baseName ?? 'llm-profiles';
    this.location = path.join(this.dir, `${this.baseName}.json`);
    this.backupPath = path.join(this.dir, `${this.baseName}.backup.json`);
    this.fs = options.fs ?? nodeFsPort;
    this.onWarning = options.onWarning ?? (() => undefined);
  }

  private pathOf(file: StoredFile): string {
    return file === 'vault' ? this.location : this.backupPath;
  }

  private tempPathFor(target: string): string {
    return `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  }

  private isTempName(name: string): boolean {
    const prefixes = [`${this.baseName}.json.`, `${this.baseName}.backup.json.`];
    return name.endsWith('.tmp') && prefixes.some((prefix) => name.startsWith(prefix));
  }

  async removeStaleTemporaryFiles(): Promise<void> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return;
      throw error;
    }
    await Promise.all(
      names.filter((name) => this.isTempName(name)).map((name) => this.unlinkQuietly(path.join(this.dir, name))),
    );
  }

  async read(file: StoredFile): Promise<Uint8Array | null> {
    try {
      return await this.fs.readFile(this.pathOf(file));
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return null;
      throw error;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.ensureDir();
    const temp = this.tempPathFor(this.location);
    try {
      const handle = await this.fs.open(temp, 'wx', FILE_MODE);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.keepCurrentAsBackup();
      await this.fs.rename(temp, this.location);
    } catch (error) {
      await this.unlinkQuietly(temp);
      throw error;
    }
    await this.syncDir();
  }

  async listQuarantined(): Promise<QuarantinedFile[]> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return [];
      throw error;
    }
    const files: QuarantinedFile[] = [];
    for (const name of names) {
      const at = this.quarantinedAt(name);
      if (at !== null) files.push({ name, path: path.join(this.dir, name), at });
    }
    return files.sort((a, b) => (a.at === b.at ? (a.name < b.name ? 1 : -1) : a.at < b.at ? 1 : -1));
  }

  async removeQuarantined(names: readonly string[]): Promise<number> {
    let removed = 0;
    for (const name of new Set(names)) {
      // Only names this store gave out, and never a path: nothing else in the folder can be deleted this way.
      if (this.quarantinedAt(name) === null) continue;
      try {
        await this.fs.unlink(path.join(this.dir, name));
        removed += 1;
      } catch (error) {
        if (errnoOf(error) !== 'ENOENT') throw error;
      }
    }
    if (removed > 0) await this.syncDir();
    return removed;
  }

  /** When a file was moved aside, read back from the name quarantine() gave it; null for any other name. */
  private quarantinedAt(name: string): string | null {
    const escaped = this.baseName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(
      `^${escaped}(?:\\.backup)?\\.corrupt-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z-[0-9a-f]{6}\\.json$`,
    ).exec(name);
    if (!match) return null;
    const [, date, h, m, s, ms] = match;
    return `${date}T${h}:${m}:${s}.${ms}Z`;
  }

  async quarantine(file: StoredFile, at: Date): Promise<string> {
    const source = this.pathOf(file);
    const stamp = at.toISOString().replace(/[:.]/g, '-');
    const target = path.join(
      this.dir,
      `${this.baseName}${file === 'backup' ? '.backup' : ''}.corrupt-${stamp}-${randomBytes(3).toString('hex')}.json`,
    );
    // link and COPYFILE_EXCL both refuse to replace an existing file: nothing is ever overwritten.
    try {
      await this.fs.link(source, target);
    } catch (error) {
      if (errnoOf(error) === 'EEXIST') throw error;
      await this.fs.copyFile(source, target, fsConstants.COPYFILE_EXCL);
    }
    await this.fs.unlink(source);
    await this.syncDir();
    return target;
  }

  private async keepCurrentAsBackup(): Promise<void> {
    const temp = this.tempPathFor(this.backupPath);
    try {
      try {
        await this.fs.link(this.location, temp);
      } catch (error) {
        const code = errnoOf(error);
        if (code === 'ENOENT') return; // first write: nothing to keep yet
        if (code === 'EEXIST') throw error;
        await this.fs.copyFile(this.location, temp, fsConstants.COPYFILE_EXCL);
      }
      await this.fs.rename(temp, this.backupPath);
    } catch (error) {
      await this.unlinkQuietly(temp);
      this.onWarning('backup-not-refreshed', error);
    }
  }

  private async ensureDir(): Promise<void> {
    if (this.dirReady) return;
    await this.fs.mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    this.dirReady = true;
  }

  /** Makes the rename itself durable across power loss; not possible (nor needed) on Windows. */
  private async syncDir(): Promise<void> {
    if (process.platform === 'win32') return;
    try {
      const handle = await this.fs.open(this.dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // The data is already renamed into place; a failed directory fsync only weakens power-loss durability.
      this.onWarning('directory-sync-failed', error);
    }
  }

  private async unlinkQuietly(file: string): Promise<void> {
    try {
      await this.fs.unlink(file);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') this.onWarning('temp-file-not-removed', error);
    }
  }
}
