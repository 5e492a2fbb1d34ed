import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNode, makeNodeInfo, makePod } from '../testing/builders.js';
import { NodeInfo } from './node-info.js';
import { newPodInfo } from './pod-info.js';

describe('NodeInfo', () => {
  test('its name follows the node, and is empty without one', () => {
    const info = new NodeInfo();
    const names = [info.name];
    info.setNode(makeNode('n1'));
    names.push(info.name);
    info.node = makeNode('n2');
    names.push(info.name);
    info.node = undefined;
    names.push(info.name);
    assert.deepEqual(names, ['', 'n1', 'n2', '']);
  });

  test('a clone has the same node, pods, totals and images', () => {
    const info = makeNodeInfo(
      makeNode('n1', {
        allocatable: { cpu: '4', memory: '8Gi', pods: '10', 'example.com/gpu': '2' },
        images: [{ names: ['img:1'], sizeBytes: 10 }],
      }),
      [makePod('a', { requests: { cpu: '1', 'example.com/gpu': '1' }, nodeName: 'n1' })],
    );
    info.imageStates = new Map([['img:1', { size: 10, numNodes: 1 }]]);
    const copy = info.clone();
    assert.equal(copy.node, info.node);
    assert.equal(copy.name, 'n1');
    assert.deepEqual(
      copy.pods.map((p) => p.key),
      ['default/a'],
    );
    assert.deepEqual(
      [copy.requested.milliCPU, copy.requested.scalar.get('example.com/gpu'), copy.nonZeroRequested.memory],
      [1000, 1, 200 * 1024 * 1024],
    );
    assert.deepEqual([copy.allocatable.milliCPU, copy.allocatable.scalar.get('example.com/gpu')], [4000, 2]);
    assert.equal(copy.imageStates.get('img:1')?.size, 10);
    assert.equal(copy.generation, info.generation);
  });

  test('a clone changes apart from its original, both ways', () => {
    const info = makeNodeInfo(makeNode('n1'), [makePod('a', { requests: { cpu: '1' }, nodeName: 'n1' })]);
    const copy = info.clone();
    copy.addPod(newPodInfo(makePod('b', { requests: { cpu: '2' }, nodeName: 'n1' })));
    info.removePod(newPodInfo(makePod('a', { nodeName: 'n1' })));
    assert.deepEqual(
      [info.pods.length, info.requested.milliCPU, copy.pods.length, copy.requested.milliCPU],
      [0, 0, 2, 3000],
    );
  });
});
