import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { builtinAgents } from './index.js';

describe('builtinAgents', () => {
  test('default: every agent has a unique id, actions, and described params', () => {
    const agents = builtinAgents();
    expect(agents.map((agent) => agent.id)).toEqual(['transfer', 'weth', 'uniswap-v2', 'v2-fork', 'uniswap-v3', 'approve', 'balance', 'capital', 'aave']);
    for (const agent of agents) {
      expect(agent.actions.length, agent.id).toBeGreaterThan(0);
      expect(agent.params).toBeInstanceOf(z.ZodObject);
      const shape = (agent.params as z.ZodObject).shape;
      for (const [field, schema] of Object.entries(shape)) expect((schema as z.ZodType).description, `${agent.id}.${field}`).toBeTruthy();
    }
  });

  test('behavior: every intent action is served by some built-in agent (lending by the Aave agent)', () => {
    const served = new Set(builtinAgents().flatMap((agent) => agent.actions));
    expect([...served].sort()).toEqual(['approve', 'balance', 'claim', 'revoke', 'stake', 'supply', 'swap', 'transfer', 'unstake', 'unwrap', 'withdraw', 'wrap']);
  });
});
