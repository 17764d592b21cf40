#!/usr/bin/env node
// `node scripts/foundry.mjs <forge|cast|anvil> [args…]`: runs the Foundry binary from its npm platform
// package and exits with *its* status. The packages' own `bin.mjs` wrappers do not pass the binary's exit
// status on, so `forge test` with failing tests, or `forge build` with a compile error, exited 0 through
// them and CI went green on red. Here a non-zero exit stays non-zero, and death by a signal becomes
// 128 + the signal's number, as a shell reports it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';

const tools = ['forge', 'cast', 'anvil'];
const [tool, ...args] = process.argv.slice(2);
if (!tools.includes(tool)) {
  process.stderr.write(`usage: node scripts/foundry.mjs <${tools.join('|')}> [args…]\n`);
  process.exit(2);
}

// npm installs exactly one of @foundry-rs/<tool>-<platform>-<arch> (optional dependencies of @foundry-rs/<tool>).
const arch = process.arch === 'x64' ? 'amd64' : process.arch;
const binaryName = process.platform === 'win32' ? `${tool}.exe` : tool;
const platformPackage = `@foundry-rs/${tool}-${process.platform}-${arch}`;
let binary;
try {
  binary = createRequire(import.meta.url).resolve(`${platformPackage}/bin/${binaryName}`);
} catch {
  process.stderr.write(`foundry: ${platformPackage} is not installed (${tool} for ${process.platform}/${process.arch}); run \`npm ci\`\n`);
  process.exit(127);
}

// Handlers first: a signal that arrives while the binary starts must reach it, not kill this wrapper alone.
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
let child;
const forward = (signal) => child?.kill(signal);
for (const signal of forwarded) process.on(signal, forward);
child = spawn(binary, args, { stdio: 'inherit' });

child.on('error', (error) => {
  process.stderr.write(`foundry: cannot run ${binary}: ${error.message}\n`);
  process.exit(126);
});
child.on('exit', (code, signal) => {
  for (const name of forwarded) process.off(name, forward);
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
