/**
 * Where a wallet password comes from: `LUCID_PASSWORD` in the environment (scripts, CI), else a hidden
 * prompt when stdin is a terminal, else a clear error. The typed password is never echoed (not even as `*`,
 * which would reveal its length) and the prompt goes to stderr so `--json` output on stdout stays clean.
 */
import type { Readable, Writable } from 'node:stream';
import { InputError } from '../../../kernel/index.js';

/** The stream the prompt reads: stdin, or a test double with the same TTY surface. */
export type PasswordInput = Readable & { isTTY?: boolean | undefined; setRawMode?: ((mode: boolean) => unknown) | undefined; isRaw?: boolean | undefined };

export type PasswordPromptOptions = {
  /** Prompt text. Default "Password: ". */
  message?: string | undefined;
  /** Ask twice and require both to match (for creating a wallet). */
  confirm?: boolean | undefined;
  /** Default process.stdin. */
  input?: PasswordInput | undefined;
  /** Default process.stderr. */
  output?: Writable | undefined;
};

export type PasswordFromParameters = {
  /** Default process.env. */
  env?: Record<string, string | undefined> | undefined;
  /** Prompt options, or false to never prompt (headless / --json runs). */
  prompt?: PasswordPromptOptions | false | undefined;
};

export const passwordEnvVar = 'LUCID_PASSWORD';

/**
 * @returns The password. Throws `InputError('PASSWORD_REQUIRED')` when there is neither `LUCID_PASSWORD`
 * nor a terminal to ask on, `InputError('PASSWORD_CANCELLED')` on Ctrl-C/Ctrl-D, and
 * `InputError('PASSWORD_MISMATCH')` when a confirmation differs.
 * @example
 * const password = await passwordFrom({ env: process.env, prompt: { message: 'Password for main: ' } })
 */
export async function passwordFrom(parameters: PasswordFromParameters = {}): Promise<string> {
  const env = parameters.env ?? process.env;
  const fromEnv = env[passwordEnvVar];
  if (fromEnv) return fromEnv;
  const options = parameters.prompt;
  const input = options === false ? undefined : (options?.input ?? process.stdin);
  if (options === false || !input?.isTTY || !input.setRawMode)
    throw new InputError('PASSWORD_REQUIRED', 'A wallet password is needed and there is no terminal to ask for it.', {
      hints: [`Set ${passwordEnvVar} in the environment, or run in an interactive terminal.`],
    });
  const output = options?.output ?? process.stderr;
  const message = options?.message ?? 'Password: ';
  const password = await readHidden(input, output, message);
  if (options?.confirm) {
    const again = await readHidden(input, output, 'Repeat password: ');
    if (again !== password) throw new InputError('PASSWORD_MISMATCH', 'The two passwords differ.');
  }
  return password;
}

// ---------------------------------------------------------------------------------------------------------

// Raw mode so keystrokes are not echoed by the terminal; we handle backspace and Enter ourselves.
function readHidden(input: PasswordInput, output: Writable, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw ?? false;
    let typed = '';
    output.write(message);
    input.setRawMode?.(true);
    input.resume();
    const finish = (error?: InputError) => {
      input.off('data', onData);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004')
          return finish(new InputError('PASSWORD_CANCELLED', 'Password entry cancelled.'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
