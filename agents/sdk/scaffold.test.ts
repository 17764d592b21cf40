import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { erc20Abi, parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../../kernel/index.js';
import { loadAgent } from './loadAgentModule.js';
import { scaffoldAgent } from './scaffold.js';
import { devnetContext, executePlan, startTestDevnet, type TestDevnet } from './testing.js';

let devnet: TestDevnet;
let scratch: string;

beforeAll(async () => {
  devnet = await startTestDevnet();
  scratch = mkdtempSync(join(tmpdir(), 'lucid-scaffold-'));
});
afterAll(async () => {
  await devnet?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('scaffoldAgent + loadAgent', () => {
  test('default: the scaffolded agent loads and its plan wraps ETH on the devnet', async () => {
    const dir = join(scratch, 'tip-jar');
    const { files } = scaffoldAgent({ name: 'tip-jar', dir });
    expect(files).toEqual(['README.md', 'agent.test.ts', 'agent.ts', 'package.json', 'schemas.ts', 'tsconfig.json']);
    const source = readFileSync(join(dir, 'agent.ts'), 'utf8');
    expect(source).not.toMatch(/\{\{\w+\}\}/);
    expect(source).toContain("id: 'tip-jar'");

    const agent = await loadAgent(join(dir, 'agent.ts'));
    expect(agent).toMatchObject({ id: 'tip-jar', actions: ['wrap'] });
    const ctx = await devnetContext(devnet);
    const plan = await agent.plan(ctx, {
      action: 'wrap',
      token: { address: 'ETH', symbol: 'ETH', decimals: 18, verified: true },
      amount: { kind: 'exact', value: parseEther('0.5') },
      slippageBps: 50,
    });
    const weth = ctx.contracts.weth!;
    const balance = () => ctx.client.readContract({ address: weth, abi: erc20Abi, functionName: 'balanceOf', args: [ctx.account] });
    const before = await balance();
    await executePlan(devnet.rpcUrl, plan);
    expect((await balance()) - before).toBe(parseEther('0.5'));
  });

  test('errors: BAD_AGENT_NAME and DIR_NOT_EMPTY (nothing is overwritten)', () => {
    for (const name of ['Tip', 'x', '1abc', 'a_b', 'ab-', '../evil'])
      expect(() => scaffoldAgent({ name, dir: join(scratch, 'bad') }), name).toThrowError(expect.objectContaining({ code: 'BAD_AGENT_NAME' }));
    const dir = join(scratch, 'taken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'agent.ts'), 'mine');
    expect(() => scaffoldAgent({ name: 'taken', dir })).toThrowError(expect.objectContaining({ code: 'DIR_NOT_EMPTY' }));
    expect(readFileSync(join(dir, 'agent.ts'), 'utf8')).toBe('mine');
  });

  test('errors: loadAgent names what is missing, and a missing file', async () => {
    const file = join(scratch, 'broken.mjs');
    writeFileSync(file, "export default { id: 'broken', actions: [] };\n");
    const error = await loadAgent(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('AGENT_INVALID');
    expect((error as InputError).details).toContain('plan must be a function');
    await expect(loadAgent(join(scratch, 'nope.ts'))).rejects.toMatchObject({ code: 'AGENT_NOT_FOUND' });
    const syntax = join(scratch, 'syntax.ts');
    writeFileSync(syntax, 'export const = ;\n');
    await expect(loadAgent(syntax)).rejects.toMatchObject({ code: 'AGENT_LOAD_FAILED' });
    // Outside the repo and without the link `lucid agent init` makes, lucid/sdk does not resolve: say how to fix it.
    const unlinked = join(mkdtempSync(join(tmpdir(), 'lucid-unlinked-')), 'agent.ts');
    writeFileSync(unlinked, "import { defineAgent } from 'lucid/sdk';\nexport default defineAgent;\n");
    await expect(loadAgent(unlinked)).rejects.toMatchObject({ code: 'AGENT_LOAD_FAILED', hints: [expect.stringContaining('npm link lucid')] });
    rmSync(join(unlinked, '..'), { recursive: true, force: true });
  });
});
