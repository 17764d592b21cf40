// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
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
        vm.prank(alice);
        uint256 id = agents.register("ipfs://a", bytes32("h"), tags, "https://a", 1 gwei);
        assertEq(id, 1);
        assertEq(agents.ownerOf(1), alice);
        assertEq(agents.lastEntryId(), 1);
        assertEq(agents.tokenURI(1), "ipfs://a");
        (address o, string memory uri, bytes32 h, bytes32[] memory t, string memory ep, uint96 fee, bool active) =
            agents.entry(1);
        assertEq(o, alice);
        assertEq(uri, "ipfs://a");
        assertEq(h, bytes32("h"));
        assertEq(t.length, 2);
        assertEq(t[1], bytes32(uint256(2)));
        assertEq(ep, "https://a");
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
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _register(agents, alice, 1);
        vm.prank(owner);
        agents.unpause();
        assertEq(_register(agents, alice, 1), 1);
    }

    function test_RevertWhen_RegisterTooManyTags() public {
        vm.expectRevert(abi.encodeWithSelector(EntryRegistry.EntryRegistryTooManyTags.selector, 17, 16));
        agents.register("u", 0, _tags(17), "e", 0);
    }

    function test_SetMetadata() public {
        uint256 id = _register(agents, alice, 1);
        vm.expectEmit(address(agents));
        emit EntryMetadataUpdated(id, "ipfs://b", bytes32("b"));
        vm.prank(alice);
        agents.setMetadata(id, "ipfs://b", bytes32("b"));
        assertEq(agents.tokenURI(id), "ipfs://b");
    }

    function test_SetTags() public {
        uint256 id = _register(agents, alice, 1);
        bytes32[] memory tags = _tags(3);
        vm.expectEmit(address(agents));
        emit EntryTagsUpdated(id, tags);
        vm.prank(alice);
        agents.setTags(id, tags);
        (,,, bytes32[] memory t,,,) = agents.entry(id);
        assertEq(t.length, 3);
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
        (,,,, string memory ep,,) = agents.entry(id);
        assertEq(ep, "https://b");
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
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        agents.setFee(9, 1);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        agents.entry(9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
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
