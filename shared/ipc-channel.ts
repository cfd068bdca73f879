// The one IPC channel name, in a module with no dependencies so the sandboxed preload bundle stays tiny.
export const IPC_CHANNEL = 'electron-trpc';
