/**
 * For the Deployment controller's tests: a started server with the Deployment and ReplicaSet controllers
 * running, a namespace per test, and the waits a rollout test needs (as `kubectl rollout status` judges).
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  type ControllerCluster,
  runControllers,
  type RunningControllers,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { newReplicaSetController, REPLICA_SETS } from '../replicaset/replicaset-controller.js';
import { DEPLOYMENTS, newDeploymentController } from './deployment-controller.js';

export interface DeploymentOptions {
  replicas?: number;
  strategy?: Record<string, unknown>;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
}

/** A Deployment of `nginx:1` pods labelled `app=<name>`. */
export function deploymentFixture(name: string, options: DeploymentOptions = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(options.strategy ? { strategy: options.strategy } : {}),
      ...(options.progressDeadlineSeconds ? { progressDeadlineSeconds: options.progressDeadlineSeconds } : {}),
      ...(options.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: options.revisionHistoryLimit } : {}),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
    },
  } as Deployment;
}

export const revision = (rs: ReplicaSet): string | undefined =>
  rs.metadata?.annotations?.['deployment.kubernetes.io/revision'];

export const condition = (d: Deployment, type: string) => d.status?.conditions?.find((c) => c.type === type);

export class DeploymentHarness {
  private namespaces = 0;

  private constructor(
    readonly c: ControllerCluster,
    private readonly controllers: RunningControllers,
    readonly deployments: ResourceClient<Deployment>,
    readonly rss: ResourceClient<ReplicaSet>,
  ) {}

  /** Starts a server and runs the Deployment and ReplicaSet controllers against it. */
  static async start(): Promise<DeploymentHarness> {
    const c = await startControllerCluster();
    const controllers = await runControllers(c.client, [newDeploymentController, newReplicaSetController]);
    return new DeploymentHarness(
      c,
      controllers,
      c.client.resource<Deployment>(DEPLOYMENTS),
      c.client.resource<ReplicaSet>(REPLICA_SETS),
    );
  }

  async stop(): Promise<void> {
    await this.controllers.stop();
    await this.c.stop();
  }

  /** A fresh namespace for one test. */
  async namespace(): Promise<string> {
    const name = `d${++this.namespaces}`;
    await this.c.client
      .resource({ group: '', version: 'v1', resource: 'namespaces', namespaced: false })
      .create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    return name;
  }

  async replicaSetsOf(ns: string): Promise<ReplicaSet[]> {
    return (await this.rss.list(ns)).items;
  }

  /** Waits until the rollout is complete as kubectl rollout status judges it (generation observed, all updated and available). */
  rolledOut(ns: string, name: string, timeoutMs = 30_000): Promise<Deployment> {
    return waitFor(
      `${name} rolled out`,
      async () => {
        const d = await this.deployments.get(ns, name);
        const s = d.status ?? {};
        const desired = d.spec?.replicas ?? 1;
        return (
          (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
          (s.updatedReplicas ?? 0) === desired &&
          (s.replicas ?? 0) === desired &&
          (s.availableReplicas ?? 0) === desired &&
          d
        );
      },
      timeoutMs,
    );
  }

  /** Changes the image of container `c` (a new pod template). */
  setImage(ns: string, name: string, image: string): Promise<Deployment> {
    return this.deployments.patch(ns, name, 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'c', image }] } } },
    });
  }
}
