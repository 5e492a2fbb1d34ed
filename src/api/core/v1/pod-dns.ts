/** A pod's name resolution: extra /etc/hosts entries and resolver settings. */
import { arrayOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const HostAlias = struct(
  'io.k8s.api.core.v1.HostAlias',
  {
    ip: field(1, str()),
    hostnames: field(2, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['ip'] },
);

export const PodDNSConfigOption = struct('io.k8s.api.core.v1.PodDNSConfigOption', {
  name: field(1, str()),
  value: field(2, str()),
});

export const PodDNSConfig = struct('io.k8s.api.core.v1.PodDNSConfig', {
  nameservers: field(1, arrayOf(str()), { listType: 'atomic' }),
  searches: field(2, arrayOf(str()), { listType: 'atomic' }),
  options: field(3, arrayOf(PodDNSConfigOption), { listType: 'atomic' }),
});
