/** A page's resolved `searchParams`, as Next passes them. */
export type SearchParams = Record<string, string | string[] | undefined>;

export const firstParam = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
