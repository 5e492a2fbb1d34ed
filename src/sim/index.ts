/**
 * Simulated nodes (`skiff sim`): Nodes with Leases and status, and a kubelet's part for the pods bound to
 * them, without running anything. See Simulator; the command is runSimCommand.
 */
export { type SimNodeInfo, Simulator } from './simulator.js';
export { DEFAULT_CAPACITY, SIM_NODE_LABEL, type SimOptions } from './sim-options.js';
export { EXIT_CODE_ANNOTATION, KILLED_EXIT_CODE, RUN_SECONDS_ANNOTATION } from './pod-lifecycle.js';
export { NODE_LEASE_NAMESPACE } from './node-lease.js';
export { CONTAINER_RUNTIME_VERSION, KUBELET_VERSION } from './node-object.js';
export { parseSimArgs, runSimCommand, type SimArgs } from './sim-command.js';
