/**
 * The house rules of ../shared/ARCHITECTURE.md, checked in the lint step.
 * Only the API server (and cmd/, which wires it) may import storage: every other component reaches
 * cluster state through the API (src/client).
 */
module.exports = {
  forbidden: [
    {
      name: 'only-apiserver-imports-storage',
      comment:
        'Everything talks through the API server: only src/apiserver (and its wiring in src/cmd) imports src/storage.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(apiserver|storage|cmd)/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'components-do-not-import-apiserver',
      comment: 'Scheduler, controllers, kubelet, proxy, dns and add-ons are clients: they never import the API server.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(apiserver|cmd)/' },
      to: { path: '^src/apiserver/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
