// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EntryRegistry} from "./EntryRegistry.sol";

/**
 * @title AgentRegistry
 * @notice Registry of agents (the code pool): each entry an ERC-721 "LAGENT" owned by its builder. All logic lives in
 * {EntryRegistry}.
 */
contract AgentRegistry is EntryRegistry {
    constructor(address owner_) EntryRegistry(owner_) {}

    /// @notice ERC-721 collection name.
    function name() public pure override returns (string memory) {
        return "Lucid Agent";
    }

    /// @notice ERC-721 collection symbol.
    function symbol() public pure override returns (string memory) {
        return "LAGENT";
    }
}
