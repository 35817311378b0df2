// The editor's settings: kpilens.asOf is a calendar date, checked as the CLI checks --as-of.
import * as assert from 'node:assert/strict';
import { isDate } from '../../server/src/engine';
import { Settings } from '../../server/src/lsp/settings';

describe('language server: settings', () => {
  it('takes a calendar date for kpilens.asOf and refuses a day that does not exist, as the CLI does', () => {
    const s = new Settings();
    assert.deepEqual(s.apply({ asOf: '2026-02-28' }), []);
    assert.equal(s.asOf(), '2026-02-28');
    assert.deepEqual(s.apply({ asOf: '2026-02-31' }), ['Setting kpilens.asOf: "2026-02-31" is not a date written YYYY-MM-DD; using today.']);
    assert.notEqual(s.asOf(), '2026-02-31');
  });

  it('knows a date by the calendar', () => {
    assert.deepEqual(['2024-02-29', '2025-02-29', '2026-13-01', '2026-2-3', '2026-12-31'].map(isDate), [true, false, false, false, true]);
  });
});
