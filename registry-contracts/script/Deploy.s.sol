// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Script, console} from "forge-std/Script.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {EmissionController} from "../src/EmissionController.sol";
import {EntryRegistry} from "../src/EntryRegistry.sol";
import {AgentRegistry} from "../src/AgentRegistry.sol";
import {FrontendRegistry} from "../src/FrontendRegistry.sol";
import {ComputeRegistry} from "../src/ComputeRegistry.sol";
import {UsageLedger} from "../src/UsageLedger.sol";
import {CapitalPool} from "../src/CapitalPool.sol";

/**
 * @notice Deploys and wires the registry and emission contracts with the default parameters.
 * Environment: STAKE_TOKEN (address, e.g. stETH), PROTECTION_FUND (address), OWNER (optional, defaults to the
 * broadcaster), START_TIME (optional, unix seconds; 0 = now).
 *
 *   npx forge script registry-contracts/script/Deploy.s.sol --rpc-url $RPC_URL --broadcast --account deployer
 *
 * The broadcaster must be the owner during the run (it calls setPools), so ownership is handed to OWNER at
 * the end with Ownable2Step: OWNER must call acceptOwnership() on each contract.
 */
contract Deploy is Script {
    struct Deployment {
        address rewardToken;
        address emissionController;
        address agentRegistry;
        address frontendRegistry;
        address computeRegistry;
        address usageLedger;
        address capitalPool;
    }

    function run() external returns (Deployment memory d) {
        address stakeToken = vm.envAddress("STAKE_TOKEN");
        address fund = vm.envAddress("PROTECTION_FUND");
        uint64 startTime = uint64(vm.envOr("START_TIME", uint256(0)));
        vm.startBroadcast();
        (, address sender,) = vm.readCallers();
        address owner = vm.envOr("OWNER", sender);
        d = deploy(sender, stakeToken, fund, startTime);
        if (owner != sender) {
            EmissionController(d.emissionController).transferOwnership(owner);
            AgentRegistry(d.agentRegistry).transferOwnership(owner);
            FrontendRegistry(d.frontendRegistry).transferOwnership(owner);
            ComputeRegistry(d.computeRegistry).transferOwnership(owner);
            UsageLedger(d.usageLedger).transferOwnership(owner);
            CapitalPool(d.capitalPool).transferOwnership(owner);
        }
        vm.stopBroadcast();
        console.log("rewardToken", d.rewardToken);
        console.log("emissionController", d.emissionController);
        console.log("agentRegistry", d.agentRegistry);
        console.log("frontendRegistry", d.frontendRegistry);
        console.log("computeRegistry", d.computeRegistry);
        console.log("usageLedger", d.usageLedger);
        console.log("capitalPool", d.capitalPool);
    }

    /// @dev The same order and parameters as registry-contracts/script/deploy.ts.
    function deploy(address owner, address stakeToken, address fund, uint64 startTime)
        public
        returns (Deployment memory d)
    {
        EmissionController controller = new EmissionController(
            owner,
            fund,
            400, // DEFAULT_PROTECTION_BPS
            14_400 ether, // DEFAULT_INITIAL_DAILY
            2_468_994_701 * 1e9, // DEFAULT_DECREASE_PER_DAY
            startTime
        );
        AgentRegistry agents = new AgentRegistry(owner);
        FrontendRegistry frontends = new FrontendRegistry(owner);
        ComputeRegistry computes = new ComputeRegistry(owner);
        UsageLedger ledger = new UsageLedger(
            owner,
            IERC20(address(controller.rewardToken())),
            [EntryRegistry(agents), EntryRegistry(frontends), EntryRegistry(computes)],
            fund,
            1_000, // DEFAULT_PROTOCOL_FEE_BPS
            10, // DEFAULT_MAX_REWARD_PER_FEE
            1 days // DEFAULT_EPOCH_LENGTH
        );
        CapitalPool capital =
            new CapitalPool(
            owner, IERC20(stakeToken), IERC20(address(controller.rewardToken())), address(controller), 1 days
        );
        controller.setPools(address(ledger), address(capital));
        d = Deployment({
            rewardToken: address(controller.rewardToken()),
            emissionController: address(controller),
            agentRegistry: address(agents),
            frontendRegistry: address(frontends),
            computeRegistry: address(computes),
            usageLedger: address(ledger),
            capitalPool: address(capital)
        });
    }
}
