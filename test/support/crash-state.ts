// The profile content after the k-th write of the crash child, so the parent can tell exactly which
// acknowledged state the vault holds. Names vary in length so the file size changes between writes.
export interface CrashState {
  name: string;
  model: string;
  apiKey: string;
}

export function crashStateFor(k: number): CrashState {
  const keyEpoch = Math.floor(k / 3);
  return { name: `Counter-${'x'.repeat(k % 40)}`, model: `model-${k}`, apiKey: `sk-crash-${keyEpoch}-abcdefghijkl` };
}
