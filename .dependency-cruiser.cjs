/**
 * The layering of Lucid, enforced (`npm run lint:layers`, part of `npm test`). Bottom to top:
 *
 *   kernel → router, agents, registry-contracts → runtime → cli;   bench/ and scripts/ are tools on top.
 *
 * A package imports only packages below it, and only through their entries (below): never a file inside
 * them. Tests (and the `testing` entries that serve them) sit on top of everything: they may use any
 * package's entries, the testing ones included, but never a package's insides either.
 */

/** Every way into a package from outside it. Anything else in a package is its own business. */
const entries = [
  'kernel/index.ts',
  'kernel/errors.ts', // errors and exit codes without zod: the CLI's startup path
  'kernel/core.ts', // the kernel without zod's schemas: the start path of `lucid parse`
  'router/parse.ts', // words → intents without zod or the LLM client loaded up front: `lucid parse`
  'kernel/timing.ts', // LUCID_TRACE_TIMING's phase marks: no imports, anyone may mark
  'router/index.ts',
  'router/testing.ts',
  'agents/index.ts',
  'agents/sdk/index.ts', // what agent code imports, built-in or outside
  'agents/sdk/testing.ts',
  'registry-contracts/index.ts',
  'registry-contracts/artifacts.ts', // every contract's bytecode and the registry deployer: deploying only
  'registry-contracts/generated/bytecode/[A-Za-z0-9_]+.ts', // one contract's bytecode (the simulator's lens)
  'runtime/index.ts',
  'runtime/store.ts', // the store without viem, for commands that need no chain
  'runtime/testing.ts',
];
const entry = `^(${entries.map((path) => path.replace(/[.]/g, '\\.')).join('|')})$`;
const packages = '(kernel|router|agents|registry-contracts|runtime|cli|bench|scripts)';
const tests = ['\\.test\\.tsx?$', '/test-utils/', '(^|/)testing\\.ts$', '/testing/'];
/** The modules `lucid --help` loads: they may hold types of the layers below, but load none of them. */
const startupPath = '^cli/src/(main|output|version|commands/[^/]+|contributor/[^/]+)\\.ts$';

/** `from` may not import `to` (production code; tests are exempt from the arrows, not from the entries). */
const arrow = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from, pathNot: tests }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'only-through-entries',
      comment: 'Another package is reached only through one of its entries (see `entries` above), never a file inside it.',
      severity: 'error',
      from: { path: `^${packages}/` },
      to: { path: `^${packages}/`, pathNot: ['^$1/', entry] },
    },
    arrow('kernel-imports-nothing-of-ours', '^kernel/', `^(router|agents|registry-contracts|runtime|cli|bench|scripts)/`, 'The kernel is the ground floor.'),
    arrow('router-is-words-only', '^router/', `^(agents|registry-contracts|runtime|cli|bench|scripts)/`, 'The router needs no chain, agent or database: the kernel only.'),
    arrow('agents-use-kernel-and-sdk', '^agents/', `^(router|registry-contracts|runtime|cli|bench|scripts)/`, 'Agents depend on the kernel and their SDK only.'),
    arrow('contracts-use-kernel', '^registry-contracts/', `^(router|agents|runtime|cli|bench|scripts)/`, 'The contracts package sits beside router and agents.'),
    arrow('runtime-below-cli', '^runtime/', `^(cli|bench|scripts)/`, 'The runtime serves front ends; it does not know them.'),
    arrow('cli-through-runtime', '^cli/', `^(agents|registry-contracts|bench|scripts)/`, 'The CLI reaches agents and contracts through the runtime.'),
    arrow('sdk-below-built-ins', '^agents/sdk/', '^agents/(?!sdk/|index\\.ts$)', 'The SDK does not know the built-in agents.'),
    {
      name: 'built-ins-use-the-sdk-entry',
      comment: 'A built-in agent imports the SDK as an outside agent would: agents/sdk/index.ts (tests: also testing.ts).',
      severity: 'error',
      from: { path: '^agents/(?!sdk/|index\\.ts$)' },
      to: { path: '^agents/sdk/', pathNot: '^agents/sdk/(index|testing)\\.ts$' },
    },
    {
      name: 'sql-only-in-the-store',
      comment: 'SQLite is opened and queried only in runtime/src/store; everything else calls its query modules.',
      severity: 'error',
      from: { pathNot: '^runtime/src/store/' },
      to: { path: '(^|/)node_modules/better-sqlite3/' },
    },
    {
      name: 'cli-startup-stays-light',
      comment: '`lucid --help` loads commander and the command definitions only: the layers below (and zod, viem, SQLite, React) load when a command runs.',
      severity: 'error',
      from: { path: startupPath, pathNot: tests },
      to: {
        path: ['^(kernel/index|router|agents|registry-contracts|runtime)', '(^|/)node_modules/(zod|viem|better-sqlite3|ink|react|@langchain)/'],
        dynamic: false,
        dependencyTypesNot: ['type-only', 'type-import'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^agents/templates/', '^dist/', '^registry-contracts/(lib|out|cache)/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
