/** Pod: a group of containers scheduled together onto a node. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { field } from '../../schema/struct.js';
import { defaultPod } from './pod-spec-defaults.js';
import { PodSpec } from './pod-spec.js';
import { PodStatus } from './pod-status.js';

export const PodSchema = objectSchema('io.k8s.api.core.v1.Pod', {
  spec: field(2, PodSpec),
  status: field(3, PodStatus),
});
export type Pod = Static<typeof PodSchema>;

const pod = (o: Record<string, unknown>): Pod => o as Pod;

export const PodKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  schema: PodSchema,
  subresources: { status: true },
  selectableFields: {
    'spec.nodeName': (o) => pod(o).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => pod(o).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => pod(o).spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => pod(o).spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(pod(o).spec?.hostNetwork ?? false),
    'status.phase': (o) => pod(o).status?.phase ?? '',
    'status.podIP': (o) => pod(o).status?.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': (o) => pod(o).status?.nominatedNodeName ?? '',
  },
  defaults: (o) => defaultPod(o),
};
