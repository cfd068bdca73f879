// The public surface of the loopback fakes: generic HTTP/TCP servers, model servers of every kind, and TLS material.
export { startFakeHttpServer, startSilentServer } from './fake-http-server.js';
export type { FakeServer } from './fake-http-server.js';
export { startFakeLlm, startRequestShapedLlm } from './fake-llm-server.js';
export type { FakeKind, FakeLlmOptions, Fault } from './fake-llm-options.js';
export { selfSignedTls } from './tls-fixture.js';
