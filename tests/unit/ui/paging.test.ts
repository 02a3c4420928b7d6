import { describe, expect, it } from 'vitest';
import { nextOffset, pageInfo, previousOffset } from '../../../lib/ui/paging';

describe('pageInfo', () => {
  it('uses the total when the server gives one', () => {
    expect(pageInfo(0, 20, 20, 57)).toEqual({ from: 1, to: 20, total: 57, hasPrevious: false, hasNext: true, page: 1 });
    expect(pageInfo(40, 20, 17, 57)).toEqual({ from: 41, to: 57, total: 57, hasPrevious: true, hasNext: false, page: 3 });
  });
  it('without a total, a full page means there may be more', () => {
    expect(pageInfo(20, 20, 20, null).hasNext).toBe(true);
    expect(pageInfo(20, 20, 3, null).hasNext).toBe(false);
  });
  it('describes an empty page', () => {
    expect(pageInfo(0, 20, 0, 0)).toMatchObject({ from: 0, to: 0, hasPrevious: false, hasNext: false });
    expect(pageInfo(40, 20, 0, null)).toMatchObject({ from: 0, hasPrevious: true, hasNext: false });
  });
});

it('moves by one page, never before the start', () => {
  expect(nextOffset(20, 20)).toBe(40);
  expect(previousOffset(20, 20)).toBe(0);
  expect(previousOffset(5, 20)).toBe(0);
});
