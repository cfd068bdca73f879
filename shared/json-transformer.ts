// The tRPC data transformer for the IPC channel: values cross as JSON text, which the structured clone of
// Electron IPC copies as one string instead of walking thousands of objects. Objects the core marks as
// immutable (the cached profile list, and each profile view in it) are serialised once and the text reused
// until they are replaced; a list whose items are cached is joined from their texts, so a change to one profile
// re-serialises that profile only.

const memo = new WeakMap<object, string>();
const immutable = new WeakSet<object>();

/** Marks a value that will never change again, so its JSON can be reused. Freezes it to make sure. */
export function markImmutable<T extends object>(value: T): T {
  const freeze = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
    Object.freeze(v);
    immutable.add(v); // every part frozen here can have its text cached, and be reused inside a larger whole
    for (const item of Object.values(v)) freeze(item);
  };
  freeze(value);
  immutable.add(value);
  return value;
}

/** JSON.stringify, byte for byte, reusing the text of immutable values found at any depth under immutable ones. */
function stringify(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !immutable.has(value)) return JSON.stringify(value);
  const cached = memo.get(value);
  if (cached !== undefined) return cached;
  let json: string;
  if (Array.isArray(value)) {
    json = `[${value.map((item) => stringify(item) ?? 'null').join(',')}]`;
  } else if (Object.getPrototypeOf(value) === Object.prototype && !('toJSON' in value)) {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const text = stringify(item);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    json = `{${parts.join(',')}}`;
  } else {
    json = JSON.stringify(value);
  }
  memo.set(value, json);
  return json;
}

function deserialize(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export const jsonTransformer = { serialize: stringify, deserialize };
