/**
 * The session a contributor command (`lucid agent|frontend|compute`, `stake`/`rewards`, `emissions`) works in:
 * the devnet started on demand, and the registry index brought up to the chain head first, so what the
 * command reads or checks (an entry's owner, the entries list) is current. The session's store is the only
 * one the command uses.
 */
import type { Session } from '../../../runtime/index.js';
import type { ReadOptions } from '../commands/options.js';
import { paint, say } from '../output.js';

export async function openContributorSession(options: ReadOptions, { sync = true }: { sync?: boolean } = {}): Promise<Session> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings(options);
  const { openSession, registryContractsFrom, syncSessionRegistry } = await import('../../../runtime/index.js');
  const progress = options.json ? () => {} : (message: string) => say(paint(message, 'dim'));
  const session = await openSession({ settings, onProgress: progress });
  if (!sync) return session;
  try {
    registryContractsFrom(session.contracts); // REGISTRY_NOT_DEPLOYED, before anything else
    await syncSessionRegistry(session);
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}
