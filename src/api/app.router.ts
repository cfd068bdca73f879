// The whole API the renderer may call. The renderer imports only `type AppRouter` from here.
import { chatRouter } from './chat.router.js';
import { discoveryRouter } from './discovery.router.js';
import { router } from './trpc.js';
import { profilesRouter } from './profiles.router.js';
import { storageRouter } from './storage.router.js';
import { transferRouter } from './transfer.router.js';
import { supportRouter } from './support.router.js';

export const appRouter = router({
  profiles: profilesRouter,
  storage: storageRouter,
  discovery: discoveryRouter,
  chat: chatRouter,
  transfer: transferRouter,
  support: supportRouter,
});

export type AppRouter = typeof appRouter;
