import { describe, expect, it } from 'vitest';
import { jsonTransformer, markImmutable } from '../../../shared/json-transformer.js';

describe('jsonTransformer', () => {
  it('round-trips JSON-safe values', () => {
    const value = { a: 1, b: [true, null, 'x'], c: { d: 'é' } };
    expect(jsonTransformer.deserialize(jsonTransformer.serialize(value))).toEqual(value);
    expect(jsonTransformer.serialize(undefined)).toBeUndefined();
  });

  it('serialises an immutable value once and reuses the text; the value cannot be changed under it', () => {
    const list = markImmutable({ profiles: [{ id: 'p1', name: 'One' }] });
    const first = jsonTransformer.serialize(list);
    expect(jsonTransformer.serialize(list)).toBe(first);
    expect(() => {
      (list.profiles[0] as { name: string }).name = 'Changed';
    }).toThrow(TypeError);
    expect(JSON.parse(first as string)).toEqual({ profiles: [{ id: 'p1', name: 'One' }] });
  });

  it('does not memoise ordinary objects', () => {
    const plain = { n: 1 };
    const before = jsonTransformer.serialize(plain);
    plain.n = 2;
    expect(jsonTransformer.serialize(plain)).not.toBe(before);
  });
});
