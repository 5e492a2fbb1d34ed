/**
 * The authorization stage: whether a user may do what a request asks. RBAC comes in a later issue; for
 * now every authenticated user is allowed everything.
 */
import type { UserInfo } from '../registry/strategy.js';
import type { RequestInfo } from '../request/request-info.js';

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

export interface Authorizer {
  authorize(user: UserInfo, request: RequestInfo): Promise<Decision>;
}

export const ALLOW_AUTHENTICATED: Authorizer = {
  authorize: async () => ({ allowed: true, reason: 'every authenticated user is allowed (no RBAC yet)' }),
};
