import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{kernel,cli,router,agents,runtime,registry-contracts,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'dist/**', 'agents/templates/**'],
    // Integration tests start real anvil processes; two cores, so keep the pool small and give chains time.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
