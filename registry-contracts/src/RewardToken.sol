// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title RewardToken
 * @notice LUCID, the token Lucid pays its contributors in. ERC-20 with EIP-2612 permit.
 * @dev Only the {minter} (the {EmissionController} that deployed it) can mint, and never past {cap}, which
 * the controller sets to the total of its emission schedule. There is no owner, no burn hook, no upgrade.
 */
contract RewardToken is ERC20, ERC20Permit {
    /// @notice The only address allowed to mint: the emission controller.
    address public immutable minter;

    /// @notice The maximum total supply: the emission schedule's total.
    uint256 public immutable cap;

    /// @dev `caller` is not the minter.
    error RewardTokenUnauthorizedMinter(address caller);

    /// @dev Minting `amount` would take the supply past `cap`.
    error RewardTokenCapExceeded(uint256 supply, uint256 amount, uint256 cap);

    /// @dev The minter is the zero address.
    error RewardTokenInvalidMinter();

    constructor(address minter_, uint256 cap_) ERC20("Lucid Reward", "LUCID") ERC20Permit("Lucid Reward") {
        if (minter_ == address(0)) revert RewardTokenInvalidMinter();
        minter = minter_;
        cap = cap_;
    }

    /**
     * @notice Mints `amount` to `to`. Only the {minter}; the supply never exceeds {cap}.
     * @dev Emits a {Transfer} event from the zero address.
     */
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert RewardTokenUnauthorizedMinter(msg.sender);
        uint256 supply = totalSupply();
        if (supply + amount > cap) revert RewardTokenCapExceeded(supply, amount, cap);
        _mint(to, amount);
    }
}
