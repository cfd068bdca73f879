import { describe, expect, it } from 'vitest';
import { originOf } from '../../../shared/origin.js';
import { judgeSender } from '../../../src-main/ipc/validate-sender.js';

const APP = ['app://app'];

describe('judgeSender', () => {
  it('trusts the app window top frame at the app origin', () => {
    expect(
      judgeSender({ knownWebContents: true, isTopFrame: true, frameUrl: 'app://app/index.html#/profiles' }, APP),
    ).toEqual({ trusted: true });
  });

  it.each([
    [{ knownWebContents: false, isTopFrame: true, frameUrl: 'app://app/index.html' }, 'unknown-webcontents'],
    [{ knownWebContents: true, isTopFrame: false, frameUrl: 'app://app/index.html' }, 'subframe'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: null }, 'no-frame'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: 'https://evil.example/app' }, 'foreign-origin'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: 'app://evil/index.html' }, 'foreign-origin'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: 'file:///etc/passwd' }, 'foreign-origin'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: 'http://localhost:5173/' }, 'foreign-origin'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: 'about:blank' }, 'foreign-origin'],
    [{ knownWebContents: true, isTopFrame: true, frameUrl: 'not a url' }, 'foreign-origin'],
  ])('refuses %j (%s)', (facts, reason) => {
    expect(judgeSender(facts, APP)).toEqual({ trusted: false, reason });
  });

  it('accepts the dev server origin only when configured', () => {
    const facts = { knownWebContents: true, isTopFrame: true, frameUrl: 'http://localhost:5173/index.html' };
    expect(judgeSender(facts, [...APP, 'http://localhost:5173']).trusted).toBe(true);
    expect(
      judgeSender({ ...facts, frameUrl: 'http://localhost:5174/' }, [...APP, 'http://localhost:5173']).trusted,
    ).toBe(false);
  });

  it('builds origins for custom schemes', () => {
    expect(originOf('app://app/x/y?z')).toBe('app://app');
    expect(originOf('http://127.0.0.1:5173/a')).toBe('http://127.0.0.1:5173');
    expect(originOf('about:blank')).toBeNull();
  });
});
