/**
 * The taint eviction controller (upstream `taint-eviction-controller`, once the node lifecycle controller's
 * taint manager): pods bound to a node with NoExecute taints they do not tolerate are deleted at once; pods
 * that tolerate them for `tolerationSeconds` are deleted when the first toleration runs out (counted from the
 * taint's timeAdded); the scheduled deletion is cancelled when the taint goes or the pod's tolerations change.
 * Before deleting, the pod gets the DisruptionTarget condition; events TaintManagerEviction say "Marking for
 * deletion Pod ns/name" and "Cancelling deletion of Pod ns/name".
 *
 * One queue of pod keys: a node whose NoExecute taints change queues its pods (through the pod index by node
 * name); a pod whose node or tolerations change queues itself. Deletions are not rate limited.
 */
import type { Node, Taint } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown, splitObjectKey } from '../../client/informers/object-key.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { type ObjectName, ReconcileLoop } from '../framework/reconcile-loop.js';
import { ensureNodeNameIndex, podsOnNode } from '../node-lifecycle/node-name-index.js';
import { noExecuteTaints } from '../node-lifecycle/node-taints.js';
import { NODES, PODS } from '../node-lifecycle/resources.js';
import { evictPod } from './evict-pod.js';
import { planEviction } from './eviction-plan.js';
import { TimedEvictions } from './timed-evictions.js';

export const NAME = 'taint-eviction-controller';

/** Upstream's UpdateWorkerSize. */
const WORKERS = 8;

const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;

class TaintEvictionController implements Controller {
  readonly name = NAME;
  private readonly loop: ReconcileLoop;
  private readonly evictions: TimedEvictions;
  private readonly recorder: EventRecorder;
  private readonly pods: SharedInformer<Pod>;

  constructor(private readonly context: ControllerContext) {
    this.pods = context.informers.forResource<Pod>(PODS);
    ensureNodeNameIndex(this.pods);
    this.recorder = context.recorder(NAME);
    const podClient = context.client.resource<Pod>(PODS);
    this.evictions = new TimedEvictions(context.clock, async (key) => {
      const { namespace, name } = splitObjectKey(key);
      this.podEvent(namespace, name, `Marking for deletion Pod ${key}`);
      await evictPod(podClient, context.clock, namespace, name);
    });
    this.loop = new ReconcileLoop({ name: NAME, clock: context.clock, reconcile: (key) => this.processPod(key) });

    const queueNode = (node: Node): void => {
      for (const pod of podsOnNode(this.pods, node.metadata?.name ?? '')) this.loop.enqueue(pod);
    };
    context.informers.forResource<Node>(NODES).addEventHandler({
      onAdd: (node) => {
        if (noExecuteTaints(node).length > 0) queueNode(node);
      },
      onUpdate: (old, node) => {
        if (!sameTaints(noExecuteTaints(old), noExecuteTaints(node))) queueNode(node);
      },
      onDelete: (obj) => queueNode(obj instanceof DeletedFinalStateUnknown ? obj.obj : obj),
    });
    this.pods.addEventHandler({
      onAdd: (pod) => {
        if (pod.spec?.nodeName) this.loop.enqueue(pod);
      },
      onUpdate: (old, pod) => {
        const moved = old.spec?.nodeName !== pod.spec?.nodeName;
        if (moved || JSON.stringify(old.spec?.tolerations ?? []) !== JSON.stringify(pod.spec?.tolerations ?? [])) {
          this.loop.enqueue(pod);
        }
      },
      onDelete: (obj) => {
        const pod = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
        this.cancel(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
      },
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await this.loop.run(signal, WORKERS);
    } finally {
      this.evictions.stop();
    }
  }

  /** Schedules, keeps or cancels the eviction of one pod, from the pod and its node as cached now. */
  private async processPod({ namespace, name }: ObjectName): Promise<void> {
    const pod = this.context.informers.lister<Pod>(PODS).get(namespace, name);
    if (pod === undefined) {
      this.cancel(namespace, name);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    // Unscheduled pods have no taints to fear; terminating pods are leaving already.
    if (!nodeName || pod.metadata?.deletionTimestamp) return;
    const node = this.context.informers.lister<Node>(NODES).get('', nodeName);
    // A deleted node's pods are left to pod GC; evictions already scheduled stand (as upstream).
    if (node === undefined) return;
    const taints = noExecuteTaints(node);
    const key = podKey(namespace, name);
    const now = this.context.clock.now();
    const scheduled = this.evictions.get(key);
    if (scheduled?.done) return;
    const plan = planEviction(taints, pod.spec?.tolerations, now, scheduled?.createdAtMs ?? now);
    if (plan.kind === 'keep') {
      this.cancel(namespace, name);
      return;
    }
    if (scheduled !== undefined) {
      // An eviction already due no later stands (upstream never postpones one); an earlier deadline replaces it.
      if (scheduled.fireAtMs <= plan.atMs) return;
      this.cancel(namespace, name);
    }
    this.evictions.schedule(key, plan.atMs, scheduled?.createdAtMs ?? now);
  }

  private cancel(namespace: string, name: string): void {
    const key = podKey(namespace, name);
    if (this.evictions.cancel(key)) this.podEvent(namespace, name, `Cancelling deletion of Pod ${key}`);
  }

  private podEvent(namespace: string, name: string, message: string): void {
    const ref = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } };
    this.recorder.event(ref, EventType.Normal, 'TaintManagerEviction', message);
  }
}

/** Same taints in the same order (key, value, effect, timeAdded), as upstream's semantic comparison. */
function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Builds the taint eviction controller (registers its informer handlers). */
export const newTaintEvictionController: ControllerFactory = (context) => new TaintEvictionController(context);
