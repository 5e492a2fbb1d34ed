/** Authentication: who sent a request (client certificates, static bearer tokens, and their union). */
export {
  type AuthenticationRequest,
  type Authenticator,
  requireUser,
  type RequestHeaders,
  SystemGroup,
  type UserInfo,
  withAuthenticatedGroup,
} from './authenticator.js';
export { bearerToken } from './bearer-token.js';
export { CsvError } from './csv-records.js';
export { parseTokenFile, type TokenFile, TokenFileAuthenticator } from './token-file.js';
export { UnionAuthenticator } from './union.js';
export { X509Authenticator, type X509AuthenticatorOptions } from './x509.js';
