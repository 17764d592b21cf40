#!/usr/bin/env node
// `node scripts/write-help-text.mjs`, after tsc and scripts/bundle-cli.mjs: records what `lucid --help`,
// `--version` and every command's `--help` print (cli/src/helpText.ts runs the real program for each) into
// dist/cli/bundle/help.json, which bin/lucid.js prints from without loading the program. Run with a throwaway
// LUCID_HOME: recording only prints, but nothing of the builder's own home is touched if it ever did more.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const home = mkdtempSync(join(tmpdir(), 'lucid-help-text-'));
process.env.LUCID_HOME = home;
try {
  const { recordHelpTexts } = await import('../dist/cli/src/helpText.js');
  const recorded = await recordHelpTexts();
  if (recorded.forms['["--help"]'] === undefined || recorded.forms['["--version"]'] === undefined) throw new Error('write-help-text: --help or --version was not recorded');
  writeFileSync(join(root, 'dist', 'cli', 'bundle', 'help.json'), JSON.stringify(recorded));
  console.error(`write-help-text: ${Object.keys(recorded.forms).length} argument lists, ${recorded.texts.length} texts → dist/cli/bundle/help.json`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
