import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts/agents build in parallel (default .next).
  distDir: process.env.ZJB_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "exceljs"],
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
};

export default nextConfig;
