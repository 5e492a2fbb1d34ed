/** PodTemplate: a named, stored PodTemplateSpec. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { field } from '../../schema/struct.js';
import { defaultPodTemplateSpec } from './pod-spec-defaults.js';
import { PodTemplateSpec } from './pod-spec.js';

export const PodTemplateSchema = objectSchema('io.k8s.api.core.v1.PodTemplate', {
  template: field(2, PodTemplateSpec),
});
export type PodTemplate = Static<typeof PodTemplateSchema>;

export const PodTemplateKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  plural: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  schema: PodTemplateSchema,
  defaults: (o) => defaultPodTemplateSpec((o as PodTemplate).template),
};
