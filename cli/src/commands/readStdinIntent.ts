/**
 * Intent words from standard input (`echo "swap 1 ETH for USDC" | lucid --dry-run -`, or a plain pipe into
 * `lucid`). Each non-empty line is one step; several lines run as one sentence joined with "then", so they
 * are simulated together and shown in one review, exactly as if typed that way.
 */
export async function readStdinIntent(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    text += chunk as string;
    if (text.length > 64 * 1024) break; // an intent is a sentence; a file this large is not one
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .join(' then ');
}
