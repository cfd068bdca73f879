// Remembers where the learner left the window, with electron-store (cwd = user data dir): small,
// non-secret preferences are what it is good at. Bounds are validated and dropped if no display shows them.
import ElectronStore from 'electron-store';
import type { Rectangle } from 'electron';
import { z } from 'zod';

const WindowStateSchema = z.object({
  bounds: z.object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(400).max(20_000),
    height: z.number().int().min(300).max(20_000),
  }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export class WindowStateStore {
  private readonly store: ElectronStore<{ window?: unknown }>;

  constructor(userDataDir: string) {
    this.store = new ElectronStore<{ window?: unknown }>({
      cwd: userDataDir,
      name: 'window-state',
      clearInvalidConfig: true,
      configFileMode: 0o600,
    });
  }

  /** The saved size, and the position only if it is at least partly on one of the given work areas. */
  load(workAreas: readonly Rectangle[]): { bounds: Partial<Rectangle>; maximized: boolean } | null {
    const parsed = WindowStateSchema.safeParse(this.store.get('window'));
    if (!parsed.success) return null;
    const { bounds, maximized } = parsed.data;
    const visible = workAreas.some((area) => intersects(bounds, area));
    return { bounds: visible ? bounds : { width: bounds.width, height: bounds.height }, maximized };
  }

  save(state: WindowState): void {
    const parsed = WindowStateSchema.safeParse(state);
    if (parsed.success) this.store.set('window', parsed.data);
  }
}
