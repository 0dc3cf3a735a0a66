import { defineSection, type Block, type Figure, type Row, type Signal } from '../defineSection.ts';
import { count, estimate, pct } from '../format.ts';
import { anchorId } from '../html.ts';
import { gradeRise, scoreOf } from '../signals.ts';

interface RecordsRow extends Row {
  week: string;
  tenant_id: string | null;
  workflow: string | null;
  requests: number;
  est_requests: number;
  effective_sample_rate: number;
  prev_week: string;
  prev_requests: number | null;
}

interface IngestRow extends Row {
  run_id: string;
  status: string;
  records_for_week: number;
  records_read: number | null;
  records_quarantined: number | null;
}

export const dataQuality = defineSection({
  name: 'data_quality',
  title: 'Data quality',
  reads: ['workflow_week_over_week', 'ingest_week', 'quarantine_week'],
  datasets: [{ name: 'ops_weeks' }, { name: 'dq_ingest_totals' }, { name: 'dq_ingest_runs' }, { name: 'dq_quarantine' }],
  needs: { objects: ['records', 'quarantine', 'job_runs'], missing: 'The warehouse has no records.', remedy: ' Run `assay ingest` first.' },
  async build(ctx) {
    const rec = (await ctx.fetch<RecordsRow>('ops_weeks', { trend_weeks: ctx.config.trend_weeks })).find((r) => r.week === ctx.week.week && r.tenant_id === ctx.tenant && r.workflow === null);
    if (!rec) return { status: 'missing', reason: `No records for ${ctx.week.week}.`, remedy: ' Ingest that week\'s logs with `assay ingest`.' };
    const figures: Figure[] = [
      { label: 'records ingested (sampled)', value: count(rec.requests), note: `stand for ${estimate(rec.est_requests)} requests`, dataset: 'ops_weeks' },
      { label: 'effective sample rate', value: pct(rec.effective_sample_rate), note: 'sampled ÷ estimated requests', dataset: 'ops_weeks' },
    ];
    const blocks: Block[] = [];
    const signals: Signal[] = [];
    if (ctx.tenant) {
      blocks.push({ kind: 'figures', items: figures });
      blocks.push({ kind: 'text', html: '<p>Ingest runs and quarantined records are not attributed to tenants (a rejected record may carry no valid tenant), so they appear only in the all-tenant report.</p>' });
      return { status: 'ok', blocks, signals, figures };
    }
    const runs = await ctx.fetch<IngestRow>('dq_ingest_runs');
    const quarantine = await ctx.fetch<Row & { records: number }>('dq_quarantine');
    const [totals] = await ctx.fetch<Row & { ingest_runs: number; records_read: number | null; records_quarantined: number | null; quarantined_share: number | null }>('dq_ingest_totals');
    const quarantined = totals?.records_quarantined ?? 0;
    const share = totals?.quarantined_share ?? 0;
    const bands = ctx.config.thresholds.quarantine_share;
    const level = gradeRise(share, bands);
    figures.push({ label: 'quarantined', value: count(quarantined), note: `${pct(share)} of ${count(totals?.records_read ?? 0)} read by ${count(totals?.ingest_runs ?? 0)} ingest run${totals?.ingest_runs === 1 ? '' : 's'}`, level: level === 'info' ? undefined : level, headline: true, dataset: 'dq_ingest_totals' });
    const base = { subject: { tenant_id: null, workflow: null }, label: 'ingest', change: false, section: 'data_quality' };
    if (level !== 'info') {
      const top = quarantine[0];
      signals.push({ ...base, level, topic: 'quarantine', score: scoreOf(share, bands), anchor: 'dq-quarantine',
        statement: `${count(quarantined)} records quarantined (${pct(share)} of those read)${top ? `, most for ${String(top.reason)}${top.field ? ` in ${String(top.field)}` : ''}` : ''}` });
    }
    for (const r of runs.filter((x) => x.status !== 'succeeded')) {
      signals.push({ ...base, level: 'red', topic: `ingest ${r.run_id}`, score: 1, anchor: anchorId('dq-run', r.run_id), statement: `ingest run ${r.run_id} ${r.status}` });
    }
    blocks.push({ kind: 'figures', items: figures });
    blocks.push({
      kind: 'table', id: 'dq-ingest-runs', title: 'Ingest runs behind this week', dataset: 'dq_ingest_runs', rows: runs, rowId: (r) => anchorId('dq-run', String(r.run_id)),
      empty: 'No ingest run is recorded for this week’s records (they were loaded without `assay ingest`).',
      note: 'Read, loaded, quarantined and duplicate counts are each run’s totals; “this week” counts the records of this week it loaded.',
      columns: [
        { label: 'Run', key: 'run_id' },
        { label: 'Started', value: (r) => String(r.started_at ?? '').slice(0, 16).replace('T', ' ') },
        { label: 'Status', key: 'status' },
        { label: 'This week', key: 'records_for_week', format: 'count' },
        { label: 'Read', key: 'records_read', format: 'count' },
        { label: 'Loaded', key: 'records_loaded', format: 'count' },
        { label: 'Quarantined', key: 'records_quarantined', format: 'count' },
        { label: 'Duplicates', key: 'records_duplicate', format: 'count' },
        { label: 'Conflicts', key: 'records_conflicting', format: 'count' },
        { label: 'Sampled out', key: 'records_sampled_out', format: 'count' },
        { label: 'Sample rate', key: 'sample_rate', format: 'pct' },
      ],
    });
    blocks.push({
      kind: 'table', id: 'dq-quarantine', title: 'Quarantined records by reason', dataset: 'dq_quarantine', rows: quarantine, empty: 'Nothing was quarantined.',
      note: 'Each quarantined record keeps its file, line and raw text: SELECT * FROM quarantine WHERE reason = … .',
      columns: [
        { label: 'Reason', key: 'reason' },
        { label: 'Field', key: 'field' },
        { label: 'Records', key: 'records', format: 'count' },
        { label: 'Files', key: 'files', format: 'count' },
      ],
    });
    return { status: 'ok', blocks, signals, figures };
  },
});
