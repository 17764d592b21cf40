// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RewardToken} from "./RewardToken.sol";
import {TimedPausable} from "./utils/TimedPausable.sol";

/// @notice A contract that accepts a reward it has already been sent (balance-checked, so anyone may call).
interface IRewardReceiver {
    function notifyRewardAmount(uint256 amount) external;
}

/**
 * @title EmissionController
 * @notice Mints LUCID on a linearly decreasing daily schedule and splits every mint: four exactly equal parts
 * to the code, community and compute pools (all three held by the {UsageLedger}) and the capital pool
 * ({CapitalPool}), and the protection-fund share plus every wei of rounding dust to the protection fund.
 *
 * The schedule (modelled on Morpheus MOR): day `k` after {startTime} emits `max(initial - k * decrease, 0)`,
 * partial days pro rata by the second. The cumulative amount up to any timestamp is closed form, O(1).
 *
 * NOTE: Pausing delays emission, it does not skip it: the schedule is a function of time, so the first
 * {distribute} after the pause mints everything due since the last one. Total minted always equals
 * `emittedAt(lastDistribution)`. A pause ends by itself after {TimedPausable-MAX_PAUSE}, so an owner who pauses
 * and renounces cannot strand emission. After the schedule ends, {distribute} still notifies both pools (with
 * zero), so what streamed while nobody staked and the ledger's carry keep moving.
 */
contract EmissionController is Ownable2Step, TimedPausable, ReentrancyGuardTransient {
    /// @notice Basis-point denominator.
    uint256 public constant BPS = 10_000;
    /// @notice Upper bound of the protection-fund share: 10%.
    uint256 public constant MAX_PROTECTION_BPS = 1_000;
    /// @notice Default emission on day 0: 14,400 LUCID, as MOR.
    uint256 public constant DEFAULT_INITIAL_DAILY = 14_400 ether;
    /// @notice Default daily decrease: 2.468994701 LUCID per day, as MOR.
    uint256 public constant DEFAULT_DECREASE_PER_DAY = 2_468_994_701 * 1e9;
    /// @notice Upper bound of the whole schedule: 1 billion LUCID (the default is ~42 million). Keeps the ledger's
    /// 120-bit epoch fields and the capital pool's 112-bit accumulator checkpoints exact.
    uint256 public constant MAX_TOTAL_EMISSION = 1e27;
    /// @notice Default protection-fund share: 4%.
    uint256 public constant DEFAULT_PROTECTION_BPS = 400;

    /// @notice The token this controller mints; deployed by the constructor, so this is its only minter.
    RewardToken public immutable rewardToken;
    /// @notice Emission on day 0, in wei per day.
    uint256 public immutable initialDailyEmission;
    /// @notice Decrease of the daily emission per day, in wei.
    uint256 public immutable decreasePerDay;
    /// @notice When emission starts.
    uint64 public immutable startTime;
    /// @notice Protection-fund share of each mint, in basis points (before rounding dust).
    uint256 public immutable protectionBps;
    /// @notice Receives the protection share and all rounding dust.
    address public immutable protectionFund;

    /// @dev Number of days with a positive emission: ceil(initial / decrease).
    uint256 private immutable _emissionDays;
    /// @dev Sum of the whole schedule (at most {MAX_TOTAL_EMISSION}); also the token cap.
    uint256 private immutable _totalEmission;

    /// @notice Holds the code, community and compute pools.
    address public usageLedger;
    /// @notice Holds the capital pool.
    address public capitalPool;
    /// @notice Total LUCID minted so far (at most the total, which the constructor bounds to 128 bits).
    uint128 public totalDistributed;
    /// @notice Timestamp of the last {distribute} (or {startTime} before the first). Packed with the above.
    uint64 public lastDistribution;

    /// @notice Emitted once, when the owner wires the pools.
    event PoolsSet(address indexed usageLedger, address indexed capitalPool);
    /// @notice Emitted by every {distribute} that mints.
    event Distributed(uint256 amount, uint256 perPool, uint256 protection, uint64 timestamp);

    /// @dev A schedule or deploy parameter is out of bounds.
    error EmissionControllerInvalidSchedule(uint256 initialDaily, uint256 decreasePerDay);
    /// @dev The protection share is above {MAX_PROTECTION_BPS}.
    error EmissionControllerProtectionTooHigh(uint256 bps, uint256 max);
    /// @dev A required address is zero.
    error EmissionControllerZeroAddress();
    /// @dev {setPools} was already called.
    error EmissionControllerPoolsAlreadySet();
    /// @dev {distribute} was called before {setPools}.
    error EmissionControllerPoolsNotSet();

    /**
     * @param owner_ Admin (pause, one-time {setPools}); two-step transfer.
     * @param protectionFund_ Receives the protection share and dust.
     * @param protectionBps_ Protection share in bps, at most {MAX_PROTECTION_BPS}.
     * @param initialDaily_ Emission on day 0, wei per day; at most 2^96.
     * @param decreasePerDay_ Daily decrease, wei; non-zero, so the schedule ends and the supply is bounded.
     * @param startTime_ Emission start; 0 means the deploy block.
     */
    constructor(
        address owner_,
        address protectionFund_,
        uint256 protectionBps_,
        uint256 initialDaily_,
        uint256 decreasePerDay_,
        uint64 startTime_
    ) Ownable(owner_) {
        if (protectionFund_ == address(0)) revert EmissionControllerZeroAddress();
        if (protectionBps_ > MAX_PROTECTION_BPS) {
            revert EmissionControllerProtectionTooHigh(protectionBps_, MAX_PROTECTION_BPS);
        }
        if (initialDaily_ == 0 || decreasePerDay_ == 0 || initialDaily_ > type(uint96).max) {
            revert EmissionControllerInvalidSchedule(initialDaily_, decreasePerDay_);
        }
        uint256 n = (initialDaily_ + decreasePerDay_ - 1) / decreasePerDay_;
        // n <= 2^96, so every product below fits comfortably.
        uint256 total = n * initialDaily_ - (decreasePerDay_ * (n * n - n)) / 2;
        if (total > MAX_TOTAL_EMISSION) revert EmissionControllerInvalidSchedule(initialDaily_, decreasePerDay_);

        initialDailyEmission = initialDaily_;
        decreasePerDay = decreasePerDay_;
        uint64 start = startTime_ == 0 ? uint64(block.timestamp) : startTime_;
        startTime = start;
        protectionBps = protectionBps_;
        protectionFund = protectionFund_;
        _emissionDays = n;
        _totalEmission = total;
        lastDistribution = start;
        rewardToken = new RewardToken(address(this), total);
    }

    /**
     * @notice Wires the pools, once. Only the owner.
     * @dev Emits a {PoolsSet} event.
     */
    function setPools(address usageLedger_, address capitalPool_) external onlyOwner {
        if (usageLedger != address(0)) revert EmissionControllerPoolsAlreadySet();
        if (usageLedger_ == address(0) || capitalPool_ == address(0)) revert EmissionControllerZeroAddress();
        usageLedger = usageLedger_;
        capitalPool = capitalPool_;
        emit PoolsSet(usageLedger_, capitalPool_);
    }

    /**
     * @notice Mints everything due since the last call and splits it. Permissionless; a no-op if nothing is due.
     * @return amount The LUCID minted.
     * @dev Emits a {Distributed} event when it mints. Reverts while paused.
     */
    function distribute() external whenNotPaused nonReentrant returns (uint256 amount) {
        address ledger = usageLedger;
        if (ledger == address(0)) revert EmissionControllerPoolsNotSet();
        uint64 nowTs = uint64(block.timestamp);
        uint256 due = _emissionSchedule(nowTs);
        amount = due - totalDistributed;
        if (amount == 0) {
            // After the last mint, keep the pools' carry and idle stream moving (both ignore a redundant call).
            if (nowTs >= startTime + _emissionDays * 1 days) {
                IRewardReceiver(ledger).notifyRewardAmount(0);
                IRewardReceiver(capitalPool).notifyRewardAmount(0);
            }
            return 0;
        }
        (uint256 perPool, uint256 protection) = _split(amount);

        // casting is safe because due <= total <= 1e27 (checked in the constructor)
        // forge-lint: disable-next-line(unsafe-typecast)
        totalDistributed = uint128(due);
        lastDistribution = nowTs;
        emit Distributed(amount, perPool, protection, nowTs);

        address capital = capitalPool;
        RewardToken token = rewardToken;
        if (perPool != 0) {
            token.mint(ledger, 3 * perPool);
            IRewardReceiver(ledger).notifyRewardAmount(perPool);
            token.mint(capital, perPool);
            IRewardReceiver(capital).notifyRewardAmount(perPool);
        }
        token.mint(protectionFund, protection);
    }

    /**
     * @notice Stops {distribute} for at most {TimedPausable-MAX_PAUSE}. Only the owner.
     * @dev Emits a {Paused} event.
     */
    function pause() external onlyOwner {
        _pause();
    }

    /**
     * @notice Resumes {distribute}; the next call catches up. Only the owner.
     * @dev Emits an {Unpaused} event.
     */
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Cumulative emission from {startTime} up to `timestamp`, closed form.
    function emittedAt(uint64 timestamp) external view returns (uint256) {
        return _emissionSchedule(timestamp);
    }

    /// @notice What {distribute} would mint now.
    function pendingEmission() external view returns (uint256) {
        return _emissionSchedule(uint64(block.timestamp)) - totalDistributed;
    }

    /// @notice The whole schedule's total: the token's cap.
    function totalEmission() external view returns (uint256) {
        return _totalEmission;
    }

    /// @notice Number of days with a positive emission.
    function emissionDays() external view returns (uint256) {
        return _emissionDays;
    }

    /// @notice How `amount` is split: each of the four pools gets `perPool`, the fund gets `protection`.
    function split(uint256 amount) external view returns (uint256 perPool, uint256 protection) {
        return _split(amount);
    }

    /**
     * @dev The emission curve: cumulative LUCID emitted from {startTime} to `timestamp`. Full days sum an
     * arithmetic series; the running day counts pro rata by the second (floored, so the curve is monotone and
     * never exceeds the next full-day value). Override to change the curve; keep it monotone and bounded by
     * {totalEmission}.
     */
    function _emissionSchedule(uint64 timestamp) internal view virtual returns (uint256) {
        if (timestamp <= startTime) return 0;
        uint256 elapsed = timestamp - startTime;
        uint256 day = elapsed / 1 days;
        if (day >= _emissionDays) return _totalEmission;
        uint256 fullDays = day * initialDailyEmission - (decreasePerDay * (day * day - day)) / 2;
        uint256 today = initialDailyEmission - day * decreasePerDay;
        return fullDays + (today * (elapsed % 1 days)) / 1 days;
    }

    /// @dev Four equal floored parts; the fund takes its share plus the remainder, so the parts sum to `amount`.
    function _split(uint256 amount) private view returns (uint256 perPool, uint256 protection) {
        perPool = (amount - (amount * protectionBps) / BPS) / 4;
        protection = amount - 4 * perPool;
    }
}
