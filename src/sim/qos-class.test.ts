import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../api/core/v1/pod.js';
import type { PodQOSClass } from '../api/core/v1/pod-status.js';
import { podQosClass } from './qos-class.js';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

const podOf = (containers: Resources[], init: Resources[] = [], podLevel?: Resources): Pod =>
  ({
    spec: {
      containers: containers.map((resources, i) => ({ name: `c${i}`, image: 'x', resources })),
      initContainers: init.map((resources, i) => ({ name: `i${i}`, image: 'x', resources })),
      ...(podLevel === undefined ? {} : { resources: podLevel }),
    },
  }) as Pod;

const both = { cpu: '1', memory: '1Gi' };

describe('podQosClass', () => {
  const cases: { name: string; pod: Pod; want: PodQOSClass }[] = [
    { name: 'a pod without requests or limits is BestEffort', pod: podOf([{}, {}]), want: 'BestEffort' },
    {
      name: 'zero requests count as none, so the pod is BestEffort',
      pod: podOf([{ requests: { cpu: '0' } }]),
      want: 'BestEffort',
    },
    {
      name: 'only other resources (ephemeral storage) leave the pod BestEffort',
      pod: podOf([{ requests: { 'ephemeral-storage': '1Gi' } }]),
      want: 'BestEffort',
    },
    {
      name: 'equal cpu and memory requests and limits make it Guaranteed',
      pod: podOf([{ requests: both, limits: both }]),
      want: 'Guaranteed',
    },
    {
      name: 'limits without requests (as never defaulted) make it Burstable, as upstream computes it',
      pod: podOf([{ limits: both }]),
      want: 'Burstable',
    },
    {
      name: 'a request lower than its limit makes it Burstable',
      pod: podOf([{ requests: { cpu: '500m', memory: '1Gi' }, limits: both }]),
      want: 'Burstable',
    },
    {
      name: 'a container limiting only cpu makes it Burstable',
      pod: podOf([{ requests: { cpu: '1' }, limits: { cpu: '1' } }]),
      want: 'Burstable',
    },
    {
      name: 'one Guaranteed and one BestEffort container make it Burstable',
      pod: podOf([{ requests: both, limits: both }, {}]),
      want: 'Burstable',
    },
    {
      name: 'init containers count too',
      pod: podOf([{ requests: both, limits: both }], [{ requests: { cpu: '1' } }]),
      want: 'Burstable',
    },
    {
      name: 'equal amounts written differently are equal (1000m = 1)',
      pod: podOf([{ requests: { cpu: '1000m', memory: '1024Mi' }, limits: both }]),
      want: 'Guaranteed',
    },
    {
      name: 'pod-level resources decide over the containers',
      pod: podOf([{}], [], { requests: both, limits: both }),
      want: 'Guaranteed',
    },
  ];
  for (const c of cases) test(c.name, () => assert.equal(podQosClass(c.pod), c.want));
});
