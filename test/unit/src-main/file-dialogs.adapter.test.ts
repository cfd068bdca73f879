// The Save and Open dialogs against the electron stub: modal to the focused window, the chosen file's name (never
// its path) handed back, a save written whole (temporary file, then renamed), an open that reads no more than
// it needs to know a file is too large, and Cancel as null.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileDialogs } from '../../../src-main/adapters/file-dialogs.adapter.js';
import { BrowserWindow, dialog, resetElectronStub } from '../../support/electron-stub.js';

afterEach(() => resetElectronStub());

const focused = { getFocusedWindow: () => ({}) as never };
const unfocused = { getFocusedWindow: () => null };

describe('the file dialogs', () => {
  it('saves to the chosen file through a temporary one, and returns its name only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'llm-dialogs-'));
    dialog.nextSavePath = path.join(dir, 'mine.json');
    const files = createFileDialogs(dialog as never, focused);
    expect(await files.save('llm-profiles.json', '{"a":1}', 'profiles')).toEqual({ fileName: 'mine.json' });
    expect(await readFile(path.join(dir, 'mine.json'), 'utf8')).toBe('{"a":1}');
    expect(await readdir(dir)).toEqual(['mine.json']);
    expect(dialog.asked[0]).toMatchObject({ kind: 'save', modal: true, options: { defaultPath: 'llm-profiles.json' } });
  });

  it('opens the chosen file, reading at most one byte past the limit; Cancel is null', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'llm-dialogs-'));
    await writeFile(path.join(dir, 'big.json'), 'x'.repeat(5000));
    dialog.nextOpenPath = path.join(dir, 'big.json');
    const files = createFileDialogs(dialog as never, unfocused);
    const opened = await files.openFile(100);
    expect(opened?.fileName).toBe('big.json');
    expect(opened?.bytes.byteLength).toBe(101);
    expect(dialog.asked[0]).toMatchObject({ kind: 'open', modal: false });
    dialog.nextOpenPath = null;
    dialog.nextSavePath = null;
    expect(await files.openFile(100)).toBeNull();
    expect(await files.save('x.json', 'y', 'profiles')).toBeNull();
    expect(BrowserWindow.instances).toEqual([]);
  });
});
