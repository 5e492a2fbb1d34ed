import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { ServiceAccount } from '../../api/core/v1/service-account.js';
import { Indexer } from '../../client/informers/indexer.js';
import { Lister } from '../../client/listers/lister.js';
import { ApiError } from '../../client/rest/api-error.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { Status } from '../../machinery/status.js';
import { ensureServiceAccounts } from './ensure-service-accounts.js';

const failure = (code: number, reason: string, message: string, causes?: { reason: string }[]): ApiError =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code,
    reason,
    message,
    ...(causes === undefined ? {} : { details: { causes } }),
  } as Status);

const ns = (name: string, phase: string): Namespace => ({ metadata: { name }, status: { phase } }) as Namespace;

interface Case {
  readonly name: string;
  readonly namespace: Namespace | undefined;
  readonly existing?: string[];
  readonly createFails?: ApiError;
  readonly wantCreated: string[];
  readonly wantError?: RegExp;
}

const cases: Case[] = [
  { name: 'an active namespace without the account gets it', namespace: ns('a', 'Active'), wantCreated: ['a/default'] },
  {
    name: 'an active namespace that has the account is left alone',
    namespace: ns('a', 'Active'),
    existing: ['default'],
    wantCreated: [],
  },
  { name: 'a terminating namespace gets nothing', namespace: ns('a', 'Terminating'), wantCreated: [] },
  { name: 'a namespace that is gone gets nothing', namespace: undefined, wantCreated: [] },
  {
    name: 'losing the race to create the account is fine',
    namespace: ns('a', 'Active'),
    createFails: failure(409, 'AlreadyExists', 'serviceaccounts "default" already exists'),
    wantCreated: ['a/default'],
  },
  {
    name: 'a namespace that started terminating is fine',
    namespace: ns('a', 'Active'),
    createFails: failure(403, 'Forbidden', 'x', [{ reason: 'NamespaceTerminating' }]),
    wantCreated: ['a/default'],
  },
  {
    name: 'any other failure is thrown, so that the namespace is retried',
    namespace: ns('a', 'Active'),
    createFails: failure(500, 'InternalError', 'etcd is down'),
    wantCreated: ['a/default'],
    wantError: /etcd is down/,
  },
];

describe('ensuring service accounts', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const indexer = new Indexer<ServiceAccount>();
      for (const name of c.existing ?? []) indexer.add({ metadata: { name, namespace: 'a' } });
      const created: string[] = [];
      const client = {
        create: (namespace: string, sa: ServiceAccount) => {
          created.push(`${namespace}/${sa.metadata?.name ?? ''}`);
          return c.createFails === undefined ? Promise.resolve(sa) : Promise.reject(c.createFails);
        },
      } as unknown as ResourceClient<ServiceAccount>;
      const run = ensureServiceAccounts(c.namespace, ['default'], new Lister(indexer), client);
      if (c.wantError === undefined) await run;
      else await assert.rejects(run, c.wantError);
      assert.deepEqual(created, c.wantCreated);
    });
  }
});
