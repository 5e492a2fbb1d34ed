import { readFileSync } from 'node:fs';
import { unauthorized } from '../../machinery/status.js';
import {
  type AuthenticationRequest,
  type Authenticator,
  type UserInfo,
  withAuthenticatedGroup,
} from './authenticator.js';
import { bearerToken } from './bearer-token.js';
import { parseCsvRecords } from './csv-records.js';

/** The tokens of a token file, and what was odd about it (empty or repeated tokens: upstream warns, too). */
export interface TokenFile {
  readonly tokens: ReadonlyMap<string, UserInfo>;
  readonly warnings: readonly string[];
}

/**
 * Parses a static token file as kube-apiserver's `--token-auth-file` reads it: CSV records
 * `token,user,uid[,"group1,group2,…"]`. A record with an empty token is skipped; a repeated token
 * replaces the earlier one. Both produce a warning.
 * @param source the file's name, for messages.
 * @throws Error when the CSV is malformed or a record has fewer than 3 columns.
 */
export function parseTokenFile(text: string, source: string): TokenFile {
  const tokens = new Map<string, UserInfo>();
  const warnings: string[] = [];
  let recordNumber = 0;
  for (const record of parseCsvRecords(text)) {
    if (record.length < 3) {
      throw new Error(
        `token file '${source}' must have at least 3 columns (token, user name, user uid), found ${record.length}`,
      );
    }
    recordNumber++;
    const [token, name, uid, groups] = record as [string, string, string, string | undefined];
    if (token === '') {
      warnings.push(`empty token has been found in token file '${source}', record number '${recordNumber}'`);
      continue;
    }
    if (tokens.has(token)) {
      warnings.push(`duplicate token has been found in token file '${source}', record number '${recordNumber}'`);
    }
    const user: UserInfo = {
      name,
      ...(uid === '' ? {} : { uid }),
      groups: groups === undefined ? [] : groups.split(',').filter((g) => g !== ''),
    };
    tokens.set(token, user);
  }
  return { tokens, warnings };
}

/** Bearer tokens looked up in a fixed table (upstream's static token file authenticator). */
export class TokenFileAuthenticator implements Authenticator {
  constructor(private readonly tokens: ReadonlyMap<string, UserInfo>) {}

  /**
   * Reads and parses a token file.
   * @throws Error when the file cannot be read or is malformed (see {@link parseTokenFile}).
   */
  static fromFile(path: string): { authenticator: TokenFileAuthenticator; warnings: readonly string[] } {
    const { tokens, warnings } = parseTokenFile(readFileSync(path, 'utf8'), path);
    return { authenticator: new TokenFileAuthenticator(tokens), warnings };
  }

  /**
   * @returns the token's user (with `system:authenticated`), or undefined without a bearer token.
   * @throws StatusError 401 for a bearer token not in the table.
   */
  authenticate(req: AuthenticationRequest): UserInfo | undefined {
    const token = bearerToken(req.headers);
    if (token === undefined) return undefined;
    const user = this.tokens.get(token);
    if (user === undefined) throw unauthorized();
    return withAuthenticatedGroup(user);
  }
}
