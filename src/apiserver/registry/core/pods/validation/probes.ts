/** Probes and lifecycle hooks: exactly one valid handler, sane timings. */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import { invalidEach, isObj, nonNegative, num, type Obj, objects, portNumOrName, strings, text } from './common.js';
import { isHTTPHeaderName } from './formats.js';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

function handlerErrors(handler: Obj, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLERS) {
    const action = handler[kind];
    if (!isObj(action)) continue;
    const at = path.child(kind);
    if (count > 0) {
      errors.push(forbidden(at, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    switch (kind) {
      case 'exec':
        if (strings(action.command).length === 0) errors.push(required(at.child('command')));
        break;
      case 'httpGet':
        if (text(action.path) === '') errors.push(required(at.child('path')));
        errors.push(...portNumOrName(action.port, at.child('port')));
        if (!['HTTP', 'HTTPS'].includes(text(action.scheme)))
          errors.push(notSupported(at.child('scheme'), action.scheme ?? '', ['HTTP', 'HTTPS']));
        for (const header of objects(action.httpHeaders)) {
          errors.push(...invalidEach(at.child('httpHeaders'), text(header.name), isHTTPHeaderName(text(header.name))));
        }
        break;
      case 'tcpSocket':
        errors.push(...portNumOrName(action.port, at.child('port')));
        break;
      case 'grpc':
        errors.push(...portNumOrName(num(action.port) ?? 0, at.child('port')));
        break;
      case 'sleep': {
        const seconds = num(action.seconds) ?? 0;
        if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
          errors.push(
            invalid(at, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`),
          );
        }
        break;
      }
    }
  }
  if (count === 0) errors.push(required(path, 'must specify a handler type'));
  return errors;
}

function probeErrors(probe: Obj, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const handler = { exec: probe.exec, httpGet: probe.httpGet, tcpSocket: probe.tcpSocket, grpc: probe.grpc };
  const errors = handlerErrors(handler, gracePeriod, path);
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    errors.push(...nonNegative(probe[key], path.child(key)));
  }
  const grace = num(probe.terminationGracePeriodSeconds);
  if (grace !== undefined && grace <= 0)
    errors.push(invalid(path.child('terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  return errors;
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** A container's probe of the given kind (liveness and startup need successThreshold 1). */
export function containerProbeErrors(
  kind: ProbeKind,
  probe: unknown,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  if (!isObj(probe)) return [];
  const errors = probeErrors(probe, gracePeriod, path);
  if (kind !== 'readinessProbe' && num(probe.successThreshold) !== undefined && probe.successThreshold !== 1) {
    errors.push(invalid(path.child('successThreshold'), probe.successThreshold, 'must be 1'));
  }
  if (kind === 'readinessProbe' && probe.terminationGracePeriodSeconds !== undefined) {
    errors.push(
      invalid(
        path.child('terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must not be set for readinessProbes',
      ),
    );
  }
  return errors;
}

/** postStart and preStop hooks. */
export function lifecycleErrors(lifecycle: unknown, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!isObj(lifecycle)) return [];
  return (['postStart', 'preStop'] as const).flatMap((hook) =>
    isObj(lifecycle[hook]) ? handlerErrors(lifecycle[hook], gracePeriod, path.child(hook)) : [],
  );
}
