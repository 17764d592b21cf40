/**
 * Plans an assistant simulated over MCP, kept as plan bundles (../bundle/planBundle.ts) in
 * `$LUCID_HOME/mcp-plans/<plan id>.json` until they are executed, approved, or expire — so `lucid approve
 * <plan id>`, in the person's terminal, signs exactly the plan the assistant was shown, re-simulated.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfraError, InputError } from '../../../kernel/index.js';
import { serializePlanBundle, type PlanBundle } from '../bundle/planBundle.js';

/** How long a plan simulated over MCP may wait: short, the market moves. */
export const mcpPlanTtlMs = 10 * 60 * 1000;
const planIdPattern = /^[0-9a-f]{16}$/;

export function mcpPlanPath(home: string, planId: string): string {
  if (!planIdPattern.test(planId)) throw new InputError('PLAN_ID_INVALID', `"${planId.slice(0, 40)}" is not a plan id (16 hex digits from simulate_intent)`);
  return join(home, 'mcp-plans', `${planId}.json`);
}

export async function saveMcpPlan(home: string, bundle: PlanBundle): Promise<string> {
  const planId = randomBytes(8).toString('hex');
  try {
    await mkdir(join(home, 'mcp-plans'), { recursive: true, mode: 0o700 });
    await writeFile(mcpPlanPath(home, planId), serializePlanBundle(bundle), { mode: 0o600 });
  } catch (error) {
    throw new InfraError('PLAN_WRITE_FAILED', 'cannot save the plan', { cause: error });
  }
  return planId;
}

export async function readMcpPlan(home: string, planId: string): Promise<string> {
  try {
    return await readFile(mcpPlanPath(home, planId), 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('PLAN_NOT_FOUND', `no plan ${planId}: it was executed, approved, or never made here`, {
      hints: ['simulate it again with simulate_intent'],
      cause: error,
    });
  }
}

export async function removeMcpPlan(home: string, planId: string): Promise<void> {
  await rm(mcpPlanPath(home, planId), { force: true });
}
