import { describe, expect, it } from 'vitest';
import { siteLabel } from '../../../lib/ui/sites';

describe('a site as the user reads it', () => {
  it('leaves https unsaid and keeps plain http visible (it is another site)', () => {
    expect(siteLabel('https://example.org')).toBe('example.org');
    expect(siteLabel('http://example.org')).toBe('http://example.org');
  });
});
