// The pack check's fuse verification: a binary whose fuses were flipped as electron-builder.yml says passes, and one
// fuse off (or none flipped, or no fuse wire at all) is reported by name, so the pack check's "ok" means something.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_DEFAULT_WIRE,
  FUSE_POSITIONS,
  SENTINEL,
  expectedFuses,
  fuseWireBytes,
  verifyFuses,
} from '../../scripts/fuse-check.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILDER_CONFIG = path.join(ROOT, 'electron-builder.yml');
const HARDENED = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
};

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fake Electron: some bytes, the fuse wire, some more bytes, as in the real binary. */
async function fakeBinary(wire = ELECTRON_DEFAULT_WIRE): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fuse-check-'));
  dirs.push(dir);
  const file = path.join(dir, 'llm-profiles');
  await writeFile(file, Buffer.concat([Buffer.alloc(4096, 0xcc), fuseWireBytes(wire), Buffer.alloc(512, 0xdd)]));
  return file;
}

/** What electron-builder does with electronFuses: map the keys to wire positions and flip with @electron/fuses. */
async function flipLikeElectronBuilder(file: string, fuses: Record<string, boolean>): Promise<void> {
  const config: Record<string, unknown> = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(fuses)) config[FUSE_POSITIONS[name]!] = value;
  await flipFuses(file, config as FuseV1Config);
}

async function setFuseByte(file: string, option: FuseV1Options, value: '0' | '1'): Promise<void> {
  const bytes = await readFile(file);
  bytes[bytes.indexOf(SENTINEL) + SENTINEL.length + 2 + option] = value.charCodeAt(0);
  await writeFile(file, bytes);
}

describe('verifyFuses', () => {
  it('electron-builder.yml asks for the hardened fuses', () => {
    expect(expectedFuses(BUILDER_CONFIG)).toEqual(HARDENED);
  });

  it('reports nothing for a binary flipped as configured', async () => {
    const file = await fakeBinary();
    await flipLikeElectronBuilder(file, HARDENED);
    expect(await verifyFuses(file, expectedFuses(BUILDER_CONFIG))).toEqual([]);
  });

  it('reports the one fuse that is off', async () => {
    const file = await fakeBinary();
    await flipLikeElectronBuilder(file, HARDENED);
    await setFuseByte(file, FuseV1Options.RunAsNode, '1');
    expect(await verifyFuses(file, HARDENED)).toEqual(['runAsNode: expected disabled, the binary has it enabled']);
    await setFuseByte(file, FuseV1Options.RunAsNode, '0');
    await setFuseByte(file, FuseV1Options.OnlyLoadAppFromAsar, '0');
    expect(await verifyFuses(file, HARDENED)).toEqual([
      'onlyLoadAppFromAsar: expected enabled, the binary has it disabled',
    ]);
  });

  it('reports every configured fuse on an unflipped Electron (its defaults are all the other way)', async () => {
    const problems = await verifyFuses(await fakeBinary(), HARDENED);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(Object.keys(HARDENED).sort());
  });

  it('reports a binary without a fuse wire, a wire too short, an unknown fuse and an empty configuration', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fuse-check-'));
    dirs.push(dir);
    const plain = path.join(dir, 'plain');
    await writeFile(plain, '#!/bin/sh\necho no fuses here\n');
    expect(await verifyFuses(plain, HARDENED)).toEqual([expect.stringMatching(/^cannot read the fuse wire/)]);
    expect(await verifyFuses(await fakeBinary('1011'), { grantFileProtocolExtraPrivileges: false })).toEqual([
      "grantFileProtocolExtraPrivileges: not on this binary's fuse wire",
    ]);
    const file = await fakeBinary();
    expect(await verifyFuses(file, { runAsNode: true, enableTurbo: true, onlyLoadAppFromAsar: 'yes' })).toEqual([
      'enableTurbo: not a fuse this check knows',
      'onlyLoadAppFromAsar: configured as "yes", not true or false',
    ]);
    expect(await verifyFuses(file, {})).toEqual(['no fuses are configured (electronFuses is missing or empty)']);
  });

  it('the placeholder wire is Electron’s, in @electron/fuses’ order, and knows every fuse it names', () => {
    expect(Object.values(FUSE_POSITIONS).sort()).toEqual(
      Object.values(FuseV1Options)
        .filter((v): v is number => typeof v === 'number')
        .sort(),
    );
    expect(ELECTRON_DEFAULT_WIRE).toHaveLength(Object.keys(FUSE_POSITIONS).length);
    const bytes = fuseWireBytes();
    expect(bytes.subarray(0, SENTINEL.length).toString('latin1')).toBe(SENTINEL);
    expect([...bytes.subarray(SENTINEL.length, SENTINEL.length + 2)]).toEqual([1, 8]);
    expect(bytes.subarray(SENTINEL.length + 2).toString('latin1')).toBe('10110001');
  });
});
