// A child process writing the vault is SIGKILLed at random instants, 50 times: after each, the vault parses
// without recovery, holds the last acknowledged state or the one being written (never older, never torn),
// its key decrypts, and no temp file survives the restart.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { crashOnce } from '../../support/crash-harness.js';
import { makeTempDir } from '../../support/create-test-core.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const WORKERS = 2;
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs mid-write`, { timeout: 240_000 }, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const dir = await makeTempDir('llm-crash-');
        dirs.push(dir);
        const key = randomBytes(32);
        const results = [];
        for (let i = w; i < KILLS; i += WORKERS) results.push(await crashOnce(dir, key));
        return results;
      }),
    );
    const all = outcomes.flat();
    expect(all).toHaveLength(KILLS);
    for (const o of all) {
      expect(o.recovered).toBe(false);
      expect(o.found).not.toBeNull();
      // Never older than what was acknowledged; at most the one write in flight.
      expect(o.found!).toBeGreaterThanOrEqual(o.lastAck);
      expect(o.found!).toBeLessThanOrEqual(Math.max(o.lastAck, o.lastBegin));
      expect(o.contentMatches).toBe(true);
      expect(o.keyMatches).toBe(true);
      expect(o.tempFilesAfterRestart).toEqual([]);
    }
    // Most kills landed with a write begun and not yet acknowledged (the soak run sees ~95%), so the checks
    // above were made against torn-write opportunities, not only against quiet moments between writes.
    expect(all.filter((o) => o.lastBegin > o.lastAck).length).toBeGreaterThan(KILLS / 2);
  });
});
