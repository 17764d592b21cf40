// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimedPausable} from "../src/utils/TimedPausable.sol";
import {EmissionController} from "../src/EmissionController.sol";
import {Fixture} from "./utils/Fixture.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EntryRegistry} from "../src/EntryRegistry.sol";
import {UsageLedger} from "../src/UsageLedger.sol";
import {CapitalPool} from "../src/CapitalPool.sol";
import {RewardToken} from "../src/RewardToken.sol";

contract EmissionControllerTest is Fixture {
    event Distributed(uint256 amount, uint256 perPool, uint256 protection, uint64 timestamp);

    // ---------------------------------------------------------------- constructor

    function test_Defaults() public view {
        assertEq(controller.initialDailyEmission(), controller.DEFAULT_INITIAL_DAILY());
        assertEq(controller.decreasePerDay(), controller.DEFAULT_DECREASE_PER_DAY());
        assertEq(controller.protectionBps(), controller.DEFAULT_PROTECTION_BPS());
        assertEq(controller.startTime(), start);
        assertEq(controller.lastDistribution(), start);
        assertEq(address(lucid.minter()), address(controller));
        assertEq(lucid.cap(), controller.totalEmission());
        // ceil(14400 / 2.468994701) days, about 42M LUCID in total, like MOR.
        assertEq(controller.emissionDays(), 5833);
        assertApproxEqRel(controller.totalEmission(), 42_000_000 ether, 0.001e18);
    }

    function test_StartTimeZeroMeansNow() public {
        EmissionController c = new EmissionController(owner, fund, 400, DAILY, DECREASE, 0);
        assertEq(c.startTime(), block.timestamp);
    }

    function test_RevertWhen_ProtectionFundIsZero() public {
        vm.expectRevert(EmissionController.EmissionControllerZeroAddress.selector);
        new EmissionController(owner, address(0), 400, DAILY, DECREASE, start);
    }

    function test_RevertWhen_ProtectionTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionControllerProtectionTooHigh.selector, 1_001, 1_000));
        new EmissionController(owner, fund, 1_001, DAILY, DECREASE, start);
    }

    function test_RevertWhen_DecreaseIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionControllerInvalidSchedule.selector, DAILY, 0));
        new EmissionController(owner, fund, 400, DAILY, 0, start);
    }

    function test_RevertWhen_InitialIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionControllerInvalidSchedule.selector, 0, 1));
        new EmissionController(owner, fund, 400, 0, 1, start);
    }

    function test_RevertWhen_InitialAbove96Bits() public {
        uint256 initial = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionControllerInvalidSchedule.selector, initial, 1e18));
        new EmissionController(owner, fund, 400, initial, 1e18, start);
    }

    function test_RevertWhen_TotalAboveOneBillion() public {
        uint256 initial = type(uint96).max;
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionControllerInvalidSchedule.selector, initial, 1));
        new EmissionController(owner, fund, 400, initial, 1, start);
        // 1,000 LUCID a day decreasing by 0.001 a day sums to ~500 million: allowed; ten times that is not.
        new EmissionController(owner, fund, 400, 1_000 ether, 0.001 ether, start);
        vm.expectRevert(abi.encodeWithSelector(EmissionController.EmissionControllerInvalidSchedule.selector, 10_000 ether, 0.001 ether));
        new EmissionController(owner, fund, 400, 10_000 ether, 0.001 ether, start);
    }

    // ---------------------------------------------------------------- schedule

    function test_Schedule() public view {
        assertEq(controller.emittedAt(start - 1), 0);
        assertEq(controller.emittedAt(start), 0);
        assertEq(controller.emittedAt(start + 12 hours), DAILY / 2);
        assertEq(controller.emittedAt(start + 1 days), DAILY);
        assertEq(controller.emittedAt(start + 2 days), 2 * DAILY - DECREASE);
        assertEq(controller.emittedAt(start + 1 days + 6 hours), DAILY + (DAILY - DECREASE) / 4);
        assertEq(controller.emittedAt(type(uint64).max), controller.totalEmission());
    }

    /// Closed form equals a day-by-day sum (full days, then the running day pro rata).
    function testFuzz_ScheduleEqualsDailySum(uint256 initial, uint256 decrease, uint256 elapsed) public {
        initial = bound(initial, 1, 1e24); // 500 days of it stays under MAX_TOTAL_EMISSION
        decrease = bound(decrease, initial / 500 + 1, initial + 1);
        EmissionController c = new EmissionController(owner, fund, 400, initial, decrease, start);
        elapsed = bound(elapsed, 0, (c.emissionDays() + 3) * 1 days);
        uint256 sum;
        uint256 day;
        for (; (day + 1) * 1 days <= elapsed; ++day) {
            sum += initial > day * decrease ? initial - day * decrease : 0;
        }
        uint256 today = initial > day * decrease ? initial - day * decrease : 0;
        sum += (today * (elapsed % 1 days)) / 1 days;
        assertEq(c.emittedAt(uint64(start + elapsed)), sum);
    }

    /// The default schedule equals the day-by-day sum too (days bounded to keep the loop short).
    function testFuzz_DefaultScheduleEqualsDailySum(uint256 elapsed) public view {
        elapsed = bound(elapsed, 0, 6_000 days);
        uint256 sum;
        uint256 day;
        for (; (day + 1) * 1 days <= elapsed; ++day) {
            sum += DAILY > day * DECREASE ? DAILY - day * DECREASE : 0;
        }
        uint256 today = DAILY > day * DECREASE ? DAILY - day * DECREASE : 0;
        sum += (today * (elapsed % 1 days)) / 1 days;
        assertEq(controller.emittedAt(uint64(start + elapsed)), sum);
    }

    /// The schedule is monotone in time.
    function testFuzz_ScheduleIsMonotone(uint64 a, uint64 b) public view {
        (a, b) = a <= b ? (a, b) : (b, a);
        assertLe(controller.emittedAt(a), controller.emittedAt(b));
    }

    /// The schedule never exceeds its total (the token cap).
    function testFuzz_ScheduleNeverExceedsCap(uint64 t) public view {
        assertLe(controller.emittedAt(t), lucid.cap());
    }

    // ---------------------------------------------------------------- split

    /// The four parts are equal, and with the fund's part they add up to the amount, to the wei.
    function testFuzz_SplitIsExact(uint256 amount) public view {
        amount = bound(amount, 0, type(uint128).max);
        (uint256 perPool, uint256 protection) = controller.split(amount);
        assertEq(4 * perPool + protection, amount);
        uint256 share = (amount * 400) / 10_000;
        assertGe(protection, share);
        assertLe(protection, share + 3);
    }

    // ---------------------------------------------------------------- distribute

    function test_Distribute() public {
        vm.warp(start + 1 days);
        (uint256 perPool, uint256 protection) = controller.split(DAILY);
        vm.expectEmit(address(controller));
        emit Distributed(DAILY, perPool, protection, uint64(block.timestamp));
        uint256 minted = controller.distribute();
        assertEq(minted, DAILY);
        assertEq(lucid.totalSupply(), DAILY);
        assertEq(lucid.balanceOf(address(ledger)), 3 * perPool);
        assertEq(lucid.balanceOf(address(pool)), perPool);
        assertEq(lucid.balanceOf(fund), protection);
        assertEq(controller.totalDistributed(), DAILY);
        assertEq(controller.lastDistribution(), block.timestamp);
        assertEq(controller.pendingEmission(), 0);
        assertEq(ledger.rewardsHeld(), 3 * perPool);
        assertEq(pool.rewardsHeld(), perPool);
    }

    function test_DistributeIsNoopWhenNothingIsDue() public {
        assertEq(controller.distribute(), 0);
        assertEq(lucid.totalSupply(), 0);
    }

    function test_DistributeCatchesUpAfterPause() public {
        vm.prank(owner);
        controller.pause();
        vm.warp(start + 3 days);
        vm.prank(owner);
        controller.unpause();
        controller.distribute();
        assertEq(lucid.totalSupply(), controller.emittedAt(start + 3 days));
    }

    function test_DistributeMintsNoMoreThanTheCap() public {
        vm.warp(start + 10_000 days);
        controller.distribute();
        assertEq(lucid.totalSupply(), lucid.cap());
        vm.warp(start + 20_000 days);
        assertEq(controller.distribute(), 0);
    }

    function test_RevertWhen_DistributeWhilePaused() public {
        vm.prank(owner);
        controller.pause();
        vm.expectRevert(abi.encodeWithSelector(TimedPausable.TimedPausableEnforcedPause.selector, block.timestamp + 7 days));
        controller.distribute();
    }

    function test_RevertWhen_DistributeBeforePoolsSet() public {
        EmissionController c = new EmissionController(owner, fund, 400, DAILY, DECREASE, start);
        vm.expectRevert(EmissionController.EmissionControllerPoolsNotSet.selector);
        c.distribute();
    }

    // ---------------------------------------------------------------- admin

    function test_RevertWhen_SetPoolsTwice() public {
        vm.prank(owner);
        vm.expectRevert(EmissionController.EmissionControllerPoolsAlreadySet.selector);
        controller.setPools(address(ledger), address(pool));
    }

    function test_RevertWhen_SetPoolsWithZero() public {
        EmissionController c = new EmissionController(owner, fund, 400, DAILY, DECREASE, start);
        vm.prank(owner);
        vm.expectRevert(EmissionController.EmissionControllerZeroAddress.selector);
        c.setPools(address(0), address(pool));
    }

    function test_RevertWhen_SetPoolsByNonOwner() public {
        EmissionController c = new EmissionController(owner, fund, 400, DAILY, DECREASE, start);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        c.setPools(address(ledger), address(pool));
    }

    function test_RevertWhen_PauseByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        controller.pause();
    }

    function test_RevertWhen_UnpauseByNonOwner() public {
        vm.prank(owner);
        controller.pause();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        controller.unpause();
    }

    function test_OwnershipTransferIsTwoStep() public {
        vm.prank(owner);
        controller.transferOwnership(alice);
        assertEq(controller.owner(), owner);
        vm.prank(alice);
        controller.acceptOwnership();
        assertEq(controller.owner(), alice);
    }

    // ---------------------------------------------------------------- an owner cannot strand emission

    /// Pause, then renounce: nobody can unpause, yet distribute works again after the pause's seven days, and
    /// catches up on everything due, and so do the ledger's usage, the pool's stakes and registrations.
    function test_PauseThenRenounceCannotStrandEmission() public {
        vm.startPrank(owner);
        controller.pause();
        ledger.pause();
        pool.pause();
        agents.pause();
        controller.renounceOwnership();
        ledger.renounceOwnership();
        pool.renounceOwnership();
        agents.renounceOwnership();
        vm.stopPrank();
        assertEq(controller.owner(), address(0));

        vm.warp(start + 7 days - 1);
        vm.expectRevert(abi.encodeWithSelector(TimedPausable.TimedPausableEnforcedPause.selector, start + 7 days));
        controller.distribute();
        vm.warp(start + 7 days);
        assertEq(controller.distribute(), controller.emittedAt(start + 7 days));
        uint256 id = _register(agents, alice, 1 ether);
        _use(carol, id, 0, 0, 1 ether);
        _stake(bob, 1 ether);
        assertEq(pool.stakedOf(bob), 1 ether);
    }

    // ---------------------------------------------------------------- after the schedule ends

    /// A short schedule (100 LUCID, then 50, then nothing) with nobody staked while it streams, then a long
    /// quiet period: what streamed to nobody is re-streamed by a later distribute, not stranded.
    function test_LongQuietPeriodAfterTheScheduleEndsStrandsNothing() public {
        EmissionController c = new EmissionController(owner, fund, 400, 100 ether, 50 ether, start);
        RewardToken token = c.rewardToken();
        CapitalPool p = new CapitalPool(owner, IERC20(address(stEth)), IERC20(address(token)), address(c), fund, 1 days);
        UsageLedger l = new UsageLedger(
            owner, IERC20(address(token)), [EntryRegistry(agents), EntryRegistry(frontends), EntryRegistry(computes)], fund, address(p), 1_000, 10, MAX_CARRY, 1 days
        );
        vm.prank(owner);
        c.setPools(address(l), address(p));

        vm.warp(start + 1 days);
        c.distribute();
        vm.warp(start + 30 days); // the schedule ended on day 2; nobody staked all along
        assertEq(c.distribute(), 50 ether);
        assertEq(token.totalSupply(), c.totalEmission());
        vm.warp(start + 400 days); // a long quiet period
        (uint256 perPoolTotal,) = c.split(150 ether);
        assertEq(token.balanceOf(address(p)), perPoolTotal);

        stEth.mint(alice, 1 ether);
        vm.startPrank(alice);
        stEth.approve(address(p), 1 ether);
        p.stake(1 ether, 0);
        vm.stopPrank();
        assertEq(c.distribute(), 0); // nothing left to mint, but the pool is told to re-stream
        // A second call while the new stream runs does not stretch it.
        uint256 finish = p.periodFinish();
        vm.warp(start + 400 days + 12 hours);
        c.distribute();
        assertEq(p.periodFinish(), finish);
        vm.warp(start + 402 days);
        assertApproxEqAbs(p.earned(alice), perPoolTotal, 1e6);
        assertLe(p.earned(alice), perPoolTotal);
    }
}
