/**
 * Secret shapes in free text: what a private key or a recovery phrase looks like when pasted into an intent
 * or a prompt. The router refuses such words before any parser sees them; the store redacts them from any
 * text it keeps. Only positions and kinds are returned, never the secret.
 *
 * - key: 64 hex digits, with or without `0x`, not part of a longer hex run (a 32-byte hash has the same
 *   shape; refusing it costs little, missing a key costs everything).
 * - mnemonic: 12 or more consecutive words from the BIP-39 English list (`@scure/bip39`'s), ignoring list
 *   numbering ("1." "2)") and punctuation between them; 12 is the shortest phrase, and a longer phrase
 *   contains a 12-word run.
 */
import { wordlist } from '@scure/bip39/wordlists/english';

export type SecretShape = { kind: 'key' | 'mnemonic'; start: number; end: number };

const bip39Words: ReadonlySet<string> = new Set(wordlist);
const keyPattern = /(?<![0-9a-fA-F])(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
const wordPattern = /[\p{L}\p{N}]+/gu;
/**
 * The same words in text that is all ASCII, where NFKC changes nothing: neither ICU's normalizer nor a Unicode
 * property class (built from ICU's tables on first use, milliseconds of every `lucid parse`) is needed.
 */
const asciiWordPattern = /[A-Za-z0-9]+/g;
const nonAscii = /[^\x00-\x7f]/;
/** The shortest BIP-39 phrase. */
export const MNEMONIC_MIN_WORDS = 12;

/**
 * Every key- or mnemonic-shaped span in `text`, in order.
 *
 * @example
 * findSecretShapes('send 1 ETH to bob') // []
 */
export function findSecretShapes(text: string): SecretShape[] {
  const found: SecretShape[] = [];
  for (const match of text.matchAll(keyPattern)) found.push({ kind: 'key', start: match.index, end: match.index + match[0].length });

  let run: { start: number; end: number; count: number } | undefined;
  const close = () => {
    if (run && run.count >= MNEMONIC_MIN_WORDS) found.push({ kind: 'mnemonic', start: run.start, end: run.end });
    run = undefined;
  };
  const words = nonAscii.test(text) ? text.normalize('NFKC').matchAll(wordPattern) : text.matchAll(asciiWordPattern);
  for (const match of words) {
    const word = match[0].toLowerCase();
    if (/^\d{1,2}$/u.test(word)) continue; // list numbering between words
    if (!bip39Words.has(word)) {
      close();
      continue;
    }
    const end = match.index + match[0].length;
    run = run ? { ...run, end, count: run.count + 1 } : { start: match.index, end, count: 1 };
  }
  close();
  return found.sort((a, b) => a.start - b.start);
}

/** `text` with every secret-shaped span replaced by a marker naming its kind. */
export function redactSecretShapes(text: string): string {
  let result = '';
  let at = 0;
  for (const shape of findSecretShapes(text)) {
    if (shape.start < at) continue;
    result += `${text.slice(at, shape.start)}[redacted ${shape.kind === 'key' ? '32-byte hex' : 'recovery phrase'}]`;
    at = shape.end;
  }
  return result + text.slice(at);
}
