import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { sqlLiteral } from '../../../data/sql.ts';
import { ingest } from '../../helpers/ingest.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';

const N = 20_000;
const RARE = 200; // records of the 'rare' workflow, one in a hundred

/** N canonical records as JSONL, written by DuckDB; workflow 'rare' holds every 100th. */
async function writeLogs(t: TempWarehouse): Promise<string> {
  const file = join(t.dir, 'logs.jsonl');
  await t.wh.run(`COPY (
    SELECT 'req_' || i AS id, '2026-11-02T10:00:00Z' AS ts, 't' || (i % 4) AS tenant_id,
           CASE WHEN i % 100 = 0 THEN 'rare' ELSE 'common' END AS workflow, 'm' AS model, 'v1' AS prompt_version,
           100 AS input_tokens, 5 AS output_tokens, 250.0 AS latency_ms, 'ok' AS status, false AS fallback, false AS human_override
    FROM range(${N}) r(i)) TO ${sqlLiteral(file)} (FORMAT json)`);
  return file;
}

/** The documented draw, recomputed outside DuckDB: int(md5(id)[:13], 16) / 16**13. */
const draw = (id: string) => parseInt(createHash('md5').update(id).digest('hex').slice(0, 13), 16) / 16 ** 13;

async function keptIds(t: TempWarehouse): Promise<string[]> {
  return (await t.wh.all<{ id: string }>('SELECT id FROM records ORDER BY id')).map((r) => r.id);
}

test('hash sampling keeps the configured share within a 4-sigma binomial band, the same ids every run', async () => {
  const a = await tempWarehouse();
  const b = await tempWarehouse();
  try {
    const file = await writeLogs(a);
    const rate = 0.05;
    const r = await ingest(a, { paths: [file] }, { ingest: { sampling: { rate } } });
    const sigma = Math.sqrt(N * rate * (1 - rate));
    assert.ok(Math.abs(r.result.counts.loaded - N * rate) < 4 * sigma, `kept ${r.result.counts.loaded} of ${N}`);
    assert.equal(r.result.counts.loaded + r.result.counts.sampled_out, N);
    const ids = await keptIds(a);
    // Reproducible from the id alone, in any language.
    const expected = Array.from({ length: N }, (_, i) => `req_${i}`).filter((id) => draw(id) < rate).sort();
    assert.deepEqual(ids, expected);
    const rates = await a.wh.all<{ sample_rate: number }>('SELECT DISTINCT sample_rate FROM records');
    assert.deepEqual(rates, [{ sample_rate: rate }]);
    // Another warehouse keeps the same ids; re-ingesting keeps the same ones again (all duplicates now).
    await ingest(b, { paths: [file] }, { ingest: { sampling: { rate } } });
    assert.deepEqual(await keptIds(b), ids);
    const again = await ingest(a, { paths: [file] }, { ingest: { sampling: { rate } } });
    assert.deepEqual([again.result.counts.loaded, again.result.counts.duplicates], [0, ids.length]);
    // A lower rate keeps a subset of what a higher rate keeps.
    const c = await tempWarehouse();
    try {
      await ingest(c, { paths: [file], sample_rate: 0.01 }, {});
      const low = await keptIds(c);
      assert.ok(low.length > 0 && low.every((id) => ids.includes(id)));
    } finally {
      c.cleanup();
    }
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

test('stratified sampling keeps at least min_per_stratum per stratum and stores the rate that applied', async () => {
  const t = await tempWarehouse();
  try {
    const file = await writeLogs(t);
    const sampling = { rate: 0.05, stratify_by: ['workflow'], min_per_stratum: 50, upstream_rate: 0.5 };
    await ingest(t, { paths: [file] }, { ingest: { sampling } });
    const rows = await t.wh.all<{ workflow: string; kept: number; sample_rate: number; estimated: number }>(
      `SELECT workflow, count(*) AS kept, any_value(sample_rate) AS sample_rate, sum(1 / sample_rate) AS estimated
       FROM records GROUP BY workflow ORDER BY workflow`,
    );
    const [common, rare] = rows;
    // 5 % of 200 is 10, below the minimum: the 50 smallest draws are kept, each with probability 50/200.
    assert.deepEqual({ ...rare, estimated: Math.round(rare.estimated) }, { workflow: 'rare', kept: 50, sample_rate: 0.25 * 0.5, estimated: 2 * RARE });
    const sigma = Math.sqrt((N - RARE) * 0.05 * 0.95);
    assert.ok(Math.abs(common.kept - (N - RARE) * 0.05) < 4 * sigma, `common kept ${common.kept}`);
    assert.equal(common.sample_rate, 0.05 * 0.5);
    // Scaling back up by 1 / sample_rate estimates the production volume (the logs were a 50 % sample).
    assert.ok(Math.abs(common.estimated - 2 * (N - RARE)) < (4 * sigma) / 0.025);
    const rareIds = (await t.wh.all<{ id: string }>(`SELECT id FROM records WHERE workflow = 'rare' ORDER BY id`)).map((r) => r.id);
    const smallest = Array.from({ length: RARE }, (_, i) => `req_${i * 100}`).sort((x, y) => draw(x) - draw(y)).slice(0, 50).sort();
    assert.deepEqual(rareIds, smallest);
  } finally {
    t.cleanup();
  }
});

test('a record re-delivered within the run counts once in its stratum: the stored rate and the estimate do not grow', async () => {
  const t = await tempWarehouse();
  try {
    const file = await writeLogs(t);
    const copies = join(t.dir, 'copies.jsonl');
    // 40 of the rare workflow's records again, later in the same run
    await t.wh.run(`COPY (SELECT * FROM read_json(${sqlLiteral(file)}) WHERE workflow = 'rare' LIMIT 40) TO ${sqlLiteral(copies)} (FORMAT json)`);
    const sampling = { rate: 0.05, stratify_by: ['workflow'], min_per_stratum: 50, upstream_rate: 1 };
    await ingest(t, { paths: [file, copies] }, { ingest: { sampling } });
    const rare = await t.wh.one<{ kept: number; sample_rate: number; estimated: number }>(
      `SELECT count(*) AS kept, any_value(sample_rate) AS sample_rate, sum(1 / sample_rate) AS estimated FROM records WHERE workflow = 'rare'`,
    );
    assert.deepEqual({ ...rare, estimated: Math.round(rare!.estimated) }, { kept: 50, sample_rate: 0.25, estimated: RARE });
  } finally {
    t.cleanup();
  }
});
