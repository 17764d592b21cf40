/**
 * The checks of one simulated report ask for the same addresses' code several times (the recipient's kind,
 * the call shapes, the venues the logs name). They all judge the report's block, so one read per address at
 * that block is enough: this wraps a client so that `getCode` is asked once per address, always at that
 * block (a request for "latest" is read there too), and a request naming any other block goes to the node.
 * A new report is a new block and a new memo: nothing is reused across blocks.
 */
import { getAddress, type Address, type GetCodeReturnType, type PublicClient } from 'viem';

export type MemoizeCodeParameters = {
  /** The block every code read without an explicit block is answered at: the simulated report's base block. */
  blockNumber: bigint;
};

export type MemoizeCodeReturnType = PublicClient;

/**
 * @example
 * const checksClient = memoizeCode(client, { blockNumber: report.blockNumber });
 * await checksClient.getCode({ address }); // one eth_getCode at report.blockNumber
 * await checksClient.getCode({ address }); // no request
 */
export function memoizeCode(client: PublicClient, { blockNumber }: MemoizeCodeParameters): MemoizeCodeReturnType {
  const reads = new Map<string, Promise<GetCodeReturnType>>();
  const getCode = (args: { address: Address; blockNumber?: bigint | undefined; blockTag?: string | undefined }) => {
    const named = args.blockNumber ?? (args.blockTag === undefined || args.blockTag === 'latest' ? blockNumber : undefined);
    if (named !== blockNumber) return client.getCode(args as Parameters<PublicClient['getCode']>[0]);
    const key = getAddress(args.address);
    let read = reads.get(key);
    if (!read) {
      read = client.getCode({ address: key, blockNumber });
      // A failed read is not remembered: the next caller asks again and sees the error itself.
      read.catch(() => reads.delete(key));
      reads.set(key, read);
    }
    return read;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      return property === 'getCode' ? getCode : Reflect.get(target, property, receiver);
    },
  });
}
