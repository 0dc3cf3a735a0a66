import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, ingest, quarantineRows, storedRecords } from '../../helpers/ingest.ts';
import { withWarehouse } from '../../helpers/tempWarehouse.ts';

const fields = {
  id: '$.request_id',
  ts: '$.ts',
  tenant_id: '$.team',
  workflow: '$.workflow',
  model: '$.model',
  prompt_version: { default: 'unversioned' },
  // A common slip: {$.path} is the value's text, so a plain-string content is not JSON to openai_content_text.
  output: { sql: 'openai_content_text({$.response.content})' },
  input_tokens: '$.tokens.in',
  output_tokens: '$.tokens.out',
  latency_ms: '$.latency_ms',
  status: { default: 'ok' },
  fallback: { default: false },
  human_override: { default: false },
};

test("a mapping expression that fails on some records quarantines them as mapping_error naming the field or filter, and loads the rest", () =>
  withWarehouse(async (t) => {
    const mapping = { fields, filters: [{ keep: 'CAST({$.sample} AS INTEGER) > 0', reason: 'not_sampled' }] };
    const r = await ingest(t, { paths: [fixture('mapping_error.jsonl')], mapping });
    assert.deepEqual((await storedRecords(t.wh)).map((x) => [x.id, x.output]), [
      ['me-1', '{"category":"billing"}'],
      ['me-5', 'Sent.'],
    ]);
    const q = await quarantineRows(t.wh);
    assert.deepEqual(q.map((x) => [x.line, x.reason, x.field]), [
      [2, 'mapping_error', 'output'],
      [3, 'mapping_error', 'filters.0'],
    ]);
    assert.equal(JSON.parse(q[0].raw!).request_id, 'me-2');
    const { loaded, quarantined, filtered } = r.result.counts;
    assert.deepEqual({ loaded, quarantined, filtered }, { loaded: 2, quarantined: 2, filtered: 1 });
  }));

test('a document expression that fails on a record is its mapping_error, not a record that is not an object', () =>
  withWarehouse(async (t) => {
    const mapping = { document: "json_merge_patch(raw, CAST(json_extract_string(raw, '$.payload') AS JSON))", fields: { ...fields, output: '$.note' } };
    await ingest(t, { paths: [fixture('mapping_error.jsonl')], mapping });
    // Line 4's payload is no JSON: the document fails there, and only there.
    assert.deepEqual((await quarantineRows(t.wh)).map((x) => [x.line, x.reason, x.field]), [[4, 'mapping_error', 'document']]);
    assert.deepEqual((await storedRecords(t.wh)).map((x) => [x.id, x.output]), [['me-1', 'ok'], ['me-2', null], ['me-3', null], ['me-5', null]]);
  }));
