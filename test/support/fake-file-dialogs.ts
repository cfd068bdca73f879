// The OS Save and Open dialogs, answered by a test: every save is kept (its suggested name and text), and the
// next open returns what the test put there (or Cancel).
import type { FileDialogs, SavedKind } from '../../src/ports/file-dialogs.port.js';

export interface FakeFileDialogs extends FileDialogs {
  readonly saved: Array<{
    readonly suggestedName: string;
    readonly fileName: string;
    readonly kind: SavedKind;
    /** What was saved, as text (a profiles file) … */
    readonly text: string;
    /** … and as bytes (a support bundle). */
    readonly bytes: Uint8Array;
  }>;
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
    save(suggestedName, data, kind) {
      const fileName = fake.nextSaveName;
      if (fileName === null) return Promise.resolve(null);
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      fake.saved.push({ suggestedName, fileName, kind, text: new TextDecoder().decode(bytes), bytes });
      return Promise.resolve({ fileName });
    },
    openFile(maxBytes) {
      const file = fake.nextOpen;
      return Promise.resolve(file && { fileName: file.fileName, bytes: file.bytes.slice(0, maxBytes + 1) });
    },
  };
  return fake;
}
