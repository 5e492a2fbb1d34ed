/**
 * Test doubles for code built on the client: a clock tests drive, an HTTP API server on 127.0.0.1, a
 * hand-fed watch, TLS material, and helpers to let asynchronous code settle. Not for production code.
 */
export { FakeClock } from '../clock/fake-clock.js';
export {
  FakeApiServer,
  type FakeApiServerOptions,
  type InjectedAnswer,
  type RecordedRequest,
} from './fake-api-server.js';
export { FakeObjectStore, type JsonObject, type StoredEvent } from './fake-object-store.js';
export { FakeWatch } from './fake-watch.js';
export { settle, until } from './settle.js';
export { makeTlsFixtures, type TlsFixtures } from './tls-fixtures.js';
