/**
 * A recipient paid twice in the same token in one request ("send 5 DAI to alice and 5 DAI to alice", "2 DAI
 * each to alice, bob and alice", an address written once checksummed and once in lower case) is more likely
 * a slip — a name typed twice, or a second name meant — than two payments meant; either reading could be
 * wrong, so the request is `AMBIGUOUS_INTENT`, naming the recipient, and never signed as read. The same
 * recipient in different tokens ("0.1 ETH and 5 USDC to bob") and a payment of what a step before produced
 * are different payments and stay.
 */
import { intentErrorCodes, InputError } from '../../../kernel/core.js';
import { quote } from './errors.js';

type Step = { action: string; amount?: string | undefined; token?: string | undefined; to?: string | undefined };

/**
 * @throws InputError `AMBIGUOUS_INTENT` when two transfers pay the same recipient in the same token.
 */
export function checkDuplicatePayments(steps: readonly Step[]): void {
  const seen = new Set<string>();
  for (const step of steps) {
    if (step.action !== 'transfer' || step.to === undefined || step.token === undefined || step.amount === 'previous') continue;
    const key = `${step.to.toLowerCase()}\u0000${step.token.toLowerCase()}`;
    if (seen.has(key))
      throw new InputError(intentErrorCodes.ambiguous, `not done: ${quote(step.to)} is paid ${step.token} twice: say each recipient once, with the total they should get`, {
        hints: ['give each recipient one amount, like: send 5 DAI to alice and 6 DAI to bob'],
      });
    seen.add(key);
  }
}
