// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {DevToken} from "../../src/devnet/DevToken.sol";
import {EmissionController} from "../../src/EmissionController.sol";
import {UsageLedger} from "../../src/UsageLedger.sol";
import {EntryRegistry} from "../../src/EntryRegistry.sol";
import {Deploy} from "../../script/Deploy.s.sol";

contract DeployScriptTest is Test {
    function test_RunDeploysAndWires() public {
        DevToken stEth = new DevToken("stETH", "stETH", 18, address(this));
        address fund = makeAddr("fund");
        address owner = makeAddr("owner");
        vm.setEnv("STAKE_TOKEN", vm.toString(address(stEth)));
        vm.setEnv("PROTECTION_FUND", vm.toString(fund));
        vm.setEnv("OWNER", vm.toString(owner));
        Deploy script = new Deploy();
        Deploy.Deployment memory d = script.run();
        EmissionController controller = EmissionController(d.emissionController);
        assertEq(address(controller.rewardToken()), d.rewardToken);
        assertEq(controller.usageLedger(), d.usageLedger);
        assertEq(controller.capitalPool(), d.capitalPool);
        assertEq(controller.pendingOwner(), owner);
        assertEq(address(UsageLedger(d.usageLedger).computeRegistry()), d.computeRegistry);
        assertEq(address(EntryRegistry(d.agentRegistry).usageLedger()), d.usageLedger);
        assertEq(address(EntryRegistry(d.frontendRegistry).usageLedger()), d.usageLedger);
        assertEq(address(EntryRegistry(d.computeRegistry).usageLedger()), d.usageLedger);
        assertEq(EntryRegistry(d.agentRegistry).pendingOwner(), owner);
        vm.warp(block.timestamp + 1 days);
        assertEq(controller.distribute(), controller.DEFAULT_INITIAL_DAILY());
    }
}
