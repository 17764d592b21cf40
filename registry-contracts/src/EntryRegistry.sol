// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/**
 * @title EntryRegistry
 * @notice Shared base of the agent, frontend/tool and compute registries. Each entry is an ERC-721 identity
 * owned by its builder, with a metadata URI and its content hash, the actions it serves (bytes32 tags), an
 * endpoint, a fee per use (wei) and an active flag. Only the entry's owner updates it; every change emits an
 * event so off-chain indexers (the Lucid CLI) can rebuild the registry from logs.
 *
 * NOTE: Pausing stops {register} only. Updates, transfers and everything in other contracts keep working.
 * The {UsageLedger} reads {usageTerms}: the fee and the active flag, packed in one storage slot.
 */
abstract contract EntryRegistry is ERC721, Ownable2Step, Pausable {
    /// @notice Most tags one entry may carry, so reads stay bounded.
    uint256 public constant MAX_TAGS = 16;

    /// @dev Slot 0 of an entry: what the ledger reads on every use.
    struct Terms {
        uint96 fee;
        bool active;
    }

    struct Entry {
        Terms terms;
        bytes32 contentHash;
        string metadataURI;
        string endpoint;
        bytes32[] tags;
    }

    /// @notice Id of the last registered entry; ids start at 1, so 0 means "none".
    uint256 public lastEntryId;
    mapping(uint256 entryId => Entry) private _entries;

    /// @notice Emitted when `entryId` is registered, active, to `owner`.
    event EntryRegistered(
        uint256 indexed entryId,
        address indexed owner,
        string metadataURI,
        bytes32 contentHash,
        bytes32[] tags,
        string endpoint,
        uint96 fee
    );
    /// @notice Emitted when the metadata URI or its hash changed.
    event EntryMetadataUpdated(uint256 indexed entryId, string metadataURI, bytes32 contentHash);
    /// @notice Emitted when the tags were replaced.
    event EntryTagsUpdated(uint256 indexed entryId, bytes32[] tags);
    /// @notice Emitted when the endpoint changed.
    event EntryEndpointUpdated(uint256 indexed entryId, string endpoint);
    /// @notice Emitted when the fee per use changed.
    event EntryFeeUpdated(uint256 indexed entryId, uint96 fee);
    /// @notice Emitted when the active flag changed.
    event EntryActiveUpdated(uint256 indexed entryId, bool active);

    /// @dev `caller` does not own `entryId`.
    error EntryRegistryUnauthorized(uint256 entryId, address caller);
    /// @dev More than {MAX_TAGS} tags.
    error EntryRegistryTooManyTags(uint256 count, uint256 max);

    constructor(string memory name_, string memory symbol_, address owner_) ERC721(name_, symbol_) Ownable(owner_) {}

    /**
     * @notice Registers a new entry owned by the caller, active from now.
     * @return entryId The new entry's id (its ERC-721 token id).
     * @dev Emits {EntryRegistered} and ERC-721 {Transfer}. Reverts while paused.
     */
    function register(
        string calldata metadataURI,
        bytes32 contentHash,
        bytes32[] calldata tags,
        string calldata endpoint,
        uint96 fee
    ) external whenNotPaused returns (uint256 entryId) {
        if (tags.length > MAX_TAGS) revert EntryRegistryTooManyTags(tags.length, MAX_TAGS);
        entryId = ++lastEntryId;
        Entry storage e = _entries[entryId];
        e.terms = Terms({fee: fee, active: true});
        e.contentHash = contentHash;
        e.metadataURI = metadataURI;
        e.endpoint = endpoint;
        e.tags = tags;
        emit EntryRegistered(entryId, msg.sender, metadataURI, contentHash, tags, endpoint, fee);
        _safeMint(msg.sender, entryId);
    }

    /**
     * @notice Replaces the metadata URI and its content hash. Only the entry's owner.
     * @dev Emits {EntryMetadataUpdated}.
     */
    function setMetadata(uint256 entryId, string calldata metadataURI, bytes32 contentHash) external {
        Entry storage e = _ownedEntry(entryId);
        e.metadataURI = metadataURI;
        e.contentHash = contentHash;
        emit EntryMetadataUpdated(entryId, metadataURI, contentHash);
    }

    /**
     * @notice Replaces the tags (actions/capabilities served). Only the entry's owner.
     * @dev Emits {EntryTagsUpdated}.
     */
    function setTags(uint256 entryId, bytes32[] calldata tags) external {
        if (tags.length > MAX_TAGS) revert EntryRegistryTooManyTags(tags.length, MAX_TAGS);
        _ownedEntry(entryId).tags = tags;
        emit EntryTagsUpdated(entryId, tags);
    }

    /**
     * @notice Replaces the endpoint. Only the entry's owner.
     * @dev Emits {EntryEndpointUpdated}.
     */
    function setEndpoint(uint256 entryId, string calldata endpoint) external {
        _ownedEntry(entryId).endpoint = endpoint;
        emit EntryEndpointUpdated(entryId, endpoint);
    }

    /**
     * @notice Sets the fee per use, in wei. Only the entry's owner.
     * @dev Emits {EntryFeeUpdated}.
     */
    function setFee(uint256 entryId, uint96 fee) external {
        _ownedEntry(entryId).terms.fee = fee;
        emit EntryFeeUpdated(entryId, fee);
    }

    /**
     * @notice Turns the entry on or off; an inactive entry cannot be used. Only the entry's owner.
     * @dev Emits {EntryActiveUpdated}.
     */
    function setActive(uint256 entryId, bool active) external {
        _ownedEntry(entryId).terms.active = active;
        emit EntryActiveUpdated(entryId, active);
    }

    /**
     * @notice Stops new registrations. Only the admin.
     * @dev Emits {Paused}.
     */
    function pause() external onlyOwner {
        _pause();
    }

    /**
     * @notice Resumes registrations. Only the admin.
     * @dev Emits {Unpaused}.
     */
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Fee per use and active flag; (0, false) for an id that was never registered. One SLOAD.
    function usageTerms(uint256 entryId) external view returns (uint96 fee, bool active) {
        Terms memory t = _entries[entryId].terms;
        return (t.fee, t.active);
    }

    /// @notice Everything about `entryId`. Reverts for an unknown id.
    function entry(uint256 entryId)
        external
        view
        returns (
            address owner,
            string memory metadataURI,
            bytes32 contentHash,
            bytes32[] memory tags,
            string memory endpoint,
            uint96 fee,
            bool active
        )
    {
        owner = _requireOwned(entryId);
        Entry storage e = _entries[entryId];
        return (owner, e.metadataURI, e.contentHash, e.tags, e.endpoint, e.terms.fee, e.terms.active);
    }

    /// @notice The metadata URI doubles as the ERC-721 token URI.
    function tokenURI(uint256 entryId) public view override returns (string memory) {
        _requireOwned(entryId);
        return _entries[entryId].metadataURI;
    }

    /// @dev The entry, after checking the caller owns it (which also checks it exists).
    function _ownedEntry(uint256 entryId) private view returns (Entry storage) {
        if (_requireOwned(entryId) != msg.sender) revert EntryRegistryUnauthorized(entryId, msg.sender);
        return _entries[entryId];
    }
}
