/** Alias of ./testing.ts under the name the style guide's layout sketch uses. */
export { ensureCachedWorld, startTestDevnet, type StartTestDevnetParameters, type TestDevnet } from './testing.js';
