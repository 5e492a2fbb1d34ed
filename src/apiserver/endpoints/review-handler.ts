/**
 * The review kinds (authorization.k8s.io access and rules reviews, authentication.k8s.io token and self
 * reviews): a create that asks a question and gets the answer in `status`. Nothing is stored.
 */
import { throwIfInvalid } from '../../machinery/field-errors.js';
import { methodNotSupported } from '../../machinery/status.js';
import type { Authenticator } from '../authn/index.js';
import type { Authorizer } from '../authz/authorizer.js';
import { mediaTypeOf, readBody } from '../request/body.js';
import type { RequestInfo } from '../request/request-info.js';
import { type ApiRequest, namespaceOf } from './api-request.js';
import { writeObject } from './represent.js';
import { decodeObjectBody, fieldValidationOf } from './request-object.js';

export const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

interface Attributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  path?: string;
}

export async function reviewHandler(
  r: ApiRequest,
  authorizer: Authorizer,
  authenticator: Authenticator,
): Promise<void> {
  if (r.info.verb !== 'create' || r.info.name !== undefined)
    throw methodNotSupported(r.resource.groupResource, r.info.verb);
  const body = await readBody(r.req);
  const review = decodeObjectBody(
    body,
    mediaTypeOf(r.req.headers['content-type']),
    r.resource,
    fieldValidationOf(r.query),
    r.warnings,
  );
  const ctx = { now: r.now(), user: r.user };
  throwIfInvalid(r.resource.groupKind, '', r.resource.strategy.validate?.(review, ctx) ?? []);
  const spec = (review.spec ?? {}) as {
    resourceAttributes?: Attributes;
    nonResourceAttributes?: Attributes;
    token?: string;
    namespace?: string;
  };
  switch (r.resource.kind.kind) {
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview': {
      const res = spec.resourceAttributes;
      const info: RequestInfo = res
        ? {
            kind: 'resource',
            verb: res.verb ?? '',
            group: res.group ?? '',
            version: res.version ?? '',
            namespace: res.namespace ?? namespaceOf(r),
            resource: res.resource ?? '',
            name: res.name,
            subresource: res.subresource,
          }
        : { kind: 'path', verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' };
      const decision = await authorizer.authorize(r.user, info);
      review.status = {
        allowed: decision.allowed,
        ...(decision.allowed ? { reason: decision.reason } : { denied: true, reason: decision.reason }),
      };
      break;
    }
    case 'SelfSubjectRulesReview':
      // Everything is allowed until RBAC exists: one rule that says so.
      review.status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
      break;
    case 'SelfSubjectReview':
      review.status = {
        userInfo: { username: r.user.name, ...(r.user.uid ? { uid: r.user.uid } : {}), groups: [...r.user.groups] },
      };
      break;
    case 'TokenReview': {
      let user;
      try {
        user = authenticator.authenticate({ headers: { authorization: `Bearer ${spec.token ?? ''}` } });
      } catch {
        user = undefined;
      }
      review.status = user
        ? {
            authenticated: true,
            user: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups] },
          }
        : { authenticated: false, error: 'invalid bearer token' };
      break;
    }
  }
  writeObject(r, 201, review);
}
