/**
 * Secret (core/v1). `data` holds bytes (base64 in JSON); `stringData` is write-only: the registry merges it
 * into `data` on every write and never stores it.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { bool, bytes, mapOf, str, stringMap } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';

/** Well-known secret types and the data keys they require. */
export const SecretType = {
  Opaque: 'Opaque',
  ServiceAccountToken: 'kubernetes.io/service-account-token',
  Dockercfg: 'kubernetes.io/dockercfg',
  DockerConfigJson: 'kubernetes.io/dockerconfigjson',
  BasicAuth: 'kubernetes.io/basic-auth',
  SSHAuth: 'kubernetes.io/ssh-auth',
  TLS: 'kubernetes.io/tls',
  BootstrapToken: 'bootstrap.kubernetes.io/token',
} as const;

export const SecretSchema = objectSchema('io.k8s.api.core.v1.Secret', {
  immutable: field(5, bool()),
  data: field(2, mapOf(bytes())),
  stringData: field(4, stringMap()),
  type: field(3, str(), { default: SecretType.Opaque }),
});
export type Secret = Static<typeof SecretSchema>;

export const SecretKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  schema: SecretSchema,
  selectableFields: { type: (o) => (o as Secret).type ?? '' },
};
