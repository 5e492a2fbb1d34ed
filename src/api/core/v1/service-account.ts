/** ServiceAccount (core/v1): an identity for processes in pods. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool } from '../../schema/primitives.js';
import { byName, field } from '../../schema/struct.js';
import { LocalObjectReference, ObjectReference } from './references.js';

export const ServiceAccountSchema = objectSchema('io.k8s.api.core.v1.ServiceAccount', {
  secrets: field(2, arrayOf(ObjectReference), byName),
  imagePullSecrets: field(3, arrayOf(LocalObjectReference), { listType: 'atomic' }),
  automountServiceAccountToken: field(4, bool()),
});
export type ServiceAccount = Static<typeof ServiceAccountSchema>;

export const ServiceAccountKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  schema: ServiceAccountSchema,
};
