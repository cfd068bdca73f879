// Binds the transport-free TrpcIpcServer to Electron: one ipcMain listener on the tRPC channel, the sender
// facts read from the event, and subscription cleanup when a window's page goes away (closed, crashed,
// reloaded or navigated).
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CHANNEL } from '../../shared/ipc-channel.js';
import type { AnyRouter } from '@trpc/server';
import type { IpcSender, TrpcIpcServer } from './trpc-ipc-server.js';
import { judgeSender } from './validate-sender.js';

export class WindowRegistry {
  private readonly ids = new Set<number>();

  constructor(private readonly onGone: (webContentsId: number) => void) {}

  /** Tracks a window's webContents; its subscriptions end whenever its page is replaced or destroyed. */
  add(contents: WebContents): void {
    const id = contents.id;
    this.ids.add(id);
    contents.on('destroyed', () => {
      this.ids.delete(id);
      this.onGone(id);
    });
    contents.on('render-process-gone', () => this.onGone(id));
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.onGone(id);
    });
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }
}

function senderOf(event: IpcMainEvent): IpcSender {
  const contents = event.sender;
  return {
    id: contents.id,
    isGone: () => contents.isDestroyed() || event.senderFrame === null || event.senderFrame.isDestroyed(),
    send: (message) => event.reply(IPC_CHANNEL, message),
  };
}

export function registerIpc<TRouter extends AnyRouter>(options: {
  readonly ipcMain: Pick<IpcMain, 'on' | 'removeAllListeners'>;
  readonly server: TrpcIpcServer<TRouter>;
  readonly windows: WindowRegistry;
  readonly allowedOrigins: readonly string[];
}): () => void {
  const { server, windows, allowedOrigins } = options;
  options.ipcMain.on(IPC_CHANNEL, (event: IpcMainEvent, message: unknown) => {
    const frame = event.senderFrame;
    const verdict = judgeSender(
      {
        knownWebContents: windows.has(event.sender.id),
        isTopFrame: frame !== null && frame.parent === null,
        frameUrl: frame?.url ?? null,
      },
      allowedOrigins,
    );
    void server.handle(senderOf(event), message, verdict);
  });
  return () => options.ipcMain.removeAllListeners(IPC_CHANNEL);
}
