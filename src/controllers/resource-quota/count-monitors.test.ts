import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCountName } from './count-monitors.js';

describe('parseCountName', () => {
  const cases: [string, string, ReturnType<typeof parseCountName>][] = [
    ['a core resource has no group', 'count/pods', { group: '', resource: 'pods' }],
    ['the group follows the first dot', 'count/deployments.apps', { group: 'apps', resource: 'deployments' }],
    ['a dotted group stays whole', 'count/widgets.example.com', { group: 'example.com', resource: 'widgets' }],
    ['a compute resource is no object count', 'requests.cpu', undefined],
    ['an empty resource is no object count', 'count/', undefined],
  ];
  for (const [name, input, expected] of cases) test(name, () => assert.deepEqual(parseCountName(input), expected));
});
