import { defineSection, type Block, type Figure, type Row, type Signal } from '../defineSection.ts';
import { count } from '../format.ts';
import { anchorId, esc, severityBadge } from '../html.ts';

interface FiringRow extends Row {
  rule: string;
  alert_key: string;
  severity: string;
  severity_rank: number;
  subject: string;
  message: string;
  fired_at: string;
  deliveries_failed: number | null;
  deliveries_skipped: number | null;
  silenced_until: string | null;
}

interface EventRow extends Row {
  state: string;
  severity: string;
  deliveries_sent: number;
  deliveries_failed: number;
  deliveries_pending: number;
  deliveries_skipped: number;
}

const stamp = (r: Row, key: string) => String(r[key] ?? '').slice(0, 16).replace('T', ' ');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** One verdict line for the alerts firing at a level: on-call has (or has not) been told about them. */
function firingSignal(rows: FiringRow[], level: 'red' | 'amber'): Signal {
  const subjects = [...new Set(rows.map((r) => r.subject))];
  const failed = rows.filter((r) => (r.deliveries_failed ?? 0) > 0).length;
  const unsent = rows.filter((r) => (r.deliveries_skipped ?? 0) > 0).length;
  const silenced = rows.filter((r) => r.silenced_until).length;
  const told = (failed ? `; the notification of ${plural(failed, 'alert')} failed` : unsent === rows.length ? '; no alert channel is configured, so nobody was notified' : '')
    + (silenced ? `; ${count(silenced)} silenced (alerts.silences), not notified` : '');
  return {
    level, topic: 'alerts', subject: { tenant_id: null, workflow: null }, label: 'on-call alerts', score: 1, change: false, anchor: 'alerts-firing', section: 'alerts',
    statement: `${plural(rows.length, `${rows[0].severity} alert`)} firing: ${subjects.slice(0, 3).join(', ')}${subjects.length > 3 ? ` and ${subjects.length - 3} more` : ''}${told}`,
  };
}

export const alerts = defineSection({
  name: 'alerts',
  title: 'Alerts',
  reads: ['job_runs_latest', 'alerts_active', 'alert_events_week'],
  datasets: [{ name: 'alerts_run' }, { name: 'alerts_firing' }, { name: 'alerts_week' }],
  needs: {
    objects: ['alert_events', 'alert_deliveries'],
    missing: 'Alerts are not configured: this warehouse has no alert_events table.',
    remedy: ' Alerts are evaluated and delivered by the alerts job (`assay alerts`, docs/alerts.md); opening the warehouse with this version of Assay read-write adds the table.',
  },
  async build(ctx) {
    const [run] = await ctx.fetch<Row>('alerts_run');
    if (!run) return { status: 'missing', reason: 'Alerts have not been evaluated: no alerts run is recorded.', remedy: ' Run `assay alerts` (job `alerts`; `assay schedule` can run it after each drift run).' };
    const firing = await ctx.fetch<FiringRow>('alerts_firing');
    const week = await ctx.fetch<EventRow>('alerts_week');
    const high = firing.filter((r) => r.severity === 'high');
    const medium = firing.filter((r) => r.severity === 'medium');
    const signals: Signal[] = [];
    if (high.length) signals.push(firingSignal(high, 'red'));
    if (medium.length) signals.push(firingSignal(medium, 'amber'));
    const failed = week.reduce((n, r) => n + r.deliveries_failed, 0);
    const figures: Figure[] = [
      { label: 'alerts firing', value: count(firing.length), note: `${count(high.length)} high, ${count(medium.length)} medium, when this report was built`, level: high.length ? 'red' : medium.length ? 'amber' : undefined, headline: firing.length > 0, dataset: 'alerts_firing' },
      { label: `alert events about ${ctx.week.week}`, value: `${count(week.filter((r) => r.state === 'firing').length)} fired · ${count(week.filter((r) => r.state === 'resolved').length)} resolved`, dataset: 'alerts_week' },
      { label: 'notifications', value: `${count(week.reduce((n, r) => n + r.deliveries_sent, 0))} sent · ${count(failed)} failed`, note: `${count(week.reduce((n, r) => n + r.deliveries_pending, 0))} pending`, level: failed ? 'amber' : undefined, dataset: 'alerts_week' },
    ];
    const blocks: Block[] = [{ kind: 'figures', items: figures }];
    const skipped = [...firing, ...week].some((r) => (r.deliveries_skipped ?? 0) > 0);
    blocks.push({
      kind: 'text',
      html: `<p>Alert rules (drift findings, budgets, unpriced models) are evaluated by the alerts job; latest run <code>${esc(run.run_id)}</code> (${esc(run.status)}). An alert notifies when it starts firing and when it resolves, not on every run (docs/alerts.md).${ctx.tenant ? ` This report shows the alerts about tenant <strong>${esc(ctx.tenant)}</strong> only (its workflows' drift, its budget); alerts about several tenants (a workflow across tenants, a model, all traffic) are in the all-tenant report.` : ''}${skipped ? ' <strong>No alert channel was configured</strong> for some of these events: they are recorded, but nobody was notified (configure <code>alerts.channels</code>).' : ''}</p>`,
    });
    const delivery = { label: 'Notifications', key: 'delivery' };
    blocks.push({
      kind: 'table', id: 'alerts-firing', title: 'Firing when this report was built', dataset: 'alerts_firing', rows: firing, rowId: (r) => anchorId('alert', String(r.rule), String(r.alert_key)),
      empty: 'No alert is firing.',
      columns: [
        { label: 'Severity', key: 'severity', html: (r) => severityBadge(String(r.severity)) },
        { label: 'Subject', key: 'subject' },
        { label: 'What', key: 'message' },
        { label: 'Rule', key: 'rule' },
        { label: 'Firing since', value: (r) => stamp(r, 'fired_at') },
        delivery,
      ],
    });
    blocks.push({
      kind: 'table', id: 'alerts-week', title: `Alert events about ${ctx.week.week}: fired, escalated, resolved`, dataset: 'alerts_week', rows: week, empty: `No alert about ${ctx.week.week} fired or resolved.`,
      note: 'Each row is a transition, listed under the week of the data it is about (a drift run\'s window, a budget\'s day, an unpriced model\'s week), whenever the alerts job saw it; the state now says whether the alert is still firing. Evidence: the query in alert_events.evidence.',
      columns: [
        { label: 'Seen (UTC)', value: (r) => stamp(r, 'event_at') },
        { label: 'Event', key: 'state' },
        { label: 'Severity', key: 'severity', html: (r) => severityBadge(String(r.severity)) },
        { label: 'Subject', key: 'subject' },
        { label: 'What', key: 'message' },
        { label: 'Now', key: 'state_now' },
        delivery,
      ],
    });
    return { status: 'ok', blocks, signals, figures, summary: `${plural(firing.length, 'alert')} firing; ${plural(week.length, 'alert event')} about ${ctx.week.week}.` };
  },
});
