/** ControllerRevision (apps/v1): an immutable snapshot of a controller's state (StatefulSet, DaemonSet history). */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { int64, rawObject } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';

const ControllerRevisionObject = objectSchema('io.k8s.api.apps.v1.ControllerRevision', {
  data: field(2, rawObject()),
  revision: field(3, int64()),
});
ControllerRevisionObject.required = ['revision'];
export const ControllerRevisionSchema = ControllerRevisionObject;
export type ControllerRevision = Static<typeof ControllerRevisionSchema>;

export const ControllerRevisionKind: KindDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  schema: ControllerRevisionSchema,
};
