import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ServicePort } from '../../api/core/v1/service.js';
import { findPort } from './find-port.js';

const pod = {
  spec: {
    containers: [
      {
        name: 'web',
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
        ],
      },
    ],
    initContainers: [
      { name: 'proxy', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9100 }] },
      { name: 'setup', ports: [{ name: 'setup', containerPort: 7000 }] },
    ],
  },
} as Pod;

describe('findPort', () => {
  const cases: { name: string; port: ServicePort; expected: number | undefined }[] = [
    { name: 'a numeric targetPort is used as it is', port: { port: 80, targetPort: 9376 }, expected: 9376 },
    { name: 'without a targetPort the service port is the target', port: { port: 80 }, expected: 80 },
    {
      name: 'a named targetPort resolves to the container port of that name',
      port: { port: 80, targetPort: 'http' },
      expected: 8080,
    },
    {
      name: 'a named port must have the same protocol',
      port: { port: 53, targetPort: 'dns', protocol: 'TCP' },
      expected: undefined,
    },
    {
      name: 'a UDP named port resolves for a UDP service port',
      port: { port: 53, targetPort: 'dns', protocol: 'UDP' },
      expected: 53,
    },
    {
      name: 'a sidecar (restartable init container) port resolves',
      port: { port: 91, targetPort: 'metrics' },
      expected: 9100,
    },
    { name: 'an ordinary init container port does not', port: { port: 70, targetPort: 'setup' }, expected: undefined },
    { name: 'an unknown name does not resolve', port: { port: 80, targetPort: 'nope' }, expected: undefined },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(findPort(pod, c.port), c.expected);
    });
  }
});
