import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest, quarantineRows } from '../../helpers/ingest.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

/** [text, what redact_pii must make of it]. Non-cases are rows whose text must come back unchanged. */
const CASES: [string, string][] = [
  // emails
  ['write to jane.doe@example.com today', 'write to [EMAIL] today'],
  ['Bob.Smith+billing@mail.co.uk', '[EMAIL]'],
  // phones in several formats
  ['call +1 415 555 0132.', 'call [PHONE].'],
  ['+1 (415) 555-0132', '[PHONE]'],
  ['(415) 555-0132 or 415-555-0133 or 415.555.0134', '[PHONE] or [PHONE] or [PHONE]'],
  ['+44 20 7946 0958', '[PHONE]'],
  ['ph: +44 (0) 20 7946 0958', 'ph: [PHONE]'],
  ['tel 0044 20 7946 0958', 'tel [PHONE]'],
  ['030 1234 5678', '[PHONE]'],
  ['07700 900123', '[PHONE]'],
  ['(020) 7946 0958', '[PHONE]'],
  ['06 12 34 56 78', '[PHONE]'],
  ['+4915112345678', '[PHONE]'],
  // cards: Luhn-valid, with spaces, dashes, unbroken, Amex grouping, followed by more digits
  ['card 4111 1111 1111 1111 please', 'card [CARD] please'],
  ['5500-0000-0000-0004', '[CARD]'],
  ['4111111111111111', '[CARD]'],
  ['amex 3782 822463 10005', 'amex [CARD]'],
  ['6011 0009 9013 9424 exp 12/27', '[CARD] exp 12/27'],
  ['card 4111 1111 1111 1111 123 was declined', 'card [CARD] 123 was declined'],
  // IBANs, grouped or not
  ['IBAN DE89 3704 0044 0532 0130 00 for the refund', 'IBAN [IBAN] for the refund'],
  ['GB82WEST12345698765432', '[IBAN]'],
  // several kinds in one text
  ['jane@example.com, 4111-1111-1111-1111, +1 415 555 0132', '[EMAIL], [CARD], [PHONE]'],
  // at the start of a line of a multi-line prompt, after a tab, in quotes or after a control character: in a
  // quarantined record's raw JSON text these follow an escape (\n, \t, \", \u0007), not a space
  ['My card:\n4111 1111 1111 1111\nIBAN:\nDE89 3704 0044 0532 0130 00\nPhone:\n+44 20 7946 0958\nMail:\njohn@example.org',
    'My card:\n[CARD]\nIBAN:\n[IBAN]\nPhone:\n[PHONE]\nMail:\n[EMAIL]'],
  ['\tjane@example.com\t+1 415 555 0132\r\n5500-0000-0000-0004', '\t[EMAIL]\t[PHONE]\r\n[CARD]'],
  ['reply to "jane@example.com" or "GB82WEST12345698765432"', 'reply to "[EMAIL]" or "[IBAN]"'],
  ['bell\u0007jane@example.com\u0007(415) 555-0132', 'bell\u0007[EMAIL]\u0007[PHONE]'],
  // non-cases: order and ticket numbers, Luhn-invalid 16 digits, dates, times, versions, addresses, amounts
  ['order 200123 was wrong', 'order 200123 was wrong'],
  ['ticket #50012, see also 50013 50014', 'ticket #50012, see also 50013 50014'],
  ['ORD-2026-000123', 'ORD-2026-000123'],
  ['order number 1234567890123456', 'order number 1234567890123456'],
  ['4111111111111112', '4111111111111112'],
  ['invoice 7992739871300000', 'invoice 7992739871300000'],
  ['GB82 WEST 1234 5698 7654 33', 'GB82 WEST 1234 5698 7654 33'],
  ['on 2026-11-02 at 10:00, due 03-11-2026', 'on 2026-11-02 at 10:00, due 03-11-2026'],
  ['2026-11-02T10:00:00.250Z', '2026-11-02T10:00:00.250Z'],
  ['version 1.2.3.4 on 192.168.1.1', 'version 1.2.3.4 on 192.168.1.1'],
  ['total 1 234 567 EUR, +20% vs last week', 'total 1 234 567 EUR, +20% vs last week'],
  ['no digits at all', 'no digits at all'],
];

test('redact_pii finds emails, phones, cards and IBANs and leaves look-alikes alone', async () => {
  const t = await tempWarehouse();
  try {
    const rows = await t.wh.all<{ s: string; r: string }>(`SELECT s, redact_pii(s) AS r FROM unnest($1::VARCHAR[]) WITH ORDINALITY AS u(s, i) ORDER BY i`, [
      CASES.map((c) => c[0]),
    ]);
    const wrong = rows.map((r, i) => ({ text: r.s, got: r.r, want: CASES[i][1] })).filter((x) => x.got !== x.want);
    assert.deepEqual(wrong, []);
  } finally {
    t.cleanup();
  }
});

const TEXT = 'Refund card 4111 1111 1111 1111 to jane@example.com, ref AB-123456';

function record(id: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id, ts: '2026-11-02T10:00:00Z', tenant_id: 'acme', workflow: 'wf', model: 'm', prompt_version: 'v1', input: TEXT, output: 'Done, jane@example.com',
    category: 'billing', confidence: 0.9, input_tokens: 10, output_tokens: 2, latency_ms: 100, status: 'ok', fallback: false, human_override: false, ...overrides,
  });
}

async function ingestWith(t: TempWarehouse, redaction: unknown): Promise<{ input: string | null; output: string | null }> {
  const file = join(t.dir, `r-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, `${record('r1')}\n${record('r2', { latency_ms: -1 })}\n`);
  await ingest(t, { paths: [file] }, { ingest: { redaction } });
  return (await t.wh.one<{ input: string | null; output: string | null }>(`SELECT input, output FROM records WHERE id = 'r1'`))!;
}

test('redaction modes: placeholders by default, sha256 of the text with hash, nothing with drop, as-is with off', async () => {
  for (const [mode, want] of [
    ['redact', { input: 'Refund card [CARD] to [EMAIL], ref AB-123456', output: 'Done, [EMAIL]' }],
    ['hash', { input: createHash('sha256').update(TEXT).digest('hex'), output: createHash('sha256').update('Done, jane@example.com').digest('hex') }],
    ['drop', { input: null, output: null }],
    ['off', { input: TEXT, output: 'Done, jane@example.com' }],
  ] as const) {
    const t = await tempWarehouse();
    try {
      assert.deepEqual(await ingestWith(t, { mode }), want, mode);
      // Quarantined raw text is what an operator reads to fix the feed: redacted in every mode but off.
      const raw = (await quarantineRows(t.wh))[0].raw!;
      assert.equal(raw.includes('4111 1111 1111 1111'), mode === 'off', `${mode}: raw ${raw}`);
      assert.equal(raw.includes('jane@example.com'), mode === 'off', `${mode}: raw ${raw}`);
    } finally {
      t.cleanup();
    }
  }
});

test('custom regex patterns add typed placeholders; the detector list can be narrowed', async () => {
  const t = await tempWarehouse();
  try {
    const got = await ingestWith(t, { detectors: ['email'], patterns: [{ name: 'REF', regex: '\\bAB-\\d{6}\\b' }] });
    assert.deepEqual(got, { input: 'Refund card 4111 1111 1111 1111 to [EMAIL], ref [REF]', output: 'Done, [EMAIL]' });
  } finally {
    t.cleanup();
  }
});

test('an ingest redacts input, output and quarantined raw text as redact_pii does, case by case', async () => {
  const t = await tempWarehouse();
  try {
    // each case as a good record's input and output, and in a bad record's raw text (latency_ms -1)
    const file = join(t.dir, 'cases.jsonl');
    const lines = CASES.flatMap(([text], i) => [record(`c${i}`, { input: text, output: `re: ${text}` }), record(`q${i}`, { input: text, output: 'ok', latency_ms: -1 })]);
    writeFileSync(file, `${lines.join('\n')}\n`);
    await ingest(t, { paths: [file] });
    const stored = await t.wh.all<{ id: string; input: string; output: string }>(`SELECT id, input, output FROM records ORDER BY source_line`);
    assert.equal(stored.length, CASES.length);
    const quarantined = await quarantineRows(t.wh);
    assert.equal(quarantined.length, CASES.length);
    const wrong = CASES.flatMap(([text, want], i) => {
      const got = stored.find((r) => r.id === `c${i}`)!;
      const raw = quarantined.find((q) => q.line === 2 * i + 2)!.raw!;
      const rawWant = record(`q${i}`, { input: want, output: 'ok', latency_ms: -1 });
      return [
        got.input === want ? null : { text, field: 'input', got: got.input, want },
        got.output === `re: ${want}` ? null : { text, field: 'output', got: got.output, want: `re: ${want}` },
        raw === rawWant ? null : { text, field: 'raw', got: raw, want: rawWant },
      ].filter((x) => x !== null);
    });
    assert.deepEqual(wrong, []);
  } finally {
    t.cleanup();
  }
});

test('hash mode: an empty input or output is no text, so its copy sent as CSV is a duplicate, and nothing is hashed', async () => {
  const t = await tempWarehouse();
  try {
    const redaction = { ingest: { redaction: { mode: 'hash' } } };
    const jsonl = join(t.dir, 'h.jsonl');
    writeFileSync(jsonl, `${record('h1', { input: '', output: '' })}\n`);
    await ingest(t, { paths: [jsonl] }, redaction);
    const csv = join(t.dir, 'h.csv');
    writeFileSync(csv, 'id,ts,tenant_id,workflow,model,prompt_version,input,output,category,confidence,input_tokens,output_tokens,latency_ms,status,fallback,human_override\n'
      + 'h1,2026-11-02T10:00:00Z,acme,wf,m,v1,,,billing,0.9,10,2,100,ok,false,false\n');
    const again = await ingest(t, { paths: [csv] }, redaction);
    assert.deepEqual([again.result.counts.duplicates, again.result.counts.conflicts], [1, 0]);
    assert.deepEqual(await t.wh.all(`SELECT input, output FROM records`), [{ input: null, output: null }]);
  } finally {
    t.cleanup();
  }
});
