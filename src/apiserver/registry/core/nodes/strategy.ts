/**
 * Nodes: the kubelet creates them with status; later updates of the main resource keep status, and the
 * deprecated dynamic kubelet config fields are dropped unless already in use. Pod CIDRs and the provider ID
 * may only be set once.
 */
import type { ApiObject, Strategy } from '../../strategy.js';
import { keepAllButStatus, obj } from '../validation/json.js';
import { validateNode, validateNodeUpdate } from './validation.js';

export const nodesStrategy: Strategy = {
  prepareForCreate(node: ApiObject): void {
    delete obj(node.spec).configSource;
    delete obj(node.status).config;
  },
  validate: (node) => validateNode(node),
  prepareForUpdate(node: ApiObject, old: ApiObject): void {
    if (old.status === undefined) delete node.status;
    else node.status = structuredClone(old.status);
    if (obj(old.spec).configSource === undefined) delete obj(node.spec).configSource;
  },
  validateUpdate: (node, old) => validateNodeUpdate(node, old),
  prepareForStatusUpdate: (node, old) => keepAllButStatus(node, old),
  validateStatusUpdate: (node, old) => validateNodeUpdate(node, old),
};
