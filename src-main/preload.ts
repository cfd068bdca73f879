// The sandboxed preload: exposes exactly `window.electronTRPC = { sendMessage, onMessage }` on the one
// tRPC channel, nothing else (no ipcRenderer, no Node). Bundled as CommonJS because sandboxed preloads must be.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from '../shared/ipc-channel.js';

contextBridge.exposeInMainWorld('electronTRPC', {
  sendMessage: (message: unknown) => ipcRenderer.send(IPC_CHANNEL, message),
  onMessage: (callback: (message: unknown) => void) => {
    ipcRenderer.on(IPC_CHANNEL, (_event, message: unknown) => callback(message));
  },
});
