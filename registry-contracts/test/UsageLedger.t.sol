// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "solady/tokens/ERC721.sol";
import {TimedPausable} from "../src/utils/TimedPausable.sol";
import {EntryRegistry} from "../src/EntryRegistry.sol";
import {UsageLedger} from "../src/UsageLedger.sol";
import {FrontendRegistry} from "../src/FrontendRegistry.sol";
import {Fixture} from "./utils/Fixture.sol";

contract RejectsEther {}

contract UsageLedgerTest is Fixture {
    event UsageRecorded(
        address indexed user,
        uint256 indexed epoch,
        uint256 indexed agentId,
        uint256 frontendId,
        uint256 computeId,
        uint256 paid
    );

    uint256 internal agentA;
    uint256 internal agentB;
    uint256 internal frontend;
    uint256 internal compute;

    function setUp() public override {
        super.setUp();
        agentA = _register(agents, alice, 100 ether);
        agentB = _register(agents, bob, 300 ether);
        frontend = _register(frontends, bob, 10 ether);
        compute = _register(computes, carol, 1 ether);
    }

    function _deployLedger(uint256 bps, uint256 cap, uint256 carry, uint256 epochLength) internal returns (UsageLedger) {
        return new UsageLedger(
            owner,
            IERC20(address(lucid)),
            [EntryRegistry(agents), EntryRegistry(frontends), EntryRegistry(computes)],
            fund,
            address(pool),
            bps,
            cap,
            carry,
            epochLength
        );
    }

    // ---------------------------------------------------------------- constructor

    function test_Parameters() public view {
        assertEq(ledger.protocolFeeBps(), ledger.DEFAULT_PROTOCOL_FEE_BPS());
        assertEq(ledger.maxRewardPerFee(), ledger.DEFAULT_MAX_REWARD_PER_FEE());
        assertEq(ledger.epochLength(), ledger.DEFAULT_EPOCH_LENGTH());
        assertEq(ledger.genesis(), start);
        assertEq(address(ledger.agentRegistry()), address(agents));
        assertEq(ledger.currentEpoch(), 0);
    }

    function test_RevertWhen_ConstructorZeroAddress() public {
        vm.expectRevert(UsageLedger.UsageLedgerZeroAddress.selector);
        new UsageLedger(
            owner,
            IERC20(address(lucid)),
            [EntryRegistry(agents), EntryRegistry(address(0)), EntryRegistry(computes)],
            fund,
            address(pool),
            1_000,
            10,
            MAX_CARRY,
            1 days
        );
    }

    function test_RevertWhen_ConstructorParameterOutOfBounds() public {
        bytes4 sel = UsageLedger.UsageLedgerInvalidParameter.selector;
        vm.expectRevert(abi.encodeWithSelector(sel, 2_001, 10, MAX_CARRY, 1 days));
        _deployLedger(2_001, 10, MAX_CARRY, 1 days);
        // The wash-usage bound cannot be configured away: a cut of at least 5%, at most 100 LUCID per ETH.
        vm.expectRevert(abi.encodeWithSelector(sel, 499, 10, MAX_CARRY, 1 days));
        _deployLedger(499, 10, MAX_CARRY, 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 1_000, 101, MAX_CARRY, 1 days));
        _deployLedger(1_000, 101, MAX_CARRY, 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 1_000, 10, 100_001 ether, 1 days));
        _deployLedger(1_000, 10, 100_001 ether, 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 1_000, 0, MAX_CARRY, 1 days));
        _deployLedger(1_000, 0, MAX_CARRY, 1 days);
        vm.expectRevert(abi.encodeWithSelector(sel, 1_000, 10, MAX_CARRY, 59 minutes));
        _deployLedger(1_000, 10, MAX_CARRY, 59 minutes);
        _deployLedger(500, 100, 100_000 ether, 1 hours);
    }

    // ---------------------------------------------------------------- recordUsage

    function test_RecordUsage() public {
        vm.deal(alice, 111 ether);
        vm.expectEmit(address(ledger));
        emit UsageRecorded(alice, 0, agentA, frontend, compute, 111 ether);
        vm.prank(alice);
        uint256 paid = ledger.recordUsage{value: 111 ether}(agentA, frontend, compute);
        assertEq(paid, 111 ether);
        assertEq(ledger.feesOwed(UsageLedger.Pool.Code, agentA), 90 ether);
        assertEq(ledger.feesOwed(UsageLedger.Pool.Community, frontend), 9 ether);
        assertEq(ledger.feesOwed(UsageLedger.Pool.Compute, compute), 0.9 ether);
        assertEq(ledger.protocolFeesOwed(), 0); // the cut is taken when the fees are withdrawn
        uint80[3] memory fees = ledger.epochFees(0);
        assertEq(fees[0], 100 ether);
        assertEq(fees[1], 10 ether);
        assertEq(fees[2], 1 ether);
        assertEq(address(ledger).balance, 111 ether);
    }

    function test_RecordUsageWithoutFrontendOrCompute() public {
        _use(alice, agentB, 0, 0, 300 ether);
        assertEq(ledger.feesOwed(UsageLedger.Pool.Code, agentB), 270 ether);
    }

    function test_RecordUsageOfFreeEntry() public {
        uint256 free = _register(agents, alice, 0);
        _use(alice, free, 0, 0, 0);
        (, uint96 epochFees,,) = ledger.account(UsageLedger.Pool.Code, free);
        assertEq(epochFees, 0);
    }

    function test_RevertWhen_AgentMissing() public {
        vm.expectRevert(UsageLedger.UsageLedgerMissingAgent.selector);
        ledger.recordUsage(0, frontend, compute);
    }

    function test_RevertWhen_EntryUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerEntryInactive.selector, UsageLedger.Pool.Compute, 99));
        ledger.recordUsage{value: 100 ether}(agentA, 0, 99);
    }

    function test_RevertWhen_EntryInactive() public {
        vm.prank(bob);
        frontends.setActive(frontend, false);
        vm.deal(address(this), 110 ether);
        vm.expectRevert(
            abi.encodeWithSelector(UsageLedger.UsageLedgerEntryInactive.selector, UsageLedger.Pool.Community, frontend)
        );
        ledger.recordUsage{value: 110 ether}(agentA, frontend, 0);
    }

    // ---------------------------------------------------------------- kept terms

    function test_KeepsTermsAfterFirstUsage() public {
        uint256 agent = _register(agents, alice, 1 ether);
        (bool kept,,) = ledger.keptTerms(UsageLedger.Pool.Code, agent);
        assertFalse(kept);
        _use(carol, agent, frontend, 0, 11 ether);
        (bool k, uint96 fee, bool active) = ledger.keptTerms(UsageLedger.Pool.Code, agent);
        assertTrue(k);
        assertEq(fee, 1 ether);
        assertTrue(active);
        (k,,) = ledger.keptTerms(UsageLedger.Pool.Community, frontend);
        assertTrue(k);
        // 100 ETH per use is wider than 64 bits: read from the registry every time.
        _use(carol, agentA, 0, 0, 100 ether);
        (k,,) = ledger.keptTerms(UsageLedger.Pool.Code, agentA);
        assertFalse(k);
    }

    function test_RevertWhen_EntryDeactivatedAfterItsTermsWereKept() public {
        uint256 agent = _register(agents, alice, 1 ether);
        _use(carol, agent, 0, 0, 1 ether);
        vm.prank(alice);
        agents.setActive(agent, false);
        vm.deal(carol, 1 ether);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerEntryInactive.selector, UsageLedger.Pool.Code, agent));
        ledger.recordUsage{value: 1 ether}(agent, 0, 0);
        vm.prank(alice);
        agents.setActive(agent, true);
        _use(carol, agent, 0, 0, 1 ether);
    }

    function test_RevertWhen_EntryDeregisteredAfterItsTermsWereKept() public {
        uint256 agent = _register(agents, alice, 1 ether);
        _use(carol, agent, 0, 0, 1 ether);
        vm.prank(alice);
        agents.deregister(agent, alice);
        vm.deal(carol, 1 ether);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerEntryInactive.selector, UsageLedger.Pool.Code, agent));
        ledger.recordUsage{value: 1 ether}(agent, 0, 0);
    }

    function test_NewFeeIsChargedAtOnceAfterItsTermsWereKept() public {
        uint256 agent = _register(agents, alice, 1 ether);
        _use(carol, agent, 0, 0, 1 ether);
        vm.prank(alice);
        agents.setFee(agent, 7 ether);
        vm.deal(carol, 1 ether);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerIncorrectPayment.selector, 7 ether, 1 ether));
        ledger.recordUsage{value: 1 ether}(agent, 0, 0);
        _use(carol, agent, 0, 0, 7 ether);
        (,, uint128 gross,) = ledger.account(UsageLedger.Pool.Code, agent);
        assertEq(gross, 8 ether);
    }

    function test_FeeAbove64BitsIsReadFromTheRegistry() public {
        uint256 agent = _register(agents, alice, 1 ether);
        _use(carol, agent, 0, 0, 1 ether);
        uint96 wide = uint96(type(uint64).max) + 1;
        vm.prank(alice);
        agents.setFee(agent, wide);
        (bool kept,,) = ledger.keptTerms(UsageLedger.Pool.Code, agent);
        assertFalse(kept);
        _use(carol, agent, 0, 0, wide);
        (kept,,) = ledger.keptTerms(UsageLedger.Pool.Code, agent);
        assertFalse(kept);
    }

    function test_UnwiredRegistryTermsAreReadEveryTime() public {
        uint256 agent = _register(agents, alice, 1 ether);
        UsageLedger other = _deployLedger(1_000, 10, MAX_CARRY, 1 days); // the registries report to `ledger`, not to it
        vm.deal(carol, 200 ether);
        vm.prank(carol);
        other.recordUsage{value: 1 ether}(agent, 0, 0);
        (bool kept,,) = other.keptTerms(UsageLedger.Pool.Code, agent);
        assertFalse(kept);
        vm.prank(alice);
        agents.setActive(agent, false);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerEntryInactive.selector, UsageLedger.Pool.Code, agent));
        other.recordUsage{value: 1 ether}(agent, 0, 0);
    }

    function test_RevertWhen_TermsReportedByNonRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerUnknownRegistry.selector, address(this)));
        ledger.usageTermsChanged(agentA, 0, false);
    }

    function test_RevertWhen_UsageLedgerSetTwiceOrByNonOwner() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryInvalidUsageLedger.selector, address(1)));
        agents.setUsageLedger(UsageLedger(payable(address(1))));
        FrontendRegistry fresh = new FrontendRegistry(owner);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        fresh.setUsageLedger(ledger);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryInvalidUsageLedger.selector, address(0)));
        fresh.setUsageLedger(UsageLedger(payable(address(0))));
    }

    /// Whatever sequence of fee and active changes follows, the kept terms are the registry's.
    function testFuzz_KeptTermsFollowTheRegistry(uint96[4] memory fees, bool[4] memory actives) public {
        uint256 agent = _register(agents, alice, 1 ether);
        _use(carol, agent, 0, 0, 1 ether);
        bool expectKept = true;
        for (uint256 i; i < 4; ++i) {
            uint96 fee = uint96(bound(fees[i], 0, i % 2 == 0 ? 2 ** 95 - 1 : 100 ether));
            vm.startPrank(alice);
            agents.setFee(agent, fee);
            agents.setActive(agent, actives[i]);
            vm.stopPrank();
            if (fee > type(uint64).max) expectKept = false;
            (bool kept, uint96 keptFee, bool keptActive) = ledger.keptTerms(UsageLedger.Pool.Code, agent);
            (uint96 registryFee, bool registryActive) = agents.usageTerms(agent);
            assertEq(kept, expectKept);
            if (kept) {
                assertEq(keptFee, registryFee);
                assertEq(keptActive, registryActive);
            }
            if (registryActive && registryFee <= 1_000 ether) {
                _use(carol, agent, 0, 0, registryFee);
                if (registryFee != 0 && registryFee <= type(uint64).max) expectKept = true;
            }
        }
    }

    function test_RevertWhen_PaymentIncorrect() public {
        vm.deal(address(this), 200 ether);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerIncorrectPayment.selector, 100 ether, 99 ether));
        ledger.recordUsage{value: 99 ether}(agentA, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerIncorrectPayment.selector, 100 ether, 101 ether));
        ledger.recordUsage{value: 101 ether}(agentA, 0, 0);
    }

    function test_RevertWhen_RecordUsageWhilePaused() public {
        vm.prank(owner);
        ledger.pause();
        vm.deal(address(this), 100 ether);
        vm.expectRevert(abi.encodeWithSelector(TimedPausable.TimedPausableEnforcedPause.selector, block.timestamp + 7 days));
        ledger.recordUsage{value: 100 ether}(agentA, 0, 0);
        vm.prank(owner);
        ledger.unpause();
        ledger.recordUsage{value: 100 ether}(agentA, 0, 0);
    }

    function test_RevertWhen_PauseByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        ledger.pause();
        vm.prank(owner);
        ledger.pause();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        ledger.unpause();
    }

    // ---------------------------------------------------------------- rewards

    function test_RevertWhen_RewardNotReceived() public {
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerRewardNotReceived.selector, 0, 3));
        ledger.notifyRewardAmount(1);
    }

    /// The pool's epoch reward is split in proportion to fees: 100 vs 300 ether → 1:3.
    function test_RewardsSplitInProportionToFees() public {
        _use(carol, agentA, 0, 0, 100 ether);
        _use(carol, agentB, 0, 0, 300 ether);
        vm.warp(start + 12 hours);
        controller.distribute();
        uint256 reward = ledger.epochRewards(0)[0];
        assertEq(ledger.distributable(UsageLedger.Pool.Code, 0), reward); // 400 ETH * 10 > reward: not capped
        assertEq(ledger.claimableRewards(UsageLedger.Pool.Code, agentA), 0); // epoch still open
        vm.warp(start + 1 days);
        assertEq(ledger.claimableRewards(UsageLedger.Pool.Code, agentA), reward / 4);
        assertEq(ledger.claimableRewards(UsageLedger.Pool.Code, agentB), (reward * 3) / 4);

        vm.prank(alice);
        uint256 claimed = ledger.claimRewards(UsageLedger.Pool.Code, agentA, alice);
        assertEq(claimed, reward / 4);
        assertEq(lucid.balanceOf(alice), reward / 4);
        // Claimed once: nothing more for that epoch, ever.
        vm.prank(alice);
        assertEq(ledger.claimRewards(UsageLedger.Pool.Code, agentA, alice), 0);
        _use(carol, agentA, 0, 0, 100 ether);
        assertEq(ledger.claimableRewards(UsageLedger.Pool.Code, agentA), 0);
    }

    /// Using an entry in a later epoch settles its closed epoch into LUCID owed.
    function test_UsageSettlesClosedEpoch() public {
        _use(carol, agentB, 0, 0, 300 ether);
        vm.warp(start + 12 hours);
        controller.distribute();
        uint256 reward = ledger.epochRewards(0)[0];
        vm.warp(start + 1 days);
        _use(carol, agentB, 0, 0, 300 ether);
        (uint32 epoch, uint96 epochFees,, uint256 owed) = ledger.account(UsageLedger.Pool.Code, agentB);
        assertEq(epoch, 1);
        assertEq(epochFees, 300 ether);
        assertEq(owed, reward);
    }

    /// A pool with no usage in an epoch carries its whole reward into the next reward epoch.
    function test_EmptyEpochRewardIsCarried() public {
        vm.warp(start + 12 hours);
        controller.distribute();
        uint128[3] memory first = ledger.epochRewards(0);
        vm.warp(start + 1 days + 1 hours);
        _use(carol, agentB, 0, 0, 300 ether);
        _use(carol, agentB, 0, 0, 300 ether);
        controller.distribute();
        uint128[3] memory second = ledger.epochRewards(1);
        (uint256 perPool,) = controller.split(controller.emittedAt(start + 1 days + 1 hours) - controller.emittedAt(start + 12 hours));
        assertEq(second[0], first[0] + perPool);
        assertEq(ledger.lastRewardEpoch(), 1);
        vm.warp(start + 2 days);
        assertEq(ledger.claimableRewards(UsageLedger.Pool.Code, agentB), second[0]);
    }

    /// At most maxRewardPerFee LUCID-wei per fee-wei; the rest is carried, not lost.
    function test_RewardIsCappedPerFee() public {
        _use(carol, agentA, 0, 0, 100 ether);
        vm.prank(alice);
        agents.setFee(agentA, 1 ether);
        _use(carol, agentA, 0, 0, 1 ether); // 101 ether of fees
        vm.warp(start + 20 hours);
        controller.distribute();
        uint256 reward = ledger.epochRewards(0)[0];
        assertGt(reward, 1010 ether);
        assertEq(ledger.distributable(UsageLedger.Pool.Code, 0), 1010 ether);
        vm.warp(start + 1 days);
        assertEq(ledger.claimableRewards(UsageLedger.Pool.Code, agentA), 1010 ether);
        controller.distribute();
        assertGe(ledger.epochRewards(1)[0], reward - 1010 ether);
    }

    /**
     * Wash usage costs more than it earns at the default parameters: paying your own agent `f` costs the
     * 10% protocol cut, and earns at most 10 LUCID per ETH, worth less than the cut whenever
     * 1 LUCID < 0.01 ETH. Here the washer is alone in the epoch (the best case for them) and the pool's
     * reward is far larger than what the cap lets them take.
     */
    function test_WashUsageCostsMoreThanItEarns() public {
        address washer = makeAddr("washer");
        uint256 own = _register(agents, washer, 1 ether);
        uint256 spent = 5 ether;
        for (uint256 i; i < 5; ++i) _use(washer, own, 0, 0, 1 ether);
        vm.warp(start + 1 days - 1);
        controller.distribute();
        vm.warp(start + 1 days);
        vm.startPrank(washer);
        uint256 ethBack = ledger.withdrawFees(UsageLedger.Pool.Code, own, washer);
        uint256 lucidEarned = ledger.claimRewards(UsageLedger.Pool.Code, own, washer);
        vm.stopPrank();

        uint256 ethCost = spent - ethBack;
        assertEq(ethCost, 0.5 ether); // the 10% protocol cut, before gas
        assertEq(lucidEarned, 50 ether); // capped: 10 LUCID per ETH of fees
        assertLt(lucidEarned, ledger.epochRewards(0)[0]); // the uncapped share would have been ~3,456 LUCID
        // Worth of the LUCID at a price of p ETH per LUCID: profitable only if p > ethCost / lucidEarned = 0.01.
        uint256 breakEvenPriceWad = (ethCost * 1e18) / lucidEarned;
        assertEq(breakEvenPriceWad, 0.01 ether);
        uint256 morLikePriceWad = 0.005 ether;
        assertLt((lucidEarned * morLikePriceWad) / 1e18, ethCost);
    }

    // ---------------------------------------------------------------- withdrawals

    function test_WithdrawFees() public {
        _use(carol, agentA, 0, 0, 100 ether);
        vm.prank(alice);
        uint256 amount = ledger.withdrawFees(UsageLedger.Pool.Code, agentA, alice);
        assertEq(amount, 90 ether);
        assertEq(alice.balance, 90 ether);
        assertEq(ledger.feesOwed(UsageLedger.Pool.Code, agentA), 0);
        vm.prank(alice);
        assertEq(ledger.withdrawFees(UsageLedger.Pool.Code, agentA, alice), 0);
    }

    function test_WithdrawalsWorkWhilePaused() public {
        _use(carol, agentA, 0, 0, 100 ether);
        vm.warp(start + 12 hours);
        controller.distribute();
        vm.warp(start + 1 days);
        vm.prank(owner);
        ledger.pause();
        vm.startPrank(alice);
        assertEq(ledger.withdrawFees(UsageLedger.Pool.Code, agentA, alice), 90 ether);
        assertGt(ledger.claimRewards(UsageLedger.Pool.Code, agentA, alice), 0);
        vm.stopPrank();
        assertEq(ledger.withdrawProtocolFees(), 10 ether);
        assertEq(fund.balance, 10 ether);
    }

    function test_FeesFollowTheEntryToItsNewOwner() public {
        _use(carol, agentA, 0, 0, 100 ether);
        vm.prank(alice);
        agents.transferFrom(alice, bob, agentA);
        vm.prank(bob);
        assertEq(ledger.withdrawFees(UsageLedger.Pool.Code, agentA, bob), 90 ether);
    }

    function test_RevertWhen_WithdrawFeesByNonOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(UsageLedger.UsageLedgerUnauthorized.selector, UsageLedger.Pool.Code, agentA, bob)
        );
        vm.prank(bob);
        ledger.withdrawFees(UsageLedger.Pool.Code, agentA, bob);
    }

    function test_RevertWhen_WithdrawFeesToZero() public {
        vm.expectRevert(UsageLedger.UsageLedgerZeroAddress.selector);
        vm.prank(alice);
        ledger.withdrawFees(UsageLedger.Pool.Code, agentA, address(0));
    }

    function test_RevertWhen_WithdrawFeesOfUnknownEntry() public {
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        ledger.withdrawFees(UsageLedger.Pool.Compute, 77, alice);
    }

    function test_RevertWhen_EtherTransferFails() public {
        _use(carol, agentA, 0, 0, 100 ether);
        address sink = address(new RejectsEther());
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerTransferFailed.selector, sink, 90 ether));
        vm.prank(alice);
        ledger.withdrawFees(UsageLedger.Pool.Code, agentA, sink);
    }

    function test_RevertWhen_ClaimByNonOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(UsageLedger.UsageLedgerUnauthorized.selector, UsageLedger.Pool.Community, frontend, alice)
        );
        vm.prank(alice);
        ledger.claimRewards(UsageLedger.Pool.Community, frontend, alice);
    }

    function test_RevertWhen_ClaimToZero() public {
        vm.expectRevert(UsageLedger.UsageLedgerZeroAddress.selector);
        vm.prank(alice);
        ledger.claimRewards(UsageLedger.Pool.Code, agentA, address(0));
    }

    // ---------------------------------------------------------------- bounded carry

    /// Without usage, each pool's carry stops at maxCarry; every wei above it leaves the ledger at once, half to
    /// the protection fund and the rest to the capital pool, which streams it to stakers.
    function test_CarryIsBoundedAndTheExcessPaidOut() public {
        uint256 fundBefore = lucid.balanceOf(fund);
        uint256 protection;
        uint256 perPoolTotal;
        for (uint256 day = 1; day <= 10; ++day) {
            vm.warp(start + day * 1 days + 1 hours);
            uint256 minted = controller.distribute();
            (uint256 perPool, uint256 prot) = controller.split(minted);
            perPoolTotal += perPool;
            protection += prot;
            uint128[3] memory r = ledger.epochRewards(ledger.currentEpoch());
            for (uint256 p; p < 3; ++p) assertLe(r[p], MAX_CARRY + perPool);
        }
        uint256 excess = 3 * perPoolTotal - ledger.rewardsHeld();
        assertGt(excess, 0);
        uint256 toFund = lucid.balanceOf(fund) - fundBefore - protection;
        assertLe(excess / 2 - toFund, 10); // half (floored, once per epoch) to the fund
        assertEq(lucid.balanceOf(address(pool)), perPoolTotal + (excess - toFund));
        assertEq(lucid.balanceOf(address(ledger)), ledger.rewardsHeld());
    }

    /// A washer who pays every fee of a big epoch takes at most that epoch's reward plus maxCarry: the carry no
    /// longer grows into a prize.
    function testFuzz_WashPrizeIsBounded(uint8 quietDays) public {
        uint256 quiet = bound(quietDays, 1, 60);
        uint256 perPool;
        for (uint256 day = 1; day <= quiet; ++day) {
            vm.warp(start + day * 1 days + 1 hours);
            (perPool,) = controller.split(controller.distribute());
        }
        address washer = makeAddr("washer");
        uint256 own = _register(agents, washer, 1 ether);
        vm.prank(washer);
        agents.setFee(own, uint96(1_000_000 ether)); // enough fees to lift the per-fee cap entirely
        _use(washer, own, 0, 0, 1_000_000 ether);
        uint256 epoch = ledger.currentEpoch();
        vm.warp(start + (quiet + 1) * 1 days + 1 hours);
        vm.prank(washer);
        uint256 prize = ledger.claimRewards(UsageLedger.Pool.Code, own, washer);
        assertEq(prize, ledger.epochRewards(epoch)[0]);
        assertLe(prize, MAX_CARRY + perPool);
    }

    function test_PrepareEpochsChangesNoBalance() public {
        ledger.prepareEpochs(3);
        uint80[3] memory fees = ledger.epochFees(2);
        uint128[3] memory rewards = ledger.epochRewards(2);
        for (uint256 p; p < 3; ++p) {
            assertEq(fees[p], 0);
            assertEq(rewards[p], 0);
        }
        _use(carol, agentA, 0, 0, 100 ether);
        assertEq(ledger.epochFees(0)[0], 100 ether);
        vm.expectRevert(abi.encodeWithSelector(UsageLedger.UsageLedgerTooManyEpochs.selector, 367, 366));
        ledger.prepareEpochs(367);
    }
}
