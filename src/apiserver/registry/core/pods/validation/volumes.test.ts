import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FieldPath } from '../../../../../machinery/field-errors.js';
import { messages, type Rec } from '../test-fixtures.js';
import { validateVolumes } from './volumes.js';

const PATH = FieldPath.root('spec').child('volumes');
const check = (volume: Rec, podName = 'web'): string[] =>
  messages(validateVolumes([volume], PATH, { isPod: true, hasServiceAccount: true, podName }).errors);

describe('volume sources', () => {
  const cases: [string, Rec, string][] = [
    ['a volume needs a source', { name: 'v' }, 'spec.volumes[0]: Required value: must specify a volume type'],
    ['volume names are DNS labels', { name: 'V', emptyDir: {} }, 'spec.volumes[0].name: Invalid value: "V"'],
    [
      'a secret volume names its secret',
      { name: 'v', secret: {} },
      'spec.volumes[0].secret.secretName: Required value',
    ],
    [
      'file modes are at most 0777',
      { name: 'v', configMap: { name: 'c', defaultMode: 1000 } },
      'spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
    ],
    [
      'items map to relative paths',
      { name: 'v', configMap: { name: 'c', items: [{ key: 'k', path: '/etc/x' }] } },
      'spec.volumes[0].configMap.items[0].path: Invalid value: "/etc/x": must be a relative path',
    ],
    [
      'NFS paths are absolute',
      { name: 'v', nfs: { server: 's', path: 'data' } },
      'spec.volumes[0].nfs.path: Invalid value: "data": must be an absolute path',
    ],
    [
      'hostPath types are the known ones',
      { name: 'v', hostPath: { path: '/x', type: 'Dir' } },
      'spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ],
    [
      'projected sources may not write the same path twice',
      {
        name: 'v',
        projected: {
          sources: [
            { configMap: { name: 'a', items: [{ key: 'k', path: 'p' }] } },
            { secret: { name: 'b', items: [{ key: 'k', path: 'p' }] } },
          ],
        },
      },
      'spec.volumes[0].projected: Invalid value: "b": conflicting duplicate paths',
    ],
    [
      'service account tokens live at least ten minutes',
      { name: 'v', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 60 } }] } },
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ],
    [
      'downward API files name a field or a resource',
      { name: 'v', downwardAPI: { items: [{ path: 'x' }] } },
      'spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
    ],
    [
      'ephemeral volumes make claims named after the pod',
      {
        name: 'v',
        ephemeral: {
          volumeClaimTemplate: {
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        },
      },
      'spec.volumes[0].name: Invalid value: "v": PVC name "Web-v"',
    ],
  ];
  for (const [name, volume, expected] of cases) {
    test(name, () => {
      const got = check(volume, name.startsWith('ephemeral') ? 'Web' : 'web');
      assert.ok(
        got.some((m) => m.startsWith(expected)),
        `expected ${expected}\n got ${JSON.stringify(got)}`,
      );
    });
  }

  test('a valid volume of each common kind passes', () => {
    for (const volume of [
      { name: 'a', emptyDir: { medium: 'Memory' } },
      { name: 'b', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'c', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'd', csi: { driver: 'csi.example.com' } },
      { name: 'e', image: { reference: 'busybox', pullPolicy: 'IfNotPresent' } },
    ]) {
      assert.deepEqual(check(volume), [], JSON.stringify(volume));
    }
  });
});
