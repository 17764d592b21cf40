/**
 * The runtime's store alone: Lucid's local data (past runs and their transactions, contacts, the prompt's
 * input history), for commands that need no chain — `lucid history`, `lucid contacts`. It loads SQLite and
 * nothing of the chain side (viem), so those commands start as fast as they did when they opened the
 * database themselves. Everything here is also exported by ./index.ts; with a session open, use its store
 * (`session.store`), never a second one.
 */
export { openStore, storePath, type Store } from './src/store/db.js';
export { listRuns, getRun, type Run, type RunStatus } from './src/store/runs.js';
export { listTxs, listPendingTxs, type Tx } from './src/store/txs.js';
export { addContact, removeContact, listContacts, type Contact } from './src/store/contacts.js';
export { appendInput, listInputs } from './src/store/inputHistory.js';
