/** Health checks and lifecycle hooks: Probe, ProbeHandler, Lifecycle and the actions they run. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, int32, int64, intOrString, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { embeddedField } from './embedded-field.js';

export const ExecAction = struct('io.k8s.api.core.v1.ExecAction', {
  command: field(1, arrayOf(str()), { listType: 'atomic' }),
});

export const HTTPHeader = struct(
  'io.k8s.api.core.v1.HTTPHeader',
  {
    name: field(1, str()),
    value: field(2, str()),
  },
  { required: ['name', 'value'] },
);

export const URIScheme = ['HTTP', 'HTTPS'] as const;

export const HTTPGetAction = struct(
  'io.k8s.api.core.v1.HTTPGetAction',
  {
    path: field(1, str(), { default: '/' }),
    port: field(2, intOrString()),
    host: field(3, str()),
    scheme: field(4, str({ enum: URIScheme }), { default: 'HTTP' }),
    httpHeaders: field(5, arrayOf(HTTPHeader), { listType: 'atomic' }),
  },
  { required: ['port'] },
);

export const TCPSocketAction = struct(
  'io.k8s.api.core.v1.TCPSocketAction',
  {
    port: field(1, intOrString()),
    host: field(2, str()),
  },
  { required: ['port'] },
);

export const GRPCAction = struct(
  'io.k8s.api.core.v1.GRPCAction',
  {
    port: field(1, int32()),
    service: field(2, str(), { default: '' }),
  },
  { required: ['port'] },
);

export const SleepAction = struct(
  'io.k8s.api.core.v1.SleepAction',
  { seconds: field(1, int64()) },
  { required: ['seconds'] },
);

/** The action of a probe; exactly one is set. */
export const ProbeHandler = struct('io.k8s.api.core.v1.ProbeHandler', {
  exec: field(1, ExecAction),
  httpGet: field(2, HTTPGetAction),
  tcpSocket: field(3, TCPSocketAction),
  grpc: field(4, GRPCAction),
});

/** Probe embeds ProbeHandler (protobuf field 1, `handler`); JSON inlines its fields. */
export const Probe = struct('io.k8s.api.core.v1.Probe', {
  exec: embeddedField(1, 1, ExecAction),
  httpGet: embeddedField(1, 2, HTTPGetAction),
  tcpSocket: embeddedField(1, 3, TCPSocketAction),
  grpc: embeddedField(1, 4, GRPCAction),
  initialDelaySeconds: field(2, int32()),
  timeoutSeconds: field(3, int32(), { default: 1 }),
  periodSeconds: field(4, int32(), { default: 10 }),
  successThreshold: field(5, int32(), { default: 1 }),
  failureThreshold: field(6, int32(), { default: 3 }),
  terminationGracePeriodSeconds: field(7, int64()),
});
export type Probe = Static<typeof Probe>;

/** The action of a lifecycle hook; exactly one is set (tcpSocket is accepted but never run). */
export const LifecycleHandler = struct('io.k8s.api.core.v1.LifecycleHandler', {
  exec: field(1, ExecAction),
  httpGet: field(2, HTTPGetAction),
  tcpSocket: field(3, TCPSocketAction),
  sleep: field(4, SleepAction),
});
export type LifecycleHandler = Static<typeof LifecycleHandler>;

export const Lifecycle = struct('io.k8s.api.core.v1.Lifecycle', {
  postStart: field(1, LifecycleHandler),
  preStop: field(2, LifecycleHandler),
  stopSignal: field(3, str()),
});
export type Lifecycle = Static<typeof Lifecycle>;
