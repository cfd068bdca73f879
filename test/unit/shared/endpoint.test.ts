import { describe, expect, it } from 'vitest';
import { endpointHost, isLoopbackHost, isRemoteEndpoint } from '../../../shared/endpoint.js';

describe('loopback detection', () => {
  it.each([
    'http://127.0.0.1:11434',
    'http://localhost:1234/v1',
    'http://LOCALHOST/',
    'http://[::1]:8080',
    'http://127.5.6.7/',
    'http://2130706433/', // decimal 127.0.0.1, normalised by the URL parser
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
  ])('%s is local', (url) => {
    expect(isRemoteEndpoint(url)).toBe(false);
  });

  it.each([
    'https://api.openai.com/v1',
    'http://192.168.1.20:11434',
    'http://0.0.0.0:11434',
    'http://localhost.evil.example/',
    'http://127.0.0.1.nip.io/',
    'http://[::2]/',
    'not a url',
  ])('%s is remote', (url) => {
    expect(isRemoteEndpoint(url)).toBe(true);
  });

  it('strips IPv6 brackets from the host', () => {
    expect(endpointHost('http://[::1]:8080/v1')).toBe('::1');
    expect(isLoopbackHost('[::1]')).toBe(true);
  });
});

describe('loopbackPort', () => {
  it('gives the port of an address on this computer, default ports included, else null', async () => {
    const { loopbackPort } = await import('../../../shared/endpoint.js');
    expect(loopbackPort('http://localhost:11434')).toBe(11434);
    expect(loopbackPort('http://[::1]:8080/v1')).toBe(8080);
    expect(loopbackPort('http://127.0.0.1/')).toBe(80);
    expect(loopbackPort('https://127.0.0.1/v1')).toBe(443);
    expect(loopbackPort('http://192.168.1.2:11434')).toBeNull();
    expect(loopbackPort('nonsense')).toBeNull();
  });
});
