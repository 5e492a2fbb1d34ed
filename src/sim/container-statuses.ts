/**
 * The container statuses a simulated runtime reports: containers that run, exit (Completed or Error) and
 * restart, with stable IDs (`sim://<64 hex>` from the pod uid, the container and its restart count, so that
 * computing a status twice gives the same one).
 */
import { createHash } from 'node:crypto';
import type { Container } from '../api/core/v1/container.js';
import type { ContainerStatus } from '../api/core/v1/container-status.js';
import { formatTime } from './times.js';

/** The reason of a terminated container: Completed for exit code 0, Error otherwise (as container runtimes say). */
export const exitReason = (exitCode: number): string => (exitCode === 0 ? 'Completed' : 'Error');

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function containerId(podUid: string, name: string, restartCount: number): string {
  return `sim://${sha256(`${podUid}/${name}/${restartCount}`)}`;
}

/** `repo@sha256:…` for an image reference (an image already pinned by digest is its own ID). */
export function imageId(image: string): string {
  if (image.includes('@')) return image;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const repo = colon > lastSlash ? image.slice(0, colon) : image;
  return `${repo}@sha256:${sha256(image)}`;
}

/** A container running since `startedAt`, after `restartCount` restarts. */
export function runningStatus(
  container: Container,
  podUid: string,
  restartCount: number,
  startedAt: number,
  lastState: ContainerStatus['lastState'] = {},
): ContainerStatus {
  const image = container.image ?? '';
  const name = container.name ?? '';
  return {
    name,
    state: { running: { startedAt: formatTime(startedAt) } },
    lastState,
    ready: true,
    restartCount,
    image,
    imageID: imageId(image),
    containerID: containerId(podUid, name, restartCount),
    started: true,
  };
}

/** An init container that ran to completion at `at`. */
export function completedInitStatus(container: Container, podUid: string, at: number): ContainerStatus {
  const image = container.image ?? '';
  const name = container.name ?? '';
  const id = containerId(podUid, name, 0);
  const time = formatTime(at);
  return {
    name,
    state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: time, finishedAt: time, containerID: id } },
    lastState: {},
    ready: true,
    restartCount: 0,
    image,
    imageID: imageId(image),
    containerID: id,
    started: false,
  };
}

/** What a running container's state becomes when it exits with `exitCode` at `at`. */
function terminatedState(status: ContainerStatus, exitCode: number, at: number): ContainerStatus['state'] {
  return {
    terminated: {
      exitCode,
      reason: exitReason(exitCode),
      startedAt: status.state?.running?.startedAt ?? formatTime(at),
      finishedAt: formatTime(at),
      ...(status.containerID === undefined ? {} : { containerID: status.containerID }),
    },
  };
}

/** `status` exited with `exitCode` at `at` and stays stopped. Containers already stopped are left as they are. */
export function exitedStatus(status: ContainerStatus, exitCode: number, at: number): ContainerStatus {
  if (status.state?.running === undefined) return status;
  return { ...status, state: terminatedState(status, exitCode, at), ready: false, started: false };
}

/** `status` exited with `exitCode` at `at` and was started again at once, one restart more. */
export function restartedStatus(
  container: Container,
  podUid: string,
  status: ContainerStatus,
  exitCode: number,
  at: number,
): ContainerStatus {
  const last = terminatedState(status, exitCode, at);
  return runningStatus(container, podUid, (status.restartCount ?? 0) + 1, at, last);
}
