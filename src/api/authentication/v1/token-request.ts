/**
 * TokenRequest (authentication.k8s.io/v1): the body of a ServiceAccount's `token` subresource
 * (POST …/serviceaccounts/{name}/token). Not a resource of its own, so it has no KindDefinition.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema } from '../../schema/kind.js';
import { arrayOf, int64, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const BoundObjectReference = struct('io.k8s.api.authentication.v1.BoundObjectReference', {
  kind: field(1, str()),
  apiVersion: field(2, str()),
  name: field(3, str()),
  uid: field(4, str()),
});

export const TokenRequestSpec = struct(
  'io.k8s.api.authentication.v1.TokenRequestSpec',
  {
    audiences: field(1, arrayOf(str()), { listType: 'atomic' }),
    expirationSeconds: field(4, int64()),
    boundObjectRef: field(3, BoundObjectReference),
  },
  { required: ['audiences'] },
);

export const TokenRequestStatus = struct(
  'io.k8s.api.authentication.v1.TokenRequestStatus',
  {
    token: field(1, str()),
    expirationTimestamp: field(2, time()),
  },
  { required: ['token', 'expirationTimestamp'] },
);

const TokenRequestObject = objectSchema('io.k8s.api.authentication.v1.TokenRequest', {
  spec: field(2, TokenRequestSpec),
  status: field(3, TokenRequestStatus),
});
TokenRequestObject.required = ['spec'];
export const TokenRequestSchema = TokenRequestObject;
export type TokenRequest = Static<typeof TokenRequestSchema>;
