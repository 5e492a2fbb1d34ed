/** HTTPS for the API server: HTTP/2 and HTTP/1.1 on one TLS port, upgrades, client certificates. */
export type { HttpRequest, HttpResponse, RequestHandler, UpgradeHandler } from './http-types.js';
export { startHttpsServer, type HttpsServer, type HttpsServerOptions, type ServingPki } from './https-server.js';
export { authenticationRequestOf, peerCertificate } from './peer-certificate.js';
