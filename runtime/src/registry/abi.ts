/**
 * The slices of the registry contracts' ABIs that Lucid reads and calls, written as human-readable
 * signatures. They mirror registry-contracts/src/*.sol; registry.test.ts runs them against the deployed
 * contracts, so a drift in the Solidity shows up as a failing test rather than a silent decode error.
 */
import { parseAbi } from 'viem';

export const entryRegistryAbi = parseAbi([
  'function register(string metadataURI, bytes32 contentHash, bytes32[] tags, string endpoint, uint96 fee) returns (uint256 entryId)',
  'function setMetadata(uint256 entryId, string metadataURI, bytes32 contentHash)',
  'function setTags(uint256 entryId, bytes32[] tags)',
  'function setEndpoint(uint256 entryId, string endpoint)',
  'function setFee(uint256 entryId, uint96 fee)',
  'function setActive(uint256 entryId, bool active)',
  'function lastEntryId() view returns (uint256)',
  'function usageTerms(uint256 entryId) view returns (uint96 fee, bool active)',
  'function entry(uint256 entryId) view returns (address owner, string metadataURI, bytes32 contentHash, bytes32[] tags, string endpoint, uint96 fee, bool active)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'event EntryRegistered(uint256 indexed entryId, address indexed owner, string metadataURI, bytes32 contentHash, bytes32[] tags, string endpoint, uint96 fee)',
  'event EntryMetadataUpdated(uint256 indexed entryId, string metadataURI, bytes32 contentHash)',
  'event EntryTagsUpdated(uint256 indexed entryId, bytes32[] tags)',
  'event EntryEndpointUpdated(uint256 indexed entryId, string endpoint)',
  'event EntryFeeUpdated(uint256 indexed entryId, uint96 fee)',
  'event EntryActiveUpdated(uint256 indexed entryId, bool active)',
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'error EntryRegistryUnauthorized(uint256 entryId, address caller)',
  'error EntryRegistryTooManyTags(uint256 count, uint256 max)',
]);

export const usageLedgerAbi = parseAbi([
  'function recordUsage(uint256 agentId, uint256 frontendId, uint256 computeId) payable returns (uint256 paid)',
  'function claimRewards(uint8 pool, uint256 entryId, address to) returns (uint256 amount)',
  'function withdrawFees(uint8 pool, uint256 entryId, address to) returns (uint256 amount)',
  'function withdrawProtocolFees() returns (uint256 amount)',
  'function currentEpoch() view returns (uint32)',
  'function epochLength() view returns (uint256)',
  'function protocolFeeBps() view returns (uint256)',
  'function protocolFeesOwed() view returns (uint128)',
  'function account(uint8 pool, uint256 entryId) view returns (uint32 epoch, uint96 epochFees, uint128 feesOwed, uint256 rewardsOwed)',
  'function claimableRewards(uint8 pool, uint256 entryId) view returns (uint256 amount)',
  'function feesOwed(uint8 pool, uint256 entryId) view returns (uint256)',
  'event UsageRecorded(address indexed user, uint256 indexed epoch, uint256 indexed agentId, uint256 frontendId, uint256 computeId, uint256 paid)',
  'event RewardsClaimed(uint8 indexed pool, uint256 indexed entryId, address indexed to, uint256 amount)',
  'event FeesWithdrawn(uint8 indexed pool, uint256 indexed entryId, address indexed to, uint256 amount)',
  'error UsageLedgerEntryInactive(uint8 pool, uint256 entryId)',
  'error UsageLedgerIncorrectPayment(uint256 expected, uint256 sent)',
  'error UsageLedgerUnauthorized(uint8 pool, uint256 entryId, address caller)',
  'error UsageLedgerMissingAgent()',
]);

export const capitalPoolAbi = parseAbi([
  'function stake(uint256 amount)',
  'function withdraw(uint256 amount, address to)',
  'function claim(address to) returns (uint256 amount)',
  'function totalStaked() view returns (uint256)',
  'function stakedOf(address account) view returns (uint256)',
  'function earned(address account) view returns (uint256)',
  'function stakeToken() view returns (address)',
  'function rewardRate() view returns (uint256)',
  'function periodFinish() view returns (uint256)',
  'function rewardsDuration() view returns (uint256)',
]);

export const emissionControllerAbi = parseAbi([
  'function distribute() returns (uint256 amount)',
  'function emittedAt(uint64 timestamp) view returns (uint256)',
  'function pendingEmission() view returns (uint256)',
  'function totalEmission() view returns (uint256)',
  'function emissionDays() view returns (uint256)',
  'function split(uint256 amount) view returns (uint256 perPool, uint256 protection)',
  'function initialDailyEmission() view returns (uint256)',
  'function decreasePerDay() view returns (uint256)',
  'function startTime() view returns (uint64)',
  'function protectionBps() view returns (uint256)',
  'function protectionFund() view returns (address)',
  'function totalDistributed() view returns (uint128)',
  'function lastDistribution() view returns (uint64)',
  'function rewardToken() view returns (address)',
  'event Distributed(uint256 amount, uint256 perPool, uint256 protection, uint64 timestamp)',
]);
