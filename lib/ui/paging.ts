export interface PageInfo {
  /** 1-based index of the first item shown; 0 when the page is empty. */
  from: number;
  to: number;
  total: number | null;
  hasPrevious: boolean;
  hasNext: boolean;
  /** 1-based page number. */
  page: number;
}

/**
 * Where a page sits in the list. When the server gives no total, a full page means there may be
 * more (the next page may turn out empty, which the UI shows as the end).
 */
export function pageInfo(offset: number, limit: number, count: number, total: number | null): PageInfo {
  const from = count > 0 ? offset + 1 : 0;
  const to = offset + count;
  const hasNext = total !== null ? to < total : count >= limit;
  return { from, to, total, hasPrevious: offset > 0, hasNext, page: Math.floor(offset / limit) + 1 };
}

export function nextOffset(offset: number, limit: number): number {
  return offset + limit;
}

export function previousOffset(offset: number, limit: number): number {
  return Math.max(0, offset - limit);
}
