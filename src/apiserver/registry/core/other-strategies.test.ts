import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CORE_KINDS } from '../../../api/core/v1/other-kinds.js';
import { CORE_STRATEGIES } from './other-strategies.js';

describe('core strategies outside the Pod family', () => {
  test('every kind has a strategy and every strategy a kind', () => {
    assert.deepEqual(Object.keys(CORE_STRATEGIES).sort(), CORE_KINDS.map((k) => k.plural).sort());
  });

  test('kinds whose status a controller owns ignore the status sent on create', () => {
    const owned = ['services', 'resourcequotas', 'persistentvolumes', 'persistentvolumeclaims', 'namespaces'];
    for (const plural of owned) {
      const obj = { metadata: { name: 'x' }, spec: {}, status: { sentByUser: true } };
      CORE_STRATEGIES[plural]?.prepareForCreate?.(obj, { now: new Date() });
      assert.notDeepEqual(obj.status, { sentByUser: true }, plural);
    }
  });
});
