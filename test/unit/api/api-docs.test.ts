// docs/api.md is generated from the router and its zod schemas; this keeps the committed file identical to what
// the code says today (run `npm run docs:api` after changing a procedure, a schema or an error list).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCS_PATH, renderApiDocs } from '../../../scripts/api-docs.js';

describe('docs/api.md', () => {
  it('is exactly what the router and the schemas generate', () => {
    const generated = renderApiDocs();
    expect(generated).toMatch(/## profiles\.create[\s\S]*PROFILE_NAME_TAKEN/); // the generator really lists errors
    expect(readFileSync(API_DOCS_PATH, 'utf8')).toBe(generated);
  });
});
