import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodSpec } from '../../../api/core/v1/pod-spec.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { type ImageLocality, NAME, newImageLocality, normalizedImageName } from './image-locality.js';

const MB = 1024 * 1024;
type Images = { names: string[]; sizeBytes: number }[];

const image = (sizeMb: number, ...names: string[]): Images[number] => ({ names, sizeBytes: sizeMb * MB });
const node403002000: Images = [
  image(40, 'team/40:latest', 'team/40:v1', 'team/40:v1'),
  image(300, 'team/300:latest', 'team/300:v1'),
  image(2000, 'team/2000:latest'),
];
const node25010: Images = [image(250, 'team/250:latest'), image(10, 'team/10:latest', 'team/10:v1')];
const node60040900: Images = [
  image(600, 'team/600:latest'),
  image(40, 'team/40:latest'),
  image(900, 'team/900:latest'),
];
const node300600900: Images = [
  image(300, 'team/300:latest'),
  image(600, 'team/600:latest'),
  image(900, 'team/900:latest'),
];
const node400030: Images = [image(4000, 'team/4000:latest'), image(30, 'team/30:latest')];
const node203040: Images = [image(20, 'team/20:latest'), image(30, 'team/30:latest'), image(40, 'team/40:latest')];
const noImages: Images = [];

/** NodeInfos with image states as the scheduler cache keeps them: per image name, its size and how many nodes have it. */
function imageNodeInfos(nodes: Node[]): NodeInfo[] {
  const namesOf = (node: Node): Map<string, number> => {
    const names = new Map<string, number>();
    for (const img of node.status?.images ?? [])
      for (const name of img.names ?? []) names.set(name, img.sizeBytes ?? 0);
    return names;
  };
  const numNodes = new Map<string, number>();
  for (const node of nodes) for (const name of namesOf(node).keys()) numNodes.set(name, (numNodes.get(name) ?? 0) + 1);
  return nodes.map((node) => {
    const info = makeNodeInfo(node);
    for (const [name, size] of namesOf(node)) info.imageStates.set(name, { size, numNodes: numNodes.get(name) ?? 0 });
    return info;
  });
}

const podOf = (containers: string[], initContainers: string[] = []): Pod =>
  makePod('p', {
    spec: {
      containers: containers.map((img, i) => ({ name: `c${i}`, image: img })),
      initContainers: initContainers.map((img, i) => ({ name: `i${i}`, image: img })),
    } as Partial<PodSpec>,
  });

describe('ImageLocality Score', () => {
  const cases: { name: string; pod: Pod; nodes: [string, Images][]; want: number[] }[] = [
    {
      // node2: 100 * (250M/2 - 23M) / (1000M * 2 - 23M) = 5
      name: 'two images spread on two nodes, prefer the larger image one',
      pod: podOf(['team/40', 'team/250']),
      nodes: [
        ['node1', node403002000],
        ['node2', node25010],
      ],
      want: [0, 5],
    },
    {
      // node1: 100 * ((40M + 300M)/2 - 23M) / (1000M * 2 - 23M) = 7
      name: 'two images on one node, prefer this node',
      pod: podOf(['team/40', 'team/300']),
      nodes: [
        ['node1', node403002000],
        ['node2', node25010],
      ],
      want: [7, 0],
    },
    {
      name: 'if exceed limit, use limit',
      pod: podOf(['team/10', 'team/4000']),
      nodes: [
        ['node1', node400030],
        ['node2', node25010],
      ],
      want: [100, 0],
    },
    {
      // node1: 100 * (4000M/3 - 23M) / (1000M * 2 - 23M) = 66
      name: 'if exceed limit, use limit (with node which has no images present)',
      pod: podOf(['team/10', 'team/4000']),
      nodes: [
        ['node1', node400030],
        ['node2', node25010],
        ['node3', noImages],
      ],
      want: [66, 0, 0],
    },
    {
      name: 'pod with multiple large images, node2 is preferred',
      pod: podOf(['team/300', 'team/600', 'team/900']),
      nodes: [
        ['node1', node60040900],
        ['node2', node300600900],
        ['node3', noImages],
      ],
      want: [32, 36, 0],
    },
    {
      name: 'pod with multiple small images',
      pod: podOf(['team/30', 'team/40']),
      nodes: [
        ['node1', node203040],
        ['node2', node400030],
      ],
      want: [1, 0],
    },
    {
      name: 'include InitContainers: two images spread on two nodes, prefer the larger image one',
      pod: podOf(['team/30'], ['team/300']),
      nodes: [
        ['node1', node403002000],
        ['node2', node203040],
      ],
      want: [6, 0],
    },
  ];
  for (const c of cases) {
    for (const withPreScore of [true, false]) {
      test(`${c.name}${withPreScore ? '' : ' (Score alone)'}`, () => {
        const infos = imageNodeInfos(c.nodes.map(([name, images]) => makeNode(name, { images })));
        const p = newImageLocality(undefined, makeHandle(infos)) as ImageLocality;
        const state = new CycleState();
        if (withPreScore) assert.deepEqual(p.preScore(state, c.pod), Status.SUCCESS);
        const got: NodeScore[] = infos.map((info) => ({ name: info.name, score: p.score(state, c.pod, info) }));
        assert.deepEqual(
          got,
          c.nodes.map(([name], i) => ({ name, score: c.want[i] })),
        );
      });
    }
  }

  test('PreScore skips Score when no node holds any of the pod’s images (every node would score 0)', () => {
    const infos = imageNodeInfos([
      makeNode('node1', { images: node403002000 }),
      makeNode('node2', { images: noImages }),
    ]);
    const p = newImageLocality(undefined, makeHandle(infos)) as ImageLocality;
    const pod = podOf(['team/unknown'], ['other/image']);
    assert.deepEqual(p.preScore(new CycleState(), pod), Status.SKIP);
    assert.deepEqual(
      infos.map((info) => p.score(new CycleState(), pod, info)),
      [0, 0],
      'Score alone agrees',
    );
  });

  test('one node holding one of the pod’s images is enough for PreScore to let Score run', () => {
    const infos = imageNodeInfos([makeNode('node1', { images: noImages }), makeNode('node2', { images: node25010 })]);
    const p = newImageLocality(undefined, makeHandle(infos)) as ImageLocality;
    assert.deepEqual(p.preScore(new CycleState(), podOf(['team/unknown', 'team/10'])), Status.SUCCESS);
  });

  test('it is named ImageLocality', () => assert.equal(newImageLocality(undefined, makeHandle([])).name, NAME));
});

describe('normalizedImageName', () => {
  const digest = 'sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2';
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'a bare name gets :latest', input: 'root', want: 'root:latest' },
    { name: 'a registry port is not a tag', input: 'mirror:5000/root', want: 'mirror:5000/root:latest' },
    { name: 'a tag is kept as is', input: 'root:tag', want: 'root:tag' },
    { name: 'a digest is kept as is', input: `root@${digest}`, want: `root@${digest}` },
  ];
  for (const c of cases) test(c.name, () => assert.equal(normalizedImageName(c.input), c.want));
});
