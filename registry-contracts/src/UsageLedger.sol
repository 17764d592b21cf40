// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EntryRegistry} from "./EntryRegistry.sol";

/**
 * @title UsageLedger
 * @notice Records executed intents as (agentId, frontendId, computeId), takes the fees those entries ask in
 * ETH in the same call, credits them to the entries for withdrawal (pull payments) minus a protocol cut for
 * the protection fund, and pays the code, community and compute pools' LUCID emission to entries in
 * proportion to the fees they earned per epoch.
 *
 * Accounting, all O(1) per call:
 * - Each epoch `e` and pool `p` has a reward `R` (the emission minted during `e`, plus anything carried) and
 *   total fees `F`. Once `e` closes, entry `i` with fees `f_i` in `e` is owed `D * f_i / F` (floored), where
 *   `D = min(R, F * maxRewardPerFee)` is the distributable part. `R - D` (everything, if nobody used the pool)
 *   carries into the epoch of the next reward, so emission is never stranded by a quiet epoch.
 * - An entry keeps one packed slot: its last epoch, its fees in that epoch and its ETH owed. Touching the entry
 *   in a later epoch (usage or claim) settles the closed epoch into its LUCID owed, exactly once.
 *
 * Wash usage (paying your own entry) costs more than it earns at the default parameters. Paying `f` wei to
 * your own agent returns `f * (1 - protocolFeeBps / 10_000)` to you, so it costs `f * protocolFeeBps / 10_000`
 * plus gas, and earns at most `f * maxRewardPerFee` LUCID-wei: an entry's reward is at most
 * `f_i * D / F <= f_i * maxRewardPerFee` because `D <= F * maxRewardPerFee`. With the defaults (10% cut,
 * at most 10 LUCID per ETH of fees) one washed ETH costs 0.1 ETH and earns at most 10 LUCID, a loss whenever a
 * LUCID is worth less than 0.01 ETH (MOR, the model for the schedule, has traded around 0.002-0.008 ETH).
 * Others' usage only dilutes the washer further (`f_i / F` shrinks). The cap trades early distribution speed
 * for this bound: when honest fees are low, the undistributed emission accumulates and is carried forward.
 *
 * NOTE: Pausing stops {recordUsage} only; {withdrawFees}, {claimRewards} and {withdrawProtocolFees} always work.
 * Emission is assigned to the epoch in which {notifyRewardAmount} runs, so keepers should call
 * {EmissionController-distribute} at least once per epoch.
 */
contract UsageLedger is Ownable2Step, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The three pools this ledger pays; also the index into per-epoch arrays.
    enum Pool {
        Code,
        Community,
        Compute
    }

    /// @dev One slot per (pool, entry): what every usage touches.
    struct Account {
        uint32 epoch;
        uint96 epochFees;
        uint128 feesOwed;
    }

    /// @notice Basis-point denominator.
    uint256 public constant BPS = 10_000;
    /// @notice Upper bound of the protocol cut: 20%.
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 2_000;
    /// @notice Default protocol cut: 10%.
    uint256 public constant DEFAULT_PROTOCOL_FEE_BPS = 1_000;
    /// @notice Default cap on LUCID-wei paid per wei of fees in an epoch: 10 LUCID per ETH.
    uint256 public constant DEFAULT_MAX_REWARD_PER_FEE = 10;
    /// @notice Upper bound of the reward-per-fee cap.
    uint256 public constant MAX_REWARD_PER_FEE = 1e6;
    /// @notice Default epoch length.
    uint256 public constant DEFAULT_EPOCH_LENGTH = 1 days;

    IERC20 public immutable rewardToken;
    EntryRegistry public immutable agentRegistry;
    EntryRegistry public immutable frontendRegistry;
    EntryRegistry public immutable computeRegistry;
    /// @notice Receives the protocol cut of fees.
    address public immutable protectionFund;
    /// @notice Protocol cut of each fee, in basis points.
    uint256 public immutable protocolFeeBps;
    /// @notice Cap on LUCID-wei distributed per wei of fees in an epoch (see the wash-usage note).
    uint256 public immutable maxRewardPerFee;
    /// @notice Epoch length in seconds.
    uint256 public immutable epochLength;
    /// @notice Start of epoch 0.
    uint256 public immutable genesis;

    mapping(Pool pool => mapping(uint256 entryId => Account)) private _accounts;
    mapping(Pool pool => mapping(uint256 entryId => uint256)) private _rewardsOwed;
    mapping(uint256 epoch => uint80[3]) private _epochFees;
    mapping(uint256 epoch => uint128[3]) private _epochRewards;

    /// @notice ETH owed to the protection fund.
    uint128 public protocolFeesOwed;
    /// @notice The last epoch that received a reward; its undistributable part is carried at the next reward.
    uint32 public lastRewardEpoch;
    /// @notice LUCID received and not yet claimed.
    uint256 public rewardsHeld;

    /// @notice Emitted for every recorded intent.
    event UsageRecorded(
        address indexed user,
        uint256 indexed epoch,
        uint256 indexed agentId,
        uint256 frontendId,
        uint256 computeId,
        uint256 paid
    );
    /// @notice Emitted when `perPool` LUCID was added to each pool in `epoch`, with `carried` moved in from `fromEpoch`.
    event RewardAdded(uint256 indexed epoch, uint256 perPool, uint256 fromEpoch, uint256[3] carried);
    /// @notice Emitted when a closed epoch was settled into an entry's LUCID owed.
    event RewardSettled(Pool indexed pool, uint256 indexed entryId, uint256 indexed epoch, uint256 amount);
    /// @notice Emitted when an entry's owner claimed LUCID.
    event RewardsClaimed(Pool indexed pool, uint256 indexed entryId, address indexed to, uint256 amount);
    /// @notice Emitted when an entry's owner withdrew ETH fees.
    event FeesWithdrawn(Pool indexed pool, uint256 indexed entryId, address indexed to, uint256 amount);
    /// @notice Emitted when the protocol cut was sent to the protection fund.
    event ProtocolFeesWithdrawn(address indexed to, uint256 amount);

    /// @dev A constructor parameter is out of bounds.
    error UsageLedgerInvalidParameter(uint256 protocolFeeBps, uint256 maxRewardPerFee, uint256 epochLength);
    /// @dev A required address is zero.
    error UsageLedgerZeroAddress();
    /// @dev Usage needs an agent.
    error UsageLedgerMissingAgent();
    /// @dev `entryId` in `pool` is unknown or inactive.
    error UsageLedgerEntryInactive(Pool pool, uint256 entryId);
    /// @dev `msg.value` is not exactly the sum of the fees.
    error UsageLedgerIncorrectPayment(uint256 expected, uint256 sent);
    /// @dev `caller` does not own `entryId` in `pool`.
    error UsageLedgerUnauthorized(Pool pool, uint256 entryId, address caller);
    /// @dev A reward was notified that the ledger does not hold.
    error UsageLedgerRewardNotReceived(uint256 balance, uint256 needed);
    /// @dev Sending ETH failed.
    error UsageLedgerTransferFailed(address to, uint256 amount);

    /**
     * @param owner_ Admin (pause); two-step transfer.
     * @param rewardToken_ LUCID.
     * @param registries_ Agent, frontend and compute registries, in {Pool} order.
     * @param protectionFund_ Receives the protocol cut.
     * @param protocolFeeBps_ Protocol cut, at most {MAX_PROTOCOL_FEE_BPS}.
     * @param maxRewardPerFee_ LUCID-wei per fee-wei cap, 1..{MAX_REWARD_PER_FEE}.
     * @param epochLength_ Seconds, 1 hour..30 days.
     */
    constructor(
        address owner_,
        IERC20 rewardToken_,
        EntryRegistry[3] memory registries_,
        address protectionFund_,
        uint256 protocolFeeBps_,
        uint256 maxRewardPerFee_,
        uint256 epochLength_
    ) Ownable(owner_) {
        if (
            address(rewardToken_) == address(0) || address(registries_[0]) == address(0)
                || address(registries_[1]) == address(0) || address(registries_[2]) == address(0)
                || protectionFund_ == address(0)
        ) revert UsageLedgerZeroAddress();
        if (
            protocolFeeBps_ > MAX_PROTOCOL_FEE_BPS || maxRewardPerFee_ == 0 || maxRewardPerFee_ > MAX_REWARD_PER_FEE
                || epochLength_ < 1 hours || epochLength_ > 30 days
        ) revert UsageLedgerInvalidParameter(protocolFeeBps_, maxRewardPerFee_, epochLength_);
        rewardToken = rewardToken_;
        agentRegistry = registries_[0];
        frontendRegistry = registries_[1];
        computeRegistry = registries_[2];
        protectionFund = protectionFund_;
        protocolFeeBps = protocolFeeBps_;
        maxRewardPerFee = maxRewardPerFee_;
        epochLength = epochLength_;
        genesis = block.timestamp;
    }

    /**
     * @notice Records an executed intent and pays its fees. `msg.value` must equal the sum of the entries' fees.
     * @param agentId Required. @param frontendId 0 for none. @param computeId 0 for none.
     * @return paid The fees paid.
     * @dev Emits {UsageRecorded} (and {RewardSettled} for entries whose previous epoch closed). Reverts while
     * paused, for an unknown or inactive entry, or on a wrong payment.
     */
    function recordUsage(uint256 agentId, uint256 frontendId, uint256 computeId)
        external
        payable
        whenNotPaused
        nonReentrant
        returns (uint256 paid)
    {
        if (agentId == 0) revert UsageLedgerMissingAgent();
        uint32 epoch = currentEpoch();
        uint80[3] memory fees = _epochFees[epoch];
        uint256 cut;
        (paid, cut) = _charge(Pool.Code, agentRegistry, agentId, epoch, fees);
        if (frontendId != 0) {
            (uint256 f, uint256 c) = _charge(Pool.Community, frontendRegistry, frontendId, epoch, fees);
            paid += f;
            cut += c;
        }
        if (computeId != 0) {
            (uint256 f, uint256 c) = _charge(Pool.Compute, computeRegistry, computeId, epoch, fees);
            paid += f;
            cut += c;
        }
        if (msg.value != paid) revert UsageLedgerIncorrectPayment(paid, msg.value);
        if (paid != 0) {
            _epochFees[epoch] = fees;
            protocolFeesOwed += SafeCast.toUint128(cut);
        }
        emit UsageRecorded(msg.sender, epoch, agentId, frontendId, computeId, paid);
    }

    /**
     * @notice Adds `perPool` LUCID to each of the three pools for the current epoch. Permissionless: the
     * ledger must already hold the `3 * perPool` (the controller mints it first), so a call can only add
     * rewards someone actually sent.
     * @dev Emits {RewardAdded}. Carries the undistributable part of the previous reward epoch, once.
     */
    function notifyRewardAmount(uint256 perPool) external nonReentrant {
        uint256 needed = rewardsHeld + 3 * perPool;
        uint256 balance = rewardToken.balanceOf(address(this));
        if (balance < needed) revert UsageLedgerRewardNotReceived(balance, needed);
        rewardsHeld = needed;

        uint32 epoch = currentEpoch();
        uint32 last = lastRewardEpoch;
        uint256[3] memory carried;
        uint128[3] memory rewards = _epochRewards[epoch];
        if (last < epoch) {
            // `last` is closed, so its reward and fees are final: move out what it can never pay.
            uint128[3] memory lastRewards = _epochRewards[last];
            uint80[3] memory lastFees = _epochFees[last];
            for (uint256 p; p < 3; ++p) {
                carried[p] = lastRewards[p] - _distributable(lastRewards[p], lastFees[p]);
                rewards[p] += SafeCast.toUint128(carried[p]);
            }
            lastRewardEpoch = epoch;
        }
        uint128 add = SafeCast.toUint128(perPool);
        rewards[0] += add;
        rewards[1] += add;
        rewards[2] += add;
        _epochRewards[epoch] = rewards;
        emit RewardAdded(epoch, perPool, last, carried);
    }

    /**
     * @notice Sends `entryId`'s LUCID owed (closed epochs) to `to`. Only the entry's owner.
     * @return amount The LUCID sent.
     * @dev Emits {RewardsClaimed}. Works while paused.
     */
    function claimRewards(Pool pool, uint256 entryId, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert UsageLedgerZeroAddress();
        _checkEntryOwner(pool, entryId);
        Account memory a = _accounts[pool][entryId];
        amount = _rewardsOwed[pool][entryId];
        if (a.epochFees != 0 && a.epoch < currentEpoch()) {
            uint256 settled = _entryReward(pool, a.epoch, a.epochFees);
            emit RewardSettled(pool, entryId, a.epoch, settled);
            amount += settled;
            a.epochFees = 0;
            _accounts[pool][entryId] = a;
        }
        _rewardsOwed[pool][entryId] = 0;
        rewardsHeld -= amount;
        emit RewardsClaimed(pool, entryId, to, amount);
        rewardToken.safeTransfer(to, amount);
    }

    /**
     * @notice Sends `entryId`'s ETH fees owed to `to`. Only the entry's owner.
     * @return amount The wei sent.
     * @dev Emits {FeesWithdrawn}. Works while paused.
     */
    function withdrawFees(Pool pool, uint256 entryId, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert UsageLedgerZeroAddress();
        _checkEntryOwner(pool, entryId);
        Account storage a = _accounts[pool][entryId];
        amount = a.feesOwed;
        a.feesOwed = 0;
        emit FeesWithdrawn(pool, entryId, to, amount);
        _sendValue(to, amount);
    }

    /**
     * @notice Sends the protocol cut to the protection fund. Permissionless.
     * @return amount The wei sent.
     * @dev Emits {ProtocolFeesWithdrawn}. Works while paused.
     */
    function withdrawProtocolFees() external nonReentrant returns (uint256 amount) {
        amount = protocolFeesOwed;
        protocolFeesOwed = 0;
        emit ProtocolFeesWithdrawn(protectionFund, amount);
        _sendValue(protectionFund, amount);
    }

    /**
     * @notice Stops {recordUsage}. Only the admin.
     * @dev Emits {Paused}.
     */
    function pause() external onlyOwner {
        _pause();
    }

    /**
     * @notice Resumes {recordUsage}. Only the admin.
     * @dev Emits {Unpaused}.
     */
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice The current epoch number.
    function currentEpoch() public view returns (uint32) {
        // casting is safe because epochs of >= 1 hour since genesis fit 32 bits for 490,000 years
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32((block.timestamp - genesis) / epochLength);
    }

    /// @notice Each pool's reward in `epoch` (including anything carried in).
    function epochRewards(uint256 epoch) external view returns (uint128[3] memory) {
        return _epochRewards[epoch];
    }

    /// @notice Each pool's total fees in `epoch`.
    function epochFees(uint256 epoch) external view returns (uint80[3] memory) {
        return _epochFees[epoch];
    }

    /// @notice The part of `pool`'s reward in `epoch` that entries share: min(reward, fees * maxRewardPerFee).
    function distributable(Pool pool, uint256 epoch) external view returns (uint256) {
        return _distributable(_epochRewards[epoch][uint8(pool)], _epochFees[epoch][uint8(pool)]);
    }

    /// @notice An entry's ledger state: last epoch used, fees in it, ETH owed, LUCID already settled.
    function account(Pool pool, uint256 entryId)
        external
        view
        returns (uint32 epoch, uint96 epochFees_, uint128 feesOwed_, uint256 rewardsOwed)
    {
        Account memory a = _accounts[pool][entryId];
        return (a.epoch, a.epochFees, a.feesOwed, _rewardsOwed[pool][entryId]);
    }

    /// @notice LUCID {claimRewards} would send now.
    function claimableRewards(Pool pool, uint256 entryId) external view returns (uint256 amount) {
        Account memory a = _accounts[pool][entryId];
        amount = _rewardsOwed[pool][entryId];
        if (a.epochFees != 0 && a.epoch < currentEpoch()) amount += _entryReward(pool, a.epoch, a.epochFees);
    }

    /// @notice ETH {withdrawFees} would send now.
    function feesOwed(Pool pool, uint256 entryId) external view returns (uint256) {
        return _accounts[pool][entryId].feesOwed;
    }

    /// @dev Reads the entry's terms, settles a closed epoch, credits the fee. Returns (fee, protocol cut).
    function _charge(Pool pool, EntryRegistry registry, uint256 entryId, uint32 epoch, uint80[3] memory fees)
        private
        returns (uint256 fee, uint256 cut)
    {
        bool active;
        (fee, active) = registry.usageTerms(entryId);
        if (!active) revert UsageLedgerEntryInactive(pool, entryId);
        if (fee == 0) return (0, 0);
        Account memory a = _accounts[pool][entryId];
        if (a.epoch != epoch) {
            if (a.epochFees != 0) {
                uint256 settled = _entryReward(pool, a.epoch, a.epochFees);
                _rewardsOwed[pool][entryId] += settled;
                emit RewardSettled(pool, entryId, a.epoch, settled);
            }
            a.epoch = epoch;
            a.epochFees = 0;
        }
        cut = (fee * protocolFeeBps) / BPS;
        // casting is safe because fee comes from a uint96 registry field
        // forge-lint: disable-next-line(unsafe-typecast)
        a.epochFees += uint96(fee);
        // casting is safe because fee - cut <= fee < 2^96
        // forge-lint: disable-next-line(unsafe-typecast)
        a.feesOwed += uint128(fee - cut);
        _accounts[pool][entryId] = a;
        uint8 p = uint8(pool);
        fees[p] = SafeCast.toUint80(fees[p] + fee);
    }

    /// @dev The entry's share of a closed epoch, floored: at most `fees * maxRewardPerFee`.
    function _entryReward(Pool pool, uint256 epoch, uint256 fees) private view returns (uint256) {
        uint256 total = _epochFees[epoch][uint8(pool)];
        return Math.mulDiv(_distributable(_epochRewards[epoch][uint8(pool)], total), fees, total);
    }

    function _distributable(uint256 reward, uint256 fees) private view returns (uint256) {
        return Math.min(reward, fees * maxRewardPerFee);
    }

    function _registry(Pool pool) private view returns (EntryRegistry) {
        if (pool == Pool.Code) return agentRegistry;
        if (pool == Pool.Community) return frontendRegistry;
        return computeRegistry;
    }

    function _checkEntryOwner(Pool pool, uint256 entryId) private view {
        if (_registry(pool).ownerOf(entryId) != msg.sender) revert UsageLedgerUnauthorized(pool, entryId, msg.sender);
    }

    function _sendValue(address to, uint256 amount) private {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert UsageLedgerTransferFailed(to, amount);
    }
}
