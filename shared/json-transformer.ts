// The tRPC data transformer for the IPC channel: values cross as JSON text, which the structured clone of
// Electron IPC copies as one string instead of walking thousands of objects. Objects the core marks as
// immutable (the cached profile list) are serialised once and the text reused until they are replaced.

const memo = new WeakMap<object, string>();
const immutable = new WeakSet<object>();

/** Marks a value that will never change again, so its JSON can be reused. Freezes it to make sure. */
export function markImmutable<T extends object>(value: T): T {
  const freeze = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const item of Object.values(v)) freeze(item);
  };
  freeze(value);
  immutable.add(value);
  return value;
}

function serialize(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && immutable.has(value)) {
    let json = memo.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      memo.set(value, json);
    }
    return json;
  }
  return JSON.stringify(value);
}

function deserialize(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export const jsonTransformer = { serialize, deserialize };
