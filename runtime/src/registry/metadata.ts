/**
 * Entry metadata: the JSON that describes a registered agent/frontend/compute entry. Lucid "pins" it by
 * content: the file is `$LUCID_HOME/metadata/<sha256>.json`, the onchain URI `lucid-metadata:<sha256>` and
 * the onchain content hash the same sha256 as bytes32, so anyone holding the file can check it.
 *
 * Metadata is untrusted input written by whoever registered the entry: it is parsed with a strict schema,
 * its text is sanitized before display, and it is never executed or given to a language model.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hex } from 'viem';
import * as z from 'zod';
import type { Agent } from '../../../kernel/index.js';
import { registryKinds } from './kinds.js';

export const entryIdPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const entryMetadataSchema = z
  .object({
    id: z.string().regex(entryIdPattern).describe('Entry name, e.g. the agent id its plans are signed with.'),
    kind: z.enum(registryKinds).describe('Which registry the entry belongs to.'),
    description: z.string().max(500).describe('What it does, one paragraph.'),
    actions: z.array(z.string().max(32)).max(16).describe('Actions or capabilities served.'),
    chains: z.array(z.number().int().nonnegative()).max(64).describe('Chain ids served; empty means every chain.'),
    endpoint: z.string().max(300).optional().describe('HTTP endpoint, when served remotely.'),
    params: z.unknown().optional().describe('JSON schema of the intent fields the agent reads.'),
  })
  .strict();
export type EntryMetadata = z.infer<typeof entryMetadataSchema>;

export type PinnedMetadata = { uri: string; contentHash: Hex; path: string; sha256: string };

/** Where pinned metadata lives under `$LUCID_HOME`. */
export function metadataDir(home: string): string {
  return join(home, 'metadata');
}

/**
 * Writes `metadata` to `$LUCID_HOME/metadata/<sha256>.json` (atomically) and returns its URI and content hash.
 *
 * @example const { uri, contentHash } = pinMetadata({ home, metadata })
 */
export function pinMetadata({ home, metadata }: { home: string; metadata: EntryMetadata }): PinnedMetadata {
  const { text, sha256 } = metadataBytes(metadata);
  const dir = metadataDir(home);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${sha256}.json`);
  if (!existsSync(path)) {
    const staging = `${path}.${process.pid}.tmp`;
    writeFileSync(staging, text);
    renameSync(staging, path);
  }
  return { uri: `lucid-metadata:${sha256}`, contentHash: `0x${sha256}`, path, sha256 };
}

/** The canonical bytes of `metadata` and their digest: what {@link pinMetadata} writes, without writing it. */
export function metadataBytes(metadata: EntryMetadata): { text: string; sha256: string; uri: string; contentHash: Hex } {
  const text = `${JSON.stringify(entryMetadataSchema.parse(metadata), null, 2)}\n`;
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { text, sha256, uri: `lucid-metadata:${sha256}`, contentHash: `0x${sha256}` };
}

/**
 * The metadata behind `uri`, when it is available locally and its bytes hash to `contentHash`; otherwise
 * `undefined` (unknown scheme, missing file, hash mismatch, or not valid metadata). Never fetches.
 */
export function readPinnedMetadata({ dir, uri, contentHash }: { dir: string; uri: string; contentHash: string }): EntryMetadata | undefined {
  let path: string | undefined;
  const pinned = /^lucid-metadata:([0-9a-f]{64})$/.exec(uri);
  if (pinned) path = join(dir, `${pinned[1]}.json`);
  else if (uri.startsWith('file://')) {
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  if (!path || !existsSync(path)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  if (bytes.length > 256 * 1024) return undefined;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (`0x${sha256}` !== contentHash.toLowerCase()) return undefined;
  try {
    const parsed = entryMetadataSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The metadata Lucid publishes for a local agent module. */
export function agentMetadata(agent: Agent, endpoint: string | undefined): EntryMetadata {
  let params: unknown;
  try {
    params = z.toJSONSchema(agent.params, { unrepresentable: 'any' });
  } catch {
    params = undefined;
  }
  return {
    id: agent.id,
    kind: 'agent',
    description: agent.description.slice(0, 500),
    actions: [...agent.actions],
    chains: [...agent.chains],
    ...(endpoint ? { endpoint } : {}),
    ...(params !== undefined ? { params } : {}),
  };
}

/**
 * Untrusted text made safe for one terminal line: control and bidi characters removed, whitespace
 * collapsed, length capped.
 */
export function sanitizeText(text: string, maxLength = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}
