// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {EntryRegistry, IUsageTermsReceiver} from "./EntryRegistry.sol";
import {TimedPausable} from "./utils/TimedPausable.sol";

/**
 * @title UsageLedger
 * @notice Records executed intents as (agentId, frontendId, computeId), takes the fees those entries ask in
 * ETH in the same call, credits them to the entries for withdrawal (pull payments; the protocol cut for the
 * protection fund is taken when they withdraw), and pays the code, community and compute pools' LUCID emission
 * to entries in proportion to the fees they earned per epoch.
 *
 * Accounting, all O(1) per call:
 * - Each epoch `e` and pool `p` has a reward `R` (the emission minted during `e`, plus the carry) and total
 *   fees `F`. Once `e` closes, entry `i` with fees `f_i` in `e` is owed `D * f_i / F` (floored), where
 *   `D = min(R, F * maxRewardPerFee)` is the distributable part.
 * - `R - D` (everything, if nobody used the pool) is carried into the epoch of the next reward, up to
 *   {maxCarry} per pool. The excess over {maxCarry} is paid out at once: half to the protection fund, the rest
 *   to the {capitalPool}, which streams it to stakers. The carry is bounded so it can never grow into a prize.
 * - An entry keeps one packed slot: its terms, its last epoch, its fees in that epoch and its gross ETH owed.
 *   Touching the entry in a later epoch (usage or claim) settles the closed epoch into its LUCID owed, exactly once.
 * - Terms (fee, active flag) are read from the entry's registry at its first usage and kept in that slot when the
 *   registry reports every later change to this ledger ({EntryRegistry-usageTermsFor}, {usageTermsChanged}), so
 *   usage calls no registry: three cold contracts fewer per call.
 * - Epoch slots carry a non-zero marker bit. {prepareEpochs} writes it ahead of time (anyone may pay for that),
 *   so the first usage and the first reward of an epoch update a slot instead of creating one.
 *
 * Wash usage (paying your own entry) costs more than it earns unless LUCID is dear. Paying `f` wei to your own
 * agent returns `f * (1 - protocolFeeBps / 10_000)` to you, so it costs `f * protocolFeeBps / 10_000` plus gas,
 * and earns at most `f * maxRewardPerFee` LUCID-wei (an entry's reward is `f_i * D / F <= f_i * maxRewardPerFee`).
 * It pays only when one LUCID is worth more than `protocolFeeBps / 10_000 / maxRewardPerFee` ETH: 0.01 ETH at
 * the defaults (10%, 10 LUCID per ETH), and never less than 0.0005 ETH, because the constructor requires
 * `protocolFeeBps >= 500` and `maxRewardPerFee <= 100`. Above that price, the most a washer can take from one
 * epoch is the epoch's emission plus the carry, at most {maxCarry} (<= 100,000 LUCID) per pool.
 *
 * NOTE: Pausing stops {recordUsage} only, for at most {TimedPausable-MAX_PAUSE}; {withdrawFees},
 * {claimRewards}, {withdrawProtocolFees} and {notifyRewardAmount} always work. Emission is assigned to the
 * epoch in which {notifyRewardAmount} runs, so keepers should call {EmissionController-distribute} at least once
 * per epoch.
 */
contract UsageLedger is Ownable2Step, TimedPausable, ReentrancyGuardTransient, IUsageTermsReceiver {
    using SafeERC20 for IERC20;

    /// @notice The three pools this ledger pays; also the index into per-epoch arrays.
    enum Pool {
        Code,
        Community,
        Compute
    }

    /// @dev One slot per (pool, entry): what every usage touches. `terms` bit 0: `fee` and bit 1 (active) are the
    /// registry's terms, kept up to date by {usageTermsChanged}; 0: not kept, ask the registry (also for a fee
    /// above 64 bits, ~18.4 ETH per use). `epoch` fits 24
    /// bits for 1,900 years of one-hour epochs; `feesOwed` (gross of the protocol cut) is at most ~1.2M ETH.
    struct Account {
        uint64 fee;
        uint8 terms;
        uint24 epoch;
        uint80 epochFees;
        uint80 feesOwed;
    }

    /// @notice Basis-point denominator.
    uint256 public constant BPS = 10_000;
    /// @notice Lower bound of the protocol cut: 5%. Wash usage must cost something.
    uint256 public constant MIN_PROTOCOL_FEE_BPS = 500;
    /// @notice Upper bound of the protocol cut: 20%.
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 2_000;
    /// @notice Default protocol cut: 10%.
    uint256 public constant DEFAULT_PROTOCOL_FEE_BPS = 1_000;
    /// @notice Default cap on LUCID-wei paid per wei of fees in an epoch: 10 LUCID per ETH.
    uint256 public constant DEFAULT_MAX_REWARD_PER_FEE = 10;
    /// @notice Upper bound of the reward-per-fee cap: 100 LUCID per ETH.
    uint256 public constant MAX_REWARD_PER_FEE = 100;
    /// @notice Default bound of each pool's carry: 10,000 LUCID (about three days of a pool's day-0 emission).
    uint256 public constant DEFAULT_MAX_CARRY = 10_000 ether;
    /// @notice Upper bound of {maxCarry}: 100,000 LUCID.
    uint256 public constant MAX_CARRY = 100_000 ether;
    /// @notice Default epoch length.
    uint256 public constant DEFAULT_EPOCH_LENGTH = 1 days;
    /// @notice Most epochs one {prepareEpochs} call opens.
    uint256 public constant MAX_PREPARE = 366;

    /// @dev Marker bit of a prepared epoch slot; never part of a value.
    uint256 private constant _OPEN = 1 << 255;
    uint256 private constant _MASK80 = (1 << 80) - 1;
    uint256 private constant _MASK120 = (1 << 120) - 1;
    uint8 private constant _KEPT = 1;
    uint8 private constant _ACTIVE = 2;

    IERC20 public immutable rewardToken;
    EntryRegistry public immutable agentRegistry;
    EntryRegistry public immutable frontendRegistry;
    EntryRegistry public immutable computeRegistry;
    /// @notice Receives the protocol cut of fees and half of the carry over {maxCarry}.
    address public immutable protectionFund;
    /// @notice Receives the other half of the carry over {maxCarry}, streamed to stakers with its next reward.
    address public immutable capitalPool;
    /// @notice Protocol cut of each fee, in basis points, taken at withdrawal.
    uint256 public immutable protocolFeeBps;
    /// @notice Cap on LUCID-wei distributed per wei of fees in an epoch (see the wash-usage note).
    uint256 public immutable maxRewardPerFee;
    /// @notice Most LUCID-wei one pool carries from one reward epoch to the next.
    uint256 public immutable maxCarry;
    /// @notice Epoch length in seconds.
    uint256 public immutable epochLength;
    /// @notice Start of epoch 0.
    uint256 public immutable genesis;

    mapping(Pool pool => mapping(uint256 entryId => Account)) private _accounts;
    /// @dev LUCID settled and not claimed, plus 1 once the entry has been settled (0: never), so settling into an
    /// emptied balance updates a slot instead of creating one.
    mapping(Pool pool => mapping(uint256 entryId => uint256)) private _rewardsOwed;
    /// @dev Per epoch: fees of code, community, compute in bits 0, 80, 160; bit 255 = prepared.
    mapping(uint256 epoch => uint256) private _epochFees;
    /// @dev Per epoch: [code | community << 120 | prepared, compute | prepared].
    mapping(uint256 epoch => uint256[2]) private _epochRewards;

    /// @notice ETH owed to the protection fund (the cut of withdrawn fees).
    uint128 public protocolFeesOwed;
    /// @notice The last epoch that received a reward; its undistributable part is carried at the next reward.
    uint32 public lastRewardEpoch;
    /// @notice LUCID received and not yet claimed or paid out.
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
    /// @notice Emitted when the carry over {maxCarry} was paid out: `toFund` to the fund, `toCapital` to stakers.
    event CarryExcessPaid(uint256 indexed epoch, uint256 toFund, uint256 toCapital);
    /// @notice Emitted when a claim settled a closed epoch into an entry's LUCID owed. (Settlement by a usage
    /// emits nothing, to keep {recordUsage} cheap; {claimableRewards} shows the result.)
    event RewardSettled(Pool indexed pool, uint256 indexed entryId, uint256 indexed epoch, uint256 amount);
    /// @notice Emitted when an entry's owner claimed LUCID.
    event RewardsClaimed(Pool indexed pool, uint256 indexed entryId, address indexed to, uint256 amount);
    /// @notice Emitted when an entry's owner withdrew ETH fees (net of the protocol cut).
    event FeesWithdrawn(Pool indexed pool, uint256 indexed entryId, address indexed to, uint256 amount);
    /// @notice Emitted when the protocol cut was sent to the protection fund.
    event ProtocolFeesWithdrawn(address indexed to, uint256 amount);
    /// @notice Emitted when epochs `from` to `to` - 1 were prepared.
    event EpochsPrepared(uint256 from, uint256 to);

    /// @dev A constructor parameter is out of bounds.
    error UsageLedgerInvalidParameter(uint256 protocolFeeBps, uint256 maxRewardPerFee, uint256 maxCarry, uint256 epochLength);
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
    /// @dev An epoch's fees in one pool overflowed 80 bits.
    error UsageLedgerEpochFeesOverflow();
    /// @dev {usageTermsChanged} was called by `caller`, which is none of the three registries.
    error UsageLedgerUnknownRegistry(address caller);
    /// @dev {prepareEpochs} was asked for more than {MAX_PREPARE} epochs.
    error UsageLedgerTooManyEpochs(uint256 count, uint256 max);

    /**
     * @param owner_ Admin (pause); two-step transfer.
     * @param rewardToken_ LUCID.
     * @param registries_ Agent, frontend and compute registries, in {Pool} order.
     * @param protectionFund_ Receives the protocol cut and half of the carry's excess.
     * @param capitalPool_ Receives the other half of the carry's excess.
     * @param protocolFeeBps_ Protocol cut, {MIN_PROTOCOL_FEE_BPS}..{MAX_PROTOCOL_FEE_BPS}.
     * @param maxRewardPerFee_ LUCID-wei per fee-wei cap, 1..{MAX_REWARD_PER_FEE}.
     * @param maxCarry_ Carry bound per pool, at most {MAX_CARRY}.
     * @param epochLength_ Seconds, 1 hour..30 days.
     */
    constructor(
        address owner_,
        IERC20 rewardToken_,
        EntryRegistry[3] memory registries_,
        address protectionFund_,
        address capitalPool_,
        uint256 protocolFeeBps_,
        uint256 maxRewardPerFee_,
        uint256 maxCarry_,
        uint256 epochLength_
    ) Ownable(owner_) {
        if (
            address(rewardToken_) == address(0) || address(registries_[0]) == address(0)
                || address(registries_[1]) == address(0) || address(registries_[2]) == address(0)
                || protectionFund_ == address(0) || capitalPool_ == address(0)
        ) revert UsageLedgerZeroAddress();
        if (
            protocolFeeBps_ < MIN_PROTOCOL_FEE_BPS || protocolFeeBps_ > MAX_PROTOCOL_FEE_BPS || maxRewardPerFee_ == 0
                || maxRewardPerFee_ > MAX_REWARD_PER_FEE || maxCarry_ > MAX_CARRY || epochLength_ < 1 hours
                || epochLength_ > 30 days
        ) revert UsageLedgerInvalidParameter(protocolFeeBps_, maxRewardPerFee_, maxCarry_, epochLength_);
        rewardToken = rewardToken_;
        agentRegistry = registries_[0];
        frontendRegistry = registries_[1];
        computeRegistry = registries_[2];
        protectionFund = protectionFund_;
        capitalPool = capitalPool_;
        protocolFeeBps = protocolFeeBps_;
        maxRewardPerFee = maxRewardPerFee_;
        maxCarry = maxCarry_;
        epochLength = epochLength_;
        genesis = block.timestamp;
    }

    /**
     * @notice Records an executed intent and pays its fees. `msg.value` must equal the sum of the entries' fees.
     * @param agentId Required. @param frontendId 0 for none. @param computeId 0 for none.
     * @return paid The fees paid.
     * @dev Emits {UsageRecorded}. Settles each entry's previous epoch if it closed. Reverts while
     * paused, for an unknown or inactive entry, or on a wrong payment. No reentrancy guard: the only external
     * calls are views of the immutable registries, and no value leaves the contract.
     */
    function recordUsage(uint256 agentId, uint256 frontendId, uint256 computeId)
        external
        payable
        whenNotPaused
        returns (uint256 paid)
    {
        if (agentId == 0) revert UsageLedgerMissingAgent();
        uint32 epoch = currentEpoch();
        uint256 fees = _epochFees[epoch];
        uint256 packed = fees;
        (paid, packed) = _charge(Pool.Code, agentRegistry, agentId, epoch, packed);
        if (frontendId != 0) {
            uint256 f;
            (f, packed) = _charge(Pool.Community, frontendRegistry, frontendId, epoch, packed);
            paid += f;
        }
        if (computeId != 0) {
            uint256 f;
            (f, packed) = _charge(Pool.Compute, computeRegistry, computeId, epoch, packed);
            paid += f;
        }
        if (msg.value != paid) revert UsageLedgerIncorrectPayment(paid, msg.value);
        if (packed != fees) _epochFees[epoch] = packed | _OPEN;
        emit UsageRecorded(msg.sender, epoch, agentId, frontendId, computeId, paid);
    }

    /**
     * @notice Adds `perPool` LUCID to each of the three pools for the current epoch. Permissionless: the
     * ledger must already hold the `3 * perPool` (the controller mints it first), so a call can only add
     * rewards someone actually sent.
     * @dev Emits {RewardAdded}, and {CarryExcessPaid} when a carry exceeded {maxCarry}. Carries the
     * undistributable part of the previous reward epoch, once.
     */
    function notifyRewardAmount(uint256 perPool) external nonReentrant {
        uint256 needed = rewardsHeld + 3 * perPool;
        uint256 balance = rewardToken.balanceOf(address(this));
        if (balance < needed) revert UsageLedgerRewardNotReceived(balance, needed);

        uint32 epoch = currentEpoch();
        uint32 last = lastRewardEpoch;
        uint256[3] memory carried;
        uint256[3] memory rewards = _rewardsOf(epoch);
        uint256 excess;
        if (last < epoch) {
            // `last` is closed, so its reward and fees are final: move out what it can never pay.
            uint256[3] memory lastRewards = _rewardsOf(last);
            uint256 lastFees = _epochFees[last];
            uint256 cap = maxCarry;
            for (uint256 p; p < 3; ++p) {
                uint256 carry = lastRewards[p] - _distributable(lastRewards[p], _feesOf(lastFees, p));
                if (carry > cap) {
                    excess += carry - cap;
                    carry = cap;
                }
                carried[p] = carry;
                rewards[p] += carry;
            }
            lastRewardEpoch = epoch;
        }
        rewards[0] += perPool;
        rewards[1] += perPool;
        rewards[2] += perPool;
        _storeRewards(epoch, rewards);
        rewardsHeld = needed - excess;
        emit RewardAdded(epoch, perPool, last, carried);
        if (excess != 0) {
            uint256 toFund = excess / 2;
            emit CarryExcessPaid(epoch, toFund, excess - toFund);
            rewardToken.safeTransfer(protectionFund, toFund);
            rewardToken.safeTransfer(capitalPool, excess - toFund);
        }
    }

    /**
     * @notice Marks the next `count` epochs' slots (from the current one) as opened, so the first usage and
     * the first reward in each pay for an update rather than a new slot. Permissionless; costs the caller about
     * 66k gas per epoch and changes no balance.
     * @dev Emits {EpochsPrepared}.
     */
    function prepareEpochs(uint256 count) external {
        if (count > MAX_PREPARE) revert UsageLedgerTooManyEpochs(count, MAX_PREPARE);
        uint256 from = currentEpoch();
        for (uint256 e = from; e < from + count; ++e) {
            if (_epochFees[e] == 0) _epochFees[e] = _OPEN;
            uint256[2] storage r = _epochRewards[e];
            if (r[0] == 0) r[0] = _OPEN;
            if (r[1] == 0) r[1] = _OPEN;
        }
        emit EpochsPrepared(from, from + count);
    }

    /**
     * @notice A registry reports new terms of one of its entries. Only the three registries; kept only for an
     * entry whose terms this ledger keeps (otherwise its next usage reads them). Works while paused.
     */
    function usageTermsChanged(uint256 entryId, uint96 fee, bool active) external {
        Pool pool;
        if (msg.sender == address(agentRegistry)) pool = Pool.Code;
        else if (msg.sender == address(frontendRegistry)) pool = Pool.Community;
        else if (msg.sender == address(computeRegistry)) pool = Pool.Compute;
        else revert UsageLedgerUnknownRegistry(msg.sender);
        Account storage a = _accounts[pool][entryId];
        if (a.terms == 0) return;
        if (fee > type(uint64).max) {
            // Too wide to keep: the next usage reads the registry again.
            a.fee = 0;
            a.terms = 0;
            return;
        }
        // casting is safe because fee fits 64 bits (checked above)
        // forge-lint: disable-next-line(unsafe-typecast)
        a.fee = uint64(fee);
        a.terms = active ? _KEPT | _ACTIVE : _KEPT;
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
        uint256 stored = _rewardsOwed[pool][entryId];
        amount = stored == 0 ? 0 : stored - 1;
        if (a.epochFees != 0 && a.epoch < currentEpoch()) {
            uint256 settled = _entryReward(pool, a.epoch, a.epochFees);
            emit RewardSettled(pool, entryId, a.epoch, settled);
            amount += settled;
            a.epochFees = 0;
            _accounts[pool][entryId] = a;
        }
        if (stored != 1) _rewardsOwed[pool][entryId] = 1;
        rewardsHeld -= amount;
        emit RewardsClaimed(pool, entryId, to, amount);
        rewardToken.safeTransfer(to, amount);
    }

    /**
     * @notice Sends `entryId`'s ETH fees owed, less the protocol cut, to `to`; the cut goes to
     * {protocolFeesOwed}. Only the entry's owner.
     * @return amount The wei sent.
     * @dev Emits {FeesWithdrawn}. Works while paused.
     */
    function withdrawFees(Pool pool, uint256 entryId, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert UsageLedgerZeroAddress();
        _checkEntryOwner(pool, entryId);
        Account storage a = _accounts[pool][entryId];
        uint256 gross = a.feesOwed;
        if (gross != 0) a.feesOwed = 0;
        uint256 cut = (gross * protocolFeeBps) / BPS;
        // casting is safe because cut <= gross < 2^128, and the ledger never holds 2^128 wei
        // forge-lint: disable-next-line(unsafe-typecast)
        protocolFeesOwed += uint128(cut);
        amount = gross - cut;
        emit FeesWithdrawn(pool, entryId, to, amount);
        _sendValue(to, amount);
    }

    /**
     * @notice Sends the protocol cut of withdrawn fees to the protection fund. Permissionless.
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
     * @notice Stops {recordUsage} for at most {TimedPausable-MAX_PAUSE}. Only the admin.
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
    function epochRewards(uint256 epoch) external view returns (uint128[3] memory r) {
        uint256[3] memory rewards = _rewardsOf(epoch);
        // casting is safe because each reward is a 120-bit field
        // forge-lint: disable-next-line(unsafe-typecast)
        return [uint128(rewards[0]), uint128(rewards[1]), uint128(rewards[2])];
    }

    /// @notice Each pool's total fees in `epoch`.
    function epochFees(uint256 epoch) external view returns (uint80[3] memory) {
        uint256 fees = _epochFees[epoch];
        // casting is safe because each fee total is an 80-bit field
        // forge-lint: disable-next-line(unsafe-typecast)
        return [uint80(_feesOf(fees, 0)), uint80(_feesOf(fees, 1)), uint80(_feesOf(fees, 2))];
    }

    /// @notice The part of `pool`'s reward in `epoch` that entries share: min(reward, fees * maxRewardPerFee).
    function distributable(Pool pool, uint256 epoch) external view returns (uint256) {
        return _distributable(_rewardOf(epoch, uint8(pool)), _feesOf(_epochFees[epoch], uint8(pool)));
    }

    /// @notice The terms this ledger keeps for an entry (`kept` false: it reads them from the registry at the next
    /// usage). While kept they equal the registry's {EntryRegistry-usageTerms}.
    function keptTerms(Pool pool, uint256 entryId) external view returns (bool kept, uint96 fee, bool active) {
        Account memory a = _accounts[pool][entryId];
        return (a.terms & _KEPT != 0, a.fee, a.terms & _ACTIVE != 0);
    }

    /// @notice An entry's ledger state: last epoch used, fees in it, ETH owed (gross of the cut), LUCID settled.
    function account(Pool pool, uint256 entryId)
        external
        view
        returns (uint32 epoch, uint96 epochFees_, uint128 feesOwed_, uint256 rewardsOwed)
    {
        Account memory a = _accounts[pool][entryId];
        uint256 stored = _rewardsOwed[pool][entryId];
        return (a.epoch, a.epochFees, a.feesOwed, stored == 0 ? 0 : stored - 1);
    }

    /// @notice LUCID {claimRewards} would send now.
    function claimableRewards(Pool pool, uint256 entryId) external view returns (uint256 amount) {
        Account memory a = _accounts[pool][entryId];
        uint256 stored = _rewardsOwed[pool][entryId];
        amount = stored == 0 ? 0 : stored - 1;
        if (a.epochFees != 0 && a.epoch < currentEpoch()) amount += _entryReward(pool, a.epoch, a.epochFees);
    }

    /// @notice ETH {withdrawFees} would send now (net of the protocol cut).
    function feesOwed(Pool pool, uint256 entryId) external view returns (uint256) {
        uint256 gross = _accounts[pool][entryId].feesOwed;
        return gross - (gross * protocolFeeBps) / BPS;
    }

    /// @dev Reads the entry's terms (kept, or from the registry), settles a closed epoch, credits the fee.
    /// Returns (fee, updated epoch fees).
    function _charge(Pool pool, EntryRegistry registry, uint256 entryId, uint32 epoch, uint256 fees)
        private
        returns (uint256 fee, uint256)
    {
        Account memory a = _accounts[pool][entryId];
        if (a.terms != 0) {
            if (a.terms & _ACTIVE == 0) revert UsageLedgerEntryInactive(pool, entryId);
            fee = a.fee;
        } else {
            (uint96 registryFee, bool active, bool reported) = registry.usageTermsFor(entryId);
            if (!active) revert UsageLedgerEntryInactive(pool, entryId);
            fee = registryFee;
            // Keep the terms only if the registry reports their every change to this ledger (and the fee fits).
            if (reported && fee <= type(uint64).max) {
                // casting is safe because fee fits 64 bits (checked above)
                // forge-lint: disable-next-line(unsafe-typecast)
                a.fee = uint64(fee);
                a.terms = _KEPT | _ACTIVE;
            }
        }
        if (fee == 0) return (0, fees);
        uint256 shift = uint256(uint8(pool)) * 80;
        uint256 total = ((fees >> shift) & _MASK80) + fee;
        if (total > _MASK80) revert UsageLedgerEpochFeesOverflow();
        if (a.epoch != epoch) {
            if (a.epochFees != 0) {
                uint256 settled = _entryReward(pool, a.epoch, a.epochFees);
                uint256 stored = _rewardsOwed[pool][entryId];
                if (settled != 0 || stored == 0) _rewardsOwed[pool][entryId] = (stored == 0 ? 1 : stored) + settled;
            }
            // casting is safe because epochs of >= 1 hour fit 24 bits for 1,900 years
            // forge-lint: disable-next-line(unsafe-typecast)
            a.epoch = uint24(epoch);
            a.epochFees = 0;
        }
        unchecked {
            // casting is safe and cannot overflow: the entry's epoch fees are part of `total` < 2^80
            // forge-lint: disable-next-line(unsafe-typecast)
            a.epochFees += uint80(fee);
        }
        a.feesOwed = SafeCast.toUint80(a.feesOwed + fee);
        _accounts[pool][entryId] = a;
        return (fee, (fees & ~(_MASK80 << shift)) | (total << shift));
    }

    /// @dev The entry's share of a closed epoch, floored: at most `fees * maxRewardPerFee`.
    function _entryReward(Pool pool, uint256 epoch, uint256 fees) private view returns (uint256) {
        uint256 total = _feesOf(_epochFees[epoch], uint8(pool));
        return Math.mulDiv(_distributable(_rewardOf(epoch, uint8(pool)), total), fees, total);
    }

    function _distributable(uint256 reward, uint256 fees) private view returns (uint256) {
        return Math.min(reward, fees * maxRewardPerFee);
    }

    function _feesOf(uint256 packed, uint256 p) private pure returns (uint256) {
        return (packed >> (p * 80)) & _MASK80;
    }

    function _rewardOf(uint256 epoch, uint256 p) private view returns (uint256) {
        if (p == 2) return _epochRewards[epoch][1] & _MASK120;
        return (_epochRewards[epoch][0] >> (p * 120)) & _MASK120;
    }

    function _rewardsOf(uint256 epoch) private view returns (uint256[3] memory r) {
        uint256 a = _epochRewards[epoch][0];
        r[0] = a & _MASK120;
        r[1] = (a >> 120) & _MASK120;
        r[2] = _epochRewards[epoch][1] & _MASK120;
    }

    /// @dev Rewards fit 120 bits: the controller bounds the whole schedule to 2^120.
    function _storeRewards(uint256 epoch, uint256[3] memory r) private {
        if (r[0] > _MASK120 || r[1] > _MASK120 || r[2] > _MASK120) revert SafeCast.SafeCastOverflowedUintDowncast(120, r[0]);
        uint256[2] storage slot = _epochRewards[epoch];
        uint256 a = r[0] | (r[1] << 120) | _OPEN;
        uint256 b = r[2] | _OPEN;
        if (slot[0] != a) slot[0] = a;
        if (slot[1] != b) slot[1] = b;
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
