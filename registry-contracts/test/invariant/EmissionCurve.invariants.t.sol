// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {EmissionController} from "../../src/EmissionController.sol";

/// @dev Receives the controller's rewards and does nothing with them.
contract SinkPool {
    function notifyRewardAmount(uint256) external {}
}

/// @dev Warps by random amounts (up to 400 days, so runs reach the end of the 5,833-day schedule) and distributes.
contract EmissionHandler is Test {
    EmissionController public controller;

    constructor(EmissionController controller_) {
        controller = controller_;
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, 400 days));
    }

    function distribute() external {
        controller.distribute();
    }
}

contract EmissionCurveInvariants is StdInvariant, Test {
    uint256 internal constant DAILY = 14_400 ether;
    uint256 internal constant DECREASE = 2_468_994_701 * 1e9;
    uint256 internal start;
    EmissionController internal controller;
    EmissionHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        start = block.timestamp;
        controller = new EmissionController(address(this), makeAddr("fund"), 400, DAILY, DECREASE, uint64(start));
        SinkPool sink = new SinkPool();
        controller.setPools(address(sink), address(new SinkPool()));
        handler = new EmissionHandler(controller);
        targetContract(address(handler));
    }

    /**
     * The schedule, written here independently of the contract: day k emits max(DAILY - k * DECREASE, 0), the
     * running day pro rata by the second. Full days are summed as (number of days) x (first + last) / 2, and
     * the schedule's length is found by walking days, not by the contract's ceil division.
     */
    function _reference(uint256 t) internal pure returns (uint256) {
        if (t <= 1_700_000_000) return 0;
        uint256 elapsed = t - 1_700_000_000;
        uint256 d = elapsed / 86_400;
        uint256 lastPositiveDay = DAILY / DECREASE; // DAILY - k * DECREASE > 0 exactly for k <= this (DECREASE does not divide DAILY)
        uint256 days_ = lastPositiveDay + 1;
        if (d >= days_) return (days_ * (DAILY + (DAILY - lastPositiveDay * DECREASE))) / 2;
        uint256 full = d == 0 ? 0 : (d * (DAILY + (DAILY - (d - 1) * DECREASE))) / 2;
        return full + ((DAILY - d * DECREASE) * (elapsed % 86_400)) / 86_400;
    }

    /// Minted LUCID equals the independent closed form at the last distribution, and the contract's own
    /// schedule agrees with it at the current time.
    /// forge-config: default.invariant.runs = 64
    /// forge-config: default.invariant.depth = 60
    function invariant_EmissionMatchesClosedForm() public view {
        assertEq(controller.rewardToken().totalSupply(), _reference(controller.lastDistribution()), "EmissionMatchesClosedForm");
        assertEq(controller.emittedAt(uint64(block.timestamp)), _reference(block.timestamp), "EmissionMatchesClosedForm");
        assertEq(controller.totalEmission(), _reference(type(uint64).max), "EmissionMatchesClosedForm");
    }
}
