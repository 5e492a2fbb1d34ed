/** Scheduling affinity: node affinity and inter-pod (anti-)affinity. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { NodeSelector, NodeSelectorTerm } from './references.js';

export { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from './references.js';

export const PreferredSchedulingTerm = struct(
  'io.k8s.api.core.v1.PreferredSchedulingTerm',
  {
    weight: field(1, int32()),
    preference: field(2, NodeSelectorTerm),
  },
  { required: ['weight', 'preference'] },
);

export const NodeAffinity = struct('io.k8s.api.core.v1.NodeAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: field(1, NodeSelector),
  preferredDuringSchedulingIgnoredDuringExecution: field(2, arrayOf(PreferredSchedulingTerm), { listType: 'atomic' }),
});

export const PodAffinityTerm = struct(
  'io.k8s.api.core.v1.PodAffinityTerm',
  {
    labelSelector: field(1, LabelSelector),
    namespaces: field(2, arrayOf(str()), { listType: 'atomic' }),
    topologyKey: field(3, str()),
    namespaceSelector: field(4, LabelSelector),
    matchLabelKeys: field(5, arrayOf(str()), { listType: 'atomic' }),
    mismatchLabelKeys: field(6, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['topologyKey'] },
);
export type PodAffinityTerm = Static<typeof PodAffinityTerm>;

export const WeightedPodAffinityTerm = struct(
  'io.k8s.api.core.v1.WeightedPodAffinityTerm',
  {
    weight: field(1, int32()),
    podAffinityTerm: field(2, PodAffinityTerm),
  },
  { required: ['weight', 'podAffinityTerm'] },
);

export const PodAffinity = struct('io.k8s.api.core.v1.PodAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: field(1, arrayOf(PodAffinityTerm), { listType: 'atomic' }),
  preferredDuringSchedulingIgnoredDuringExecution: field(2, arrayOf(WeightedPodAffinityTerm), { listType: 'atomic' }),
});

export const PodAntiAffinity = struct('io.k8s.api.core.v1.PodAntiAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: field(1, arrayOf(PodAffinityTerm), { listType: 'atomic' }),
  preferredDuringSchedulingIgnoredDuringExecution: field(2, arrayOf(WeightedPodAffinityTerm), { listType: 'atomic' }),
});

export const Affinity = struct('io.k8s.api.core.v1.Affinity', {
  nodeAffinity: field(1, NodeAffinity),
  podAffinity: field(2, PodAffinity),
  podAntiAffinity: field(3, PodAntiAffinity),
});
export type Affinity = Static<typeof Affinity>;
