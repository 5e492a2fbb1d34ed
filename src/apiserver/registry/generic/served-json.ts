/**
 * An object's JSON as served (type meta first, its resourceVersion set), made from the text it was stored as
 * instead of serializing the object again. Stored text is the object without `metadata.resourceVersion` (see
 * codec.ts); when it begins with the served apiVersion, the kind and then the metadata, as objects written
 * by clients do, the resourceVersion is put at the head of the metadata. Same members, one serialization
 * fewer: a write's answer and its watch line each used to serialize the whole object again.
 */

/**
 * The served JSON of the object stored as `stored`, with `resourceVersion`; undefined when `stored` does not
 * begin `{"apiVersion":…,"kind":…,"metadata":{` with these values (the caller then serializes the object).
 */
export function servedJson(
  stored: string,
  apiVersion: string,
  kind: string,
  resourceVersion: string,
): string | undefined {
  const head = `{"apiVersion":${JSON.stringify(apiVersion)},"kind":${JSON.stringify(kind)},"metadata":{`;
  if (!stored.startsWith(head)) return undefined;
  const rest = stored.slice(head.length);
  const version = `"resourceVersion":${JSON.stringify(resourceVersion)}`;
  return `${head}${version}${rest.startsWith('}') ? '' : ','}${rest}`;
}
