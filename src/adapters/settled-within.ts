// Waiting for an answer against a platform's deadline, shared by the adapters.

/** The value if the promise settles within `ms`, else undefined (the promise keeps running); the timer is cleared either way. */
export async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
