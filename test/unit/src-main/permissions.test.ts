import { describe, expect, it } from 'vitest';
import { judgePermission, type PermissionFacts } from '../../../src-main/window/permissions.js';

const APP = ['app://app'];
const DEV = ['app://app', 'http://localhost:5173'];
const ownPage: PermissionFacts = {
  permission: 'clipboard-sanitized-write',
  knownWebContents: true,
  requestingUrl: 'app://app/index.html#/profiles',
  contentsUrl: 'app://app/index.html#/profiles',
  isMainFrame: true,
};

describe('judgePermission', () => {
  it('grants clipboard writes to the app page in an app window', () => {
    expect(judgePermission(ownPage, APP)).toEqual({ granted: true });
    // Permission checks give an origin, not a URL.
    expect(judgePermission({ ...ownPage, requestingUrl: 'app://app' }, APP)).toEqual({ granted: true });
  });

  it('grants the dev server page only when the dev server is one of the allowed origins', () => {
    const dev = { ...ownPage, requestingUrl: 'http://localhost:5173/', contentsUrl: 'http://localhost:5173/' };
    expect(judgePermission(dev, DEV)).toEqual({ granted: true });
    expect(judgePermission(dev, APP)).toEqual({ granted: false, reason: 'foreign-origin' });
  });

  it.each([
    ['media'],
    ['notifications'],
    ['clipboard-read'],
    ['deprecated-sync-clipboard-read'],
    ['geolocation'],
    ['openExternal'],
    ['fileSystem'],
    ['unknown'],
  ])('refuses %s even to the app page', (permission) => {
    expect(judgePermission({ ...ownPage, permission }, DEV)).toEqual({
      granted: false,
      reason: 'not-granted-to-pages',
    });
  });

  it.each([
    [{ knownWebContents: false }, 'unknown-webcontents'],
    [{ isMainFrame: false }, 'subframe'],
    [{ requestingUrl: 'https://evil.example/' }, 'foreign-origin'],
    [{ contentsUrl: 'https://evil.example/' }, 'foreign-origin'],
    [{ requestingUrl: 'app://evil/index.html' }, 'foreign-origin'],
    [{ requestingUrl: 'data:text/html,hi', contentsUrl: 'data:text/html,hi' }, 'foreign-origin'],
    [{ requestingUrl: null }, 'foreign-origin'],
    [{ contentsUrl: null }, 'foreign-origin'],
    [{ requestingUrl: 'http://localhost:5174/' }, 'foreign-origin'],
  ] as const)('refuses clipboard writes for %j (%s)', (change, reason) => {
    expect(judgePermission({ ...ownPage, ...change }, DEV)).toEqual({ granted: false, reason });
  });
});
