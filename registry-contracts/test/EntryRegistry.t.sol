// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "solady/tokens/ERC721.sol";
import {TimedPausable} from "../src/utils/TimedPausable.sol";
import {EntryRegistry} from "../src/EntryRegistry.sol";
import {AgentRegistry} from "../src/AgentRegistry.sol";
import {Fixture} from "./utils/Fixture.sol";

/// @dev Covers the shared base through AgentRegistry; the other two differ only in name and symbol.
contract EntryRegistryTest is Fixture {
    event EntryRegistered(
        uint256 indexed entryId,
        address indexed owner,
        string metadataURI,
        bytes32 contentHash,
        bytes32[] tags,
        string endpoint,
        uint96 fee
    );
    event EntryMetadataUpdated(uint256 indexed entryId, string metadataURI, bytes32 contentHash);
    event EntryTagsUpdated(uint256 indexed entryId, bytes32[] tags);
    event EntryEndpointUpdated(uint256 indexed entryId, string endpoint);
    event EntryFeeUpdated(uint256 indexed entryId, uint96 fee);
    event EntryActiveUpdated(uint256 indexed entryId, bool active);
    event EntryDeregistered(uint256 indexed entryId, address indexed to, uint256 bond);

    function _tags(uint256 n) internal pure returns (bytes32[] memory tags) {
        tags = new bytes32[](n);
        for (uint256 i; i < n; ++i) tags[i] = bytes32(i + 1);
    }

    function test_NamesAndSymbols() public view {
        assertEq(agents.name(), "Lucid Agent");
        assertEq(agents.symbol(), "LAGENT");
        assertEq(frontends.name(), "Lucid Frontend");
        assertEq(frontends.symbol(), "LFRONT");
        assertEq(computes.name(), "Lucid Compute");
        assertEq(computes.symbol(), "LCOMP");
    }

    function test_Register() public {
        bytes32[] memory tags = _tags(2);
        vm.expectEmit(address(agents));
        emit EntryRegistered(1, alice, "ipfs://a", bytes32("h"), tags, "https://a", 1 gwei);
        vm.deal(alice, BOND);
        vm.prank(alice);
        uint256 id = agents.register{value: BOND}("ipfs://a", bytes32("h"), tags, "https://a", 1 gwei);
        assertEq(id, 1);
        assertEq(agents.ownerOf(1), alice);
        assertEq(agents.lastEntryId(), 1);
        assertEq(address(agents).balance, BOND);
        (address o, uint96 fee, bool active) = agents.entry(1);
        assertEq(o, alice);
        assertEq(fee, 1 gwei);
        assertTrue(active);
        (uint96 f, bool a) = agents.usageTerms(1);
        assertEq(f, 1 gwei);
        assertTrue(a);
        assertEq(_register(agents, bob, 0), 2);
    }

    function test_UsageTermsOfUnknownEntry() public view {
        (uint96 fee, bool active) = agents.usageTerms(42);
        assertEq(fee, 0);
        assertFalse(active);
    }

    function test_RevertWhen_RegisterWhilePaused() public {
        vm.prank(owner);
        agents.pause();
        vm.expectRevert(abi.encodeWithSelector(TimedPausable.TimedPausableEnforcedPause.selector, block.timestamp + 7 days));
        _register(agents, alice, 1);
        vm.prank(owner);
        agents.unpause();
        assertEq(_register(agents, alice, 1), 1);
    }

    function test_PauseEndsByItselfAfterRenounce() public {
        vm.startPrank(owner);
        agents.pause();
        agents.renounceOwnership();
        vm.stopPrank();
        vm.warp(block.timestamp + 7 days - 1);
        vm.expectRevert(abi.encodeWithSelector(TimedPausable.TimedPausableEnforcedPause.selector, block.timestamp + 1));
        _register(agents, alice, 1);
        vm.warp(block.timestamp + 1);
        assertFalse(agents.paused());
        assertEq(_register(agents, alice, 1), 1);
    }

    function test_RevertWhen_RegisterWithoutBond() public {
        vm.deal(alice, 1 ether);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryIncorrectBond.selector, 0, BOND));
        agents.register("u", 0, _tags(1), "e", 0);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryIncorrectBond.selector, BOND + 1, BOND));
        agents.register{value: BOND + 1}("u", 0, _tags(1), "e", 0);
        vm.stopPrank();
    }

    function test_RevertWhen_FeeAbove95Bits() public {
        vm.deal(alice, BOND);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryFeeTooHigh.selector, 2 ** 95, 2 ** 95 - 1));
        agents.register{value: BOND}("u", 0, _tags(1), "e", uint96(2 ** 95));
    }

    function test_DeregisterReturnsTheBond() public {
        uint256 id = _register(agents, alice, 5);
        vm.prank(owner);
        agents.pause();
        vm.expectEmit(address(agents));
        emit EntryDeregistered(id, carol, BOND);
        vm.prank(alice);
        agents.deregister(id, carol);
        assertEq(carol.balance, BOND);
        assertEq(address(agents).balance, 0);
        (uint96 fee, bool active) = agents.usageTerms(id);
        assertEq(fee, 0);
        assertFalse(active);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        agents.ownerOf(id);
    }

    function test_RevertWhen_DeregisterByNonOwner() public {
        uint256 id = _register(agents, alice, 5);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryUnauthorized.selector, id, bob));
        agents.deregister(id, bob);
    }

    /// @dev The registry holds exactly one bond per live entry, whatever the order of registrations and exits.
    function testFuzz_BondsHeldEqualLiveEntries(uint8 registrations, uint256 exitSeed) public {
        uint256 n = bound(registrations, 1, 20);
        for (uint256 i; i < n; ++i) _register(agents, i % 2 == 0 ? alice : bob, uint96(i));
        uint256 live = n;
        for (uint256 id = 1; id <= n; ++id) {
            if ((exitSeed >> id) & 1 == 0) continue;
            vm.prank(agents.ownerOf(id));
            agents.deregister(id, carol);
            --live;
        }
        assertEq(address(agents).balance, live * BOND);
        assertEq(carol.balance, (n - live) * BOND);
    }

    function testFuzz_TermsRoundTrip(uint96 fee, bool active) public {
        fee = uint96(bound(fee, 0, 2 ** 95 - 1));
        uint256 id = _register(agents, alice, fee);
        vm.prank(alice);
        agents.setActive(id, active);
        vm.prank(alice);
        agents.transferFrom(alice, bob, id);
        (uint96 f, bool a) = agents.usageTerms(id);
        assertEq(f, fee);
        assertEq(a, active);
        assertEq(agents.ownerOf(id), bob);
    }

    function test_RevertWhen_RegisterTooManyTags() public {
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryTooManyTags.selector, 17, 16));
        vm.deal(alice, BOND);
        vm.prank(alice);
        agents.register{value: BOND}("u", 0, _tags(17), "e", 0);
    }

    function test_SetMetadata() public {
        uint256 id = _register(agents, alice, 1);
        vm.expectEmit(address(agents));
        emit EntryMetadataUpdated(id, "ipfs://b", bytes32("b"));
        vm.prank(alice);
        agents.setMetadata(id, "ipfs://b", bytes32("b"));
    }

    function test_SetTags() public {
        uint256 id = _register(agents, alice, 1);
        bytes32[] memory tags = _tags(3);
        vm.expectEmit(address(agents));
        emit EntryTagsUpdated(id, tags);
        vm.prank(alice);
        agents.setTags(id, tags);
    }

    function test_RevertWhen_SetTagsTooMany() public {
        uint256 id = _register(agents, alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryTooManyTags.selector, 17, 16));
        agents.setTags(id, _tags(17));
    }

    function test_SetEndpoint() public {
        uint256 id = _register(agents, alice, 1);
        vm.expectEmit(address(agents));
        emit EntryEndpointUpdated(id, "https://b");
        vm.prank(alice);
        agents.setEndpoint(id, "https://b");
    }

    function test_SetFee() public {
        uint256 id = _register(agents, alice, 1);
        vm.expectEmit(address(agents));
        emit EntryFeeUpdated(id, 7);
        vm.prank(alice);
        agents.setFee(id, 7);
        (uint96 fee,) = agents.usageTerms(id);
        assertEq(fee, 7);
    }

    function test_SetActive() public {
        uint256 id = _register(agents, alice, 1);
        vm.expectEmit(address(agents));
        emit EntryActiveUpdated(id, false);
        vm.prank(alice);
        agents.setActive(id, false);
        (, bool active) = agents.usageTerms(id);
        assertFalse(active);
    }

    function test_UpdatesWorkWhilePaused() public {
        uint256 id = _register(agents, alice, 1);
        vm.prank(owner);
        agents.pause();
        vm.prank(alice);
        agents.setFee(id, 2);
        (uint96 fee,) = agents.usageTerms(id);
        assertEq(fee, 2);
    }

    function test_NewOwnerControlsEntryAfterTransfer() public {
        uint256 id = _register(agents, alice, 1);
        vm.prank(alice);
        agents.transferFrom(alice, bob, id);
        vm.prank(bob);
        agents.setFee(id, 3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryUnauthorized.selector, id, alice));
        agents.setFee(id, 4);
    }

    function test_RevertWhen_UpdateByNonOwner() public {
        uint256 id = _register(agents, alice, 1);
        vm.startPrank(bob);
        bytes memory err = abi.encodeWithSelector(EntryRegistry.EntryRegistryUnauthorized.selector, id, bob);
        vm.expectRevert(err);
        agents.setMetadata(id, "x", 0);
        vm.expectRevert(err);
        agents.setTags(id, _tags(1));
        vm.expectRevert(err);
        agents.setEndpoint(id, "x");
        vm.expectRevert(err);
        agents.setFee(id, 0);
        vm.expectRevert(err);
        agents.setActive(id, false);
    }

    function test_RevertWhen_UnknownEntry() public {
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        agents.setFee(9, 1);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        agents.entry(9);
        vm.expectRevert(ERC721.TokenDoesNotExist.selector);
        agents.tokenURI(9);
    }

    function test_RevertWhen_PauseByNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        agents.pause();
        vm.prank(owner);
        agents.pause();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        agents.unpause();
    }
}
