// Reads the fuse wire back from a packed Electron binary and compares it with electron-builder.yml's electronFuses,
// so a packaging change that silently stops flipping a fuse fails the pack check. Also builds the fuse wire the
// placeholder Electron of the pack check carries, since electron-builder refuses to flip fuses without one.
import { readFileSync } from 'node:fs';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import yaml from 'js-yaml';

export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DISABLED = 0x30; // '0'
const ENABLED = 0x31; // '1'
const REMOVED = 0x72; // 'r'

/** electron-builder's electronFuses keys, mapped to their place on the wire (@electron/fuses' FuseV1Options). */
export const FUSE_POSITIONS = Object.freeze({
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
});

/** An unpacked Electron's wire, in FuseV1Options order: runAsNode, node options, inspect and file:// privileges on. */
export const ELECTRON_DEFAULT_WIRE = '10110001';

/** The sentinel, wire version 1, wire length, then one '0'/'1' byte per fuse, as in an Electron binary. */
export function fuseWireBytes(wire = ELECTRON_DEFAULT_WIRE) {
  if (!/^[01r]+$/.test(wire)) throw new Error(`a fuse wire is made of 0, 1 and r: ${wire}`);
  return Buffer.concat([
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([Number(FuseVersion.V1), wire.length]),
    Buffer.from(wire, 'latin1'),
  ]);
}

/** The electronFuses section of an electron-builder YAML config (resetAdHocDarwinSignature is not a fuse). */
export function expectedFuses(builderConfigPath) {
  const config = yaml.load(readFileSync(builderConfigPath, 'utf8'));
  const fuses = config && typeof config === 'object' ? config.electronFuses : undefined;
  if (!fuses || typeof fuses !== 'object') return {};
  const { resetAdHocDarwinSignature: _notAFuse, ...rest } = fuses;
  return rest;
}

const describeState = (state) =>
  state === ENABLED
    ? 'enabled'
    : state === DISABLED
      ? 'disabled'
      : state === REMOVED
        ? 'removed'
        : `0x${state.toString(16)}`;

/** Every way the binary's fuses differ from `expected` (electronFuses keys → booleans); empty when they match. */
export async function verifyFuses(binaryPath, expected) {
  const entries = Object.entries(expected ?? {});
  if (entries.length === 0) return ['no fuses are configured (electronFuses is missing or empty)'];
  let wire;
  try {
    wire = await getCurrentFuseWire(binaryPath);
  } catch (error) {
    return [`cannot read the fuse wire of ${binaryPath}: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (wire.version !== FuseVersion.V1) return [`unknown fuse wire version ${wire.version} in ${binaryPath}`];
  const problems = [];
  for (const [name, want] of entries) {
    const position = FUSE_POSITIONS[name];
    if (position === undefined) {
      problems.push(`${name}: not a fuse this check knows`);
      continue;
    }
    if (typeof want !== 'boolean') {
      problems.push(`${name}: configured as ${JSON.stringify(want)}, not true or false`);
      continue;
    }
    const state = wire[position];
    if (state === undefined) problems.push(`${name}: not on this binary's fuse wire`);
    else if (state !== (want ? ENABLED : DISABLED))
      problems.push(`${name}: expected ${want ? 'enabled' : 'disabled'}, the binary has it ${describeState(state)}`);
  }
  return problems;
}
