/**
 * The definition of one API kind: where it lives in the API (group, version, resource names, scope),
 * its schema, and the facts discovery and the registry need. Each kind's file exports one.
 */
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { field, struct } from './struct.js';
import { ObjectMeta } from '../meta/v1/object-meta.js';
import { str } from './primitives.js';

export const Verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
export type Verb = (typeof Verbs)[number];

export interface ScaleSubresource {
  /** JSON paths (dot form) of the replica counts and the label selector, e.g. `spec.replicas`. */
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

export interface KindDefinition {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The resource name (lowercase plural), e.g. `deployments`. */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  /** Verbs served (default: all of {@link Verbs}). */
  readonly verbs?: readonly Verb[];
  /** The object's schema, including apiVersion, kind and metadata. */
  readonly schema: TObject;
  readonly subresources?: { readonly status?: boolean; readonly scale?: ScaleSubresource };
  /**
   * Field selector fields beyond `metadata.name` and `metadata.namespace` (which every kind has), with how
   * to read each from an object, e.g. `{ 'spec.nodeName': (o) => o.spec?.nodeName }`.
   */
  readonly selectableFields?: Readonly<Record<string, (obj: Record<string, unknown>) => string | undefined>>;
  /** Defaults a schema cannot state (conditional ones); applied after the schema's `default`s. Mutates. */
  readonly defaults?: (obj: Record<string, unknown>) => void;
}

/** The group/version string of a kind: `v1` or `apps/v1`. */
export const apiVersionOf = (k: Pick<KindDefinition, 'group' | 'version'>): string =>
  k.group === '' ? k.version : `${k.group}/${k.version}`;

/**
 * The schema of a top-level kind: apiVersion and kind (carried by the protobuf envelope, not the message),
 * metadata (field 1) and the given fields (spec 2, status 3, or data fields for kinds like ConfigMap).
 */
export function objectSchema<P extends Record<string, TSchema>>(id: string, properties: P, description?: string) {
  return struct(
    id,
    {
      apiVersion: Type.String({
        description: 'APIVersion defines the versioned schema of this representation of an object.',
      }),
      kind: Type.String({
        description: 'Kind is a string value representing the REST resource this object represents.',
      }),
      metadata: field(1, ObjectMeta),
      ...properties,
    },
    description === undefined ? {} : { description },
  );
}

export { str };
