import { describe, expect, it } from 'vitest';
import { htmlType } from '../../fixtures/serve';

describe('htmlType: saved pages are served in the charset of their bytes', () => {
  it('names UTF-8 for UTF-8 bytes, whatever the page’s <meta> says', () => {
    const page = '<meta charset="windows-1251"><label>Телефон</label>';
    expect(htmlType(Buffer.from(page, 'utf8'))).toBe('text/html; charset=utf-8');
  });

  it('leaves other bytes to the page’s own <meta>', () => {
    // "Телефон" in windows-1251: not valid UTF-8.
    const cp1251 = Buffer.concat([
      Buffer.from('<meta charset="windows-1251"><label>'),
      Buffer.from([0xd2, 0xe5, 0xeb, 0xe5, 0xf4, 0xee, 0xed]),
      Buffer.from('</label>'),
    ]);
    expect(htmlType(cp1251)).toBe('text/html');
  });
});
