// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title TimedPausable
 * @notice Like OpenZeppelin's {Pausable}, except that a pause ends by itself {MAX_PAUSE} after it began. An
 * admin can stop a function for long enough to react to an incident, but cannot stop it for good: pausing and
 * then renouncing ownership (or losing the key) halts it for at most {MAX_PAUSE}. A pause cannot be extended
 * while it runs; a new one can only start after it ended.
 *
 * The state is one `uint64` (the end of the pause), so a derived contract can pack it with its own hot data by
 * declaring a small variable right after inheriting this contract.
 */
abstract contract TimedPausable {
    /// @notice Longest a pause lasts.
    uint256 public constant MAX_PAUSE = 7 days;

    /// @dev When the current pause ends; a past time (1 from the start, so the slot is never empty and its first
    /// write is not a 20k slot creation) when not paused.
    uint64 private _pausedUntil = 1;

    /// @notice Emitted when `account` paused the contract until `until`.
    event Paused(address account, uint256 until);
    /// @notice Emitted when `account` lifted the pause before it ended.
    event Unpaused(address account);

    /// @dev The function is paused until `until`.
    error TimedPausableEnforcedPause(uint256 until);
    /// @dev The contract is not paused.
    error TimedPausableExpectedPause();

    /// @dev Reverts while paused.
    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    /// @notice Whether the contract is paused now.
    function paused() public view returns (bool) {
        return block.timestamp < _pausedUntil;
    }

    /// @notice When the current pause ends (a past time when not paused).
    function pausedUntil() external view returns (uint256) {
        return _pausedUntil;
    }

    /// @dev Pauses for {MAX_PAUSE}. Reverts if already paused. Emits {Paused}.
    function _pause() internal {
        _requireNotPaused();
        // casting is safe because block.timestamp + 7 days fits 64 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 until = uint64(block.timestamp + MAX_PAUSE);
        _pausedUntil = until;
        emit Paused(msg.sender, until);
    }

    /// @dev Ends the pause now. Reverts if not paused. Emits {Unpaused}.
    function _unpause() internal {
        if (!paused()) revert TimedPausableExpectedPause();
        _pausedUntil = 1;
        emit Unpaused(msg.sender);
    }

    function _requireNotPaused() internal view {
        uint256 until = _pausedUntil;
        if (block.timestamp < until) revert TimedPausableEnforcedPause(until);
    }
}
