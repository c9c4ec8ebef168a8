// Decision 105: who compresses the responses. Alone (`npm start`), the app server gzips as Next does by default;
// behind the documented Nginx, Nginx compresses and the app servers do not (ZJB_HTTP_COMPRESSION=off in
// deploy/zjb.service), so that no request waits on the event loop for the app server's zlib.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";

const root = path.resolve(__dirname, "../..");
const read = (f: string) => readFileSync(path.join(root, f), "utf8");

async function compressSetting(value: string | undefined): Promise<boolean | undefined> {
  vi.resetModules();
  if (value === undefined) delete process.env.ZJB_HTTP_COMPRESSION;
  else process.env.ZJB_HTTP_COMPRESSION = value;
  const { default: config } = await import("../../next.config");
  return config.compress;
}

describe("HTTP compression", () => {
  const before = process.env.ZJB_HTTP_COMPRESSION;
  afterEach(() => {
    if (before === undefined) delete process.env.ZJB_HTTP_COMPRESSION;
    else process.env.ZJB_HTTP_COMPRESSION = before;
  });

  test("the app server compresses unless told that a proxy does", async () => {
    expect(await compressSetting(undefined)).toBe(true);
    expect(await compressSetting("on")).toBe(true);
    expect(await compressSetting("off")).toBe(false);
  });

  test("the deployment's app servers leave compression to Nginx, and Nginx does it", () => {
    expect(read("deploy/zjb.service")).toMatch(/^Environment=ZJB_HTTP_COMPRESSION=off$/m);
    const nginx = read("deploy/nginx-zjb.conf");
    expect(nginx).toMatch(/^\s*gzip on;$/m);
    const types = nginx.match(/^\s*gzip_types ([^;]+);$/m)?.[1].split(/\s+/) ?? [];
    // Pages (text/html, always) and what the browser fetches while using them: page data, scripts, styles, JSON.
    expect(types).toEqual(expect.arrayContaining(["text/x-component", "application/javascript", "text/css", "application/json"]));
    // The import's progress lines must reach the browser one by one: never held by the compressor.
    expect(types).not.toContain("application/x-ndjson");
  });
});
