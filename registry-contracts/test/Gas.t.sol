// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Fixture} from "./utils/Fixture.sol";
import {UsageLedger} from "../src/UsageLedger.sol";

/**
 * @dev Steady-state ("warm") scenarios for the README gas table: each test sets up a system where the caller
 * has used the function before, then makes the measured call last. Run with
 * `npx forge test --match-contract GasTest --isolate --gas-report` so each call is its own transaction.
 */
contract GasTest is Fixture {
    uint256 internal agentId;
    uint256 internal frontendId;
    uint256 internal computeId;

    function setUp() public override {
        super.setUp();
        agentId = _register(agents, alice, 0.01 ether);
        frontendId = _register(frontends, bob, 0.002 ether);
        computeId = _register(computes, carol, 0.001 ether);
        _stake(alice, 10 ether);
        _stake(bob, 10 ether);
        _use(carol, agentId, frontendId, computeId, 0.013 ether);
        vm.warp(start + 1 days);
        controller.distribute();
        vm.warp(start + 1 days + 1 hours);
        vm.prank(alice);
        pool.claim(alice);
        _use(carol, agentId, frontendId, computeId, 0.013 ether);
        stEth.mint(alice, 10 ether);
        vm.prank(alice);
        stEth.approve(address(pool), type(uint256).max);
        vm.warp(start + 1 days + 2 hours);
        vm.deal(carol, 1 ether);
    }

    function test_Gas_Stake() public {
        vm.prank(alice);
        pool.stake(1 ether, 0);
        _log("Stake");
    }

    function test_Gas_Withdraw() public {
        vm.prank(alice);
        pool.withdraw(1 ether, alice);
        _log("Withdraw");
    }

    function test_Gas_Claim() public {
        vm.prank(alice);
        pool.claim(alice);
        _log("Claim");
    }

    function test_Gas_RecordUsageAllThree() public {
        vm.prank(carol);
        ledger.recordUsage{value: 0.013 ether}(agentId, frontendId, computeId);
        _log("RecordUsageAllThree");
    }

    function test_Gas_RecordUsageAgentOnly() public {
        vm.prank(carol);
        ledger.recordUsage{value: 0.01 ether}(agentId, 0, 0);
        _log("RecordUsageAgentOnly");
    }

    function test_Gas_DistributeSameEpoch() public {
        controller.distribute();
        _log("DistributeSameEpoch");
    }

    function test_Gas_DistributeNewEpoch() public {
        vm.warp(start + 2 days + 1 hours);
        controller.distribute();
        _log("DistributeNewEpoch");
    }

    function test_Gas_Register() public {
        _register(agents, alice, 0.01 ether);
        _log("Register");
    }

    function test_Gas_ClaimRewards() public {
        vm.warp(start + 3 days);
        vm.prank(alice);
        ledger.claimRewards(UsageLedgerPoolCode(), agentId, alice);
        _log("ClaimRewards");
    }

    function test_Gas_WithdrawFees() public {
        vm.prank(alice);
        ledger.withdrawFees(UsageLedgerPoolCode(), agentId, alice);
        _log("WithdrawFees");
    }

    function _log(string memory name) internal {
        emit log_named_uint(name, vm.lastCallGas().gasTotalUsed);
    }

    function UsageLedgerPoolCode() internal pure returns (UsageLedger.Pool) {
        return UsageLedger.Pool.Code;
    }
}
