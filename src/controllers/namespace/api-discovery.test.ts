import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../client/rest/api-error.js';
import type { RequestOptions, Transport } from '../../client/rest/transport.js';
import { discover, GroupVersionParseError, parseGroupVersion } from './api-discovery.js';

const resource = (name: string, kind: string, verbs: string[], namespaced = true): Record<string, unknown> => ({
  name,
  kind,
  namespaced,
  verbs,
});

/** A transport answering discovery paths from a table (404 for the rest). */
function fakeDiscovery(answers: Record<string, unknown>): Transport {
  return {
    request: (options: RequestOptions) => {
      const answer = answers[options.path];
      if (answer === undefined) {
        return Promise.reject(
          new ApiError({
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            reason: 'NotFound',
            message: 'the server could not find the requested resource',
            code: 404,
          }),
        );
      }
      return Promise.resolve(answer);
    },
    stream: () => Promise.reject(new Error('no streams')),
  };
}

const SERVER = {
  '/api': { kind: 'APIVersions', versions: ['v1'] },
  '/api/v1': {
    groupVersion: 'v1',
    resources: [
      resource('pods', 'Pod', ['create', 'delete', 'deletecollection', 'get', 'list', 'watch']),
      resource('pods/status', 'Pod', ['get', 'update']),
      resource('namespaces', 'Namespace', ['create', 'delete', 'get', 'list', 'watch'], false),
    ],
  },
  '/apis': {
    groups: [
      {
        name: 'autoscaling',
        versions: [
          { groupVersion: 'autoscaling/v2', version: 'v2' },
          { groupVersion: 'autoscaling/v1', version: 'v1' },
        ],
        preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
      },
      { name: 'broken.example.com', versions: [{ groupVersion: 'broken.example.com/v1', version: 'v1' }] },
    ],
  },
  '/apis/autoscaling/v1': {
    groupVersion: 'autoscaling/v1',
    resources: [
      resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', ['get', 'list']),
      resource('legacyonly', 'LegacyOnly', ['get']),
    ],
  },
  '/apis/autoscaling/v2': {
    groupVersion: 'autoscaling/v2',
    resources: [resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', ['get', 'list', 'delete'])],
  },
};

describe('API discovery', () => {
  test('each group resource appears once, in its preferred version, without subresources', async () => {
    const found = await discover(fakeDiscovery(SERVER));
    assert.deepEqual(
      found.preferred.map((r) => `${r.group}/${r.version}/${r.resource}`),
      ['/v1/pods', '/v1/namespaces', 'autoscaling/v2/horizontalpodautoscalers', 'autoscaling/v1/legacyonly'],
    );
    assert.deepEqual(found.preferred[2]?.verbs, ['get', 'list', 'delete']);
    assert.equal(found.preferred.find((r) => r.resource === 'namespaces')?.namespaced, false);
    assert.equal(found.all.length, 5);
  });

  test('a group version that cannot be read is reported, the rest still discovered', async () => {
    const found = await discover(fakeDiscovery(SERVER));
    assert.equal(
      found.groupError?.message,
      'unable to retrieve the complete list of server APIs: broken.example.com/v1: the server could not find the requested resource',
    );
    assert.ok(found.preferred.length > 0);
  });

  test('discovery without /api fails as a whole', async () => {
    await assert.rejects(discover(fakeDiscovery({})), ApiError);
  });

  const parses: { text: string; want: { group: string; version: string } | 'error' }[] = [
    { text: 'v1', want: { group: '', version: 'v1' } },
    { text: 'apps/v1', want: { group: 'apps', version: 'v1' } },
    { text: '', want: { group: '', version: '' } },
    { text: 'a/b/c', want: 'error' },
  ];
  for (const p of parses) {
    test(`the groupVersion ${JSON.stringify(p.text)} ${p.want === 'error' ? 'does not parse' : 'parses'}`, () => {
      if (p.want === 'error') assert.throws(() => parseGroupVersion(p.text), GroupVersionParseError);
      else assert.deepEqual(parseGroupVersion(p.text), p.want);
    });
  }
});
