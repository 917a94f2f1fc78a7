import { describe, expect, it } from 'vitest';
import { settledWithin } from '../../src/adapters/settled-within.ts';

describe('settledWithin', () => {
  it('gives the value of a promise that settles in time', async () => {
    await expect(settledWithin(Promise.resolve('answer'), 1_000)).resolves.toBe('answer');
  });

  it('gives undefined when the deadline comes first, and leaves the promise running', async () => {
    let finish!: (v: string) => void;
    const slow = new Promise<string>((resolve) => (finish = resolve));
    await expect(settledWithin(slow, 5)).resolves.toBeUndefined();
    finish('later');
    await expect(slow).resolves.toBe('later');
  });

  it('passes a rejection on', async () => {
    await expect(settledWithin(Promise.reject(new Error('no')), 1_000)).rejects.toThrow('no');
  });
});
