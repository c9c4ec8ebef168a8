import { defineConfig } from "prisma/config";
// adapter-pg 6.19.3 breaks migrate on the `name` column type (prisma/orm#27403); 7.10.1 does not.
import { PrismaPg } from "pg7adapter";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
