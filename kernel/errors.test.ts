import { expect, test } from 'vitest';
import { ChainError, InputError, LucidError, RefusedError } from './errors.js';

test('behavior: an error from another copy of the module (the bundled CLI vs an agent importing lucid/sdk) is still a LucidError of its kind', async () => {
  // The query makes a second, separate instance of the module, as a second copy on disk would be.
  const copy = (await import('./errors.js?another-copy' as string)) as typeof import('./errors.js');
  expect(copy.InputError).not.toBe(InputError);
  const foreign = new copy.InputError('NOT_WRAPPABLE', 'wraps ETH only');
  expect(foreign instanceof LucidError).toBe(true);
  expect(foreign instanceof InputError).toBe(true);
  expect(foreign instanceof RefusedError).toBe(false);
  expect(new copy.ChainError('X', 'y') instanceof ChainError).toBe(true);
  // Subclasses beyond the kernel's own are judged by their real prototype chain only.
  class PolicyLike extends RefusedError {}
  expect(new copy.RefusedError('X', 'y') instanceof PolicyLike).toBe(false);
  expect(new PolicyLike('X', 'y') instanceof RefusedError).toBe(true);
  // Without the brand, a look-alike is not one of Lucid's errors.
  expect(Object.assign(new Error('m'), { kind: 'input', code: 'X' }) instanceof InputError).toBe(false);
  expect(null instanceof LucidError).toBe(false);
});

test('behavior: a fact the message already says is not shown again under it, and the JSON envelope keeps every detail', () => {
  const first = 'You asked: "swap 1 ETH for USDC" sends no stETH. The simulation: you send 10 stETH.';
  const second = 'You asked: "swap 1 ETH for USDC" leaves no USDC approval standing. The simulation: 0xabc may spend 5 USDC.';
  const error = new RefusedError('UNEXPLAINED_EFFECT', `the plan does something you did not ask for: ${first}`, { details: `${first}\n${second}`, hints: ['nothing was signed'] });
  expect(error.shownDetails).toBe(second);
  expect(error.message.split(first)).toHaveLength(2);
  expect(error.toJSON().error.details).toBe(`${first}\n${second}`);
  // One effect only: nothing is left to show under the message.
  expect(new RefusedError('X', `refused: ${first}`, { details: first }).shownDetails).toBeUndefined();
  // Details the message does not say are all shown, short ones included.
  expect(new ChainError('SIMULATION_REVERTED', 'the plan would fail: reverted', { details: 'call 1 of 2 reverts' }).shownDetails).toBe('call 1 of 2 reverts');
  expect(new InputError('X', 'bad amount 0', { details: '0' }).shownDetails).toBe('0');
});
