/** Security settings of pods and containers. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, bool, int64, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const Capabilities = struct('io.k8s.api.core.v1.Capabilities', {
  add: field(1, arrayOf(str()), { listType: 'atomic' }),
  drop: field(2, arrayOf(str()), { listType: 'atomic' }),
});

export const SELinuxOptions = struct('io.k8s.api.core.v1.SELinuxOptions', {
  user: field(1, str()),
  role: field(2, str()),
  type: field(3, str()),
  level: field(4, str()),
});

export const SeccompProfileType = ['Localhost', 'RuntimeDefault', 'Unconfined'] as const;

export const SeccompProfile = struct(
  'io.k8s.api.core.v1.SeccompProfile',
  {
    type: field(1, str({ enum: SeccompProfileType })),
    localhostProfile: field(2, str()),
  },
  { required: ['type'] },
);

export const AppArmorProfileType = ['Localhost', 'RuntimeDefault', 'Unconfined'] as const;

export const AppArmorProfile = struct(
  'io.k8s.api.core.v1.AppArmorProfile',
  {
    type: field(1, str({ enum: AppArmorProfileType })),
    localhostProfile: field(2, str()),
  },
  { required: ['type'] },
);

export const WindowsSecurityContextOptions = struct('io.k8s.api.core.v1.WindowsSecurityContextOptions', {
  gmsaCredentialSpecName: field(1, str()),
  gmsaCredentialSpec: field(2, str()),
  runAsUserName: field(3, str()),
  hostProcess: field(4, bool()),
});

export const Sysctl = struct(
  'io.k8s.api.core.v1.Sysctl',
  {
    name: field(1, str()),
    value: field(2, str()),
  },
  { required: ['name', 'value'] },
);

export const Ulimit = struct(
  'io.k8s.api.core.v1.Ulimit',
  {
    name: field(1, str()),
    hard: field(2, int64()),
    soft: field(3, int64()),
  },
  { required: ['name', 'hard', 'soft'] },
);

export const ProcMountType = ['Default', 'Unmasked'] as const;

/** A container's security settings; they override the pod's. */
export const SecurityContext = struct('io.k8s.api.core.v1.SecurityContext', {
  capabilities: field(1, Capabilities),
  privileged: field(2, bool()),
  seLinuxOptions: field(3, SELinuxOptions),
  windowsOptions: field(10, WindowsSecurityContextOptions),
  runAsUser: field(4, int64()),
  runAsGroup: field(8, int64()),
  runAsNonRoot: field(5, bool()),
  readOnlyRootFilesystem: field(6, bool()),
  allowPrivilegeEscalation: field(7, bool()),
  procMount: field(9, str({ enum: ProcMountType })),
  seccompProfile: field(11, SeccompProfile),
  appArmorProfile: field(12, AppArmorProfile),
  ulimits: field(13, arrayOf(Ulimit), { listType: 'map', listMapKeys: ['name'] }),
});
export type SecurityContext = Static<typeof SecurityContext>;

/** Pod-level security settings and defaults for its containers. */
export const PodSecurityContext = struct('io.k8s.api.core.v1.PodSecurityContext', {
  seLinuxOptions: field(1, SELinuxOptions),
  windowsOptions: field(8, WindowsSecurityContextOptions),
  runAsUser: field(2, int64()),
  runAsGroup: field(6, int64()),
  runAsNonRoot: field(3, bool()),
  supplementalGroups: field(4, arrayOf(int64()), { listType: 'atomic' }),
  supplementalGroupsPolicy: field(12, str({ enum: ['Merge', 'Strict'] })),
  fsGroup: field(5, int64()),
  sysctls: field(7, arrayOf(Sysctl), { listType: 'atomic' }),
  fsGroupChangePolicy: field(9, str({ enum: ['Always', 'OnRootMismatch'] })),
  seccompProfile: field(10, SeccompProfile),
  appArmorProfile: field(11, AppArmorProfile),
  seLinuxChangePolicy: field(13, str()),
});
export type PodSecurityContext = Static<typeof PodSecurityContext>;
