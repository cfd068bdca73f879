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

  it('composes a whole from the cached texts of its immutable parts, byte for byte what JSON.stringify gives', () => {
    const one = markImmutable({
      id: 'p1',
      name: 'One',
      n: null,
      skip: undefined,
      nested: { deep: [1, 'two', { three: 3 }] },
    });
    const two = markImmutable({ id: 'p2', name: 'Tw\u00f6 "quoted"', list: [undefined, () => 1] });
    const first = markImmutable({ profiles: [one, two], activeProfileId: 'p1', gone: undefined });
    expect(jsonTransformer.serialize(first)).toBe(JSON.stringify(first));
    // A new whole that reuses one part: the part's text comes from the cache, the result is still exact.
    const three = markImmutable({ id: 'p3', name: 'Three' });
    const second = markImmutable({ profiles: [one, three], activeProfileId: null });
    expect(jsonTransformer.serialize(second)).toBe(JSON.stringify(second));
  });

  it('does not memoise ordinary objects', () => {
    const plain = { n: 1 };
    const before = jsonTransformer.serialize(plain);
    plain.n = 2;
    expect(jsonTransformer.serialize(plain)).not.toBe(before);
  });
});
