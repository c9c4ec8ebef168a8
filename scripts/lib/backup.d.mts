export type Inventory = { tables: Record<string, number>; documents: { id: string; sha256: string }[] };
export function compareInventories(expected: Inventory, actual: Inventory): string[];
export function backupFileName(at?: Date): string;
