import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../strategy.js';
import { STRATEGIES } from './index.js';

describe('authentication strategies', () => {
  for (const plural of ['tokenreviews', 'selfsubjectreviews']) {
    test(`${plural} drop the status a client sends, the server fills it`, () => {
      const o: ApiObject = {
        apiVersion: 'authentication.k8s.io/v1',
        metadata: {},
        spec: {},
        status: { authenticated: true },
      };
      STRATEGIES[plural]?.prepareForCreate?.(o, { now: new Date(0) });
      assert.equal(o.status, undefined);
    });
  }
});
