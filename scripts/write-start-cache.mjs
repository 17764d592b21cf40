#!/usr/bin/env node
// `node scripts/write-start-cache.mjs help|parse`, after scripts/bundle-cli.mjs: writes the V8 code cache of
// the start script for one kind of command (bin/startScript.js), made by running those commands once each, in
// a process started like `lucid` is (no Node options), with a throwaway LUCID_HOME. The first `lucid` run
// makes one when this did not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import startScript from '../bin/startScript.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const home = mkdtempSync(join(tmpdir(), 'lucid-start-cache-'));
process.env.LUCID_HOME = home;
process.env.NO_COLOR = '1';
try {
  const kind = process.argv[2];
  const commands = {
    help: [['--help'], ['help', 'parse'], ['--version']],
    parse: [
      ['parse', '--json', '--parser', 'grammar', 'swap 1 ETH for USDC'],
      ['parse', '--parser', 'grammar', 'send 0.5 ETH to alice.eth then swap 100 USDC for DAI'],
      ['parse', '--parser', 'grammar', 'send 1 ETH to'],
    ],
  }[kind];
  if (!commands) throw new Error('usage: write-start-cache.mjs help|parse');
  await startScript.writeStartScriptCache(join(root, 'dist', 'cli', 'bundle', 'start.cjs'), kind, commands);
} finally {
  rmSync(home, { recursive: true, force: true });
}
