/** What the session's account spent in the last day, by token symbol (base units): the daily limits' input. */
import type { Session } from '../session/types.js';
import { sumSpentSince } from '../store/spends.js';

export function spentToday(session: Session): Record<string, bigint> {
  const spent: Record<string, bigint> = {};
  for (const token of session.tokens)
    spent[token.symbol] = sumSpentSince(session.store.db, { chainId: session.chainId, account: session.account.address, token: token.address === 'ETH' ? 'ETH' : token.address });
  return spent;
}
