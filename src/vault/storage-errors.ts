// Maps what the file system said to what a learner can act on: a full disk, a folder they cannot write to,
// or anything else. The original errno is kept as the cause for diagnostics.
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { errnoOf } from '../ports/errno.js';

export function storageError(error: unknown, vaultPath: string): AppError {
  const code = errnoOf(error) ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('VAULT_DISK_FULL', { cause: error, params: { errno: code } });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('VAULT_PERMISSION_DENIED', {
        cause: error,
        params: { path: path.dirname(vaultPath), errno: code },
      });
    default:
      return new AppError('VAULT_WRITE_FAILED', { cause: error, params: { errno: code || 'unknown' } });
  }
}
