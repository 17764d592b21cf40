// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title BalanceLens
 * @notice Never deployed: its runtime code is placed at an unused address through a state override inside
 * a simulation, so that balances and allowances can be read from *state* before and after each simulated
 * call (events can lie; balances cannot). Works on any node that accepts state overrides.
 */
contract BalanceLens {
    /// @notice Balances of each (token, owner) pair; token == address(0) means the native asset.
    function balances(address[] calldata tokens, address[] calldata owners) external view returns (uint256[] memory out) {
        out = new uint256[](tokens.length * owners.length);
        uint256 k;
        for (uint256 i; i < tokens.length; ++i) {
            for (uint256 j; j < owners.length; ++j) {
                out[k++] = tokens[i] == address(0) ? owners[j].balance : _tryUint(tokens[i], abi.encodeWithSignature("balanceOf(address)", owners[j]));
            }
        }
    }

    /// @notice Allowance of each (token, owner, spender) triple; a token that does not answer reads as 0.
    function allowances(address[] calldata tokens, address[] calldata owners, address[] calldata spenders)
        external
        view
        returns (uint256[] memory out)
    {
        out = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            out[i] = _tryUint(tokens[i], abi.encodeWithSignature("allowance(address,address)", owners[i], spenders[i]));
        }
    }

    function _tryUint(address target, bytes memory data) private view returns (uint256 value) {
        if (target.code.length == 0) return 0;
        (bool ok, bytes memory ret) = target.staticcall(data);
        if (ok && ret.length >= 32) value = abi.decode(ret, (uint256));
    }
}
