/**
 * The conditional defaults of pods and pod templates (upstream's SetDefaults_* for Container, Volume,
 * Probe and Pod) that a schema `default` cannot state. The schema's unconditional defaults (restartPolicy,
 * dnsPolicy, terminationMessagePath, probe periods…) are applied before these.
 */
import { VOLUME_SOURCE_NAMES } from './volume.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/**
 * The tag of an image reference: `latest` when it has neither tag nor digest, `''` when it is pinned by
 * digest only. The tag is what follows the last `:` after the last `/` (a `:` before it is a registry port).
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** `Always` for `:latest` (or untagged) images, else `IfNotPresent`. */
export const defaultPullPolicy = (image: string): 'Always' | 'IfNotPresent' =>
  imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';

/** Upstream replaces zero probe timings too, not only absent ones. */
const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } as const;

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  for (const [key, value] of Object.entries(PROBE_DEFAULTS)) if (!probe[key]) probe[key] = value;
}

function defaultContainer(container: Obj): void {
  if (!container.imagePullPolicy) {
    container.imagePullPolicy = defaultPullPolicy(typeof container.image === 'string' ? container.image : '');
  }
  if (!container.terminationMessagePath) container.terminationMessagePath = '/dev/termination-log';
  if (!container.terminationMessagePolicy) container.terminationMessagePolicy = 'File';
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(container[key]);
}

function defaultVolume(volume: Obj): void {
  if (!VOLUME_SOURCE_NAMES.some((name) => volume[name] !== undefined && volume[name] !== null)) volume.emptyDir = {};
  const image = volume.image;
  if (isObj(image) && !image.pullPolicy) {
    image.pullPolicy = defaultPullPolicy(typeof image.reference === 'string' ? image.reference : '');
  }
}

/**
 * Defaults a PodSpec in place (as part of a Pod, a PodTemplate or a workload's template): image pull
 * policies by tag, zero probe timings, and an implied emptyDir for volumes without a source.
 */
export function defaultPodSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  for (const key of ['containers', 'initContainers', 'ephemeralContainers'])
    objects(spec[key]).forEach(defaultContainer);
  objects(spec.volumes).forEach(defaultVolume);
}

/** Defaults the PodSpec of a PodTemplateSpec (`{metadata, spec}`), e.g. a workload's `spec.template`. */
export function defaultPodTemplateSpec(template: unknown): void {
  if (isObj(template)) defaultPodSpec(template.spec);
}

/** Requests default to limits, resource by resource (pods only, not templates). */
function defaultRequestsFromLimits(container: Obj): void {
  const resources = container.resources;
  if (!isObj(resources) || !isObj(resources.limits)) return;
  const requests = isObj(resources.requests) ? resources.requests : {};
  for (const [name, limit] of Object.entries(resources.limits)) if (!(name in requests)) requests[name] = limit;
  resources.requests = requests;
}

/** With host networking, container ports default their hostPort to the containerPort. */
function defaultHostPorts(container: Obj): void {
  for (const port of objects(container.ports)) if (!port.hostPort) port.hostPort = port.containerPort;
}

/**
 * Defaults a Pod in place: its spec as {@link defaultPodSpec}, plus what only materialises on pods
 * (enableServiceLinks, requests from limits, host ports under hostNetwork).
 */
export function defaultPod(pod: Obj): void {
  const spec = pod.spec;
  if (!isObj(spec)) return;
  defaultPodSpec(spec);
  const containers = [...objects(spec.containers), ...objects(spec.initContainers)];
  containers.forEach(defaultRequestsFromLimits);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) containers.forEach(defaultHostPorts);
}
