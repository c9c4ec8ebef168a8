// The health probe (decision 093): a slow answer is reported, but only a refused or broken connection
// is remembered as an outage (which makes every page answer 503 for 2 s).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { DB_DOWN_AT_KEY } from "@/lib/db-outage";

const query = vi.fn<() => Promise<unknown>>();
vi.mock("@/server/db", () => ({ db: () => ({ $queryRaw: () => query() }) }));
const { probeDatabase } = await import("@/server/db-health");
const g = globalThis as unknown as Record<string, unknown>;

describe("probeDatabase", () => {
  beforeEach(() => {
    g[DB_DOWN_AT_KEY] = undefined;
    g.__zjbDbProbe = undefined; // the probe's 1 s memory
  });

  it("reports a probe that times out as unavailable without remembering an outage", async () => {
    query.mockImplementation(() => new Promise(() => {}));
    expect((await probeDatabase(30)).database).toBe("unavailable");
    expect(g[DB_DOWN_AT_KEY]).toBeUndefined();
  });

  it("remembers a refused connection as an outage", async () => {
    query.mockImplementation(() => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })));
    expect((await probeDatabase(30)).database).toBe("unavailable");
    expect(typeof g[DB_DOWN_AT_KEY]).toBe("number");
  });

  it("answers ok when the database answers", async () => {
    query.mockResolvedValue([{ "?column?": 1 }]);
    expect((await probeDatabase(30)).database).toBe("ok");
  });
});
