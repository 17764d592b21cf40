// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {DevToken} from "../../src/devnet/DevToken.sol";
import {RewardToken} from "../../src/RewardToken.sol";
import {EmissionController} from "../../src/EmissionController.sol";
import {EntryRegistry} from "../../src/EntryRegistry.sol";
import {UsageLedger} from "../../src/UsageLedger.sol";
import {CapitalPool} from "../../src/CapitalPool.sol";

/**
 * @dev Drives random sequences of distribute, register, fee/active changes, record usage, stake, withdraw,
 * claims, fee withdrawals, pauses and time warps. Inputs are bound() so no call reverts (fail_on_revert).
 * Ghost variables hold what the contracts should have done, computed independently.
 */
contract ProtocolHandler is Test {
    uint256 internal constant MAX_ENTRIES = 6;

    EmissionController public controller;
    RewardToken public lucid;
    UsageLedger public ledger;
    CapitalPool public pool;
    DevToken public stEth;
    EntryRegistry[3] public registries;
    address public admin;

    address[] public actors;
    uint256[][3] internal _entries;

    // ghosts: emission
    uint256 public ghost_perPoolTotal;
    uint256 public ghost_protectionTotal;
    /// @dev The ledger's carry over maxCarry, paid to the fund and to the capital pool.
    uint256 public ghost_carryToFund;
    uint256 public ghost_carryToCapital;
    // ghosts: capital pool
    uint256 public ghost_capitalClaimed;
    mapping(address => uint256) public ghost_staked;
    // ghosts: ledger LUCID
    uint256 public ghost_ledgerClaimed;
    mapping(uint256 pool => mapping(uint256 id => uint256)) public ghost_rewardClaimed;
    mapping(uint256 pool => mapping(uint256 id => uint256)) public ghost_rewardExpected;
    uint256 public ghost_closedDistributable;
    uint256 public ghost_dustBound;
    // per open epoch: which (pool, id) earned fees, and how much (the handler's own books)
    mapping(uint256 epoch => mapping(uint256 pool => mapping(uint256 id => uint256))) internal _fees;
    mapping(uint256 epoch => uint256[]) internal _touched; // pool * 2^128 + id
    uint256 public ghost_finalizedUpTo; // epochs < this are finalized
    // ghosts: ETH
    uint256 public ghost_ethPaid;
    uint256 public ghost_ethWithdrawn;

    mapping(bytes32 => uint256) public calls;

    modifier count(bytes32 name) {
        ++calls[name];
        _;
    }

    constructor(
        EmissionController controller_,
        UsageLedger ledger_,
        CapitalPool pool_,
        DevToken stEth_,
        EntryRegistry[3] memory registries_,
        address admin_
    ) {
        controller = controller_;
        lucid = controller_.rewardToken();
        ledger = ledger_;
        pool = pool_;
        stEth = stEth_;
        registries = registries_;
        admin = admin_;
        for (uint256 i; i < 4; ++i) actors.push(makeAddr(string.concat("actor", vm.toString(i))));
    }

    // ------------------------------------------------------------------ actions

    function distribute() external count("distribute") {
        if (controller.paused()) return;
        address fund = controller.protectionFund();
        uint256 fundBefore = lucid.balanceOf(fund);
        uint256 poolBefore = lucid.balanceOf(address(pool));
        uint256 minted = controller.distribute();
        (uint256 perPool, uint256 protection) = controller.split(minted);
        ghost_perPoolTotal += perPool;
        ghost_protectionTotal += protection;
        ghost_carryToFund += lucid.balanceOf(fund) - fundBefore - protection;
        ghost_carryToCapital += lucid.balanceOf(address(pool)) - poolBefore - (minted == 0 ? 0 : perPool);
    }

    function register(uint256 actorSeed, uint256 poolSeed, uint96 fee) external count("register") {
        uint256 p = poolSeed % 3;
        if (registries[p].paused() || _entries[p].length >= MAX_ENTRIES) return;
        fee = uint96(bound(fee, 0, 10 ether));
        address who = _actor(actorSeed);
        vm.deal(who, who.balance + 0.01 ether);
        vm.prank(who);
        uint256 id = registries[p].register{value: 0.01 ether}("ipfs://x", bytes32(0), new bytes32[](0), "https://x", fee);
        _entries[p].push(id);
    }

    function setFee(uint256 poolSeed, uint256 entrySeed, uint96 fee) external count("setFee") {
        (uint256 p, uint256 id) = _entry(poolSeed, entrySeed);
        if (id == 0) return;
        vm.prank(registries[p].ownerOf(id));
        registries[p].setFee(id, uint96(bound(fee, 0, 10 ether)));
    }

    function setActive(uint256 poolSeed, uint256 entrySeed, bool active) external count("setActive") {
        (uint256 p, uint256 id) = _entry(poolSeed, entrySeed);
        if (id == 0) return;
        vm.prank(registries[p].ownerOf(id));
        registries[p].setActive(id, active);
    }

    function recordUsage(uint256 actorSeed, uint256 a, uint256 f, uint256 c) external count("recordUsage") {
        if (ledger.paused() || _entries[0].length == 0) return;
        uint256[3] memory ids;
        ids[0] = _entries[0][a % _entries[0].length];
        ids[1] = _entries[1].length == 0 || f % 3 == 0 ? 0 : _entries[1][f % _entries[1].length];
        ids[2] = _entries[2].length == 0 || c % 3 == 0 ? 0 : _entries[2][c % _entries[2].length];
        uint256 value;
        uint96[3] memory fees;
        for (uint256 p; p < 3; ++p) {
            if (ids[p] == 0) continue;
            bool active;
            (fees[p], active) = registries[p].usageTerms(ids[p]);
            if (!active) return;
            value += fees[p];
        }
        address user = _actor(actorSeed);
        vm.deal(user, value);
        vm.prank(user);
        ledger.recordUsage{value: value}(ids[0], ids[1], ids[2]);
        ghost_ethPaid += value;
        uint256 epoch = ledger.currentEpoch();
        for (uint256 p; p < 3; ++p) {
            if (ids[p] == 0 || fees[p] == 0) continue;
            if (_fees[epoch][p][ids[p]] == 0) _touched[epoch].push((p << 128) | ids[p]);
            _fees[epoch][p][ids[p]] += fees[p];
        }
    }

    function stake(uint256 actorSeed, uint256 amount, uint256 lockSeconds) external count("stake") {
        if (pool.paused()) return;
        address who = _actor(actorSeed);
        amount = bound(amount, 1e12, 1e24);
        lockSeconds = lockSeconds % 3 == 0 ? 0 : bound(lockSeconds, 0, 10 days);
        stEth.mint(who, amount);
        vm.startPrank(who);
        stEth.approve(address(pool), amount);
        pool.stake(amount, lockSeconds);
        vm.stopPrank();
        ghost_staked[who] += amount;
    }

    function withdraw(uint256 actorSeed, uint256 amount) external count("withdraw") {
        address who = _actor(actorSeed);
        (uint256 staked,,, uint256 lockEnd,) = pool.positionOf(who);
        if (staked == 0 || block.timestamp < lockEnd) return;
        amount = bound(amount, 1, staked);
        if (staked - amount != 0 && staked - amount < 1e12) amount = staked; // no dust positions below MIN_STAKE
        vm.prank(who);
        pool.withdraw(amount, who);
        ghost_staked[who] -= amount;
    }

    function claimCapital(uint256 actorSeed) external count("claimCapital") {
        address who = _actor(actorSeed);
        vm.prank(who);
        ghost_capitalClaimed += pool.claim(who);
    }

    function claimRewards(uint256 poolSeed, uint256 entrySeed) external count("claimRewards") {
        (uint256 p, uint256 id) = _entry(poolSeed, entrySeed);
        if (id == 0) return;
        address who = registries[p].ownerOf(id);
        vm.prank(who);
        uint256 amount = ledger.claimRewards(UsageLedger.Pool(p), id, who);
        ghost_ledgerClaimed += amount;
        ghost_rewardClaimed[p][id] += amount;
    }

    function withdrawFees(uint256 poolSeed, uint256 entrySeed) external count("withdrawFees") {
        (uint256 p, uint256 id) = _entry(poolSeed, entrySeed);
        if (id == 0) return;
        address who = registries[p].ownerOf(id);
        vm.prank(who);
        ghost_ethWithdrawn += ledger.withdrawFees(UsageLedger.Pool(p), id, who);
    }

    function withdrawProtocolFees() external count("withdrawProtocolFees") {
        ghost_ethWithdrawn += ledger.withdrawProtocolFees();
    }

    function togglePause(uint256 which) external count("togglePause") {
        which = which % 4;
        if (which == 0) _toggle(address(controller), controller.paused());
        else if (which == 1) _toggle(address(ledger), ledger.paused());
        else if (which == 2) _toggle(address(pool), pool.paused());
        else _toggle(address(registries[which % 3]), registries[which % 3].paused());
    }

    function warp(uint256 secondsAhead) external count("warp") {
        vm.warp(block.timestamp + bound(secondsAhead, 1 minutes, 2 days));
        _finalizeClosedEpochs();
    }

    // ------------------------------------------------------------------ views for the invariants

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function entryCount(uint256 p) external view returns (uint256) {
        return _entries[p].length;
    }

    function entryAt(uint256 p, uint256 i) external view returns (uint256) {
        return _entries[p][i];
    }

    /// @dev What the ledger still holds for the epoch that last received a reward and has not paid out.
    function pendingLedgerReward() external view returns (uint256 pending) {
        uint256 last = ledger.lastRewardEpoch();
        uint128[3] memory r = ledger.epochRewards(last);
        if (last == ledger.currentEpoch()) return uint256(r[0]) + r[1] + r[2];
        for (uint256 p; p < 3; ++p) pending += r[p] - ledger.distributable(UsageLedger.Pool(p), last);
    }

    function callSummary() external view {
        console.log("distribute", calls["distribute"]);
        console.log("register", calls["register"]);
        console.log("setFee", calls["setFee"]);
        console.log("setActive", calls["setActive"]);
        console.log("recordUsage", calls["recordUsage"]);
        console.log("stake", calls["stake"]);
        console.log("withdraw", calls["withdraw"]);
        console.log("claimCapital", calls["claimCapital"]);
        console.log("claimRewards", calls["claimRewards"]);
        console.log("withdrawFees", calls["withdrawFees"]);
        console.log("withdrawProtocolFees", calls["withdrawProtocolFees"]);
        console.log("togglePause", calls["togglePause"]);
        console.log("warp", calls["warp"]);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Books each newly closed epoch: every entry's floored share of the distributable reward.
    function _finalizeClosedEpochs() private {
        uint256 current = ledger.currentEpoch();
        for (uint256 e = ghost_finalizedUpTo; e < current; ++e) {
            uint80[3] memory totals = ledger.epochFees(e);
            for (uint256 p; p < 3; ++p) ghost_closedDistributable += ledger.distributable(UsageLedger.Pool(p), e);
            uint256[] storage touched = _touched[e];
            for (uint256 k; k < touched.length; ++k) {
                uint256 p = touched[k] >> 128;
                uint256 id = uint128(touched[k]);
                uint256 d = ledger.distributable(UsageLedger.Pool(p), e);
                ghost_rewardExpected[p][id] += Math.mulDiv(d, _fees[e][p][id], totals[p]);
                ++ghost_dustBound;
            }
        }
        ghost_finalizedUpTo = current;
    }

    function _toggle(address target, bool paused) private {
        vm.prank(admin);
        (bool ok,) = target.call(abi.encodeWithSignature(paused ? "unpause()" : "pause()"));
        require(ok, "toggle");
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _entry(uint256 poolSeed, uint256 entrySeed) private view returns (uint256 p, uint256 id) {
        p = poolSeed % 3;
        if (_entries[p].length == 0) return (p, 0);
        id = _entries[p][entrySeed % _entries[p].length];
    }
}
