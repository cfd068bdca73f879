// Runs connection tests and model listings against loopback fakes, through the service or the real IPC link.
import type { TestEvent, TestResult } from '../../shared/provider-test.contract.js';
import type { ProfileCreateInput } from '../../shared/profile.contract.js';
import { TestEventSchema } from '../../shared/provider-test.contract.js';
import { runInRequestContext } from '../../src/diagnostics/request-context.js';
import type { TestCore } from './create-test-core.js';
import type { FakeKind } from './fake-providers/index.js';
import { CLOUD_SERVICES } from './fake-providers/cloud-services.js';
import { recordTestSecret } from './suite-diagnostics.js';
import { waitFor } from './wait-for.js';

export interface Collected {
  readonly events: TestEvent[];
  readonly result: TestResult | null;
}

/** Runs profiles.test on the service (inside a request context, as IPC would) and collects every event. */
export async function runTest(
  t: TestCore,
  id: string,
  signal?: AbortSignal,
  correlationId = 'test-run-0001',
  onEvent?: (event: TestEvent) => void,
): Promise<Collected> {
  const events: TestEvent[] = [];
  await runInRequestContext({ correlationId }, async () => {
    for await (const event of t.core.connectionTest.run({ id }, signal)) {
      events.push(TestEventSchema.parse(event));
      onEvent?.(event);
    }
  });
  const last = events.at(-1);
  return { events, result: last?.type === 'result' ? last.result : null };
}

/** A profile input for a fake of the given kind listening at `url` (loopback, so no consent needed). */
export function profileForFake(
  kind: FakeKind,
  url: string,
  over: Partial<ProfileCreateInput> = {},
): ProfileCreateInput {
  const input = profileInputForFake(kind, url, over);
  if (input.apiKey) recordTestSecret(input.apiKey);
  for (const header of input.headers ?? []) recordTestSecret(header.value);
  if (input.proxyPassword) recordTestSecret(input.proxyPassword);
  return input;
}

function profileInputForFake(kind: FakeKind, url: string, over: Partial<ProfileCreateInput>): ProfileCreateInput {
  const name = `${kind} ${url}`;
  switch (kind) {
    case 'openai':
      return {
        name,
        kind: 'openai',
        baseUrl: `${url}/v1`,
        model: 'test-model',
        apiKey: 'sk-fake-openai-key-0001',
        ...over,
      };
    case 'azure-openai':
      return {
        name,
        kind: 'azure-openai',
        baseUrl: url,
        model: 'gpt-4o',
        azureDeployment: 'test-model',
        azureApiVersion: '2024-10-21',
        apiKey: 'azure-fake-key-0001',
        ...over,
      };
    case 'anthropic':
      return { name, kind: 'anthropic', baseUrl: url, model: 'test-model', apiKey: 'sk-ant-fake-key-0001', ...over };
    case 'gemini':
      return { name, kind: 'gemini', baseUrl: url, model: 'test-model', apiKey: 'AIza-fake-gemini-key-0001', ...over };
    case 'ollama':
      return { name, kind: 'ollama', baseUrl: url, model: 'test-model', ...over };
    case 'docker-model-runner':
      return {
        name,
        kind: 'openai-compatible',
        preset: 'docker-model-runner',
        baseUrl: `${url}/engines/v1`,
        model: 'test-model',
        ...over,
      };
    case 'openrouter':
    case 'deepseek':
    case 'groq':
    case 'mistral':
    case 'xai':
    case 'together':
    case 'fireworks':
    case 'cerebras':
    case 'perplexity':
    case 'github-models':
    case 'ollama-cloud':
      // A cloud service's fake on loopback, at the service's documented base path.
      return {
        name,
        kind: 'openai-compatible',
        preset: kind,
        baseUrl: `${url}${CLOUD_SERVICES[kind].basePath}`,
        model: 'test-model',
        apiKey: `${kind}-fake-key-0001`,
        ...over,
      };
    case 'mlx':
    case 'lemonade':
    case 'sglang':
    case 'gpustack':
      return { name, kind: 'openai-compatible', preset: 'other', baseUrl: url, model: 'test-model', ...over };
    default:
      return { name, kind: 'openai-compatible', preset: kind, baseUrl: url, model: 'test-model', ...over };
  }
}

/** TCP handles currently open in this process (sockets and servers). */
export function openTcpHandles(): number {
  return process
    .getActiveResourcesInfo()
    .filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap' || r === 'TLSSocketWrap').length;
}

/** The open TCP handles once they are back at `baseline`, or (after `timeoutMs`) however many are still open. */
export async function settleHandles(baseline: number, timeoutMs = 2000): Promise<number> {
  await waitFor(() => openTcpHandles() <= baseline, { timeoutMs, what: 'the connections to close' }).catch(
    () => undefined,
  );
  return openTcpHandles();
}
