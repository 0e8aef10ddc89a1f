import { StoreTimeoutError } from '../errors';

/**
 * Races `promise` against our own deadline. The KurrentDB client does not reliably honour its gRPC
 * deadlines (a server that accepts TCP and never answers leaves calls pending forever), so every
 * call the adapter makes to the client goes through this.
 *
 * - resolves/rejects with the promise's own outcome when it settles first;
 * - otherwise rejects with StoreTimeoutError(operation, ms) and calls `onTimeout` (e.g. to cancel a
 *   streamed read). A later rejection of the abandoned promise is swallowed, so it never becomes an
 *   unhandled rejection.
 * The timer is always cleared, so a settled call never keeps the process alive.
 */
export function withTimeout<T>(
  promise: PromiseLike<T>,
  ms: number,
  operation: string,
  onTimeout?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new StoreTimeoutError(operation, ms));
      if (onTimeout) {
        try {
          onTimeout();
        } catch {
          // cancelling is best effort
        }
      }
    }, ms);
    Promise.resolve(promise).then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return; // the caller already got the timeout; drop the late error
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
