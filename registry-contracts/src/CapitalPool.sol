// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";
import {TimedPausable} from "./utils/TimedPausable.sol";

/**
 * @title CapitalPool
 * @notice Stake an ERC-20 (stETH on the devnet), optionally locked, and earn the capital bucket of LUCID
 * emission pro rata to stake × multiplier × time. A reward-per-weight accumulator makes {stake}, {withdraw}
 * and {claim} O(1), whatever the number of stakers.
 *
 * Lock multiplier (Morpheus's "power factor"): a position locked for `L` seconds weighs
 * `multiplierFor(L) = 1 + 2 * min(L, 730 days) / 730 days` times its principal (1x unlocked, 3x for two years,
 * linear in between, in basis points). The multiplier is set from the lock time remaining whenever the position
 * changes ({stake}); a new stake never shortens a running lock. Principal cannot be withdrawn before the lock
 * ends; rewards can be claimed at any time. Once a lock has ended, anyone may call {expireLock} to set the
 * position back to 1x (a withdrawal does so too).
 *
 * Each reward the controller sends is streamed over {rewardsDuration} (added to what is left of the current
 * stream), so staking just before a {EmissionController-distribute} earns only the stream that follows. Nothing
 * is lost: the rate keeps 1e18 extra precision and its remainder, whatever streams while nobody stakes is
 * re-streamed with the next reward, and any LUCID sent to the pool (the ledger's carry excess) is streamed with
 * the next reward.
 *
 * Rebasing stake tokens (stETH): principal is credited as the balance actually received. A positive rebase
 * leaves a surplus over the principal, which {sweepSurplus} sends to the protection fund (Morpheus likewise
 * routes stETH yield to the protocol). After a negative rebase every withdrawal is scaled by
 * `balance / totalStaked`, so the pool never owes more than it holds and the last staker can always leave; a
 * stake made during a shortfall is credited at the same rate, so it does not absorb the earlier loss.
 *
 * NOTE: Pausing stops {stake} only, for at most {TimedPausable-MAX_PAUSE}; {withdraw}, {claim} and
 * {notifyRewardAmount} always work. The stake token must not be the reward token.
 */
contract CapitalPool is Ownable2Step, TimedPausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Extra precision of {rewardRate} and the accumulator.
    uint256 public constant PRECISION = 1e18;
    /// @notice Default stream length of each reward.
    uint256 public constant DEFAULT_REWARDS_DURATION = 1 days;
    /// @notice Longest lock, and the lock that earns the largest multiplier.
    uint256 public constant MAX_LOCK = 730 days;
    /// @notice Multiplier of an unlocked stake, in basis points (1x).
    uint256 public constant BASE_MULTIPLIER = 10_000;
    /// @notice Multiplier of a {MAX_LOCK} lock, in basis points (3x).
    uint256 public constant MAX_MULTIPLIER = 30_000;

    /// @notice Smallest non-zero position. Keeps the accumulator's growth between two touches of a position
    /// below 2^112 (see {Position}): at most 1e27 LUCID-wei (the controller's bound) × 1e18 / 1e12.
    uint256 public constant MIN_STAKE = 1e12;

    /// @dev The pool: one slot, read and written by every call. Times are uint32 (until 2106). `staked` is at
    /// most 2^88 (like a position's), so `weight` (at most 3x) fits 96 bits. `mayBePaused` is set by {pause} and
    /// cleared by the first {stake} after the pause ended, so a stake reads the pause state only after a pause.
    struct Pool {
        uint32 lastUpdate;
        uint32 periodFinish;
        uint88 staked;
        uint96 weight;
        bool mayBePaused;
    }

    /// @dev The stream: one slot. `rate` is at most 1e45 / 1 hour < 2^138 (all LUCID ever, ×1e18, over the shortest
    /// stream) and `rewardPerShare` at most 1e45 / {MIN_STAKE} < 2^110 (every increment divides by a weight of at
    /// least {MIN_STAKE}).
    struct Stream {
        uint144 rate;
        uint112 rewardPerShare;
    }

    /// @dev One slot per staker, unclaimed reward included: what the position earned is
    /// `⌊weight × accumulator / PRECISION⌋ - debt`, taken modulo 2^96 and read as a signed number (-1 reads as 0).
    /// Whenever the weight changes or the position claims, `debt` is reset to `⌈newWeight × accumulator /
    /// PRECISION⌉ - earned`, so what was earned carries over exactly and the rounding only ever goes against the
    /// position (under one wei per change), never against the pool. Modulo 2^96 is exact: everything a position
    /// can earn is below 2^90 (all LUCID there will ever be, {EmissionController-MAX_TOTAL_EMISSION}).
    struct Position {
        uint88 staked;
        uint96 debt;
        uint40 lockEnd;
        uint16 multiplier;
    }

    IERC20 public immutable stakeToken;
    IERC20 public immutable rewardToken;
    /// @notice Seconds over which each reward is streamed.
    uint256 public immutable rewardsDuration;
    /// @notice The only caller of {notifyRewardAmount}: the emission controller. Restricted because a reward
    /// restarts the stream, so anyone could otherwise stretch it (and delay stakers' rewards) with 1-wei notifies.
    address public immutable distributor;
    /// @notice Receives the stake token's rebase surplus ({sweepSurplus}).
    address public immutable protectionFund;

    Pool private _pool;
    Stream private _stream;
    /// @notice Streamed while nobody staked, plus rate remainders, times {PRECISION}; re-streamed at the next reward.
    uint256 public unallocated;
    /// @notice LUCID received and not yet claimed.
    uint256 public rewardsHeld;

    mapping(address account => Position) private _positions;

    /// @notice Emitted when `account` staked `amount` (as received).
    event Staked(address indexed account, uint256 amount);
    /// @notice Emitted when a stake set or extended `account`'s lock, or changed its multiplier: locked until
    /// `lockEnd`, at `multiplier` bps. (An unlocked stake on an unlocked position emits none.)
    event LockSet(address indexed account, uint256 lockEnd, uint256 multiplier);
    /// @notice Emitted when `account` withdrew `amount` of principal, paid as `paid` tokens, to `to`.
    event Withdrawn(address indexed account, address indexed to, uint256 amount, uint256 paid);
    /// @notice Emitted when `account` claimed `amount` LUCID to `to`.
    event RewardClaimed(address indexed account, address indexed to, uint256 amount);
    /// @notice Emitted when `amount` LUCID was added; streams at `rate` (×1e18 per second) until `periodFinish`.
    event RewardAdded(uint256 amount, uint256 rate, uint256 periodFinish);
    /// @notice Emitted when `account`'s expired lock multiplier was set back to 1x.
    event LockExpired(address indexed account);
    /// @notice Emitted when the stake token's surplus over the principal was sent to the protection fund.
    event SurplusSwept(address indexed to, uint256 amount);

    /// @dev A constructor parameter is invalid.
    error CapitalPoolInvalidParameter();
    /// @dev Amount is zero.
    error CapitalPoolZeroAmount();
    /// @dev `account` has `staked` but asked for `amount`.
    error CapitalPoolInsufficientStake(address account, uint256 staked, uint256 amount);
    /// @dev `caller` is not the {distributor}.
    error CapitalPoolUnauthorizedDistributor(address caller);
    /// @dev A reward was notified that the pool does not hold.
    error CapitalPoolRewardNotReceived(uint256 balance, uint256 needed);
    /// @dev The lock is longer than {MAX_LOCK}.
    error CapitalPoolLockTooLong(uint256 lockSeconds, uint256 max);
    /// @dev The position is locked until `lockEnd`.
    error CapitalPoolLocked(uint256 lockEnd);
    /// @dev A position would hold `staked`, more than zero but less than {MIN_STAKE}.
    error CapitalPoolBelowMinimum(uint256 staked);

    /**
     * @param owner_ Admin (pause); two-step transfer.
     * @param stakeToken_ The staked ERC-20.
     * @param rewardToken_ LUCID; must differ from `stakeToken_`.
     * @param distributor_ The emission controller, the only caller of {notifyRewardAmount}.
     * @param protectionFund_ Receives the stake token's rebase surplus.
     * @param rewardsDuration_ Stream length in seconds, 1 hour..30 days.
     */
    constructor(
        address owner_,
        IERC20 stakeToken_,
        IERC20 rewardToken_,
        address distributor_,
        address protectionFund_,
        uint256 rewardsDuration_
    ) Ownable(owner_) {
        if (
            address(stakeToken_) == address(0) || address(rewardToken_) == address(0) || stakeToken_ == rewardToken_
                || distributor_ == address(0) || protectionFund_ == address(0) || rewardsDuration_ < 1 hours
                || rewardsDuration_ > 30 days
        ) revert CapitalPoolInvalidParameter();
        distributor = distributor_;
        stakeToken = stakeToken_;
        rewardToken = rewardToken_;
        protectionFund = protectionFund_;
        rewardsDuration = rewardsDuration_;
        _pool.lastUpdate = uint32(block.timestamp);
    }

    /**
     * @notice Stakes `amount` of the stake token (approve first), locked for `lockSeconds` (0 for none, at most
     * {MAX_LOCK}). The lock ends at the later of the running lock's end and now + `lockSeconds`; the whole
     * position's multiplier becomes {multiplierFor} the time remaining. Credits what the pool actually received.
     * @dev Emits {Staked}, and {LockSet} when the lock or the multiplier changed. Reverts while paused.
     */
    function stake(uint256 amount, uint256 lockSeconds) external nonReentrant {
        if (amount == 0) revert CapitalPoolZeroAmount();
        if (lockSeconds > MAX_LOCK) revert CapitalPoolLockTooLong(lockSeconds, MAX_LOCK);
        (Pool memory pool, Position memory p, uint256 rps, uint256 owed) = _accrue(msg.sender);
        if (pool.mayBePaused) {
            _requireNotPaused();
            pool.mayBePaused = false;
        }
        // solady's assembly helpers: the same checks as SafeERC20 and IERC20, for less gas on the hot path.
        address token = address(stakeToken);
        uint256 before = SafeTransferLib.balanceOf(token, address(this));
        SafeTransferLib.safeTransferFrom(token, msg.sender, address(this), amount);
        uint256 received = SafeTransferLib.balanceOf(token, address(this)) - before;
        if (received == 0) revert CapitalPoolZeroAmount();
        // During a shortfall (negative rebase), credit at the rate withdrawals pay, so the newcomer is whole.
        if (before < pool.staked && before != 0) received = Math.mulDiv(received, pool.staked, before);

        // An unlocked stake on an unlocked position leaves the (past or zero) lock end as it is.
        uint256 lockEnd = p.lockEnd;
        if (lockSeconds != 0 || lockEnd > block.timestamp) lockEnd = Math.max(lockEnd, block.timestamp + lockSeconds);
        uint256 multiplier = lockEnd > block.timestamp ? multiplierFor(lockEnd - block.timestamp) : BASE_MULTIPLIER;
        if (lockEnd != p.lockEnd || multiplier != (p.multiplier == 0 ? BASE_MULTIPLIER : p.multiplier)) {
            emit LockSet(msg.sender, lockEnd, multiplier);
        }
        uint256 oldWeight = _weight(p.staked, p.multiplier);
        p.staked = SafeCast.toUint88(p.staked + received);
        if (p.staked < MIN_STAKE) revert CapitalPoolBelowMinimum(p.staked);
        // casting is safe because lockEnd <= now + 730 days fits 40 bits, and multiplier <= 30,000 fits 16 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        p.lockEnd = uint40(lockEnd);
        // forge-lint: disable-next-line(unsafe-typecast)
        p.multiplier = uint16(multiplier);
        uint256 newWeight = _weight(p.staked, p.multiplier);
        p.debt = _debt(newWeight, rps, owed);
        _positions[msg.sender] = p;
        pool.staked = SafeCast.toUint88(pool.staked + received);
        pool.weight = SafeCast.toUint96(pool.weight - oldWeight + newWeight);
        _pool = pool;
        emit Staked(msg.sender, received);
    }

    /**
     * @notice Withdraws `amount` of principal to `to`, once the position's lock has ended. Pays `amount`, or
     * its share of the balance if the pool holds less than the principal (negative rebase). Never paused.
     * @return paid The stake tokens sent.
     * @dev Emits {Withdrawn}.
     */
    function withdraw(uint256 amount, address to) external nonReentrant returns (uint256 paid) {
        if (amount == 0) revert CapitalPoolZeroAmount();
        (Pool memory pool, Position memory p, uint256 rps, uint256 owed) = _accrue(msg.sender);
        if (amount > p.staked) revert CapitalPoolInsufficientStake(msg.sender, p.staked, amount);
        if (block.timestamp < p.lockEnd) revert CapitalPoolLocked(p.lockEnd);
        uint256 oldWeight = _weight(p.staked, p.multiplier);
        // casting is safe because amount <= p.staked, a uint88
        // forge-lint: disable-next-line(unsafe-typecast)
        p.staked -= uint88(amount);
        if (p.staked != 0 && p.staked < MIN_STAKE) revert CapitalPoolBelowMinimum(p.staked);
        // forge-lint: disable-next-line(unsafe-typecast)
        p.multiplier = uint16(BASE_MULTIPLIER);
        p.debt = _debt(p.staked, rps, owed);
        _positions[msg.sender] = p;
        uint256 balance = stakeToken.balanceOf(address(this));
        paid = balance < pool.staked ? Math.mulDiv(amount, balance, pool.staked) : amount;
        // casting is safe because amount <= p.staked <= pool.staked, a uint88
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.staked -= uint88(amount);
        pool.weight = SafeCast.toUint96(pool.weight - oldWeight + _weight(p.staked, p.multiplier));
        _pool = pool;
        emit Withdrawn(msg.sender, to, amount, paid);
        stakeToken.safeTransfer(to, paid);
    }

    /**
     * @notice Sends the caller's earned LUCID to `to`. Never paused, never locked.
     * @return amount The LUCID sent.
     * @dev Emits {RewardClaimed}.
     */
    function claim(address to) external nonReentrant returns (uint256 amount) {
        Pool memory pool;
        Position memory p;
        uint256 rps;
        (pool, p, rps, amount) = _accrue(msg.sender);
        _pool = pool;
        p.debt = _debt(_weight(p.staked, p.multiplier), rps, 0);
        _positions[msg.sender] = p;
        rewardsHeld -= amount;
        emit RewardClaimed(msg.sender, to, amount);
        rewardToken.safeTransfer(to, amount);
    }

    /**
     * @notice Sends the stake token held above the total principal (positive rebase yield, donations) to the
     * protection fund. Permissionless.
     * @return amount The tokens sent.
     * @dev Emits {SurplusSwept}.
     */
    function sweepSurplus() external nonReentrant returns (uint256 amount) {
        uint256 balance = stakeToken.balanceOf(address(this));
        uint256 staked = _pool.staked;
        amount = balance > staked ? balance - staked : 0;
        emit SurplusSwept(protectionFund, amount);
        if (amount != 0) stakeToken.safeTransfer(protectionFund, amount);
    }

    /**
     * @notice Streams every LUCID the pool received since the last reward (at least `amount`, which the
     * {distributor} just sent) over the next {rewardsDuration}, on top of what is left of the current stream and
     * what streamed while nobody staked. Only the {distributor}; `amount` may be 0 to re-stream after the
     * schedule ended.
     * @dev Emits {RewardAdded}.
     */
    function notifyRewardAmount(uint256 amount) external nonReentrant {
        if (msg.sender != distributor) revert CapitalPoolUnauthorizedDistributor(msg.sender);
        uint256 held = rewardsHeld;
        uint256 balance = rewardToken.balanceOf(address(this));
        if (balance < held + amount) revert CapitalPoolRewardNotReceived(balance, held + amount);
        uint256 added = balance - held;
        (Pool memory pool,) = _update();
        // A zero reward (after the schedule ended) only restarts an ended stream, so it cannot stretch one.
        if (added == 0 && block.timestamp < pool.periodFinish) {
            _pool = pool;
            return;
        }
        rewardsHeld = balance;

        uint256 rate = _stream.rate;
        uint256 leftover = block.timestamp < pool.periodFinish ? rate * (pool.periodFinish - block.timestamp) : 0;
        uint256 total = added * PRECISION + leftover + unallocated;
        uint256 duration = rewardsDuration;
        rate = total / duration;
        unallocated = total - rate * duration;
        _stream.rate = SafeCast.toUint144(rate);
        // casting is safe because block.timestamp + 30 days fits 32 bits until 2106
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.periodFinish = uint32(block.timestamp + duration);
        _pool = pool;
        emit RewardAdded(added, rate, block.timestamp + duration);
    }

    /**
     * @notice Sets an expired lock's multiplier back to 1x, so a position does not keep a lock's reward weight
     * after the lock ended. Permissionless; a no-op while the lock runs or when the position is already at 1x.
     */
    function expireLock(address account) external nonReentrant {
        Position memory p = _positions[account];
        if (block.timestamp < p.lockEnd || p.multiplier <= BASE_MULTIPLIER) return;
        Pool memory pool;
        uint256 rps;
        uint256 owed;
        (pool, p, rps, owed) = _accrue(account);
        pool.weight = SafeCast.toUint96(pool.weight - _weight(p.staked, p.multiplier) + p.staked);
        // forge-lint: disable-next-line(unsafe-typecast)
        p.multiplier = uint16(BASE_MULTIPLIER);
        p.debt = _debt(p.staked, rps, owed);
        _positions[account] = p;
        _pool = pool;
        emit LockExpired(account);
    }

    /**
     * @notice Stops {stake} for at most {TimedPausable-MAX_PAUSE}. Only the admin.
     * @dev Emits {Paused}.
     */
    function pause() external onlyOwner {
        _pause();
        _pool.mayBePaused = true;
    }

    /**
     * @notice Resumes {stake}. Only the admin.
     * @dev Emits {Unpaused}.
     */
    function unpause() external onlyOwner {
        _unpause();
    }

    /**
     * @notice The reward multiplier of a lock of `lockSeconds`, in basis points: 10,000 (1x) plus 20,000 × the
     * lock's fraction of {MAX_LOCK}, capped at 30,000 (3x).
     */
    function multiplierFor(uint256 lockSeconds) public pure returns (uint256) {
        return BASE_MULTIPLIER + ((MAX_MULTIPLIER - BASE_MULTIPLIER) * Math.min(lockSeconds, MAX_LOCK)) / MAX_LOCK;
    }

    /**
     * @notice `account`'s position: principal, weight (principal × multiplier), multiplier (bps), when the lock
     * ends (0 or past: unlocked) and the LUCID it could claim now.
     */
    function positionOf(address account)
        external
        view
        returns (uint256 staked, uint256 weight, uint256 multiplier, uint256 lockEnd, uint256 earned_)
    {
        Position memory p = _positions[account];
        multiplier = p.multiplier == 0 ? BASE_MULTIPLIER : p.multiplier;
        return (p.staked, _weight(p.staked, p.multiplier), multiplier, p.lockEnd, earned(account));
    }

    /// @notice Total principal staked.
    function totalStaked() external view returns (uint256) {
        return _pool.staked;
    }

    /// @notice Sum of every position's weight: what the stream is shared by.
    function totalWeight() external view returns (uint256) {
        return _pool.weight;
    }

    /// @notice Last time the accumulator was brought up to date.
    function lastUpdate() external view returns (uint256) {
        return _pool.lastUpdate;
    }

    /// @notice End of the current reward stream.
    function periodFinish() external view returns (uint256) {
        return _pool.periodFinish;
    }

    /// @notice LUCID-wei per second, times {PRECISION}.
    function rewardRate() external view returns (uint256) {
        return _stream.rate;
    }

    /// @notice Accumulated LUCID-wei per unit of weight, times {PRECISION}, as of the last update.
    function rewardPerShareStored() external view returns (uint256) {
        return _stream.rewardPerShare;
    }

    /// @notice Principal of `account`.
    function stakedOf(address account) external view returns (uint256) {
        return _positions[account].staked;
    }

    /// @notice The accumulator as of now.
    function rewardPerShare() public view returns (uint256 rps) {
        (rps,) = _pending(_pool, _stream);
    }

    /// @notice LUCID `account` could claim now.
    function earned(address account) public view returns (uint256) {
        return _owed(_positions[account], rewardPerShare());
    }

    /// @dev Brings the accumulator to now. Returns the pool and `account`'s position, for the caller to modify and
    /// store (with a new {_debt}), the accumulator, and what the position earned so far.
    function _accrue(address account)
        private
        returns (Pool memory pool, Position memory p, uint256 rps, uint256 owed)
    {
        (pool, rps) = _update();
        p = _positions[account];
        owed = _owed(p, rps);
    }

    /// @dev What `p` earned, given the accumulator `rps`: ⌊weight × rps / PRECISION⌋ - debt modulo 2^96, as a
    /// signed number floored at 0 (it is -1 right after a reset that rounded up).
    function _owed(Position memory p, uint256 rps) private pure returns (uint256) {
        unchecked {
            // weight < 2^96 and rps < 2^112: the product cannot overflow
            // casting keeps the difference modulo 2^96, where it is exact (see {Position})
            // forge-lint: disable-next-line(unsafe-typecast)
            int96 owed = int96(uint96((_weight(p.staked, p.multiplier) * rps) / PRECISION - p.debt));
            // forge-lint: disable-next-line(unsafe-typecast)
            return owed > 0 ? uint256(uint96(owed)) : 0;
        }
    }

    /// @dev The debt that makes a position of `weight` have earned `owed` now, rounding against the position.
    function _debt(uint256 weight, uint256 rps, uint256 owed) private pure returns (uint96) {
        unchecked {
            // weight < 2^96 and rps < 2^112: the product cannot overflow
            // casting keeps the debt modulo 2^96 (see {Position})
            // forge-lint: disable-next-line(unsafe-typecast)
            return uint96((weight * rps + (PRECISION - 1)) / PRECISION - owed);
        }
    }

    /// @dev Brings the accumulator and the pool's clock to now (in memory; callers store the pool). Returns the
    /// pool and the accumulator.
    function _update() private returns (Pool memory pool, uint256 rps) {
        pool = _pool;
        Stream memory stream = _stream;
        rps = stream.rewardPerShare;
        if (pool.lastUpdate == block.timestamp) return (pool, rps);
        uint256 idle;
        (rps, idle) = _pending(pool, stream);
        if (idle != 0) unallocated += idle;
        if (rps != stream.rewardPerShare) _stream = Stream(stream.rate, SafeCast.toUint112(rps));
        // casting is safe until 2106
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.lastUpdate = uint32(block.timestamp);
    }

    /// @dev Accumulator as of now, and what streamed with no weight staked (×PRECISION) since the last update.
    function _pending(Pool memory pool, Stream memory stream) private view returns (uint256 rps, uint256 idle) {
        rps = stream.rewardPerShare;
        uint256 end = block.timestamp < pool.periodFinish ? block.timestamp : pool.periodFinish;
        if (end <= pool.lastUpdate) return (rps, 0);
        uint256 streamed = uint256(stream.rate) * (end - pool.lastUpdate);
        if (pool.weight == 0) return (rps, streamed);
        rps += streamed / pool.weight;
    }

    /// @dev Principal × multiplier; a zero multiplier (never staked) counts as 1x.
    function _weight(uint256 staked, uint256 multiplier) private pure returns (uint256) {
        return multiplier == 0 ? staked : (staked * multiplier) / BASE_MULTIPLIER;
    }
}
