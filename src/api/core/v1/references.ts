/**
 * References to other objects and the node selector, as the non-Pod core kinds use them (Event,
 * ServiceAccount, PersistentVolume, PersistentVolumeClaim). Definition names and protobuf numbers are
 * upstream's; the Pod family declares the same definitions, and the two are meant to be merged into one.
 */
import type { Static } from '@sinclair/typebox';
import { arrayOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const ObjectReference = struct(
  'io.k8s.api.core.v1.ObjectReference',
  {
    kind: field(1, str()),
    namespace: field(2, str()),
    name: field(3, str()),
    uid: field(4, str()),
    apiVersion: field(5, str()),
    resourceVersion: field(6, str()),
    fieldPath: field(7, str()),
  },
  { structType: 'atomic' },
);
export type ObjectReference = Static<typeof ObjectReference>;

export const LocalObjectReference = struct(
  'io.k8s.api.core.v1.LocalObjectReference',
  { name: field(1, str(), { default: '' }) },
  { structType: 'atomic' },
);
export type LocalObjectReference = Static<typeof LocalObjectReference>;

export const TypedLocalObjectReference = struct(
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  {
    apiGroup: field(1, str()),
    kind: field(2, str()),
    name: field(3, str()),
  },
  { required: ['kind', 'name'], structType: 'atomic' },
);
export type TypedLocalObjectReference = Static<typeof TypedLocalObjectReference>;

export const TypedObjectReference = struct(
  'io.k8s.api.core.v1.TypedObjectReference',
  {
    apiGroup: field(1, str()),
    kind: field(2, str()),
    name: field(3, str()),
    namespace: field(4, str()),
  },
  { required: ['kind', 'name'] },
);
export type TypedObjectReference = Static<typeof TypedObjectReference>;

/** A Secret in any namespace (persistent volume sources use it for credentials). */
export const SecretReference = struct(
  'io.k8s.api.core.v1.SecretReference',
  {
    name: field(1, str()),
    namespace: field(2, str()),
  },
  { structType: 'atomic' },
);
export type SecretReference = Static<typeof SecretReference>;

export const NodeSelectorRequirement = struct(
  'io.k8s.api.core.v1.NodeSelectorRequirement',
  {
    key: field(1, str()),
    operator: field(2, str({ enum: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] })),
    values: field(3, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['key', 'operator'] },
);
export type NodeSelectorRequirement = Static<typeof NodeSelectorRequirement>;

export const NodeSelectorTerm = struct(
  'io.k8s.api.core.v1.NodeSelectorTerm',
  {
    matchExpressions: field(1, arrayOf(NodeSelectorRequirement), { listType: 'atomic' }),
    matchFields: field(2, arrayOf(NodeSelectorRequirement), { listType: 'atomic' }),
  },
  { structType: 'atomic' },
);
export type NodeSelectorTerm = Static<typeof NodeSelectorTerm>;

export const NodeSelector = struct(
  'io.k8s.api.core.v1.NodeSelector',
  { nodeSelectorTerms: field(1, arrayOf(NodeSelectorTerm), { listType: 'atomic' }) },
  { required: ['nodeSelectorTerms'], structType: 'atomic' },
);
export type NodeSelector = Static<typeof NodeSelector>;
