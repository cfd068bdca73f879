// Binds the transport-free TrpcIpcServer to Electron: one ipcMain listener on the tRPC channel, the sender
// facts read from the event, and subscription cleanup when a window's page goes away (closed, crashed,
// reloaded or navigated).
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CHANNEL } from '../../shared/ipc-channel.js';
import type { AnyRouter } from '@trpc/server';
import type { IpcSender, TrpcIpcServer } from './trpc-ipc-server.js';
import { judgeSender } from './validate-sender.js';

export class WindowRegistry {
  /** webContents id → page generation, bumped whenever the page is replaced (reload, navigation). */
  private readonly pages = new Map<number, number>();

  constructor(private readonly onGone: (webContentsId: number) => void) {}

  /** Tracks a window's webContents; its subscriptions end whenever its page is replaced or destroyed. */
  add(contents: WebContents): void {
    const id = contents.id;
    this.pages.set(id, 0);
    const pageGone = () => {
      this.pages.set(id, (this.pages.get(id) ?? 0) + 1);
      this.onGone(id);
    };
    contents.on('destroyed', () => {
      this.pages.delete(id);
      this.onGone(id);
    });
    contents.on('render-process-gone', pageGone);
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) pageGone();
    });
  }

  has(id: number): boolean {
    return this.pages.has(id);
  }

  /** The current page generation of a window (-1 once it is destroyed). */
  page(id: number): number {
    return this.pages.get(id) ?? -1;
  }
}

function senderOf(event: IpcMainEvent, windows: WindowRegistry): IpcSender {
  const contents = event.sender;
  const page = windows.page(contents.id);
  return {
    id: contents.id,
    // An answer for a page that has since been reloaded or replaced goes nowhere.
    isGone: () =>
      contents.isDestroyed() ||
      event.senderFrame === null ||
      event.senderFrame.isDestroyed() ||
      windows.page(contents.id) !== page,
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
    void server.handle(senderOf(event, windows), message, verdict);
  });
  return () => options.ipcMain.removeAllListeners(IPC_CHANNEL);
}
