// The core's FileDialogs port with Electron's own Save and Open dialogs, modal to the focused window. The window
// never sees a path: the core gets the chosen file's name only. A save is written to a temporary file beside the
// target and renamed over it, so a crash never leaves half a file; an open reads at most maxBytes + 1 bytes.
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow as BrowserWindowType, Dialog } from 'electron';
import type { FileDialogs, SavedKind } from '../../src/index.js';

const FILTERS = [{ name: 'Profiles file', extensions: ['json'] }];
const SAVE_FILTERS: Record<SavedKind, Array<{ name: string; extensions: string[] }>> = {
  profiles: FILTERS,
  'support-bundle': [{ name: 'Zip archive', extensions: ['zip'] }],
};

export function createFileDialogs(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  BrowserWindow: Pick<typeof BrowserWindowType, 'getFocusedWindow'>,
): FileDialogs {
  return {
    async save(suggestedName, data, kind) {
      const options = { defaultPath: suggestedName, filters: [...SAVE_FILTERS[kind]] };
      const parent = BrowserWindow.getFocusedWindow();
      const answer = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (answer.canceled || !answer.filePath) return null;
      const target = answer.filePath;
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      try {
        await writeFile(temporary, data, { mode: 0o600 });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { fileName: path.basename(target) };
    },
    async openFile(maxBytes) {
      const options = { properties: ['openFile' as const], filters: FILTERS };
      const parent = BrowserWindow.getFocusedWindow();
      const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      const chosen = answer.filePaths[0];
      if (answer.canceled || chosen === undefined) return null;
      const handle = await open(chosen, 'r');
      try {
        const buffer = Buffer.alloc(maxBytes + 1);
        let read = 0;
        while (read < buffer.length) {
          const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
          if (bytesRead === 0) break;
          read += bytesRead;
        }
        return { fileName: path.basename(chosen), bytes: new Uint8Array(buffer.subarray(0, read)) };
      } finally {
        await handle.close();
      }
    },
  };
}
