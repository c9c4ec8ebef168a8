import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "exceljs"],
  experimental: { serverActions: { bodySizeLimit: "12mb" } },
};

export default nextConfig;
