/** The OpenAPI operations of one resource, with upstream's `x-kubernetes-action` and GVK extensions. */
import { idOf } from '../../api/schema/inspect.js';
import type { Resource } from '../registry/generic/resource.js';
import { verbsOf } from '../discovery/resources.js';
import type { Json } from './schemas.js';

const param = (name: string, where: 'path' | 'query', description: string, type = 'string'): Json => ({
  name,
  in: where,
  description,
  ...(where === 'path' ? { required: true } : {}),
  schema: { type, uniqueItems: true },
});

const WRITE_PARAMS = [
  param('dryRun', 'query', 'When present, indicates that modifications should not be persisted.'),
  param(
    'fieldManager',
    'query',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  param(
    'fieldValidation',
    'query',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.',
  ),
];

const LIST_PARAMS = [
  'labelSelector',
  'fieldSelector',
  'limit',
  'continue',
  'resourceVersion',
  'resourceVersionMatch',
  'timeoutSeconds',
  'watch',
  'allowWatchBookmarks',
  'sendInitialEvents',
].map((n) =>
  param(
    n,
    'query',
    `${n} of the list or watch.`,
    n === 'limit' || n === 'timeoutSeconds'
      ? 'integer'
      : n === 'watch' || n === 'allowWatchBookmarks' || n === 'sendInitialEvents'
        ? 'boolean'
        : 'string',
  ),
);

/** Converts a v3-style operation to Swagger 2.0 (body parameter, produces/consumes). */
function toV2(op: Json): Json {
  const { requestBody, responses, parameters, ...rest } = op as {
    requestBody?: Json;
    responses: Json;
    parameters?: Json[];
  };
  const params = (parameters ?? []).map((p) => {
    const { schema, ...others } = p as { schema: Json };
    return { ...others, type: schema.type, uniqueItems: true };
  });
  if (requestBody !== undefined) {
    const content = requestBody.content as Record<string, { schema: Json }>;
    params.push({ name: 'body', in: 'body', required: true, schema: Object.values(content)[0]!.schema } as never);
  }
  const out: Record<string, Json> = {};
  for (const [code, r] of Object.entries(responses as Record<string, Json>)) {
    const content = r.content as Record<string, { schema: Json }> | undefined;
    out[code] = { description: r.description, ...(content ? { schema: Object.values(content)[0]!.schema } : {}) };
  }
  return {
    ...rest,
    parameters: params,
    responses: out,
    consumes: ['*/*'],
    produces: ['application/json', 'application/yaml'],
  };
}

/** The paths of `r`, keyed by URL template. */
export function resourcePaths(r: Resource, refPrefix: string, v3: boolean): Record<string, Json> {
  const { group, version, kind, plural, namespaced } = r.kind;
  const base = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const collection = namespaced ? `${base}/namespaces/{namespace}/${plural}` : `${base}/${plural}`;
  const gvk = { group, version, kind };
  const ref = { $ref: `${refPrefix}${idOf(r.kind.schema) ?? kind}` };
  const listRef = { $ref: `${refPrefix}${idOf(r.kind.schema) ?? kind}List` };
  const json = (schema: Json): Json => ({ content: { 'application/json': { schema } } });
  const verbs = new Set<string>(verbsOf(r));
  const op = (action: string, description: string, extra: Json, responseSchema: Json): Json => ({
    description,
    operationId: `${action}${kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: { '200': { description: 'OK', ...json(responseSchema) }, '401': { description: 'Unauthorized' } },
    ...extra,
  });
  const pathParams = [
    ...(namespaced ? [param('namespace', 'path', 'object name and auth scope, such as for teams and projects')] : []),
  ];
  const collectionOps: Json = { parameters: pathParams };
  if (verbs.has('list'))
    collectionOps.get = op('list', `list or watch objects of kind ${kind}`, { parameters: LIST_PARAMS }, listRef);
  if (verbs.has('create'))
    collectionOps.post = op('post', `create a ${kind}`, { parameters: WRITE_PARAMS, requestBody: json(ref) }, ref);
  if (verbs.has('deletecollection'))
    collectionOps.delete = op(
      'deletecollection',
      `delete collection of ${kind}`,
      { parameters: LIST_PARAMS },
      { type: 'object' },
    );
  const itemOps: Json = { parameters: [param('name', 'path', `name of the ${kind}`), ...pathParams] };
  if (verbs.has('get')) itemOps.get = op('get', `read the specified ${kind}`, {}, ref);
  if (verbs.has('update'))
    itemOps.put = op('put', `replace the specified ${kind}`, { parameters: WRITE_PARAMS, requestBody: json(ref) }, ref);
  if (verbs.has('patch')) {
    itemOps.patch = op(
      'patch',
      `partially update the specified ${kind}`,
      {
        parameters: [...WRITE_PARAMS, param('force', 'query', 'Force is going to "force" Apply requests.', 'boolean')],
        requestBody: {
          content: Object.fromEntries(
            [
              'application/apply-patch+yaml',
              'application/json-patch+json',
              'application/merge-patch+json',
              'application/strategic-merge-patch+json',
            ].map((t) => [t, { schema: { $ref: `${refPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.Patch` } }]),
          ),
        },
      },
      ref,
    );
  }
  if (verbs.has('delete')) itemOps.delete = op('delete', `delete a ${kind}`, {}, { type: 'object' });
  const convert = (ops: Json): Json =>
    v3
      ? ops
      : Object.fromEntries(
          Object.entries(ops).map(([k, v]) => [
            k,
            k === 'parameters'
              ? (v as Json[]).map((p) => toV2({ parameters: [p], responses: {} }).parameters).flat()
              : toV2(v as Json),
          ]),
        );
  const paths: Record<string, Json> = {};
  if (Object.keys(collectionOps).length > 1) paths[collection] = convert(collectionOps);
  if (Object.keys(itemOps).length > 1) paths[`${collection}/{name}`] = convert(itemOps);
  if (r.kind.subresources?.status && verbs.has('get')) {
    const statusOps: Json = { parameters: itemOps.parameters };
    statusOps.get = op('get', `read status of the specified ${kind}`, {}, ref);
    statusOps.put = op(
      'put',
      `replace status of the specified ${kind}`,
      { parameters: WRITE_PARAMS, requestBody: json(ref) },
      ref,
    );
    statusOps.patch = itemOps.patch;
    paths[`${collection}/{name}/status`] = convert(statusOps);
  }
  return paths;
}
