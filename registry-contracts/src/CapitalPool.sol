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

/**
 * @title CapitalPool
 * @notice Stake an ERC-20 (stETH on the devnet) and earn the capital bucket of LUCID emission pro rata to
 * stake × time. A reward-per-share accumulator makes {stake}, {withdraw} and {claim} O(1), whatever the number
 * of stakers.
 *
 * Each reward the controller sends is streamed over {rewardsDuration} (added to what is left of the current
 * stream), so staking just before a {EmissionController-distribute} earns only the stream that follows, not
 * the past period. Unlike Synthetix StakingRewards, nothing is lost: the rate keeps 1e18 extra precision and
 * its remainder, and whatever streams while nobody stakes, is re-streamed with the next reward.
 *
 * NOTE: Principal is credited as the balance actually received (stETH transfers can round down by a wei).
 * Pausing stops {stake} only; {withdraw} and {claim} always work. The stake token must not be the reward token.
 */
contract CapitalPool is Ownable2Step, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Extra precision of {rewardRate} and the accumulator.
    uint256 public constant PRECISION = 1e18;
    /// @notice Default stream length of each reward.
    uint256 public constant DEFAULT_REWARDS_DURATION = 1 days;

    /// @dev One slot, written by every state-changing call.
    struct Pool {
        uint128 totalStaked;
        uint64 lastUpdate;
        uint64 periodFinish;
    }

    /// @dev One slot per staker.
    struct Stake {
        uint128 staked;
        uint128 rewards;
    }

    IERC20 public immutable stakeToken;
    IERC20 public immutable rewardToken;
    /// @notice Seconds over which each reward is streamed.
    uint256 public immutable rewardsDuration;
    /// @notice The only caller of {notifyRewardAmount}: the emission controller. Restricted because a reward
    /// restarts the stream, so anyone could otherwise stretch it (and delay stakers' rewards) with 1-wei notifies.
    address public immutable distributor;

    Pool private _pool;
    /// @notice LUCID-wei per second, times {PRECISION}.
    uint256 public rewardRate;
    /// @notice Accumulated LUCID-wei per staked wei, times {PRECISION}.
    uint256 public rewardPerShareStored;
    /// @notice Streamed while nobody staked, plus rate remainders, times {PRECISION}; re-streamed at the next reward.
    uint256 public unallocated;
    /// @notice LUCID received and not yet claimed.
    uint256 public rewardsHeld;

    mapping(address account => Stake) private _stakes;
    mapping(address account => uint256) public rewardPerSharePaid;

    /// @notice Emitted when `account` staked `amount` (as received).
    event Staked(address indexed account, uint256 amount);
    /// @notice Emitted when `account` withdrew `amount` of principal to `to`.
    event Withdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice Emitted when `account` claimed `amount` LUCID to `to`.
    event RewardClaimed(address indexed account, address indexed to, uint256 amount);
    /// @notice Emitted when `amount` LUCID was added; streams at `rate` (×1e18 per second) until `periodFinish`.
    event RewardAdded(uint256 amount, uint256 rate, uint256 periodFinish);

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

    /**
     * @param owner_ Admin (pause); two-step transfer.
     * @param stakeToken_ The staked ERC-20.
     * @param rewardToken_ LUCID; must differ from `stakeToken_`.
     * @param distributor_ The emission controller, the only caller of {notifyRewardAmount}.
     * @param rewardsDuration_ Stream length in seconds, 1 hour..30 days.
     */
    constructor(
        address owner_,
        IERC20 stakeToken_,
        IERC20 rewardToken_,
        address distributor_,
        uint256 rewardsDuration_
    ) Ownable(owner_) {
        if (
            address(stakeToken_) == address(0) || address(rewardToken_) == address(0) || stakeToken_ == rewardToken_
                || distributor_ == address(0) || rewardsDuration_ < 1 hours || rewardsDuration_ > 30 days
        ) revert CapitalPoolInvalidParameter();
        distributor = distributor_;
        stakeToken = stakeToken_;
        rewardToken = rewardToken_;
        rewardsDuration = rewardsDuration_;
        _pool.lastUpdate = uint64(block.timestamp);
    }

    /**
     * @notice Stakes `amount` of the stake token (approve first). Credits what the pool actually received.
     * @dev Emits {Staked}. Reverts while paused.
     */
    function stake(uint256 amount) external whenNotPaused nonReentrant {
        if (amount == 0) revert CapitalPoolZeroAmount();
        Pool memory pool = _accrue(msg.sender);
        uint256 before = stakeToken.balanceOf(address(this));
        stakeToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = stakeToken.balanceOf(address(this)) - before;
        _stakes[msg.sender].staked += SafeCast.toUint128(received);
        pool.totalStaked += SafeCast.toUint128(received);
        _pool = pool;
        emit Staked(msg.sender, received);
    }

    /**
     * @notice Withdraws `amount` of principal to `to`. Never paused.
     * @dev Emits {Withdrawn}.
     */
    function withdraw(uint256 amount, address to) external nonReentrant {
        if (amount == 0) revert CapitalPoolZeroAmount();
        Pool memory pool = _accrue(msg.sender);
        Stake storage s = _stakes[msg.sender];
        uint256 staked = s.staked;
        if (amount > staked) revert CapitalPoolInsufficientStake(msg.sender, staked, amount);
        // casting is safe because amount <= staked, a uint128
        // forge-lint: disable-next-line(unsafe-typecast)
        s.staked = uint128(staked - amount);
        // casting is safe because amount <= staked <= totalStaked, a uint128
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.totalStaked -= uint128(amount);
        _pool = pool;
        emit Withdrawn(msg.sender, to, amount);
        stakeToken.safeTransfer(to, amount);
    }

    /**
     * @notice Sends the caller's earned LUCID to `to`. Never paused.
     * @return amount The LUCID sent.
     * @dev Emits {RewardClaimed}.
     */
    function claim(address to) external nonReentrant returns (uint256 amount) {
        _pool = _accrue(msg.sender);
        Stake storage s = _stakes[msg.sender];
        amount = s.rewards;
        s.rewards = 0;
        rewardsHeld -= amount;
        emit RewardClaimed(msg.sender, to, amount);
        rewardToken.safeTransfer(to, amount);
    }

    /**
     * @notice Streams `amount` LUCID, already sent to this pool, over the next {rewardsDuration}, on top of
     * what is left of the current stream. Only the {distributor}; the pool must already hold it.
     * @dev Emits {RewardAdded}.
     */
    function notifyRewardAmount(uint256 amount) external nonReentrant {
        if (msg.sender != distributor) revert CapitalPoolUnauthorizedDistributor(msg.sender);
        uint256 needed = rewardsHeld + amount;
        uint256 balance = rewardToken.balanceOf(address(this));
        if (balance < needed) revert CapitalPoolRewardNotReceived(balance, needed);
        rewardsHeld = needed;

        Pool memory pool = _accrue(address(0));
        uint256 rate = rewardRate;
        uint256 leftover = block.timestamp < pool.periodFinish ? rate * (pool.periodFinish - block.timestamp) : 0;
        uint256 total = amount * PRECISION + leftover + unallocated;
        uint256 duration = rewardsDuration;
        rate = total / duration;
        unallocated = total - rate * duration;
        rewardRate = rate;
        // casting is safe because block.timestamp + 30 days fits 64 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        pool.periodFinish = uint64(block.timestamp + duration);
        _pool = pool;
        emit RewardAdded(amount, rate, block.timestamp + duration);
    }

    /**
     * @notice Stops {stake}. Only the admin.
     * @dev Emits {Paused}.
     */
    function pause() external onlyOwner {
        _pause();
    }

    /**
     * @notice Resumes {stake}. Only the admin.
     * @dev Emits {Unpaused}.
     */
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Total principal staked.
    function totalStaked() external view returns (uint256) {
        return _pool.totalStaked;
    }

    /// @notice Last time the accumulator was brought up to date.
    function lastUpdate() external view returns (uint256) {
        return _pool.lastUpdate;
    }

    /// @notice End of the current reward stream.
    function periodFinish() external view returns (uint256) {
        return _pool.periodFinish;
    }

    /// @notice Principal of `account`.
    function stakedOf(address account) external view returns (uint256) {
        return _stakes[account].staked;
    }

    /// @notice The accumulator as of now.
    function rewardPerShare() public view returns (uint256 rps) {
        (rps,) = _pending(_pool);
    }

    /// @notice LUCID `account` could claim now.
    function earned(address account) external view returns (uint256) {
        Stake memory s = _stakes[account];
        return s.rewards + Math.mulDiv(s.staked, rewardPerShare() - rewardPerSharePaid[account], PRECISION);
    }

    /**
     * @dev Brings the accumulator to now and credits `account` (skip with address(0)). Returns the pool slot
     * for the caller to modify and store once.
     */
    function _accrue(address account) private returns (Pool memory pool) {
        pool = _pool;
        (uint256 rps, uint256 idle) = _pending(pool);
        if (idle != 0) unallocated += idle;
        if (rps != rewardPerShareStored) rewardPerShareStored = rps;
        pool.lastUpdate = uint64(block.timestamp);
        if (account != address(0)) {
            Stake storage s = _stakes[account];
            uint256 paid = rewardPerSharePaid[account];
            if (rps != paid) {
                uint256 staked = s.staked;
                if (staked != 0) s.rewards += SafeCast.toUint128(Math.mulDiv(staked, rps - paid, PRECISION));
                rewardPerSharePaid[account] = rps;
            }
        }
    }

    /// @dev Accumulator as of now, and what streamed with nobody staked (×PRECISION) since the last update.
    function _pending(Pool memory pool) private view returns (uint256 rps, uint256 idle) {
        rps = rewardPerShareStored;
        uint256 end = Math.min(block.timestamp, pool.periodFinish);
        if (end <= pool.lastUpdate) return (rps, 0);
        uint256 streamed = rewardRate * (end - pool.lastUpdate);
        if (pool.totalStaked == 0) return (rps, streamed);
        rps += streamed / pool.totalStaked;
    }
}
