import "server-only";

/**
 * Search by ID number without recovering hidden digits (issue 10 §4): a list shows IDs masked
 * (first 6 and last 4 digits), so a search matches only a full 18-character ID or the visible
 * last 4. `contains` would let a user find the hidden middle digits one request at a time.
 * Returns null when the text is not an ID search (search by name instead), "none" when it looks
 * like a partial ID that must not match anything.
 */
export function idNumberSearch(text: string): { idNumber: string | { endsWith: string } } | "none" | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (!/^[0-9X]+$/.test(t)) return null;
  if (t.length === 18) return { idNumber: t };
  if (t.length === 4) return { idNumber: { endsWith: t } };
  return "none";
}
