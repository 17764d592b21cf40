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
