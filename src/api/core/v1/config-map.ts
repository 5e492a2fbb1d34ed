import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { bool, bytes, mapOf, stringMap } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';

export const ConfigMapSchema = objectSchema('io.k8s.api.core.v1.ConfigMap', {
  data: field(2, stringMap()),
  binaryData: field(3, mapOf(bytes())),
  immutable: field(4, bool()),
});
export type ConfigMap = Static<typeof ConfigMapSchema>;

export const ConfigMapKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  schema: ConfigMapSchema,
};
