/** UserInfo (authentication.k8s.io/v1): who a request is from, as authentication found it. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, mapOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

/**
 * ExtraValue: a list of strings in JSON. Protobuf wraps it in a message whose field 1 (`items`) holds the
 * strings, as map values cannot be repeated fields.
 */
export const ExtraValue = { ...arrayOf(str()), $id: 'io.k8s.api.authentication.v1.ExtraValue' } as ReturnType<
  typeof arrayOf<ReturnType<typeof str>>
>;

export const UserInfo = struct('io.k8s.api.authentication.v1.UserInfo', {
  username: field(1, str()),
  uid: field(2, str()),
  groups: field(3, arrayOf(str()), { listType: 'atomic' }),
  extra: field(4, mapOf(ExtraValue)),
});
export type UserInfo = Static<typeof UserInfo>;
