// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EntryRegistry} from "./EntryRegistry.sol";

/**
 * @title FrontendRegistry
 * @notice Registry of frontends and tools (the community pool): each entry an ERC-721 "LFRONT" owned by its builder. All logic lives in
 * {EntryRegistry}.
 */
contract FrontendRegistry is EntryRegistry {
    constructor(address owner_) EntryRegistry(owner_) {}

    /// @notice ERC-721 collection name.
    function name() public pure override returns (string memory) {
        return "Lucid Frontend";
    }

    /// @notice ERC-721 collection symbol.
    function symbol() public pure override returns (string memory) {
        return "LFRONT";
    }
}
