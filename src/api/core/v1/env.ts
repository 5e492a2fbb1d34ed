/** Container environment: EnvVar, EnvFromSource and the selectors they read values through. */
import type { Static } from '@sinclair/typebox';
import { bool, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { embeddedField } from './embedded-field.js';

/** Selects a field of the pod (downward API), e.g. `metadata.name`. */
export const ObjectFieldSelector = struct(
  'io.k8s.api.core.v1.ObjectFieldSelector',
  {
    apiVersion: field(1, str(), { default: 'v1' }),
    fieldPath: field(2, str()),
  },
  { required: ['fieldPath'], structType: 'atomic' },
);
export type ObjectFieldSelector = Static<typeof ObjectFieldSelector>;

/** Selects a container resource (downward API), e.g. `limits.cpu`. */
export const ResourceFieldSelector = struct(
  'io.k8s.api.core.v1.ResourceFieldSelector',
  {
    containerName: field(1, str()),
    resource: field(2, str()),
    divisor: field(3, quantity()),
  },
  { required: ['resource'], structType: 'atomic' },
);
export type ResourceFieldSelector = Static<typeof ResourceFieldSelector>;

export const ConfigMapKeySelector = struct(
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  {
    name: embeddedField(1, 1, str()),
    key: field(2, str()),
    optional: field(3, bool()),
  },
  { required: ['key'], structType: 'atomic' },
);

export const SecretKeySelector = struct(
  'io.k8s.api.core.v1.SecretKeySelector',
  {
    name: embeddedField(1, 1, str()),
    key: field(2, str()),
    optional: field(3, bool()),
  },
  { required: ['key'], structType: 'atomic' },
);

export const FileKeySelector = struct(
  'io.k8s.api.core.v1.FileKeySelector',
  {
    volumeName: field(1, str()),
    path: field(2, str()),
    key: field(3, str()),
    optional: field(4, bool(), { default: false }),
  },
  { required: ['volumeName', 'path', 'key'], structType: 'atomic' },
);

export const EnvVarSource = struct('io.k8s.api.core.v1.EnvVarSource', {
  fieldRef: field(1, ObjectFieldSelector),
  resourceFieldRef: field(2, ResourceFieldSelector),
  configMapKeyRef: field(3, ConfigMapKeySelector),
  secretKeyRef: field(4, SecretKeySelector),
  fileKeyRef: field(5, FileKeySelector),
});

export const EnvVar = struct(
  'io.k8s.api.core.v1.EnvVar',
  {
    name: field(1, str()),
    value: field(2, str()),
    valueFrom: field(3, EnvVarSource),
  },
  { required: ['name'] },
);
export type EnvVar = Static<typeof EnvVar>;

export const ConfigMapEnvSource = struct('io.k8s.api.core.v1.ConfigMapEnvSource', {
  name: embeddedField(1, 1, str()),
  optional: field(2, bool()),
});

export const SecretEnvSource = struct('io.k8s.api.core.v1.SecretEnvSource', {
  name: embeddedField(1, 1, str()),
  optional: field(2, bool()),
});

export const EnvFromSource = struct('io.k8s.api.core.v1.EnvFromSource', {
  prefix: field(1, str()),
  configMapRef: field(2, ConfigMapEnvSource),
  secretRef: field(3, SecretEnvSource),
});
export type EnvFromSource = Static<typeof EnvFromSource>;
