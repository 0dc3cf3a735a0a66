import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { AssayError } from './errors.ts';
import { join } from 'node:path';
import { sqlFile, sqlLiteral } from './sql.ts';
import type { Warehouse } from './warehouse.ts';

export interface DemoLogsOptions {
  /** First day of the generated logs (UTC). */
  start: string;
  days: number;
  scale: number;
  dir: string;
}

export interface DemoLogsResult {
  files: string[];
  records: number;
  plantedBadLines: number;
  plantedDuplicates: number;
}

/**
 * The records of a warehouse no demo wrote: its record count when it holds records and no demo run is recorded
 * (other than `exceptRunId`, the run asking), else 0. A demo that failed part-way still counts as one: its ingest
 * step committed generated records.
 */
export async function recordsNoDemoWrote(wh: Warehouse, exceptRunId = ''): Promise<number> {
  const r = await wh.one<{ records: number; demos: number }>(
    `SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM job_runs WHERE job = 'demo' AND run_id <> $1) AS demos`,
    [exceptRunId],
  );
  return r && Number(r.demos) === 0 ? Number(r.records) : 0;
}

/** The file in a logs directory the demo wrote: it clears only such a directory before writing again. */
export const DEMO_MARKER = '.assay-demo';

/**
 * Empties the demo's logs directory, which must be new, empty or one the demo wrote (DEMO_MARKER): `--out` pointed
 * at a project directory must not cost its real logs/ folder.
 */
export function assertDemoLogsDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, DEMO_MARKER))) {
    throw new AssayError(
      'ASSAY_ERR_USAGE',
      `${dir} holds files the demo did not write; the demo empties its logs directory before writing the generated logs, so it will not use this one: choose another output directory (a demo's logs from before it marked them with ${DEMO_MARKER}: delete them)`,
      { dir },
    );
  }
}

function clearLogsDir(dir: string): void {
  assertDemoLogsDir(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_MARKER), 'Generated logs of `assay demo`: the next demo into this directory empties it.\n');
}

/**
 * Writes synthetic production logs as daily JSONL files (older weeks gzip-compressed, as an
 * archive would be) plus one late re-delivery file with planted bad lines and duplicates, so the
 * demo shows quarantine and dedupe too. Generation is one SQL statement; files are written with COPY.
 */
export async function writeDemoLogs(wh: Warehouse, opts: DemoLogsOptions): Promise<DemoLogsResult> {
  clearLogsDir(opts.dir);
  await wh.run(sqlFile('queries/demo/macros'));
  await wh.run(sqlFile('queries/demo/generate_logs'), { start: opts.start, days: opts.days, scale: opts.scale });
  const days = await wh.all<{ day: string; n: number }>('SELECT day, count(*) AS n FROM demo_logs GROUP BY day ORDER BY day');
  const files: string[] = [];
  const lastWeekFrom = days.length - 7;
  for (const [i, { day }] of days.entries()) {
    const gz = i < lastWeekFrom;
    const file = join(opts.dir, `${day}.jsonl${gz ? '.gz' : ''}`);
    await wh.run(
      `COPY (SELECT * EXCLUDE (day) FROM demo_logs WHERE day = $day ORDER BY ts, id) TO ${sqlLiteral(file)} (FORMAT json${gz ? ", COMPRESSION 'gzip'" : ''})`,
      { day },
    );
    files.push(file);
  }
  // A late re-delivery: some records sent again unchanged, plus lines a real pipeline produces when something upstream breaks.
  const dupes = await wh.all<{ line: string }>(
    `SELECT to_json(t) :: VARCHAR AS line FROM (SELECT * EXCLUDE (day) FROM demo_logs WHERE day = (SELECT max(day) FROM demo_logs) ORDER BY id LIMIT 25) t`,
  );
  const lastDay = days[days.length - 1]?.day ?? opts.start;
  const bad = [
    `{"id":"req_bad_tokens","ts":"${lastDay}T10:00:00Z","tenant_id":"acme","workflow":"support_triage","model":"gpt-4o-mini-2024-07-18","prompt_version":"triage-v3","input":"x","output":"y","category":"billing","confidence":0.9,"input_tokens":-5,"output_tokens":3,"latency_ms":420,"status":"ok","fallback":false,"human_override":false}`,
    `{"id":"req_bad_status","ts":"${lastDay}T10:01:00Z","tenant_id":"acme","workflow":"support_triage","model":"gpt-4o-mini-2024-07-18","prompt_version":"triage-v3","input":"x","output":"y","category":"billing","confidence":0.9,"input_tokens":200,"output_tokens":3,"latency_ms":420,"status":"done","fallback":false,"human_override":false}`,
    `{"id":"req_bad_conf","ts":"${lastDay}T10:02:00Z","tenant_id":"globex","workflow":"support_triage","model":"gpt-4o-mini-2024-07-18","prompt_version":"triage-v2","input":"x","output":"y","category":"billing","confidence":1.7,"input_tokens":200,"output_tokens":3,"latency_ms":420,"status":"ok","fallback":false,"human_override":false}`,
    `{"id":"req_bad_ts","ts":"yesterday afternoon","tenant_id":"globex","workflow":"draft_reply","model":"gpt-4o-2024-08-06","prompt_version":"reply-v8","input":"x","output":"y","category":"answer","confidence":null,"input_tokens":900,"output_tokens":300,"latency_ms":5000,"status":"ok","fallback":false,"human_override":false}`,
    `{"id":"req_no_tenant","ts":"${lastDay}T10:03:00Z","workflow":"draft_reply","model":"gpt-4o-2024-08-06","prompt_version":"reply-v8","input":"x","output":"y","category":"answer","input_tokens":900,"output_tokens":300,"latency_ms":5000,"status":"ok","fallback":false,"human_override":false}`,
    `{"id":"req_truncated","ts":"${lastDay}T10:04:00Z","tenant_id":"initech","workflow":"summ`,
  ];
  // Named to sort after that day's own file, so the first copy of each record is the day file's.
  const late = join(opts.dir, `${lastDay}.redelivery.jsonl`);
  writeFileSync(late, `${[...dupes.map((d) => d.line), ...bad].join('\n')}\n`);
  files.push(late);
  const total = days.reduce((s, d) => s + d.n, 0);
  await wh.run('DROP TABLE demo_logs');
  return { files, records: total, plantedBadLines: bad.length, plantedDuplicates: dupes.length };
}
