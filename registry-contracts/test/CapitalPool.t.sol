// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimedPausable} from "../src/utils/TimedPausable.sol";
import {CapitalPool} from "../src/CapitalPool.sol";
import {Fixture} from "./utils/Fixture.sol";
import {RebasingToken} from "./utils/RebasingToken.sol";
import {DevToken} from "../src/devnet/DevToken.sol";

contract CapitalPoolTest is Fixture {
    event Staked(address indexed account, uint256 amount);
    event LockSet(address indexed account, uint256 lockEnd, uint256 multiplier);
    event Withdrawn(address indexed account, address indexed to, uint256 amount, uint256 paid);
    event RewardClaimed(address indexed account, address indexed to, uint256 amount);

    function test_Parameters() public view {
        assertEq(address(pool.stakeToken()), address(stEth));
        assertEq(address(pool.rewardToken()), address(lucid));
        assertEq(pool.rewardsDuration(), 1 days);
        assertEq(pool.distributor(), address(controller));
    }

    function test_RevertWhen_ConstructorInvalid() public {
        vm.expectRevert(CapitalPool.CapitalPoolInvalidParameter.selector);
        new CapitalPool(owner, IERC20(address(lucid)), IERC20(address(lucid)), address(controller), fund, 1 days);
        vm.expectRevert(CapitalPool.CapitalPoolInvalidParameter.selector);
        new CapitalPool(owner, IERC20(address(0)), IERC20(address(lucid)), address(controller), fund, 1 days);
        vm.expectRevert(CapitalPool.CapitalPoolInvalidParameter.selector);
        new CapitalPool(owner, IERC20(address(stEth)), IERC20(address(lucid)), address(0), fund, 1 days);
        vm.expectRevert(CapitalPool.CapitalPoolInvalidParameter.selector);
        new CapitalPool(owner, IERC20(address(stEth)), IERC20(address(lucid)), address(controller), address(0), 1 days);
        vm.expectRevert(CapitalPool.CapitalPoolInvalidParameter.selector);
        new CapitalPool(owner, IERC20(address(stEth)), IERC20(address(lucid)), address(controller), fund, 31 days);
    }

    function test_Stake() public {
        stEth.mint(alice, 10 ether);
        vm.startPrank(alice);
        stEth.approve(address(pool), 10 ether);
        vm.expectEmit(address(pool));
        emit Staked(alice, 10 ether);
        pool.stake(10 ether, 0);
        vm.stopPrank();
        assertEq(pool.stakedOf(alice), 10 ether);
        assertEq(pool.totalStaked(), 10 ether);
        assertEq(stEth.balanceOf(address(pool)), 10 ether);
    }

    function test_RevertWhen_StakeZero() public {
        vm.expectRevert(CapitalPool.CapitalPoolZeroAmount.selector);
        pool.stake(0, 0);
    }

    function test_RevertWhen_StakeWhilePaused() public {
        vm.prank(owner);
        pool.pause();
        vm.expectRevert(abi.encodeWithSelector(TimedPausable.TimedPausableEnforcedPause.selector, block.timestamp + 7 days));
        pool.stake(1, 0);
    }

    function test_RevertWhen_PauseByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        pool.pause();
        vm.prank(owner);
        pool.pause();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        pool.unpause();
    }

    function test_Withdraw() public {
        _stake(alice, 10 ether);
        vm.expectEmit(address(pool));
        emit Withdrawn(alice, bob, 4 ether, 4 ether);
        vm.prank(alice);
        pool.withdraw(4 ether, bob);
        assertEq(pool.stakedOf(alice), 6 ether);
        assertEq(pool.totalStaked(), 6 ether);
        assertEq(stEth.balanceOf(bob), 4 ether);
    }

    function test_RevertWhen_WithdrawZero() public {
        vm.expectRevert(CapitalPool.CapitalPoolZeroAmount.selector);
        pool.withdraw(0, alice);
    }

    function test_RevertWhen_WithdrawMoreThanStaked() public {
        _stake(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(CapitalPool.CapitalPoolInsufficientStake.selector, alice, 1 ether, 2 ether));
        vm.prank(alice);
        pool.withdraw(2 ether, alice);
    }

    function test_WithdrawAndClaimWorkWhilePaused() public {
        _stake(alice, 1 ether);
        vm.warp(start + 1 days);
        controller.distribute();
        vm.warp(start + 2 days);
        vm.prank(owner);
        pool.pause();
        vm.startPrank(alice);
        pool.withdraw(1 ether, alice);
        assertGt(pool.claim(alice), 0);
        vm.stopPrank();
        assertEq(stEth.balanceOf(alice), 1 ether);
    }

    /// The reward streams over a day; a lone staker gets all of it, less rounding dust.
    function test_ClaimStreamedReward() public {
        _stake(alice, 1 ether);
        vm.warp(start + 1 days);
        controller.distribute();
        (uint256 perPool,) = controller.split(DAILY);
        vm.warp(start + 1 days + 12 hours);
        assertApproxEqAbs(pool.earned(alice), perPool / 2, 1e6);
        vm.warp(start + 3 days);
        uint256 earned = pool.earned(alice);
        vm.expectEmit(address(pool));
        emit RewardClaimed(alice, alice, earned);
        vm.prank(alice);
        assertEq(pool.claim(alice), earned);
        assertApproxEqAbs(earned, perPool, 1e6);
        assertLe(earned, perPool);
        assertEq(lucid.balanceOf(alice), earned);
        assertEq(pool.earned(alice), 0);
    }

    /// Stake × time: 1 ether for the whole stream vs 3 ether for its second half → 2:3.
    function test_RewardIsProRataToStakeTimesTime() public {
        _stake(alice, 1 ether);
        vm.warp(start + 1 days);
        controller.distribute();
        vm.warp(start + 1 days + 12 hours);
        _stake(bob, 3 ether);
        vm.warp(start + 2 days);
        uint256 a = pool.earned(alice);
        uint256 b = pool.earned(bob);
        // alice: 1/2 + 1/2 * 1/4 = 5/8 of the stream; bob: 3/8.
        assertApproxEqRel(a * 3, b * 5, 1e9);
    }

    /// Staking right before a distribute earns nothing from the period before it.
    function test_JustInTimeStakeGetsOnlyTheFutureStream() public {
        _stake(alice, 1 ether);
        vm.warp(start + 1 days);
        controller.distribute();
        vm.warp(start + 2 days);
        _stake(bob, 1_000 ether);
        controller.distribute();
        assertEq(pool.earned(bob), 0);
        vm.prank(bob);
        pool.withdraw(1_000 ether, bob);
        assertEq(pool.earned(bob), 0);
    }

    /// What streams while nobody stakes is re-streamed with the next reward, not lost.
    function test_RewardStreamedWithNoStakersIsKept() public {
        vm.warp(start + 1 days);
        controller.distribute();
        (uint256 first,) = controller.split(DAILY);
        vm.warp(start + 2 days);
        _stake(alice, 1 ether);
        controller.distribute();
        (uint256 second,) = controller.split(DAILY - DECREASE);
        vm.warp(start + 4 days);
        assertApproxEqAbs(pool.earned(alice), first + second, 1e6);
        assertLe(pool.earned(alice), first + second);
    }

    function test_RevertWhen_RewardNotReceived() public {
        vm.expectRevert(abi.encodeWithSelector(CapitalPool.CapitalPoolRewardNotReceived.selector, 0, 1));
        vm.prank(address(controller));
        pool.notifyRewardAmount(1);
    }

    /// Only the controller may restart the stream; anyone else could stretch it with 1-wei rewards.
    function test_RevertWhen_NotifyByNonDistributor() public {
        vm.expectRevert(abi.encodeWithSelector(CapitalPool.CapitalPoolUnauthorizedDistributor.selector, alice));
        vm.prank(alice);
        pool.notifyRewardAmount(0);
    }

    /// Two stakers' rewards never exceed what the pool received.
    function testFuzz_EarnedNeverExceedsReceived(uint256 a, uint256 b, uint256 dt1, uint256 dt2) public {
        a = bound(a, 1e12, 1e26); // MIN_STAKE .. 100M tokens
        b = bound(b, 1e12, 1e26);
        dt1 = bound(dt1, 1, 3 days);
        dt2 = bound(dt2, 1, 3 days);
        _stake(alice, a);
        vm.warp(block.timestamp + dt1);
        controller.distribute();
        _stake(bob, b);
        vm.warp(block.timestamp + dt2);
        controller.distribute();
        vm.warp(block.timestamp + 2 days);
        assertLe(pool.earned(alice) + pool.earned(bob), pool.rewardsHeld());
    }

    // ---------------------------------------------------------------- lock multiplier

    function test_MultiplierFor() public view {
        assertEq(pool.multiplierFor(0), 10_000);
        assertEq(pool.multiplierFor(180 days), 10_000 + (20_000 * uint256(180)) / 730); // 1.49x
        assertEq(pool.multiplierFor(365 days), 20_000);
        assertEq(pool.multiplierFor(730 days), 30_000);
        assertEq(pool.multiplierFor(10_000 days), 30_000);
    }

    /// The multiplier is 1x + 2x * lock / 730 days, capped at 3x, computed here independently in fixed point.
    function testFuzz_MultiplierIsLinearMonotoneAndCapped(uint256 a, uint256 b) public view {
        a = bound(a, 0, 2_000 days);
        b = bound(b, a, 2_000 days);
        uint256 lock = a > 730 days ? 730 days : a;
        assertEq(pool.multiplierFor(a), (10_000 * 730 days + 20_000 * lock) / 730 days);
        assertLe(pool.multiplierFor(a), pool.multiplierFor(b));
        assertLe(pool.multiplierFor(b), 30_000);
    }

    /// Rewards are pro rata to stake x multiplier: a two-year lock earns three times an unlocked stake.
    function test_LockedStakeEarnsItsMultiplier() public {
        _stake(alice, 1 ether);
        stEth.mint(bob, 1 ether);
        vm.startPrank(bob);
        stEth.approve(address(pool), 1 ether);
        vm.expectEmit(address(pool));
        emit LockSet(bob, block.timestamp + 730 days, 30_000);
        pool.stake(1 ether, 730 days);
        vm.stopPrank();
        (uint256 staked, uint256 weight, uint256 multiplier, uint256 lockEnd,) = pool.positionOf(bob);
        assertEq(staked, 1 ether);
        assertEq(weight, 3 ether);
        assertEq(multiplier, 30_000);
        assertEq(lockEnd, block.timestamp + 730 days);
        assertEq(pool.totalWeight(), 4 ether);
        vm.warp(start + 1 days);
        controller.distribute();
        vm.warp(start + 3 days);
        assertApproxEqRel(pool.earned(bob), 3 * pool.earned(alice), 1e12);
    }

    function test_RevertWhen_WithdrawBeforeTheLockEnds() public {
        stEth.mint(alice, 2 ether);
        vm.startPrank(alice);
        stEth.approve(address(pool), 2 ether);
        pool.stake(2 ether, 180 days);
        vm.warp(block.timestamp + 1 days);
        vm.stopPrank();
        controller.distribute();
        vm.warp(start + 180 days - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(CapitalPool.CapitalPoolLocked.selector, start + 180 days));
        pool.withdraw(1 ether, alice);
        vm.prank(alice);
        assertGt(pool.claim(alice), 0); // rewards are never locked
        vm.warp(start + 180 days);
        vm.prank(alice);
        pool.withdraw(2 ether, alice);
        assertEq(stEth.balanceOf(alice), 2 ether);
    }

    function test_RevertWhen_LockLongerThanTwoYears() public {
        vm.expectRevert(abi.encodeWithSelector(CapitalPool.CapitalPoolLockTooLong.selector, 730 days + 1, 730 days));
        pool.stake(1 ether, 730 days + 1);
    }

    /// Adding to a position keeps the running lock's end, and the multiplier follows the time left.
    function test_NewStakeNeverShortensTheLock() public {
        stEth.mint(alice, 2 ether);
        vm.startPrank(alice);
        stEth.approve(address(pool), 2 ether);
        pool.stake(1 ether, 100 days);
        vm.warp(block.timestamp + 10 days);
        pool.stake(1 ether, 0);
        vm.stopPrank();
        (uint256 staked, uint256 weight, uint256 multiplier, uint256 lockEnd,) = pool.positionOf(alice);
        assertEq(lockEnd, start + 100 days);
        assertEq(multiplier, pool.multiplierFor(90 days));
        assertEq(weight, (staked * multiplier) / 10_000);
    }

    function test_ExpireLockSetsTheMultiplierBackToOne() public {
        stEth.mint(alice, 1 ether);
        vm.startPrank(alice);
        stEth.approve(address(pool), 1 ether);
        pool.stake(1 ether, 365 days);
        vm.stopPrank();
        pool.expireLock(alice); // still running: no-op
        assertEq(pool.totalWeight(), 2 ether);
        vm.warp(start + 365 days);
        pool.expireLock(alice);
        (, uint256 weight, uint256 multiplier,,) = pool.positionOf(alice);
        assertEq(multiplier, 10_000);
        assertEq(weight, 1 ether);
        assertEq(pool.totalWeight(), 1 ether);
    }

    // ---------------------------------------------------------------- rebasing stake token

    function _rebasingPool() internal returns (RebasingToken rst, CapitalPool rpool) {
        rst = new RebasingToken();
        rpool = new CapitalPool(owner, IERC20(address(rst)), IERC20(address(lucid)), address(this), fund, 1 days);
    }

    function _stakeIn(RebasingToken rst, CapitalPool rpool, address who, uint256 amount) internal {
        rst.mint(who, amount);
        vm.startPrank(who);
        rst.approve(address(rpool), type(uint256).max);
        rpool.stake(amount, 0);
        vm.stopPrank();
    }

    /// A 3% positive rebase: everyone withdraws their principal, and the yield goes to the protection fund.
    function test_PositiveRebaseSurplusIsSweptToTheFund() public {
        (RebasingToken rst, CapitalPool rpool) = _rebasingPool();
        _stakeIn(rst, rpool, alice, 60 ether);
        _stakeIn(rst, rpool, bob, 40 ether);
        rst.rebase(300);
        vm.prank(alice);
        rpool.withdraw(60 ether, alice);
        vm.prank(bob);
        rpool.withdraw(40 ether, bob);
        assertApproxEqAbs(rst.balanceOf(alice), 60 ether, 2);
        assertApproxEqAbs(rst.balanceOf(bob), 40 ether, 2);
        uint256 swept = rpool.sweepSurplus();
        assertApproxEqAbs(swept, 3 ether, 4);
        assertApproxEqAbs(rst.balanceOf(fund), 3 ether, 4);
        assertLe(rst.balanceOf(address(rpool)), 2); // share rounding of the mock token
    }

    /// A 10% slashing: withdrawals pay their share of what is left, and the last staker still leaves.
    function test_NegativeRebaseLastStakerCanLeave() public {
        (RebasingToken rst, CapitalPool rpool) = _rebasingPool();
        _stakeIn(rst, rpool, alice, 60 ether);
        _stakeIn(rst, rpool, bob, 40 ether);
        rst.rebase(-1_000);
        vm.prank(alice);
        uint256 paidAlice = rpool.withdraw(60 ether, alice);
        vm.prank(bob);
        uint256 paidBob = rpool.withdraw(40 ether, bob);
        assertApproxEqAbs(paidAlice, 54 ether, 2);
        assertApproxEqAbs(paidBob, 36 ether, 2);
        assertLe(rst.balanceOf(address(rpool)), 2);
        assertEq(rpool.totalStaked(), 0);
    }

    /// Staking during a shortfall credits the newcomer at the withdrawal rate: they get back what they put in.
    function test_StakeDuringAShortfallDoesNotAbsorbTheLoss() public {
        (RebasingToken rst, CapitalPool rpool) = _rebasingPool();
        _stakeIn(rst, rpool, alice, 100 ether);
        rst.rebase(-2_000);
        _stakeIn(rst, rpool, bob, 40 ether);
        uint256 credited = rpool.stakedOf(bob);
        assertApproxEqAbs(credited, 50 ether, 2);
        vm.prank(bob);
        assertApproxEqAbs(rpool.withdraw(credited, bob), 40 ether, 2);
        vm.prank(alice);
        assertApproxEqAbs(rpool.withdraw(100 ether, alice), 80 ether, 2);
    }
}
