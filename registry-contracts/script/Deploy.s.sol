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
 * The broadcaster must be the owner during the run (it calls setPools and setUsageLedger), so ownership is handed to OWNER at
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

    /// @dev Deploy parameters, from registry-contracts/defaults.json (shared with script/deploy.ts).
    struct Parameters {
        uint256 protectionBps;
        uint256 initialDailyEmission;
        uint256 decreasePerDay;
        uint256 protocolFeeBps;
        uint256 maxRewardPerFee;
        uint256 maxCarry;
        uint256 epochLength;
        uint256 rewardsDuration;
        uint256 preparedEpochs;
    }

    /// @notice The defaults in registry-contracts/defaults.json.
    function defaults() public view returns (Parameters memory p) {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/registry-contracts/defaults.json"));
        p.protectionBps = vm.parseJsonUint(json, ".protectionBps");
        p.initialDailyEmission = vm.parseJsonUint(json, ".initialDailyEmission");
        p.decreasePerDay = vm.parseJsonUint(json, ".decreasePerDay");
        p.protocolFeeBps = vm.parseJsonUint(json, ".protocolFeeBps");
        p.maxRewardPerFee = vm.parseJsonUint(json, ".maxRewardPerFee");
        p.maxCarry = vm.parseJsonUint(json, ".maxCarry");
        p.epochLength = vm.parseJsonUint(json, ".epochLength");
        p.rewardsDuration = vm.parseJsonUint(json, ".rewardsDuration");
        p.preparedEpochs = vm.parseJsonUint(json, ".preparedEpochs");
    }

    /// @dev The same order and parameters as registry-contracts/script/deploy.ts.
    function deploy(address owner, address stakeToken, address fund, uint64 startTime)
        public
        returns (Deployment memory d)
    {
        Parameters memory p = defaults();
        EmissionController controller = new EmissionController(
            owner, fund, p.protectionBps, p.initialDailyEmission, p.decreasePerDay, startTime
        );
        AgentRegistry agents = new AgentRegistry(owner);
        FrontendRegistry frontends = new FrontendRegistry(owner);
        ComputeRegistry computes = new ComputeRegistry(owner);
        IERC20 lucid = IERC20(address(controller.rewardToken()));
        CapitalPool capital =
            new CapitalPool(owner, IERC20(stakeToken), lucid, address(controller), fund, p.rewardsDuration);
        UsageLedger ledger = new UsageLedger(
            owner,
            lucid,
            [EntryRegistry(agents), EntryRegistry(frontends), EntryRegistry(computes)],
            fund,
            address(capital),
            p.protocolFeeBps,
            p.maxRewardPerFee,
            p.maxCarry,
            p.epochLength
        );
        controller.setPools(address(ledger), address(capital));
        // Every change of an entry's fee or active flag is reported to the ledger, which keeps the terms.
        agents.setUsageLedger(ledger);
        frontends.setUsageLedger(ledger);
        computes.setUsageLedger(ledger);
        // Open the first epochs' slots, so the first usage and reward of each pay no first-write cost.
        ledger.prepareEpochs(p.preparedEpochs);
        d = Deployment({
            rewardToken: address(lucid),
            emissionController: address(controller),
            agentRegistry: address(agents),
            frontendRegistry: address(frontends),
            computeRegistry: address(computes),
            usageLedger: address(ledger),
            capitalPool: address(capital)
        });
    }
}
