import "server-only";

export const PAGE_SIZE = 20;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

export function pageArgs(page: number, pageSize = PAGE_SIZE) {
  return { skip: (Math.max(1, page) - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
