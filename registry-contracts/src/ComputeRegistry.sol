// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EntryRegistry} from "./EntryRegistry.sol";

/**
 * @title ComputeRegistry
 * @notice Registry of compute providers (the compute pool): each entry an ERC-721 "LCOMP" owned by its builder. All logic lives in
 * {EntryRegistry}.
 */
contract ComputeRegistry is EntryRegistry {
    constructor(address owner_) EntryRegistry("Lucid Compute", "LCOMP", owner_) {}
}
