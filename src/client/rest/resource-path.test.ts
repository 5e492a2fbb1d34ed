import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ResourceDescriptor, resourcePath } from './resource-path.js';

const pods: ResourceDescriptor = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const deployments: ResourceDescriptor = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const nodes: ResourceDescriptor = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

describe('resourcePath', () => {
  const cases: { name: string; got: () => string; want: string }[] = [
    {
      name: 'a core collection in a namespace',
      got: () => resourcePath(pods, 'default'),
      want: '/api/v1/namespaces/default/pods',
    },
    { name: 'a core collection across namespaces', got: () => resourcePath(pods, ''), want: '/api/v1/pods' },
    {
      name: 'a grouped object',
      got: () => resourcePath(deployments, 'ns', 'web'),
      want: '/apis/apps/v1/namespaces/ns/deployments/web',
    },
    {
      name: 'a subresource',
      got: () => resourcePath(pods, 'ns', 'web', 'status'),
      want: '/api/v1/namespaces/ns/pods/web/status',
    },
    {
      name: 'a cluster-scoped object ignores the namespace',
      got: () => resourcePath(nodes, 'ns', 'n1'),
      want: '/api/v1/nodes/n1',
    },
    {
      name: 'names are escaped',
      got: () => resourcePath(pods, 'ns', 'a/b c'),
      want: '/api/v1/namespaces/ns/pods/a%2Fb%20c',
    },
  ];
  for (const c of cases) test(c.name, () => assert.equal(c.got(), c.want));

  test('an empty name is refused rather than addressing the collection', () => {
    assert.throws(() => resourcePath(pods, 'ns', ''), TypeError);
  });
});
