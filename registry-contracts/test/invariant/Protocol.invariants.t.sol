// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "../utils/Fixture.sol";
import {EntryRegistry} from "../../src/EntryRegistry.sol";
import {UsageLedger} from "../../src/UsageLedger.sol";
import {ProtocolHandler} from "./ProtocolHandler.sol";

contract ProtocolInvariants is Fixture {
    ProtocolHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new ProtocolHandler(
            controller, ledger, pool, stEth, [EntryRegistry(agents), EntryRegistry(frontends), EntryRegistry(computes)], owner
        );
        bytes4[] memory selectors = new bytes4[](13);
        selectors[0] = ProtocolHandler.distribute.selector;
        selectors[1] = ProtocolHandler.register.selector;
        selectors[2] = ProtocolHandler.setFee.selector;
        selectors[3] = ProtocolHandler.setActive.selector;
        selectors[4] = ProtocolHandler.recordUsage.selector;
        selectors[5] = ProtocolHandler.stake.selector;
        selectors[6] = ProtocolHandler.withdraw.selector;
        selectors[7] = ProtocolHandler.claimCapital.selector;
        selectors[8] = ProtocolHandler.claimRewards.selector;
        selectors[9] = ProtocolHandler.withdrawFees.selector;
        selectors[10] = ProtocolHandler.withdrawProtocolFees.selector;
        selectors[11] = ProtocolHandler.togglePause.selector;
        selectors[12] = ProtocolHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
        // stEth's owner is this test; the handler mints to actors.
        stEth.transferOwnership(address(handler));
    }

    /// Total LUCID minted equals the schedule at the last distribution, and never exceeds the cap.
    function _assertMintedEqualsScheduleAtLastDistribution() internal view {
        assertEq(lucid.totalSupply(), controller.emittedAt(controller.lastDistribution()), "MintedEqualsScheduleAtLastDistribution");
        assertEq(lucid.totalSupply(), controller.totalDistributed(), "MintedEqualsScheduleAtLastDistribution");
        assertLe(lucid.totalSupply(), lucid.cap(), "MintedEqualsScheduleAtLastDistribution");
    }

    /// The code, community, compute and capital buckets received exactly equal amounts; the fund got the rest.
    function _assertFourBucketsReceivedEqualAmounts() internal view {
        uint256 perPool = handler.ghost_perPoolTotal();
        uint256 toFund = handler.ghost_carryToFund();
        uint256 toCapital = handler.ghost_carryToCapital();
        // The ledger's carry over maxCarry leaves it: half to the fund, the rest to the capital pool.
        assertEq(
            ledger.rewardsHeld() + handler.ghost_ledgerClaimed() + toFund + toCapital, 3 * perPool, "FourBucketsReceivedEqualAmounts"
        );
        assertLe(toCapital - toFund, handler.calls("distribute"), "FourBucketsReceivedEqualAmounts"); // halves, 1 wei apart at most
        assertEq(lucid.balanceOf(address(ledger)), ledger.rewardsHeld(), "FourBucketsReceivedEqualAmounts");
        assertEq(pool.rewardsHeld() + handler.ghost_capitalClaimed(), perPool + toCapital, "FourBucketsReceivedEqualAmounts");
        assertEq(lucid.balanceOf(address(pool)), pool.rewardsHeld(), "FourBucketsReceivedEqualAmounts");
        assertEq(lucid.balanceOf(fund), handler.ghost_protectionTotal() + toFund, "FourBucketsReceivedEqualAmounts");
        assertEq(4 * perPool + handler.ghost_protectionTotal(), lucid.totalSupply(), "FourBucketsReceivedEqualAmounts");
    }

    /// Capital pool: claimed + claimable <= received, and the shortfall is the unstreamed reward plus bounded dust.
    function _assertCapitalPoolPaysAtMostWhatItReceived() internal view {
        uint256 claimable;
        for (uint256 i; i < handler.actorCount(); ++i) claimable += pool.earned(handler.actors(i));
        uint256 received = handler.ghost_perPoolTotal() + handler.ghost_carryToCapital();
        uint256 paid = handler.ghost_capitalClaimed() + claimable;
        assertLe(paid, received, "CapitalPoolPaysAtMostWhatItReceived");
        // Not yet allocated to stakers: the idle remainder, plus the rest of the stream from now (or, with nobody
        // staked, from the last update, since that part has not been moved to `unallocated` yet).
        uint256 from = pool.totalStaked() == 0 ? pool.lastUpdate() : block.timestamp;
        uint256 finish = pool.periodFinish();
        uint256 unstreamed =
            (pool.unallocated() + (from < finish ? pool.rewardRate() * (finish - from) : 0)) / pool.PRECISION() + 1;
        uint256 dust = 1e8 * (1 + handler.calls("distribute") + handler.calls("stake") + handler.calls("withdraw") + handler.calls("claimCapital"));
        assertLe(received - paid, unstreamed + dust, "CapitalPoolPaysAtMostWhatItReceived");
    }

    /// Ledger: each entry is paid exactly its floored share of each closed epoch, once (never twice).
    function _assertNoEntryPaidTwiceForAnEpoch() internal view {
        for (uint256 p; p < 3; ++p) {
            for (uint256 i; i < handler.entryCount(p); ++i) {
                uint256 id = handler.entryAt(p, i);
                assertEq(
                    handler.ghost_rewardClaimed(p, id) + ledger.claimableRewards(UsageLedger.Pool(p), id),
                    handler.ghost_rewardExpected(p, id),
                    "NoEntryPaidTwiceForAnEpoch"
                );
            }
        }
    }

    /// Ledger: claimed + claimable <= received, and the shortfall is the pending reward plus one wei per (entry, epoch).
    function _assertLedgerPaysAtMostWhatItReceived() internal view {
        uint256 received = 3 * handler.ghost_perPoolTotal() - handler.ghost_carryToFund() - handler.ghost_carryToCapital();
        uint256 paidOrOwed;
        for (uint256 p; p < 3; ++p) {
            for (uint256 i; i < handler.entryCount(p); ++i) {
                paidOrOwed += ledger.claimableRewards(UsageLedger.Pool(p), handler.entryAt(p, i));
            }
        }
        paidOrOwed += handler.ghost_ledgerClaimed();
        assertLe(paidOrOwed, received, "LedgerPaysAtMostWhatItReceived");
        // Every reward wei is either distributable in a closed epoch or still pending (open or to be carried).
        assertEq(handler.ghost_closedDistributable() + handler.pendingLedgerReward(), received, "LedgerPaysAtMostWhatItReceived");
        assertLe(handler.ghost_closedDistributable() - paidOrOwed, handler.ghost_dustBound(), "LedgerPaysAtMostWhatItReceived");
    }

    /// Staked principal is always withdrawable in full: the pool holds at least every staker's principal.
    function _assertStakedPrincipalIsWithdrawable() internal view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertEq(pool.stakedOf(a), handler.ghost_staked(a), "StakedPrincipalIsWithdrawable");
            sum += pool.stakedOf(a);
        }
        assertEq(pool.totalStaked(), sum, "StakedPrincipalIsWithdrawable");
        assertGe(stEth.balanceOf(address(pool)), sum, "StakedPrincipalIsWithdrawable");
    }

    /// ETH held by the ledger equals the fees it owes (entries' gross fees plus the protocol's withdrawn cut), to the wei.
    function _assertEthHeldEqualsFeesOwed() internal view {
        uint256 owed = ledger.protocolFeesOwed();
        for (uint256 p; p < 3; ++p) {
            for (uint256 i; i < handler.entryCount(p); ++i) {
                (,, uint128 gross,) = ledger.account(UsageLedger.Pool(p), handler.entryAt(p, i));
                owed += gross; // the protocol cut moves to protocolFeesOwed at withdrawal
            }
        }
        assertEq(address(ledger).balance, owed, "EthHeldEqualsFeesOwed");
        assertEq(address(ledger).balance, handler.ghost_ethPaid() - handler.ghost_ethWithdrawn(), "EthHeldEqualsFeesOwed");
    }

    /// Ledger: the terms it keeps for an entry are the registry's, whatever changed since they were read.
    function _assertKeptTermsMatchRegistry() internal view {
        for (uint256 p; p < 3; ++p) {
            EntryRegistry registry = p == 0 ? EntryRegistry(agents) : p == 1 ? EntryRegistry(frontends) : EntryRegistry(computes);
            for (uint256 i; i < handler.entryCount(p); ++i) {
                uint256 id = handler.entryAt(p, i);
                (bool kept, uint96 fee, bool active) = ledger.keptTerms(UsageLedger.Pool(p), id);
                if (!kept) continue;
                (uint96 registryFee, bool registryActive) = registry.usageTerms(id);
                assertEq(fee, registryFee, "KeptTermsMatchRegistry");
                assertEq(active, registryActive, "KeptTermsMatchRegistry");
            }
        }
    }

    /**
     * One campaign (256 runs x depth 100) checks every invariant above after every call: the sequences are
     * shared, and a campaign per invariant would cost 8x the CI time for no extra coverage.
     */
    function invariant_Protocol() public view {
        _assertMintedEqualsScheduleAtLastDistribution();
        _assertFourBucketsReceivedEqualAmounts();
        _assertCapitalPoolPaysAtMostWhatItReceived();
        _assertNoEntryPaidTwiceForAnEpoch();
        _assertLedgerPaysAtMostWhatItReceived();
        _assertStakedPrincipalIsWithdrawable();
        _assertEthHeldEqualsFeesOwed();
        _assertKeptTermsMatchRegistry();
    }

    /// Shows which handler functions ran (run with -vv).
    function afterInvariant() public view {
        handler.callSummary();
    }
}
