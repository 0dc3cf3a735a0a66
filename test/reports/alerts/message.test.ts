import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertMessage, clip, digestMessage, type AlertEvent } from '../../../reports/alerts/message.ts';

const event = (subject: string, over: Partial<AlertEvent> = {}): AlertEvent => ({
  event_id: 1, rule: 'drift', alert_key: `tenant_id=${subject}|unknown_rate`, state: 'firing', severity: 'high',
  subject, message: 'unknown rate 2.9% → 18.7%', evidence: `SELECT * FROM drift_latest WHERE segment = '${subject}'`, source_view: 'drift_latest',
  at: '2026-11-16T06:00:00Z', fired_at: '2026-11-16T06:00:00Z', ...over,
});

interface Block { type: string; text?: { text: string }; elements?: { text: string }[] }
const texts = (m: { slack: { text: string; blocks: unknown[] } }, withHeader = true) => [
  m.slack.text,
  ...(m.slack.blocks as Block[]).filter((b) => withHeader || b.type !== 'header').flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)]),
];
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test("a tenant named with Slack's control sequences pings nobody and links nowhere, in the notification text too", () => {
  for (const m of [alertMessage(event('<!channel> <!here> <https://evil.test|click me>')), digestMessage([event('<!channel> x'), event('<!here> y', { event_id: 2 })])]) {
    // the header is plain_text, which Slack shows as written: no mention or link is read there
    for (const t of texts(m, false)) {
      assert.doesNotMatch(t, /<!channel>|<!here>|<https:/, t);
    }
    assert.match(m.slack.text, /^\[Assay\]/);
  }
  assert.match(alertMessage(event('<!channel>')).slack.text, /&lt;!channel&gt;/);
});

test('a very long tenant name keeps every Slack block within its limits (header 150, text 3000), without cutting an emoji or an escape', () => {
  for (const subject of ['x'.repeat(5000), '😀'.repeat(2600), '<'.repeat(2000)]) {
    const single = alertMessage(event(subject));
    const blocks = single.slack.blocks as Block[];
    assert.ok(blocks[0].text!.text.length <= 150, 'header');
    for (const t of texts(single)) {
      assert.ok(t.length <= 3000, `${t.length} characters`);
      assert.doesNotMatch(t, loneSurrogate);
      assert.doesNotMatch(t, /&(a|am|l|g|lt|gt)?…$/, 'an escape cut in two');
    }
    for (const t of texts(digestMessage([event(subject), event(subject, { event_id: 2 })]))) assert.ok(t.length <= 3000 && !loneSurrogate.test(t));
  }
});

test('clip cuts at the limit with an ellipsis, before a surrogate pair or an escape it would split', () => {
  assert.equal(clip('abcdef', 6), 'abcdef');
  assert.equal(clip('abcdefg', 6), 'abcde…');
  assert.equal(clip('abcd😀efg', 6), 'abcd…');
  assert.equal(clip('ab&lt;cdefg', 6), 'ab…');
  assert.equal(clip('ab&lt;cdefgh', 8), 'ab&lt;c…');
});
