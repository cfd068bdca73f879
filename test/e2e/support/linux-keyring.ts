// A throwaway GNOME Keyring for Electron-mode runs on Linux CI, so safeStorage gets a real keyring backend
// (gnome_libsecret) instead of basic_text, which the app treats as weak and refuses to save keys with. A private
// D-Bus session bus, a keyring daemon unlocked with a fixed password, keyring files in a temp dir: the learner's
// own keyring is never touched. Needs `dbus-daemon` and `gnome-keyring-daemon` (Debian: dbus, gnome-keyring).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LinuxKeyring extends AsyncDisposable {
  /** What the Electron process needs to find the keyring. */
  readonly env: Readonly<Record<string, string>>;
  /** Chromium's switch that picks the libsecret backend even without a desktop session. */
  readonly args: readonly string[];
}

export function hasKeyringTools(): boolean {
  const found = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
  return found('dbus-daemon') && found('gnome-keyring-daemon');
}

export const KEYRING_SETUP_HINT =
  'Electron-mode e2e on Linux needs a keyring so API keys are not refused as weakly protected: ' +
  'sudo apt-get install -y dbus gnome-keyring (the fixture starts a private, unlocked one per run), ' +
  'and a display: run the suite under xvfb-run -a.';

export async function startLinuxKeyring(): Promise<LinuxKeyring> {
  const home = await mkdtemp(path.join(tmpdir(), 'llm-e2e-keyring-'));
  const runtime = path.join(home, 'run');
  execFileSync('mkdir', ['-m', '700', '-p', runtime, path.join(home, 'data')]);
  const bus = execFileSync('dbus-daemon', ['--session', '--fork', '--nosyslog', '--print-address=1', '--print-pid=1'], {
    encoding: 'utf8',
  }).split('\n');
  const address = bus[0]?.trim() ?? '';
  const busPid = Number(bus[1]);
  const env = {
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: path.join(home, 'data'),
  };
  // --unlock reads the login password from stdin and creates the login keyring unlocked with it.
  const daemon = execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    input: 'llm-profiles-e2e',
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const keyringPid = Number(/GNOME_KEYRING_PID=(\d+)/.exec(daemon)?.[1] ?? Number.NaN);
  return {
    env,
    args: ['--password-store=gnome-libsecret'],
    async [Symbol.asyncDispose]() {
      for (const pid of [keyringPid, busPid]) {
        try {
          if (Number.isInteger(pid)) process.kill(pid);
        } catch {
          // already gone
        }
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}
