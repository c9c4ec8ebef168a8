import type { NextConfig } from "next";
import { HSTS, STATIC_SECURITY_HEADERS } from "./src/lib/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts/agents build in parallel (default .next).
  distDir: process.env.ZJB_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "exceljs"],
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
  // The page CSP (with a nonce) comes from src/proxy.ts; these apply to every response.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ];
  },
};

export default nextConfig;
