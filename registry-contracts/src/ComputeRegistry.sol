// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EntryRegistry} from "./EntryRegistry.sol";

/**
 * @title ComputeRegistry
 * @notice Registry of compute providers (the compute pool): each entry an ERC-721 "LCOMP" owned by its builder. All logic lives in
 * {EntryRegistry}.
 */
contract ComputeRegistry is EntryRegistry {
    constructor(address owner_) EntryRegistry(owner_) {}

    /// @notice ERC-721 collection name.
    function name() public pure override returns (string memory) {
        return "Lucid Compute";
    }

    /// @notice ERC-721 collection symbol.
    function symbol() public pure override returns (string memory) {
        return "LCOMP";
    }
}
