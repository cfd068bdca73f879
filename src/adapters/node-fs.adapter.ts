// The FsPort over node:fs/promises.
import * as nodeFs from 'node:fs/promises';
import type { FsPort } from '../ports/fs.port.js';

export const nodeFsPort: FsPort = {
  open: (file, flags, mode) => nodeFs.open(file, flags, mode),
  readFile: (file) => nodeFs.readFile(file),
  rename: (from, to) => nodeFs.rename(from, to),
  link: (existing, created) => nodeFs.link(existing, created),
  copyFile: (from, to, mode) => nodeFs.copyFile(from, to, mode),
  unlink: (file) => nodeFs.unlink(file),
  readdir: (dir) => nodeFs.readdir(dir),
  mkdir: (dir, options) => nodeFs.mkdir(dir, options),
};
