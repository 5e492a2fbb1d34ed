/**
 * The service account controller (upstream ServiceAccountsController): every active namespace has the
 * service accounts to ensure — `default` — and gets it back when it is deleted. Namespaces that are not
 * Active (Terminating) are left alone: nothing new may be created in them.
 */
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { ServiceAccount } from '../../api/core/v1/service-account.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { ensureServiceAccounts } from './ensure-service-accounts.js';

export const NAME = 'serviceaccount';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;
const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true } as const;

/** Upstream's default: the `default` service account in every namespace. */
export const DEFAULT_SERVICE_ACCOUNTS: readonly string[] = ['default'];

export interface ServiceAccountControllerOptions {
  /** The names to ensure in every active namespace. Default `['default']`. */
  readonly serviceAccounts?: readonly string[];
}

/** Builds the controller with explicit options. */
export function newServiceAccountControllerWith(
  context: ControllerContext,
  options: ServiceAccountControllerOptions = {},
): Controller {
  const names = options.serviceAccounts ?? DEFAULT_SERVICE_ACCOUNTS;
  const namespaces = context.informers.lister<Namespace>(NAMESPACES);
  const accounts = context.informers.lister<ServiceAccount>(SERVICE_ACCOUNTS);
  const client = context.client.resource<ServiceAccount>(SERVICE_ACCOUNTS);
  // Keys are namespace names: a namespace is the unit of work.
  const loop = new ReconcileLoop({
    name: NAME,
    clock: context.clock,
    reconcile: ({ name }) => ensureServiceAccounts(namespaces.get('', name), names, accounts, client),
  });
  context.informers.forResource<Namespace>(NAMESPACES).addEventHandler({
    onAdd: (ns) => loop.enqueue(ns),
    onUpdate: (_old, ns) => loop.enqueue(ns),
  });
  context.informers.forResource<ServiceAccount>(SERVICE_ACCOUNTS).addEventHandler({
    onDelete: (sa) => {
      const obj = sa instanceof DeletedFinalStateUnknown ? sa.obj : sa;
      const namespace = obj.metadata?.namespace;
      if (namespace) loop.enqueueKey({ namespace: '', name: namespace });
    },
  });
  // Upstream runs one worker.
  return { name: NAME, run: (signal) => loop.run(signal, 1) };
}

export const newServiceAccountController: ControllerFactory = (context) => newServiceAccountControllerWith(context);
