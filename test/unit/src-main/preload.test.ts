import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../../shared/ipc-channel.js';
import { contextBridge, ipcRenderer, resetElectronStub } from '../../support/electron-stub.js';

describe('preload', () => {
  it('exposes exactly window.electronTRPC = { sendMessage, onMessage } on the tRPC channel', async () => {
    resetElectronStub();
    await import('../../../src-main/preload.js');
    expect([...contextBridge.exposed.keys()]).toEqual(['electronTRPC']);
    const api = contextBridge.exposed.get('electronTRPC') as {
      sendMessage(m: unknown): void;
      onMessage(cb: (m: unknown) => void): void;
    };
    expect(Object.keys(api).sort()).toEqual(['onMessage', 'sendMessage']);
    api.sendMessage({ method: 'request' });
    expect(ipcRenderer.sent).toEqual([[IPC_CHANNEL, { method: 'request' }]]);
    const got: unknown[] = [];
    api.onMessage((m) => got.push(m));
    ipcRenderer.emit(IPC_CHANNEL, { sender: 'event' }, { id: 1 });
    ipcRenderer.emit('another-channel', {}, { id: 2 });
    expect(got).toEqual([{ id: 1 }]); // the event object is not handed to the page
  });
});
