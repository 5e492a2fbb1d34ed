/** Content negotiation: which representation a request's Accept header asks for. */
import { notAcceptable } from '../../machinery/status.js';

export type Representation =
  | { readonly as: 'object'; readonly mediaType: 'application/json' | 'application/yaml' }
  | { readonly as: 'Table'; readonly version: 'v1' | 'v1beta1' }
  | { readonly as: 'PartialObjectMetadata'; readonly version: 'v1' | 'v1beta1'; readonly list: boolean };

interface MediaRange {
  readonly type: string;
  readonly params: Record<string, string>;
}

/** The media ranges of an Accept header, in order. */
export function parseAccept(accept: string | undefined): MediaRange[] {
  if (accept === undefined || accept.trim() === '') return [{ type: '*/*', params: {} }];
  return accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    return {
      type: type.toLowerCase(),
      params: Object.fromEntries(params.map((p) => p.split('=').map((s) => s.trim()) as [string, string])),
    };
  });
}

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*', 'application/json-patch+json']);

/** Answers by Accept header: clients send the same few headers on every request. */
const answers = new Map<string, Representation>();
const ANSWERS_LIMIT = 256;

/**
 * The first representation of an object or list that the client accepts and the server can produce.
 * @throws StatusError 406 when none is acceptable.
 */
export function negotiate(accept: string | undefined): Representation {
  if (accept === undefined) return chooseRepresentation(accept);
  let answer = answers.get(accept);
  if (answer === undefined) {
    answer = chooseRepresentation(accept);
    if (answers.size >= ANSWERS_LIMIT) answers.clear();
    answers.set(accept, answer);
  }
  return answer;
}

function chooseRepresentation(accept: string | undefined): Representation {
  for (const range of parseAccept(accept)) {
    const as = range.params.as;
    if (as !== undefined) {
      if (range.type !== 'application/json' || range.params.g !== 'meta.k8s.io') continue;
      const version = range.params.v === 'v1beta1' ? 'v1beta1' : range.params.v === 'v1' ? 'v1' : undefined;
      if (version === undefined) continue;
      if (as === 'Table') return { as: 'Table', version };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
        return { as: 'PartialObjectMetadata', version, list: as === 'PartialObjectMetadataList' };
      }
      continue;
    }
    if (JSON_TYPES.has(range.type)) return { as: 'object', mediaType: 'application/json' };
    if (range.type === 'application/yaml') return { as: 'object', mediaType: 'application/yaml' };
  }
  throw notAcceptable(
    'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;g=meta.k8s.io;v=v1',
  );
}
