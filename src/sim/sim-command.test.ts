import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLabels, parseSimArgs, parseTaints } from './sim-command.js';

describe('parseSimArgs', () => {
  test('the flags become simulator options', () => {
    const args = parseSimArgs([
      '--nodes',
      '5',
      '--kubeconfig',
      '/tmp/kc',
      '--name-prefix',
      'n-',
      '--cpu',
      '4',
      '--memory',
      '8Gi',
      '--pods',
      '20',
      '--labels',
      'zone=a,tier=sim',
      '--taints',
      'gpu=yes:NoSchedule,spot:PreferNoSchedule',
      '--heartbeat-seconds',
      '2',
    ]);
    assert.equal(args.kind, 'run');
    if (args.kind !== 'run') return;
    assert.equal(args.kubeconfig, '/tmp/kc');
    assert.equal(args.options.nodes, 5);
    assert.equal(args.options.namePrefix, 'n-');
    assert.deepEqual(args.options.capacity, { cpu: '4', memory: '8Gi', pods: '20', 'ephemeral-storage': '100Gi' });
    assert.deepEqual(args.options.labels, { zone: 'a', tier: 'sim' });
    assert.deepEqual(args.options.taints, [
      { key: 'gpu', value: 'yes', effect: 'NoSchedule' },
      { key: 'spot', effect: 'PreferNoSchedule' },
    ]);
    assert.equal(args.options.heartbeatSeconds, 2);
  });

  const errors: { name: string; argv: string[]; message: RegExp }[] = [
    { name: 'a missing node count is refused', argv: ['--kubeconfig', 'k'], message: /--nodes/ },
    { name: 'a negative node count is refused', argv: ['--nodes', '-1', '--kubeconfig', 'k'], message: /--nodes/ },
    { name: 'a missing kubeconfig is refused', argv: ['--nodes', '1'], message: /--kubeconfig/ },
    { name: 'an unknown flag is refused', argv: ['--nodes', '1', '--kubeconfig', 'k', '--bogus'], message: /bogus/ },
    {
      name: 'a zero heartbeat is refused',
      argv: ['--nodes', '1', '--kubeconfig', 'k', '--heartbeat-seconds', '0'],
      message: /heartbeat-seconds/,
    },
  ];
  for (const c of errors) {
    test(c.name, () => {
      const args = parseSimArgs(c.argv);
      assert.equal(args.kind, 'error');
      if (args.kind === 'error') assert.match(args.message, c.message);
    });
  }

  test('--help asks for help', () => assert.equal(parseSimArgs(['--help']).kind, 'help'));
});

describe('parseLabels and parseTaints', () => {
  test('a label value may contain "="', () => assert.deepEqual(parseLabels('a=b=c'), { a: 'b=c' }));
  test('a label without "=" is refused', () => assert.throws(() => parseLabels('a'), /key=value/));
  test('a taint with an unknown effect is refused', () => assert.throws(() => parseTaints('k=v:Sometimes'), /Effect/));
  test('a taint without an effect is refused', () => assert.throws(() => parseTaints('k=v'), /Effect/));
});
