import { describe, expect, test } from 'vitest';
import { ANVIL_ACCOUNT_0, devnetAccount } from './wallets.js';

// Expected values were produced by viem with @noble/curves' default 8-bit table, in a separate process.
describe('useSmallSigningTable', () => {
  test('behavior: addresses and signatures are exactly what the default table gives', async () => {
    const account = devnetAccount();
    expect(account.address).toBe(ANVIL_ACCOUNT_0);
    const signed = await account.signTransaction({
      chainId: 31337,
      to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      value: 10n ** 15n,
      nonce: 7,
      gas: 21000n,
      maxFeePerGas: 2_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
      type: 'eip1559',
    });
    expect(signed).toBe(
      '0x02f873827a6907843b9aca0084773594008252089470997970c51812dc3a010c7d01b50e0d17dc79c887038d7ea4c6800080c001a012b64f994fd102a0d6fed69ed5bb2b0b359fd55417b347825013b3753157e8a4a019ad303201f3cfb975e331b7f1076e92d88208b9da5f95e2f4af2242972d4ef0',
    );
    expect(await account.signMessage({ message: 'lucid' })).toBe(
      '0xe031ea8f559b8129be949036dc127e4dd285cc62514539969bb9bffe53a3ee42775dfe20c6f4d5db4c27aff0d4f946fe294af83b826520e9e25dbf32042125121c',
    );
  });
});
