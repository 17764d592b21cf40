/**
 * Takes what the CLI prints (everything goes through ./output.ts) into strings instead of the process's streams:
 * for recording help text at build time (./helpText.ts) and for tests that run the real program in-process.
 */
import { Writable } from 'node:stream';
import { setStreams } from './output.js';

export type CapturedOutput = {
  /** All written to stdout since the capture began. */
  readonly stdout: string;
  /** All written to stderr since the capture began. */
  readonly stderr: string;
  /** Gives the process's own streams back. */
  release(): void;
};

/** @param options.isTTY what the captured streams claim to be (colour and prompts depend on it); unset = neither. */
export function captureOutput(options: { isTTY?: boolean } = {}): CapturedOutput {
  const text = { stdout: '', stderr: '' };
  const sink = (stream: keyof typeof text) =>
    Object.assign(
      new Writable({
        write(chunk: Buffer | string, _encoding, callback) {
          text[stream] += String(chunk);
          callback();
        },
      }),
      options.isTTY === undefined ? {} : { isTTY: options.isTTY },
    );
  setStreams({ stdout: sink('stdout'), stderr: sink('stderr') });
  return {
    get stdout() {
      return text.stdout;
    },
    get stderr() {
      return text.stderr;
    },
    release: () => setStreams(undefined),
  };
}
