import { StatusError, unauthorized } from '../../machinery/status.js';
import type { AuthenticationRequest, Authenticator, UserInfo } from './authenticator.js';

/**
 * Several authenticators, tried in order: the first that identifies the user wins, so an invalid credential
 * of one kind does not hide a valid one of another (as upstream's union authenticator).
 */
export class UnionAuthenticator implements Authenticator {
  constructor(private readonly authenticators: readonly Authenticator[]) {}

  /**
   * @returns the first user any authenticator returns; undefined when the request carries no credential
   *   any of them reads.
   * @throws StatusError 401 when some credential was invalid and none was valid.
   */
  authenticate(req: AuthenticationRequest): UserInfo | undefined {
    let rejected = false;
    for (const authenticator of this.authenticators) {
      try {
        const user = authenticator.authenticate(req);
        if (user !== undefined) return user;
      } catch (err) {
        if (!(err instanceof StatusError) || err.code !== 401) throw err;
        rejected = true;
      }
    }
    if (rejected) throw unauthorized();
    return undefined;
  }
}
