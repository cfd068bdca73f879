// Several resources as one, for `await using`: disposed together when the block ends, pass or fail.
export function disposingAll<T extends AsyncDisposable>(items: readonly T[]): readonly T[] & AsyncDisposable {
  return Object.assign([...items], {
    [Symbol.asyncDispose]: async () => {
      await Promise.all(items.map((item) => item[Symbol.asyncDispose]()));
    },
  });
}
