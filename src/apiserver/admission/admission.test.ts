import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EventKind } from '../../api/core/v1/event.js';
import { PodKind } from '../../api/core/v1/pod.js';
import type { KindDefinition } from '../../api/schema/kind.js';
import { makeResource } from '../registry/generic/resource.js';
import { type AdmissionAttributes, AdmissionChain, type AdmissionPlugin } from './admission.js';

const attributes = (kind: KindDefinition): AdmissionAttributes => ({
  operation: 'CREATE',
  resource: makeResource(kind, {}),
  namespace: 'default',
  name: 'x',
  object: { apiVersion: 'v1', kind: kind.kind, metadata: { name: 'x' } },
  oldObject: undefined,
  user: undefined,
  dryRun: false,
});

/** A plugin for pods only, logging its calls as `name:admit` / `name:validate`. */
function podPlugin(name: string, log: string[]): AdmissionPlugin {
  return {
    name,
    handles: (a) => a.resource.kind.plural === 'pods',
    admit: async () => void log.push(`${name}:admit`),
    validate: async () => void log.push(`${name}:validate`),
  };
}

describe('the admission chain', () => {
  test('every mutating step runs before any validating one, in plugin order', async () => {
    const log: string[] = [];
    await new AdmissionChain([podPlugin('a', log), podPlugin('b', log)]).run(attributes(PodKind));
    assert.deepEqual(log, ['a:admit', 'b:admit', 'a:validate', 'b:validate']);
  });

  test('a plugin that does not handle the request is not called', async () => {
    const log: string[] = [];
    await new AdmissionChain([podPlugin('a', log)]).run(attributes(EventKind));
    assert.deepEqual(log, []);
  });
});
