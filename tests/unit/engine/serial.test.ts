import { describe, expect, it } from 'vitest';
import { serial } from '../../../lib/engine/serial';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serial', () => {
  it('runs tasks one at a time, in the order given, whatever each takes', async () => {
    const queue = serial();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`${name} start`);
      await sleep(ms);
      log.push(`${name} end`);
      running--;
      return name;
    };
    const results = await Promise.all([queue.run(task('a', 30)), queue.run(task('b', 0)), queue.run(task('c', 10))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('gives a failure to its caller alone and goes on with the next task', async () => {
    const queue = serial();
    const failed = queue.run(async () => {
      await sleep(5);
      throw new Error('boom');
    });
    const next = queue.run(() => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('is settled only once every task given so far has settled, and never rejects', async () => {
    const queue = serial();
    let done = false;
    void queue.run(() => Promise.reject(new Error('ignored'))).catch(() => undefined);
    void queue.run(async () => {
      await sleep(10);
      done = true;
    });
    await expect(queue.settled()).resolves.toBeUndefined();
    expect(done).toBe(true);
  });
});
