// Error bodies of the OpenAI wire, per server: they share the chat format but not the error format (Azure has
// only code+message, llama.cpp an int code, vLLM/FastAPI servers `detail`, Jan plain text), per docs/providers.md §1–§5.
import type { FakeKind } from './fake-llm-options.js';
import type { Problem } from './problems.js';
import { json, text } from './respond.js';
import type { Reply } from './respond.js';

function openAiShape(
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): Reply {
  return json(status, { error: { message, type, param, code } });
}

/** One generic error in the given server's own shape. */
function shaped(kind: FakeKind, status: number, message: string, type: string, code: string | null): Reply {
  switch (kind) {
    case 'azure-openai':
      return json(status, { error: { code: code ?? String(status), message } });
    case 'llamacpp':
      return json(status, { error: { code: status, message, type } });
    case 'vllm':
      return json(status, { error: { message, type, param: null, code: status } });
    case 'jan':
      return text(status, message);
    default:
      return openAiShape(status, message, type, code);
  }
}

/** OpenAI echoes a masked form of the rejected key: the client must never log this body verbatim. */
function maskedKey(key: string): string {
  return `${key.slice(0, 3)}***${key.slice(-4)}`;
}

function unauthorized(kind: FakeKind, presented: string | undefined): Reply {
  switch (kind) {
    case 'openai':
      return presented === undefined
        ? openAiShape(
            401,
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
            'invalid_request_error',
            null,
          )
        : openAiShape(
            401,
            `Incorrect API key provided: ${maskedKey(presented)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            'invalid_request_error',
            'invalid_api_key',
          );
    case 'azure-openai':
      return json(401, {
        error: {
          code: '401',
          message:
            'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        },
      });
    case 'jan':
      return text(
        401,
        presented === undefined ? 'Missing authorization header' : 'Invalid or missing authorization token',
      );
    case 'vllm':
      return json(401, { error: 'Unauthorized' });
    case 'llamacpp':
      return json(401, { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } });
    case 'textgen-webui':
      return json(401, { detail: 'Unauthorized' });
    default:
      return openAiShape(401, 'Invalid API key', 'invalid_request_error', 'invalid_api_key');
  }
}

function noRoute(kind: FakeKind, method: string, pathname: string): Reply {
  switch (kind) {
    case 'azure-openai':
      return json(404, { error: { code: '404', message: 'Resource not found' } });
    case 'llamacpp':
      return json(404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
    case 'vllm':
    case 'textgen-webui':
    case 'lemonade':
    case 'sglang':
    case 'gpustack':
      return json(404, { detail: 'Not Found' }); // FastAPI's default
    case 'lmstudio':
      // Yes, 200: LM Studio answers every path it lacks with a success status and an error body.
      return json(200, { error: `Unexpected endpoint or method. (${method} ${pathname})` });
    case 'ollama':
      return text(404, '404 page not found'); // gin's default
    case 'docker-model-runner':
      return text(404, '404 page not found\n'); // net/http's default
    case 'mlx':
    case 'jan':
    case 'koboldcpp':
      return text(404, 'Not Found');
    default:
      return openAiShape(404, `Invalid URL (${method} ${pathname})`, 'invalid_request_error', null);
  }
}

function modelNotFound(kind: FakeKind, model: string): Reply {
  switch (kind) {
    case 'azure-openai':
      return json(404, {
        error: {
          code: 'DeploymentNotFound',
          message:
            'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
        },
      });
    case 'vllm':
      return json(404, {
        error: { message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: 'model', code: 404 },
      });
    case 'ollama':
      return openAiShape(404, `model '${model}' not found`, 'not_found_error', null);
    case 'jan':
      return text(404, `No running session found for model '${model}'`);
    case 'llamacpp':
      return shaped(kind, 404, `model '${model}' not found`, 'not_found_error', null);
    default:
      return openAiShape(
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
        'model',
      );
  }
}

export function openAiProblem(kind: FakeKind, problem: Problem): Reply {
  switch (problem.code) {
    case 'unauthorized':
      return unauthorized(kind, problem.presented);
    case 'no-route':
      return noRoute(kind, problem.method, problem.pathname);
    case 'model-not-found':
      return modelNotFound(kind, problem.model);
    case 'bad-request':
      return shaped(kind, 400, problem.message, 'invalid_request_error', null);
    case 'rate-limit':
      return kind === 'azure-openai'
        ? shaped(
            kind,
            429,
            `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after ${problem.retryAfterSeconds} seconds.`,
            'requests',
            '429',
          )
        : shaped(
            kind,
            429,
            `Rate limit reached for requests. Please try again in ${problem.retryAfterSeconds}s.`,
            'requests',
            'rate_limit_exceeded',
          );
    case 'overloaded':
      return kind === 'llamacpp'
        ? shaped(kind, 503, 'Loading model', 'unavailable_error', null)
        : shaped(
            kind,
            503,
            'The server is overloaded or not ready yet.',
            'server_error',
            kind === 'azure-openai' ? '503' : null,
          );
    case 'server-error':
      return shaped(
        kind,
        500,
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
        kind === 'azure-openai' ? '500' : null,
      );
  }
}
