// The OS Save and Open dialogs, answered by a test: every save is kept (its suggested name and text), and the
// next open returns what the test put there (or Cancel).
import type { FileDialogs } from '../../src/ports/file-dialogs.port.js';

export interface FakeFileDialogs extends FileDialogs {
  readonly saved: Array<{ readonly suggestedName: string; readonly fileName: string; readonly text: string }>;
  /** The file the next Open dialog picks; null answers Cancel. */
  nextOpen: { readonly fileName: string; readonly bytes: Uint8Array } | null;
  /** The name the next Save dialog picks; null answers Cancel. */
  nextSaveName: string | null;
}

export function fakeFileDialogs(): FakeFileDialogs {
  const fake: FakeFileDialogs = {
    saved: [],
    nextOpen: null,
    nextSaveName: 'profiles.json',
    saveText(suggestedName, text) {
      const fileName = fake.nextSaveName;
      if (fileName === null) return Promise.resolve(null);
      fake.saved.push({ suggestedName, fileName, text });
      return Promise.resolve({ fileName });
    },
    openFile(maxBytes) {
      const file = fake.nextOpen;
      return Promise.resolve(file && { fileName: file.fileName, bytes: file.bytes.slice(0, maxBytes + 1) });
    },
  };
  return fake;
}
