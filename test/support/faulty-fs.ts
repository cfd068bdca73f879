// Real file operations with one armed fault: the next open/write/fsync/rename of the vault write fails with
// the errno a full disk, a read-only folder or a failing drive would give.
import type { FileHandlePort, FsPort } from '../../src/ports/fs.port.js';
import { nodeFsPort } from '../../src/adapters/node-fs.adapter.js';

export type FaultPoint = 'open' | 'write' | 'fsync' | 'rename';
export type FaultCode = 'ENOSPC' | 'EACCES' | 'EIO';

function errnoError(code: FaultCode, syscall: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected fault, ${syscall} '${file}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

export class FaultyFs implements FsPort {
  private armed: { point: FaultPoint; code: FaultCode } | null = null;
  faultsFired = 0;

  constructor(
    private readonly vaultPath: string,
    private readonly real: FsPort = nodeFsPort,
  ) {}

  arm(point: FaultPoint, code: FaultCode): void {
    this.armed = { point, code };
  }

  private fire(point: FaultPoint, syscall: string, file: string): void {
    if (this.armed?.point !== point) return;
    const { code } = this.armed;
    this.armed = null;
    this.faultsFired += 1;
    throw errnoError(code, syscall, file);
  }

  async open(file: string, flags: string, mode?: number): Promise<FileHandlePort> {
    const isTempWrite = flags === 'wx' && file.startsWith(this.vaultPath);
    if (isTempWrite) this.fire('open', 'open', file);
    const handle = await this.real.open(file, flags, mode);
    if (!isTempWrite) return handle;
    return {
      writeFile: async (data) => {
        this.fire('write', 'write', file);
        await handle.writeFile(data);
      },
      sync: async () => {
        this.fire('fsync', 'fsync', file);
        await handle.sync();
      },
      close: () => handle.close(),
    };
  }

  readFile = (file: string) => this.real.readFile(file);
  link = (existing: string, created: string) => this.real.link(existing, created);
  copyFile = (from: string, to: string, mode?: number) => this.real.copyFile(from, to, mode);
  unlink = (file: string) => this.real.unlink(file);
  readdir = (dir: string) => this.real.readdir(dir);
  mkdir = (dir: string, options: { recursive: true; mode: number }) => this.real.mkdir(dir, options);

  async rename(from: string, to: string): Promise<void> {
    if (to === this.vaultPath) this.fire('rename', 'rename', from);
    await this.real.rename(from, to);
  }
}
