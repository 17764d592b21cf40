// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {RewardToken} from "../src/RewardToken.sol";

contract RewardTokenTest is Test {
    RewardToken internal token;
    address internal minter = makeAddr("minter");

    function setUp() public {
        token = new RewardToken(minter, 1_000 ether);
    }

    function test_Metadata() public view {
        assertEq(token.name(), "Lucid Reward");
        assertEq(token.symbol(), "LUCID");
        assertEq(token.decimals(), 18);
        assertEq(token.minter(), minter);
        assertEq(token.cap(), 1_000 ether);
    }

    function test_Mint() public {
        vm.prank(minter);
        token.mint(address(this), 1_000 ether);
        assertEq(token.balanceOf(address(this)), 1_000 ether);
        assertEq(token.totalSupply(), token.cap());
    }

    function test_RevertWhen_MinterIsZero() public {
        vm.expectRevert(RewardToken.RewardTokenInvalidMinter.selector);
        new RewardToken(address(0), 1);
    }

    function test_RevertWhen_CallerIsNotMinter() public {
        vm.expectRevert(abi.encodeWithSelector(RewardToken.RewardTokenUnauthorizedMinter.selector, address(this)));
        token.mint(address(this), 1);
    }

    function test_RevertWhen_MintExceedsCap() public {
        vm.startPrank(minter);
        token.mint(address(this), 999 ether);
        vm.expectRevert(
            abi.encodeWithSelector(RewardToken.RewardTokenCapExceeded.selector, 999 ether, 2 ether, 1_000 ether)
        );
        token.mint(address(this), 2 ether);
    }

    function testFuzz_MintNeverExceedsCap(uint256 a, uint256 b) public {
        a = bound(a, 0, 1_000 ether);
        b = bound(b, 0, 2_000 ether);
        vm.startPrank(minter);
        token.mint(address(this), a);
        if (a + b > 1_000 ether) vm.expectRevert();
        token.mint(address(this), b);
        assertLe(token.totalSupply(), token.cap());
    }

    function test_Permit() public {
        (address holder, uint256 key) = makeAddrAndKey("holder");
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                spender,
                5 ether,
                token.nonces(holder),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        token.permit(holder, spender, 5 ether, deadline, v, r, s);
        assertEq(token.allowance(holder, spender), 5 ether);
        assertEq(token.nonces(holder), 1);
    }
}
