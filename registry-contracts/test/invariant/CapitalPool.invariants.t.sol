// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CapitalPool} from "../../src/CapitalPool.sol";
import {DevToken} from "../../src/devnet/DevToken.sol";
import {RebasingToken} from "../utils/RebasingToken.sol";

/// @dev Drives the capital pool alone: stakes with and without locks, withdrawals, claims, rewards, positive and
/// negative rebases of a stETH-like stake token, surplus sweeps, lock expiries and time.
contract CapitalPoolHandler is Test {
    CapitalPool public pool;
    RebasingToken public stake;
    DevToken public reward;
    address[] public actors;

    uint256 public ghost_received;
    uint256 public ghost_claimed;
    mapping(bytes32 => uint256) public calls;

    modifier count(string memory name) {
        ++calls[keccak256(bytes(name))];
        _;
    }

    constructor(RebasingToken stake_, DevToken reward_, address fund) {
        stake = stake_;
        reward = reward_;
        pool = new CapitalPool(address(this), IERC20(address(stake_)), IERC20(address(reward_)), address(this), fund, 1 days);
        for (uint256 i; i < 4; ++i) actors.push(makeAddr(string.concat("staker", vm.toString(i))));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function doStake(uint256 actorSeed, uint256 amount, uint256 lockSeconds) external count("stake") {
        address who = actors[actorSeed % actors.length];
        amount = bound(amount, 2e12, 1e24);
        lockSeconds = lockSeconds % 2 == 0 ? 0 : bound(lockSeconds, 0, 730 days);
        stake.mint(who, amount);
        vm.startPrank(who);
        stake.approve(address(pool), amount);
        pool.stake(amount, lockSeconds);
        vm.stopPrank();
    }

    function doWithdraw(uint256 actorSeed, uint256 amount) external count("withdraw") {
        address who = actors[actorSeed % actors.length];
        (uint256 staked,,, uint256 lockEnd,) = pool.positionOf(who);
        if (staked == 0 || block.timestamp < lockEnd) return;
        amount = bound(amount, 1, staked);
        if (staked - amount != 0 && staked - amount < pool.MIN_STAKE()) amount = staked;
        vm.prank(who);
        pool.withdraw(amount, who);
    }

    function doClaim(uint256 actorSeed) external count("claim") {
        address who = actors[actorSeed % actors.length];
        vm.prank(who);
        ghost_claimed += pool.claim(who);
    }

    function doNotify(uint256 amount) external count("notify") {
        amount = bound(amount, 0, 10_000 ether);
        reward.mint(address(pool), amount);
        pool.notifyRewardAmount(amount);
        ghost_received += amount;
    }

    function doRebase(int256 bps) external count("rebase") {
        if (stake.totalPooled() == 0) return;
        stake.rebase(bound(bps, -1_000, 1_000));
    }

    function doSweep() external count("sweep") {
        pool.sweepSurplus();
    }

    function doExpireLock(uint256 actorSeed) external count("expireLock") {
        pool.expireLock(actors[actorSeed % actors.length]);
    }

    function doWarp(uint256 secondsAhead) external count("warp") {
        vm.warp(block.timestamp + bound(secondsAhead, 1 minutes, 60 days));
    }
}

contract CapitalPoolInvariants is StdInvariant, Test {
    CapitalPoolHandler internal handler;
    CapitalPool internal pool;
    RebasingToken internal stake;

    function setUp() public {
        vm.warp(1_700_000_000);
        stake = new RebasingToken();
        DevToken reward = new DevToken("Lucid Reward", "LUCID", 18, address(this));
        handler = new CapitalPoolHandler(stake, reward, makeAddr("fund"));
        reward.transferOwnership(address(handler));
        pool = handler.pool();
        targetContract(address(handler));
    }

    /**
     * Principal is always withdrawable: after every call, if every lock ran out and every staker withdrew
     * everything, no withdrawal reverts, the pool ends with no principal, and without a shortfall each staker
     * gets exactly their principal. (Checked on a snapshot, which is then thrown away.)
     */
    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 60
    function invariant_PrincipalAlwaysWithdrawable() public {
        uint256 snapshot = vm.snapshotState();
        vm.warp(block.timestamp + 731 days);
        bool shortfall = stake.balanceOf(address(pool)) < pool.totalStaked();
        for (uint256 i; i < handler.actorCount(); ++i) {
            address who = handler.actors(i);
            uint256 staked = pool.stakedOf(who);
            if (staked == 0) continue;
            vm.prank(who);
            try pool.withdraw(staked, who) returns (uint256 paid) {
                if (!shortfall) assertEq(paid, staked, "PrincipalAlwaysWithdrawable");
            } catch {
                assertTrue(false, "PrincipalAlwaysWithdrawable");
            }
        }
        assertEq(pool.totalStaked(), 0, "PrincipalAlwaysWithdrawable");
        vm.revertToState(snapshot);
    }

    /// The pool never pays more LUCID than it received: claimed plus claimable is at most what was notified.
    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 60
    function invariant_RewardsPaidAtMostReceived() public view {
        uint256 claimable;
        for (uint256 i; i < handler.actorCount(); ++i) claimable += pool.earned(handler.actors(i));
        assertLe(handler.ghost_claimed() + claimable, handler.ghost_received(), "RewardsPaidAtMostReceived");
        assertEq(pool.rewardsHeld() + handler.ghost_claimed(), handler.ghost_received(), "RewardsPaidAtMostReceived");
    }

    /// Every position's weight is its principal times its multiplier, and the weights sum to the pool's total.
    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 60
    function invariant_WeightsSumToTotal() public view {
        uint256 weights;
        uint256 principal;
        for (uint256 i; i < handler.actorCount(); ++i) {
            (uint256 staked, uint256 weight, uint256 multiplier,,) = pool.positionOf(handler.actors(i));
            assertEq(weight, (staked * multiplier) / 10_000, "WeightsSumToTotal");
            assertGe(multiplier, 10_000, "WeightsSumToTotal");
            assertLe(multiplier, 30_000, "WeightsSumToTotal");
            weights += weight;
            principal += staked;
        }
        assertEq(pool.totalWeight(), weights, "WeightsSumToTotal");
        assertEq(pool.totalStaked(), principal, "WeightsSumToTotal");
    }
}
