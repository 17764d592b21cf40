// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/**
 * @title DevToken
 * @notice A plain ERC-20 with configurable decimals, used only to stand in for USDC, DAI and stETH on the
 * local devnet. The owner (the devnet's deployer) can mint, so the bootstrap can fund accounts.
 */
contract DevToken is ERC20, Ownable {
    uint8 private immutable _decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_, address owner_)
        ERC20(name_, symbol_)
        Ownable(owner_)
    {
        _decimals = decimals_;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Mints `amount` to `to`. Only the owner (the devnet bootstrap).
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
