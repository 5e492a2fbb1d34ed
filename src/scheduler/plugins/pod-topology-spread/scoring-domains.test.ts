import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labelSelectorFromSet } from '../../../machinery/labels/index.js';
import type { Node } from '../../../api/core/v1/node.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE, type SpreadConstraint } from './constraints.js';
import { DomainCounterCache } from './domain-counter.js';
import { computePreScoreState, domainsOfNodes, topologyNormalizingWeight } from './scoring.js';
import { node, nodeInfos, pod } from './test-fixtures.js';

/** Upstream's system default constraints, with the selector a ReplicaSet of `app: web` gives. */
const systemDefaults: SpreadConstraint[] = [LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE].map((topologyKey, i) => ({
  maxSkew: i === 0 ? 3 : 5,
  topologyKey,
  selector: labelSelectorFromSet({ app: 'web' }),
  minDomains: 1,
  honorNodeAffinity: true,
  honorNodeTaints: false,
}));

const web = (name: string, nodeName: string) => pod(name, { node: nodeName, labels: { app: 'web' } });

describe('PodTopologySpread PreScore domains', () => {
  const clusters: { name: string; nodes: Node[] }[] = [
    {
      name: 'nodes without a zone form one domain, found without visiting the nodes',
      nodes: ['a', 'b', 'c'].map((n) => node(n, { [LABEL_HOSTNAME]: n })),
    },
    {
      name: 'nodes of one zone form one domain',
      nodes: ['a', 'b'].map((n) => node(n, { [LABEL_HOSTNAME]: n, [LABEL_TOPOLOGY_ZONE]: 'z1' })),
    },
    {
      name: 'nodes of two zones form two domains (the nodes are visited)',
      nodes: [
        node('a', { [LABEL_HOSTNAME]: 'a', [LABEL_TOPOLOGY_ZONE]: 'z1' }),
        node('b', { [LABEL_HOSTNAME]: 'b', [LABEL_TOPOLOGY_ZONE]: 'z2' }),
      ],
    },
    {
      name: 'a node without a zone beside zoned ones is a domain of its own',
      nodes: [node('a', { [LABEL_HOSTNAME]: 'a', [LABEL_TOPOLOGY_ZONE]: 'z1' }), node('b', { [LABEL_HOSTNAME]: 'b' })],
    },
  ];
  for (const cluster of clusters) {
    test(cluster.name, () => {
      const infos = nodeInfos(cluster.nodes, [web('p1', 'a'), web('p2', 'a'), web('p3', 'b')]);
      const filtered = infos.slice(0, Math.max(1, infos.length - 1));
      const state = computePreScoreState(
        web('incoming', ''),
        filtered,
        infos,
        systemDefaults,
        false,
        new DomainCounterCache(),
      );
      const walked = domainsOfNodes(filtered, systemDefaults, false, new Set());
      const zones = walked[1] as Set<string>;
      assert.deepEqual([...(state.podCounts[1] as Map<string, number>).keys()].sort(), [...zones].sort());
      assert.equal(state.normalizingWeights[1], topologyNormalizingWeight(zones.size));
      const podsIn = (zone: string): number =>
        infos
          .filter((i) => (i.node?.metadata?.labels?.[LABEL_TOPOLOGY_ZONE] ?? '') === zone)
          .reduce((sum, i) => sum + i.pods.length, 0);
      for (const zone of zones) assert.equal(state.podCounts[1]?.get(zone), podsIn(zone), `pods in zone '${zone}'`);
    });
  }
});
