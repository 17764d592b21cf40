// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {DevToken} from "../../src/devnet/DevToken.sol";
import {RewardToken} from "../../src/RewardToken.sol";
import {EmissionController} from "../../src/EmissionController.sol";
import {EntryRegistry} from "../../src/EntryRegistry.sol";
import {AgentRegistry} from "../../src/AgentRegistry.sol";
import {FrontendRegistry} from "../../src/FrontendRegistry.sol";
import {ComputeRegistry} from "../../src/ComputeRegistry.sol";
import {UsageLedger} from "../../src/UsageLedger.sol";
import {CapitalPool} from "../../src/CapitalPool.sol";

/// @dev Deploys the whole system with the default parameters, the way script/Deploy.s.sol and deploy.ts do.
abstract contract Fixture is Test {
    uint256 internal constant DAILY = 14_400 ether;
    uint256 internal constant DECREASE = 2_468_994_701 * 1e9;
    uint256 internal constant MAX_CARRY = 10_000 ether;
    uint256 internal constant BOND = 0.01 ether;

    address internal owner = makeAddr("owner");
    address internal fund = makeAddr("fund");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    uint64 internal start;
    DevToken internal stEth;
    EmissionController internal controller;
    RewardToken internal lucid;
    AgentRegistry internal agents;
    FrontendRegistry internal frontends;
    ComputeRegistry internal computes;
    UsageLedger internal ledger;
    CapitalPool internal pool;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        start = uint64(block.timestamp);
        stEth = new DevToken("Liquid staked Ether", "stETH", 18, address(this));
        controller = new EmissionController(owner, fund, 400, DAILY, DECREASE, start);
        lucid = controller.rewardToken();
        agents = new AgentRegistry(owner);
        frontends = new FrontendRegistry(owner);
        computes = new ComputeRegistry(owner);
        pool = new CapitalPool(owner, IERC20(address(stEth)), IERC20(address(lucid)), address(controller), fund, 1 days);
        ledger = new UsageLedger(
            owner,
            IERC20(address(lucid)),
            [EntryRegistry(agents), EntryRegistry(frontends), EntryRegistry(computes)],
            fund,
            address(pool),
            1_000,
            10,
            MAX_CARRY,
            1 days
        );
        vm.startPrank(owner);
        controller.setPools(address(ledger), address(pool));
        agents.setUsageLedger(ledger);
        frontends.setUsageLedger(ledger);
        computes.setUsageLedger(ledger);
        vm.stopPrank();
        vm.label(address(ledger), "UsageLedger");
        vm.label(address(pool), "CapitalPool");
        vm.label(address(controller), "EmissionController");
        vm.label(address(lucid), "LUCID");
    }

    function _register(EntryRegistry registry, address who, uint96 fee) internal returns (uint256 id) {
        bytes32[] memory tags = new bytes32[](1);
        tags[0] = "swap";
        vm.deal(who, who.balance + BOND);
        vm.prank(who);
        id = registry.register{value: BOND}("ipfs://meta", keccak256("meta"), tags, "https://agent.example", fee);
    }

    function _stake(address who, uint256 amount) internal {
        stEth.mint(who, amount);
        vm.startPrank(who);
        stEth.approve(address(pool), amount);
        pool.stake(amount, 0);
        vm.stopPrank();
    }

    function _use(address who, uint256 agentId, uint256 frontendId, uint256 computeId, uint256 value) internal {
        vm.deal(who, who.balance + value);
        vm.prank(who);
        ledger.recordUsage{value: value}(agentId, frontendId, computeId);
    }
}
