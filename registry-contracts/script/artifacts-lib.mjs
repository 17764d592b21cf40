// The committed contract artifacts and the fingerprint of what they are built from. abis.ts holds every
// contract's ABI (what the runtime reads, decodes and calls with); bytecode/<Name>.ts one contract's bytecode
// beside its ABI, so code loads only the contracts it deploys or hands to the chain (a send loads the balance
// lens, not ~2 MB of Aave and Uniswap); artifacts.ts gathers them all for the deployers. `npm install` skips forge when the fingerprint committed beside the artifacts matches
// the sources (prepare.mjs); `npm run check:artifacts` fails when either is stale (check-artifacts.mjs).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';

/** Where the committed artifacts and their input fingerprint live. */
export function artifactPaths(root) {
  const dir = join(root, 'registry-contracts', 'generated');
  return { dir, abis: join(dir, 'abis.ts'), artifacts: join(dir, 'artifacts.ts'), bytecode: join(dir, 'bytecode'), stamp: join(dir, 'inputs.sha256') };
}

/** The npm packages whose files reach the artifacts: compiler, imported Solidity libraries, protocol bytecode. */
const inputPackages = ['solc', '@foundry-rs/forge', '@openzeppelin/contracts', 'solady', '@layerzerolabs/toolbox-foundry', '@uniswap/v2-core', '@uniswap/v2-periphery', '@uniswap/v3-core', '@uniswap/v3-periphery', '@aave/core-v3'];

/**
 * SHA-256 over everything the artifacts are made from: the Solidity sources under registry-contracts/src,
 * forge's configuration, the solc shim, this exporter, and the locked version and integrity of each
 * package above (from package-lock.json, so a dependency bump counts as a change).
 */
export function contractInputsHash(root) {
  const hash = createHash('sha256');
  const add = (path) => {
    hash.update(relative(root, path).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  };
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(root, 'registry-contracts', 'src'));
  for (const file of ['foundry.toml', 'registry-contracts/bin/solc', 'registry-contracts/script/artifacts-lib.mjs', 'registry-contracts/script/export-artifacts.mjs']) add(join(root, file));
  const lockPath = join(root, 'package-lock.json');
  const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : {};
  for (const name of inputPackages) {
    const entry = lock.packages?.[`node_modules/${name}`];
    hash.update(`${name}@${entry?.version ?? 'absent'}#${entry?.integrity ?? ''}\0`);
  }
  return hash.digest('hex');
}

/** The fingerprint committed beside the artifacts, or undefined when there is none. */
export function committedInputsHash(root) {
  const { stamp } = artifactPaths(root);
  return existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
}

/**
 * The generated files made from forge's output in registry-contracts/out and the npm protocol artifacts, by
 * path relative to registry-contracts/generated: `abis.ts`, `artifacts.ts` and `bytecode/<Name>.ts`. Each
 * contract's ABI is written once, in abis.ts; its bytecode module refers to it.
 */
export function renderArtifacts(root) {
  const out = join(root, 'registry-contracts', 'out');
  const require = createRequire(join(root, 'package.json'));
  const artifacts = {};

  for (const dir of readdirSync(out)) {
    if (!dir.endsWith('.sol')) continue;
    for (const file of readdirSync(join(out, dir))) {
      if (!file.endsWith('.json')) continue;
      const json = JSON.parse(readFileSync(join(out, dir, file), 'utf8'));
      const target = json.metadata?.settings?.compilationTarget ?? {};
      const [source, name] = Object.entries(target)[0] ?? [];
      if (!source?.startsWith('registry-contracts/src/')) continue;
      if (artifacts[name]) throw new Error(`two contracts named ${name}: rename one`);
      artifacts[name] = {
        abi: json.abi,
        bytecode: json.bytecode?.object ?? '0x',
        deployedBytecode: json.deployedBytecode?.object ?? '0x',
      };
    }
  }

  const fromNpm = {
    WETH9: '@uniswap/v2-periphery/build/WETH9.json',
    UniswapV2Factory: '@uniswap/v2-core/build/UniswapV2Factory.json',
    UniswapV2Pair: '@uniswap/v2-core/build/UniswapV2Pair.json',
    UniswapV2Router02: '@uniswap/v2-periphery/build/UniswapV2Router02.json',
    // Uniswap V3 (hardhat artifacts; the pool's init code hash matches the one the periphery hard-codes).
    UniswapV3Factory: '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json',
    UniswapV3Pool: '@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json',
    SwapRouter: '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json',
    QuoterV2: '@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json',
    NonfungiblePositionManager: '@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json',
  };
  // Aave V3 (v3.0.2 as published in @aave/core-v3 1.19.3, hardhat artifacts). Pool, PoolConfigurator and
  // FlashLoanLogic call external libraries, so their bytecode holds `__$…$__` placeholders; `linkReferences`
  // (library → byte offsets) is kept for runtime/src/devnet/deployAaveV3.ts to link them after deploying the
  // libraries. Prefixed with Aave so generic names (Pool, AToken) cannot clash with ours.
  const aave = '@aave/core-v3/artifacts/contracts';
  const aaveLogic = (name) => `${aave}/protocol/libraries/logic/${name}.sol/${name}.json`;
  Object.assign(fromNpm, {
    AavePoolAddressesProvider: `${aave}/protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider.json`,
    AaveACLManager: `${aave}/protocol/configuration/ACLManager.sol/ACLManager.json`,
    AavePool: `${aave}/protocol/pool/Pool.sol/Pool.json`,
    AavePoolConfigurator: `${aave}/protocol/pool/PoolConfigurator.sol/PoolConfigurator.json`,
    AaveDefaultReserveInterestRateStrategy: `${aave}/protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy.json`,
    AaveAToken: `${aave}/protocol/tokenization/AToken.sol/AToken.json`,
    AaveVariableDebtToken: `${aave}/protocol/tokenization/VariableDebtToken.sol/VariableDebtToken.json`,
    AaveStableDebtToken: `${aave}/protocol/tokenization/StableDebtToken.sol/StableDebtToken.json`,
    AaveOracle: `${aave}/misc/AaveOracle.sol/AaveOracle.json`,
    AaveProtocolDataProvider: `${aave}/misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider.json`,
    // A Chainlink-style source with a fixed answer: the devnet's prices are whatever the devnet says.
    AaveMockAggregator: `${aave}/mocks/oracle/CLAggregators/MockAggregator.sol/MockAggregator.json`,
    AaveSupplyLogic: aaveLogic('SupplyLogic'),
    AaveBorrowLogic: aaveLogic('BorrowLogic'),
    AaveLiquidationLogic: aaveLogic('LiquidationLogic'),
    AaveEModeLogic: aaveLogic('EModeLogic'),
    AaveBridgeLogic: aaveLogic('BridgeLogic'),
    AavePoolLogic: aaveLogic('PoolLogic'),
    AaveFlashLoanLogic: aaveLogic('FlashLoanLogic'),
    AaveConfiguratorLogic: aaveLogic('ConfiguratorLogic'),
  });
  for (const [name, path] of Object.entries(fromNpm)) {
    const json = require(path);
    const hex = (s) => (s && !s.startsWith('0x') ? `0x${s}` : s || '0x');
    artifacts[name] = {
      abi: json.abi,
      bytecode: hex(json.bytecode ?? json.evm?.bytecode?.object),
      deployedBytecode: hex(json.evm?.deployedBytecode?.object ?? json.deployedBytecode),
    };
    if (json.linkReferences && Object.keys(json.linkReferences).length > 0) artifacts[name].linkReferences = json.linkReferences;
  }

  const header = '// Generated by registry-contracts/script/export-artifacts.mjs from forge output and npm artifacts. Do not edit.';
  const names = Object.keys(artifacts).sort();
  const files = {};
  const abis = [header, "// Every contract's ABI; its bytecode is in bytecode/<Name>.ts.", '/* eslint-disable */'];
  const all = [header, "// Every contract's bytecode and ABI, for the deployers: code that needs one contract's code imports bytecode/<Name>.ts.", '/* eslint-disable */'];
  for (const name of names) {
    const { abi, ...code } = artifacts[name];
    abis.push(`export const ${name} = ${JSON.stringify({ abi })} as const;`);
    all.push(`export { ${name} } from './bytecode/${name}.js';`);
    files[`bytecode/${name}.ts`] = [
      header,
      '/* eslint-disable */',
      `import { ${name} as abi } from '../abis.js';`,
      `export const ${name} = ${JSON.stringify(code).slice(0, -1)},"abi":abi.abi} as const;`,
      '',
    ].join('\n');
  }
  files['abis.ts'] = `${abis.join('\n')}\n`;
  files['topics.ts'] = renderTopics(names.map((name) => artifacts[name].abi), require);
  files['initCodeHashes.ts'] = renderInitCodeHashes(artifacts, require);
  files['artifacts.ts'] = `${all.join('\n')}\n`;
  return files;
}

/**
 * initCodeHashes.ts: the keccak of every contract's creation code that needs no linking, the hash a factory's
 * CREATE2 address is made from (runtime/src/devnet/poolInitCodeHashes.ts: the devnet's V2 pairs and V3 pools), so
 * that a send need neither load two pools' bytecode nor hash ~70 KB of it, cold, in every process.
 */
function renderInitCodeHashes(artifacts, require) {
  const { keccak256 } = require('viem');
  const hashes = {};
  for (const name of Object.keys(artifacts).sort())
    if (!artifacts[name].linkReferences && artifacts[name].bytecode.length > 2) hashes[name] = keccak256(artifacts[name].bytecode);
  return [
    '// Generated by registry-contracts/script/export-artifacts.mjs from forge output and npm artifacts. Do not edit.',
    "// keccak256 of each contract's creation code (bytecode/<Name>.ts), for contracts that need no linking.",
    '/* eslint-disable */',
    `export const initCodeHashes: Readonly<Record<string, \`0x\${string}\`>> = ${JSON.stringify(hashes)};`,
    '',
  ].join('\n');
}

/**
 * topics.ts: the keccak of every distinct event and error signature in the ABIs, keyed by the signature, so
 * the simulator's log and revert decoder (runtime/src/simulate/abis.ts) need not hash ~400 signatures each
 * time a process starts. Hashed with viem's toEventSelector, as the decoder would; it still hashes any
 * signature missing here.
 */
function renderTopics(abis, require) {
  const { toEventSelector } = require('viem');
  const canonicalType = (parameter) =>
    parameter.type.startsWith('tuple') ? `(${(parameter.components ?? []).map(canonicalType).join(',')})${parameter.type.slice('tuple'.length)}` : parameter.type;
  const topics = {};
  for (const abi of abis)
    for (const item of abi) {
      if (item.type !== 'event' && item.type !== 'error') continue;
      const signature = `${item.name}(${item.inputs.map(canonicalType).join(',')})`;
      topics[signature] ??= toEventSelector({ ...item, type: 'event' });
    }
  const sorted = Object.fromEntries(Object.entries(topics).sort(([a], [b]) => (a < b ? -1 : 1)));
  return [
    '// Generated by registry-contracts/script/export-artifacts.mjs from forge output and npm artifacts. Do not edit.',
    "// keccak256 of every event and error signature in abis.ts (an error's selector is its first 4 bytes).",
    '/* eslint-disable */',
    `export const signatureTopics: Readonly<Record<string, \`0x\${string}\`>> = ${JSON.stringify(sorted)};`,
    '',
  ].join('\n');
}
