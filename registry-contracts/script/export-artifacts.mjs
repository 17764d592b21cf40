#!/usr/bin/env node
// Writes registry-contracts/generated/artifacts.ts: every contract compiled from registry-contracts/src
// plus the protocol bytecode Lucid deploys from npm (WETH9, Uniswap V2 and V3, Aave V3), each as `{ abi, bytecode,
// deployedBytecode } as const`, so viem infers argument and return types from the ABIs.
// Runs after `forge build` (npm run build).
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'registry-contracts', 'out');
const require = createRequire(import.meta.url);

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
  // Aave's runtime code is only ever deployed, never compared or etched: leaving it out keeps ~0.4 MB out of
  // the generated module every chain command loads.
  if (name.startsWith('Aave')) delete artifacts[name].deployedBytecode;
}

const lines = [
  '// Generated by registry-contracts/script/export-artifacts.mjs from forge output and npm artifacts. Do not edit.',
  '/* eslint-disable */',
];
for (const name of Object.keys(artifacts).sort()) {
  lines.push(`export const ${name} = ${JSON.stringify(artifacts[name])} as const;`);
}
const dest = join(root, 'registry-contracts', 'generated');
mkdirSync(dest, { recursive: true });
writeFileSync(join(dest, 'artifacts.ts'), lines.join('\n') + '\n');
console.error(`export-artifacts: ${Object.keys(artifacts).length} contracts → registry-contracts/generated/artifacts.ts`);
