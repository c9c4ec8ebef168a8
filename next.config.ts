import type { NextConfig } from "next";
import { HSTS, STATIC_SECURITY_HEADERS } from "./src/lib/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // gzip in the app server (Next's default), unless the server sits behind a reverse proxy that compresses
  // (deploy/nginx-zjb.conf, deploy/zjb.service: ZJB_HTTP_COMPRESSION=off; decision 105). Read when the server starts.
  compress: process.env.ZJB_HTTP_COMPRESSION !== "off",
  // Separate build folders let several checkouts/agents build in parallel (default .next).
  distDir: process.env.ZJB_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "exceljs"],
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
  // `npm test` runs tsc over the same sources and Next's generated route types (`next typegen` first) just
  // before it builds, and sets ZJB_TYPECHECKED=1 for that build only: the build's own type check would
  // repeat the same work (about 50 s on the 2-core CI machine; decision 097). Every other build checks types.
  typescript: { ignoreBuildErrors: process.env.ZJB_TYPECHECKED === "1" },
  // The page CSP (with a nonce) comes from src/proxy.ts; these apply to every response.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ];
  },
};

export default nextConfig;
