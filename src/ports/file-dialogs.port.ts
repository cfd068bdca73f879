// The operating system's own Save and Open dialogs, owned by the main process: the learner picks the file, and the
// window never sees a path (only the chosen file's name, to say where it went). Tests answer with a fake.

/** What is being saved, for the dialog's file type: a profiles file (JSON) or a support bundle (zip). */
export type SavedKind = 'profiles' | 'support-bundle';

export interface FileDialogs {
  /**
   * Asks where to save `data` (suggesting `suggestedName`, offering files of `kind`) and writes it there; null
   * when the learner cancels.
   */
  save(
    suggestedName: string,
    data: string | Uint8Array,
    kind: SavedKind,
  ): Promise<{ readonly fileName: string } | null>;
  /**
   * Asks which file to open and reads it, at most `maxBytes + 1` bytes (so a larger file is known to be too large
   * without reading all of it); null when the learner cancels.
   */
  openFile(maxBytes: number): Promise<{ readonly fileName: string; readonly bytes: Uint8Array } | null>;
}

/** Where no dialog can be shown (a core without a window): every request is refused as cancelled. */
export const NO_FILE_DIALOGS: FileDialogs = {
  save: () => Promise.resolve(null),
  openFile: () => Promise.resolve(null),
};
