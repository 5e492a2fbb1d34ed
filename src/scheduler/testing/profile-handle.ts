/**
 * A Handle good enough to build every in-tree plugin (DefaultPreemption registers an informer and takes the
 * client at construction): makeHandle's handle plus a RestClient and informer factory that are never started
 * and never contacted. Only tests import this.
 */
import { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { RestClient } from '../../client/rest/rest-client.js';
import type { Handle } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { makeHandle } from './builders.js';

/** A Handle over `nodeInfos` whose client points at a closed local port (nothing may use it). */
export function makeProfileHandle(nodeInfos: readonly NodeInfo[] = []): Handle {
  const base = makeHandle(nodeInfos);
  const client = new RestClient({ server: 'http://127.0.0.1:9' }, { component: 'test' });
  return {
    client,
    informers: new SharedInformerFactory(client),
    clock: base.clock,
    events: base.events,
    nominator: base.nominator,
    snapshot: base.snapshot,
    namespaceLabels: base.namespaceLabels,
    runFilterPluginsWithNominatedPods: base.runFilterPluginsWithNominatedPods,
    runPreFilterExtensionAddPod: base.runPreFilterExtensionAddPod,
    runPreFilterExtensionRemovePod: base.runPreFilterExtensionRemovePod,
  };
}
