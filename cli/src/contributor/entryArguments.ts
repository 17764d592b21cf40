/**
 * What the registry verbs read from their arguments: entry ids, endpoints, and an entry's metadata (from a
 * metadata file, or from an agent module). Each is checked here, with an error that names the argument.
 */
import { InputError } from '../../../kernel/errors.js';
import type { EntryMetadata, RegistryKind } from '../../../runtime/index.js';
import { sanitize } from '../output.js';

/** Entry ids are positive integers. */
export function parseEntryId(kind: RegistryKind, text: string): bigint {
  if (!/^[1-9]\d{0,76}$/.test(text.trim())) throw new InputError('BAD_ENTRY_ID', `${kind} id must be a positive number like 1, got "${sanitize(text, 40)}"`);
  return BigInt(text.trim());
}

/** An endpoint must be an http(s) URL without credentials. */
export function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError('BAD_ENDPOINT', `--endpoint must be a URL like http://127.0.0.1:8787, got "${sanitize(endpoint, 60)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('BAD_ENDPOINT', '--endpoint must be an http:// or https:// URL');
  if (url.username || url.password) throw new InputError('BAD_ENDPOINT', '--endpoint must not contain credentials');
  return endpoint.replace(/\/+$/, '');
}

/**
 * How each kind learns the metadata of a new entry from the `register` argument: an agent from its module
 * path or its endpoint's /health; a frontend or compute entry from a name and options.
 */
export type DescribeEntry = (argument: string, options: { endpoint?: string | undefined; description?: string | undefined; tags?: string | undefined }) => Promise<{ metadata: EntryMetadata; endpoint: string }>;

/** New metadata for `update --metadata`: a metadata JSON file, or (agents) an agent module. */
export async function metadataFromSource(kind: RegistryKind, source: string, endpoint: string | undefined): Promise<EntryMetadata> {
  const { entryMetadataSchema, agentMetadata, loadAgent } = await import('../../../runtime/index.js');
  if (source.endsWith('.json')) {
    const { readFileSync } = await import('node:fs');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(source, 'utf8'));
    } catch {
      throw new InputError('BAD_METADATA', `cannot read metadata JSON from ${sanitize(source, 120)}`);
    }
    const parsed = entryMetadataSchema.safeParse(json);
    if (!parsed.success) throw new InputError('BAD_METADATA', `${sanitize(source, 120)} is not valid entry metadata: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    if (parsed.data.kind !== kind) throw new InputError('BAD_METADATA', `${sanitize(source, 120)} describes a ${parsed.data.kind}, not a ${kind}`);
    return parsed.data;
  }
  if (kind !== 'agent') throw new InputError('BAD_METADATA', '--metadata must be a .json file');
  return agentMetadata(await loadAgent(source), endpoint);
}
