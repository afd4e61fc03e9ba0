/**
 * The worker fits CLV models on a thread of its own, so that minutes of arithmetic on a large shop do not
 * stop its other jobs (their locks would lapse and BullMQ would count them stalled). The thread must give
 * exactly what the same arithmetic gives in place, and leave the event loop free meanwhile.
 */
import fs from "node:fs";
import os from "node:os";
import { afterAll, describe, expect, test } from "vitest";
import { joinHoldout } from "~/clv/backtest";
import { inPlaceCompute } from "~/clv/clv-compute";
import { summarizeTransactions } from "~/clv/summary";
import { CLV_THREAD_NICE, createClvThread } from "../../workers/clv-thread.server";
import { CALIBRATION_END, sampleTransactions } from "../clv/support/cdnow";

const transactions = sampleTransactions();
const calibration = summarizeTransactions(transactions, { calibrationEnd: CALIBRATION_END, unitDays: 1 });
const through = summarizeTransactions(transactions, { calibrationEnd: "1998-06-30", unitDays: 1 });
const options = { unitDays: 1, horizonDays: 365, margin: 0.3 };

describe("the worker's CLV thread", () => {
  const thread = createClvThread();
  afterAll(() => thread.close());

  test("fits and predicts every customer exactly as in place, keeping the event loop turning", async () => {
    let turns = 0;
    let turning = true;
    const turn = () => {
      turns += 1;
      if (turning) setImmediate(turn);
    };
    setImmediate(turn);
    const onThread = await thread.fitAndPredict(calibration.customers, ["pareto-nbd", "bg-nbd"], options);
    turning = false;
    // While the thread fitted, this thread went on serving its event loop.
    expect(turns).toBeGreaterThan(0);

    const inPlace = await inPlaceCompute.fitAndPredict(
      calibration.customers,
      ["pareto-nbd", "bg-nbd"],
      options,
    );
    expect(onThread.fit).toEqual(inPlace.fit);
    expect(onThread.predictions).not.toBeNull();
    expect(onThread.predictions).toEqual(inPlace.predictions);
    expect(onThread.predictions!.clv).toBeInstanceOf(Float64Array);
    expect(onThread.predictions!.clv).toHaveLength(calibration.customers.length);
  });

  test("backtests the models exactly as in place", async () => {
    const joined = joinHoldout(calibration.customers, through.customers);
    const onThread = await thread.chooseModel(joined, 273);
    expect(onThread).toEqual(await inPlaceCompute.chooseModel(joined, 273));
    expect(onThread.ok).toBe(true);
  });

  test("a failure on the thread rejects its request, and the thread serves the next one", async () => {
    await expect(thread.fitAndPredict(null as never, ["bg-nbd"], options)).rejects.toThrow(/clv thread/);
    const next = await thread.fitAndPredict(calibration.customers, ["bg-nbd"], options);
    expect(next.fit.ok).toBe(true);
  });

  test("arguments the thread cannot receive fail that request only", async () => {
    const uncloneable = { ...options, margin: (() => 1) as unknown as number };
    await expect(thread.fitAndPredict(calibration.customers, ["bg-nbd"], uncloneable)).rejects.toThrow();
    const next = await thread.fitAndPredict(calibration.customers, ["bg-nbd"], options);
    expect(next.fit.ok).toBe(true);
  });

  // Linux: each thread's nice value is field 19 of /proc/self/task/<id>/stat (after the name in parentheses).
  test.runIf(process.platform === "linux")("runs below the priority of the worker's own thread", async () => {
    await thread.fitAndPredict(calibration.customers, ["bg-nbd"], options);
    const nices = fs.readdirSync("/proc/self/task").map((task) => {
      const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    });
    expect(os.getPriority(0)).toBe(0);
    expect(nices).toContain(CLV_THREAD_NICE);
  });

  test("after close, a new request starts a new thread", async () => {
    const own = createClvThread();
    await own.fitAndPredict(calibration.customers.slice(0, 50), ["bg-nbd"], options).catch(() => null);
    await own.close();
    const again = await own.fitAndPredict(calibration.customers, ["bg-nbd"], options);
    expect(again.fit.ok).toBe(true);
    await own.close();
  });
});
