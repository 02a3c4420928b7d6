import { afterEach, describe, expect, it } from 'vitest';
import { simulation } from './simulation';

/**
 * The engine's invariants (lib/engine/DESIGN.md), checked on minutes of use on a fake clock:
 * the real engine, rate budget and sandbox (its rate limit included), no socket in between.
 */
let sim: Awaited<ReturnType<typeof simulation>> | undefined;
afterEach(() => sim?.stop());

const SERVICES = ['wa', 'tg', 'fb', 'go', 'tw', 'ig', 'lf', 'am', 'ds', 'ts'];

async function postsTo(path: string): Promise<number> {
  return (await sim!.sandbox.control.log(sim!.sandbox.demoKey)).requests.filter((r) => r.method === 'POST' && r.path === path).length;
}

describe('invariants as users live them', () => {
  it('busy: ten orders waiting, codes at random moments over two minutes, the popup opened now and then; twice', async () => {
    sim = await simulation({ seed: 21 });
    await sim.settle(sim.engine.start());
    await sim.openPopup();
    const orders: string[] = [];
    for (let round = 0; round < 2; round++) {
      // The second round's ten purchases come while polling has a full window of its own.
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await sim.buy(SERVICES[i], 187, 100 + orders.length + i));
      orders.push(...ids);
      const deliveries = ids.map((id) => ({ id, at: sim!.rng.int(5_000, 120_000) })).sort((a, b) => a.at - b.at);
      let elapsed = 0;
      let nextPopup = 20_000;
      for (const d of deliveries) {
        while (nextPopup < d.at) {
          await sim.advance(nextPopup - elapsed);
          elapsed = nextPopup;
          await sim.openPopup();
          nextPopup += sim.rng.int(15_000, 30_000);
        }
        await sim.advance(d.at - elapsed);
        elapsed = d.at;
        await sim.deliverLater(d.id);
      }
      await sim.advance(10_000);
    }
    expect(sim.undelivered).toBe(0);

    const polling = await sim.polling();
    // Money: one POST /buy per purchase.
    expect(await postsTo('/buy')).toBe(20);
    // Polling: paced (never over the limit, no 429), never idle while an order waits.
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    expect(polling.longestGapMs).toBeLessThanOrEqual(5_000);
    // Announcements: every code once, to the tab that bought it.
    const pushed = sim.codePushes();
    expect([...pushed.keys()].sort()).toEqual([...orders].sort());
    for (const times of pushed.values()) expect(times).toBe(1);
  }, 120_000);

  it('stress: a purchase every few seconds; no order is left unpolled for more than 5 s', async () => {
    sim = await simulation({ seed: 5 });
    await sim.settle(sim.engine.start());
    await sim.openPopup();
    let bought = 0;
    const due: { id: string; at: number }[] = [];
    for (let t = 0; t < 150_000;) {
      const id = await sim.buy(SERVICES[bought % SERVICES.length], 187, 200 + bought);
      bought++;
      due.push({ id, at: t + sim.rng.int(5_000, 40_000) });
      const step = sim.rng.int(2_000, 5_000);
      for (let s = 0; s < step; s += 250) {
        await sim.advance(250);
        t += 250;
        for (const d of due.filter((x) => x.at <= t)) {
          due.splice(due.indexOf(d), 1);
          await sim.deliverLater(d.id);
        }
      }
    }
    for (const d of due) await sim.deliverLater(d.id);
    await sim.advance(20_000);
    expect(sim.undelivered).toBe(0);

    const polling = await sim.polling();
    expect(await postsTo('/buy')).toBe(bought);
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    expect(polling.longestGapMs).toBeLessThanOrEqual(5_000);
    const pushed = sim.codePushes();
    expect(pushed.size).toBe(bought);
    for (const times of pushed.values()) expect(times).toBe(1);
  }, 120_000);

  it('a worker stopped and started again while orders wait: polling resumes, each code is announced once', async () => {
    sim = await simulation({ seed: 3 });
    await sim.settle(sim.engine.start());
    const a = await sim.buy('wa', 187, 1);
    const b = await sim.buy('tg', 0, 2);
    await sim.advance(3_000);
    await sim.deliverLater(a);
    // Chrome stops the worker before it polls again; the alarm starts a new one.
    sim.harness.stop();
    await sim.advance(5_000);
    await sim.restartWorker();
    await sim.advance(5_000);
    await sim.deliverLater(b);
    await sim.advance(5_000);
    expect(sim.undelivered).toBe(0);
    expect([...sim.codePushes().values()]).toEqual([1, 1]);
    expect((await sim.polling()).rateLimited).toBe(0);
  }, 60_000);
});
