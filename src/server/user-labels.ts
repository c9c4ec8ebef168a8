import "server-only";
import { db, type Tx } from "@/server/db";

/** "楚雄市职中 张老师"-style labels (organisation + name) of the users who recorded things, for timelines. */
export async function userLabels(client: Tx | ReturnType<typeof db>, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const users = wanted.length === 0 ? [] : await client.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, displayName: true, county: { select: { bureauName: true } }, middleSchool: { select: { name: true } }, vocationalSchool: { select: { name: true } }, prefecture: { select: { bureauName: true } } },
  });
  return (id: string | null | undefined) => {
    const u = users.find((x) => x.id === id);
    if (!u) return "";
    const org = u.vocationalSchool?.name ?? u.middleSchool?.name ?? u.county?.bureauName ?? u.prefecture?.bureauName ?? "";
    return u.displayName.startsWith(org) ? u.displayName : `${org} ${u.displayName}`.trim();
  };
}
