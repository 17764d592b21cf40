// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "solady/tokens/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {TimedPausable} from "./utils/TimedPausable.sol";

/// @notice The usage ledger's side of the terms it caches: the registry reports every change of an entry's terms.
interface IUsageTermsReceiver {
    function usageTermsChanged(uint256 entryId, uint96 fee, bool active) external;
}

/**
 * @title EntryRegistry
 * @notice Shared base of the agent, frontend/tool and compute registries. Each entry is an ERC-721 identity
 * owned by its builder, with a metadata URI and its content hash, the actions it serves (bytes32 tags), an
 * endpoint, a fee per use (wei) and an active flag.
 *
 * Storage holds only what contracts read: the owner, fee and active flag, all in the token's ownership slot
 * (solady's ERC-721 keeps 96 bits of extra data next to the owner). The metadata URI and its content hash, the
 * tags and the endpoint live in events ({EntryRegistered} and the `Entry*Updated` events), which are as much a
 * part of the chain as storage and are where indexers such as the Lucid CLI read them; the content hash lets
 * them check the metadata they fetch. Storing the strings cost a registration ~270k more gas.
 *
 * Registering takes a refundable bond of {REGISTRATION_BOND}, returned by {deregister}: cloning another
 * entry's metadata then locks capital per clone, on top of gas, for as long as the clone exists.
 *
 * The {UsageLedger} reads an entry's terms once ({usageTermsFor}) and keeps them next to the entry's account, so
 * usage does not call three registries: once the owner has wired the ledger ({setUsageLedger}, once), every change
 * of an entry's fee or active flag ({setFee}, {setActive}, {deregister}) is reported to it in the same transaction.
 *
 * NOTE: Pausing stops {register} only, for at most {TimedPausable-MAX_PAUSE}. Updates, transfers and
 * {deregister} always work.
 */
abstract contract EntryRegistry is ERC721, Ownable2Step, TimedPausable {
    /// @notice Most tags one entry may carry, so reads stay bounded.
    uint256 public constant MAX_TAGS = 16;
    /// @notice ETH locked per registered entry, returned to its owner by {deregister}.
    uint256 public constant REGISTRATION_BOND = 0.01 ether;
    /// @notice Largest fee per use: 95 bits, because the fee shares 96 bits with the active flag.
    uint256 public constant MAX_FEE = 2 ** 95 - 1;

    /// @dev Id of the last registered entry; packed with the pause state, so {register} reads one slot for both.
    uint32 private _lastEntryId;
    /// @notice The ledger told of every change of an entry's terms; set once by the owner ({setUsageLedger}).
    IUsageTermsReceiver public usageLedger;

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
    /// @notice Emitted when `entryId` was deregistered and its bond sent to `to`.
    event EntryDeregistered(uint256 indexed entryId, address indexed to, uint256 bond);
    /// @notice Emitted once, when the owner wired the usage ledger.
    event UsageLedgerSet(address indexed usageLedger);

    /// @dev `caller` does not own `entryId`.
    error EntryRegistryUnauthorized(uint256 entryId, address caller);
    /// @dev More than {MAX_TAGS} tags.
    error EntryRegistryTooManyTags(uint256 count, uint256 max);
    /// @dev `msg.value` is not the {REGISTRATION_BOND}.
    error EntryRegistryIncorrectBond(uint256 sent, uint256 bond);
    /// @dev The fee is above {MAX_FEE}.
    error EntryRegistryFeeTooHigh(uint256 fee, uint256 max);
    /// @dev Sending the bond back failed.
    error EntryRegistryTransferFailed(address to, uint256 amount);
    /// @dev The usage ledger is zero or was already set.
    error EntryRegistryInvalidUsageLedger(address usageLedger);

    constructor(address owner_) Ownable(owner_) {}

    /**
     * @notice Registers a new entry owned by the caller, active from now. Send exactly {REGISTRATION_BOND}.
     * @return entryId The new entry's id (its ERC-721 token id).
     * @dev Emits {EntryRegistered} and ERC-721 {Transfer}. Reverts while paused. Mints without the
     * `onERC721Received` check: the caller is the recipient.
     */
    function register(
        string calldata metadataURI,
        bytes32 contentHash,
        bytes32[] calldata tags,
        string calldata endpoint,
        uint96 fee
    ) external payable whenNotPaused returns (uint256 entryId) {
        if (msg.value != REGISTRATION_BOND) revert EntryRegistryIncorrectBond(msg.value, REGISTRATION_BOND);
        if (tags.length > MAX_TAGS) revert EntryRegistryTooManyTags(tags.length, MAX_TAGS);
        entryId = ++_lastEntryId;
        emit EntryRegistered(entryId, msg.sender, metadataURI, contentHash, tags, endpoint, fee);
        _mintAndSetExtraDataUnchecked(msg.sender, entryId, _packTerms(fee, true));
    }

    /**
     * @notice Burns `entryId` and sends its bond to `to`. Only the entry's owner; works while paused. Usage of the
     * entry stops; fees and rewards it earned in the {UsageLedger} stay claimable by nobody, so withdraw first.
     * @dev Emits {EntryDeregistered} and ERC-721 {Transfer}.
     */
    function deregister(uint256 entryId, address to) external {
        _checkEntryOwner(entryId);
        _setExtraData(entryId, 0);
        _burn(entryId);
        emit EntryDeregistered(entryId, to, REGISTRATION_BOND);
        _reportTerms(entryId, 0, false);
        (bool ok,) = to.call{value: REGISTRATION_BOND}("");
        if (!ok) revert EntryRegistryTransferFailed(to, REGISTRATION_BOND);
    }

    /**
     * @notice Replaces the metadata URI and its content hash. Only the entry's owner.
     * @dev Emits {EntryMetadataUpdated}; neither is stored.
     */
    function setMetadata(uint256 entryId, string calldata metadataURI, bytes32 contentHash) external {
        _checkEntryOwner(entryId);
        emit EntryMetadataUpdated(entryId, metadataURI, contentHash);
    }

    /**
     * @notice Replaces the tags (actions/capabilities served). Only the entry's owner.
     * @dev Emits {EntryTagsUpdated}; the tags are not stored.
     */
    function setTags(uint256 entryId, bytes32[] calldata tags) external {
        if (tags.length > MAX_TAGS) revert EntryRegistryTooManyTags(tags.length, MAX_TAGS);
        _checkEntryOwner(entryId);
        emit EntryTagsUpdated(entryId, tags);
    }

    /**
     * @notice Replaces the endpoint. Only the entry's owner.
     * @dev Emits {EntryEndpointUpdated}; the endpoint is not stored.
     */
    function setEndpoint(uint256 entryId, string calldata endpoint) external {
        _checkEntryOwner(entryId);
        emit EntryEndpointUpdated(entryId, endpoint);
    }

    /**
     * @notice Sets the fee per use, in wei, at most {MAX_FEE}. Only the entry's owner.
     * @dev Emits {EntryFeeUpdated}.
     */
    function setFee(uint256 entryId, uint96 fee) external {
        _checkEntryOwner(entryId);
        bool active = _getExtraData(entryId) & 1 == 1;
        _setExtraData(entryId, _packTerms(fee, active));
        emit EntryFeeUpdated(entryId, fee);
        _reportTerms(entryId, fee, active);
    }

    /**
     * @notice Turns the entry on or off; an inactive entry cannot be used. Only the entry's owner.
     * @dev Emits {EntryActiveUpdated}.
     */
    function setActive(uint256 entryId, bool active) external {
        _checkEntryOwner(entryId);
        uint96 fee = _getExtraData(entryId) >> 1;
        _setExtraData(entryId, _packTerms(fee, active));
        emit EntryActiveUpdated(entryId, active);
        _reportTerms(entryId, fee, active);
    }

    /**
     * @notice Wires the usage ledger, once; from then on every change of an entry's terms is reported to it, and
     * it may keep the terms it read ({usageTermsFor}). Only the admin.
     * @dev Emits {UsageLedgerSet}.
     */
    function setUsageLedger(IUsageTermsReceiver usageLedger_) external onlyOwner {
        if (address(usageLedger_) == address(0) || address(usageLedger) != address(0)) {
            revert EntryRegistryInvalidUsageLedger(address(usageLedger_));
        }
        usageLedger = usageLedger_;
        emit UsageLedgerSet(address(usageLedger_));
    }

    /**
     * @notice Stops new registrations for at most {TimedPausable-MAX_PAUSE}. Only the admin.
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

    /// @notice Id of the last registered entry; ids start at 1, so 0 means "none".
    function lastEntryId() external view returns (uint256) {
        return _lastEntryId;
    }

    /// @notice Fee per use and active flag; (0, false) for an id that is not registered. One SLOAD.
    function usageTerms(uint256 entryId) external view returns (uint96 fee, bool active) {
        uint96 packed = _getExtraData(entryId);
        return (packed >> 1, packed & 1 == 1);
    }

    /// @notice {usageTerms}, and whether every later change of them is reported to the caller (it is the wired
    /// {usageLedger}), so the caller may keep them instead of asking again.
    function usageTermsFor(uint256 entryId) external view returns (uint96 fee, bool active, bool reported) {
        uint96 packed = _getExtraData(entryId);
        return (packed >> 1, packed & 1 == 1, msg.sender == address(usageLedger));
    }

    /**
     * @notice What the chain stores about `entryId`: owner, fee, active flag. Reverts for an unknown id. The
     * metadata URI and hash, tags and endpoint are in the entry's events.
     */
    function entry(uint256 entryId) external view returns (address owner, uint96 fee, bool active) {
        owner = ownerOf(entryId);
        uint96 packed = _getExtraData(entryId);
        return (owner, packed >> 1, packed & 1 == 1);
    }

    /// @notice Empty: the metadata URI is in the entry's events, not in storage. Reverts for an unknown id.
    function tokenURI(uint256 entryId) public view override returns (string memory) {
        ownerOf(entryId);
        return "";
    }

    /// @dev Fee in bits 1..95, active flag in bit 0.
    function _packTerms(uint256 fee, bool active) private pure returns (uint96) {
        if (fee > MAX_FEE) revert EntryRegistryFeeTooHigh(fee, MAX_FEE);
        // casting is safe because fee <= 2^95 - 1
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint96(fee << 1) | (active ? 1 : 0);
    }

    /// @dev Tells the wired ledger, if any, of new terms. Its call is not allowed to fail: a ledger that missed a
    /// change would keep charging stale terms.
    function _reportTerms(uint256 entryId, uint96 fee, bool active) private {
        IUsageTermsReceiver ledger = usageLedger;
        if (address(ledger) != address(0)) ledger.usageTermsChanged(entryId, fee, active);
    }

    /// @dev Reverts unless the caller owns `entryId` (which also checks it exists).
    function _checkEntryOwner(uint256 entryId) private view {
        if (ownerOf(entryId) != msg.sender) revert EntryRegistryUnauthorized(entryId, msg.sender);
    }
}
