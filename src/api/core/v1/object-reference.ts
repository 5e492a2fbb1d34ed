/**
 * References to other objects, as the Pod family uses them. The definitions are shared with the other core
 * kinds (Event, ServiceAccount, PersistentVolume…) through references.ts, so that each OpenAPI definition
 * name has exactly one schema object.
 */
export {
  LocalObjectReference,
  ObjectReference,
  TypedLocalObjectReference,
  TypedObjectReference,
} from './references.js';
