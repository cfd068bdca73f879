// The form's one flat provider list: each app and service by the name a learner knows it by, grouped by where it
// runs; the kind / preset split of the profile stays behind it.
import { PRESETS, PROVIDERS, type Preset, type ProviderKind } from '../../../shared/provider.contract.js';
import type { FormValues } from './form-model.js';

/** One entry of the flat provider list: an app or service by its own name; kind and preset stay internal. */
export interface ProviderChoice {
  /** `kind`, or `openai-compatible:<preset>` for a named OpenAI-compatible server or service. */
  readonly value: string;
  readonly label: string;
  readonly group: 'local' | 'cloud';
  readonly kind: ProviderKind;
  readonly preset: Preset | '';
}

/**
 * Every provider a learner can pick, by the name they know it by, grouped "On this computer" / "Online
 * services": Ollama and the named OpenAI-compatible servers, the catch-all last among them; then the cloud
 * APIs of their own kind and the named OpenAI-compatible services.
 */
export function providerChoices(): ProviderChoice[] {
  const ofKind = (kind: ProviderKind): ProviderChoice => ({
    value: kind,
    label: PROVIDERS[kind].label,
    group: PROVIDERS[kind].local ? 'local' : 'cloud',
    kind,
    preset: '',
  });
  const presets = presetOptions().map((o): ProviderChoice => ({
    value: `openai-compatible:${o.value}`,
    label: o.label,
    group: o.group,
    kind: 'openai-compatible',
    preset: o.value,
  }));
  const kinds = (Object.keys(PROVIDERS) as ProviderKind[]).filter((k) => k !== 'openai-compatible').map(ofKind);
  const last = presets.filter((p) => p.preset === 'other');
  const named = presets.filter((p) => p.preset !== 'other');
  return [
    ...kinds.filter((c) => c.group === 'local'),
    ...named.filter((c) => c.group === 'local'),
    ...last,
    ...kinds.filter((c) => c.group === 'cloud'),
    ...named.filter((c) => c.group === 'cloud'),
  ];
}

/** The flat list's value for the form's kind and preset. */
export function providerChoiceValue(values: Pick<FormValues, 'kind' | 'preset'>): string {
  return values.kind === 'openai-compatible' ? `openai-compatible:${values.preset || 'other'}` : values.kind;
}

/** Beside the named servers, the catch-all preset reads as "Another …" of its own label, so the two cannot drift. */
export function presetOptions(): Array<{ value: Preset; label: string; group: 'local' | 'cloud' }> {
  return (Object.keys(PRESETS) as Preset[]).map((value) => ({
    value,
    label: value === 'other' ? `Another ${PRESETS.other.label}` : PRESETS[value].label,
    group: PRESETS[value].local ? 'local' : 'cloud',
  }));
}
