// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @dev A stETH-like token for tests: balances are shares × (total pooled / total shares), so a rebase changes
 * every balance at once, and a transfer moves shares rounded down (the receiver can get a wei less than asked).
 */
contract RebasingToken {
    string public constant name = "Rebasing stETH";
    string public constant symbol = "rstETH";
    uint8 public constant decimals = 18;

    uint256 public totalShares;
    uint256 public totalPooled;
    mapping(address => uint256) public sharesOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function totalSupply() external view returns (uint256) {
        return totalPooled;
    }

    function balanceOf(address account) public view returns (uint256) {
        return totalShares == 0 ? 0 : (sharesOf[account] * totalPooled) / totalShares;
    }

    function mint(address to, uint256 amount) external {
        uint256 shares = totalShares == 0 ? amount : (amount * totalShares) / totalPooled;
        totalShares += shares;
        totalPooled += amount;
        sharesOf[to] += shares;
        emit Transfer(address(0), to, amount);
    }

    /// @dev Changes every balance by `bps` / 10,000 (negative: slashing).
    function rebase(int256 bps) external {
        totalPooled = bps >= 0 ? totalPooled + (totalPooled * uint256(bps)) / 10_000 : totalPooled - (totalPooled * uint256(-bps)) / 10_000;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        uint256 shares = (amount * totalShares) / totalPooled;
        sharesOf[from] -= shares;
        sharesOf[to] += shares;
        emit Transfer(from, to, amount);
    }
}
