import { z } from 'zod';
import type { AlertsConfig } from '../reports/alerts/config.ts';
import { deliverPending } from '../reports/alerts/deliver.ts';
import { recordTransitions } from '../reports/alerts/evaluate.ts';
import { defineJob } from './defineJob.ts';

export const alerts = defineJob({
  name: 'alerts',
  description: 'evaluate the alert rules (drift, budget, unpriced_model) over their views, record firing and resolved transitions in alert_events, then deliver them to the configured channels (email, slack), retrying failed deliveries',
  params: z.object({}).strict(),
  // The transitions and their outbox rows commit together; sending happens after, so a failure to send never
  // undoes an event, and a crash before sending leaves pending deliveries for the next run.
  transactional: false,
  async run(ctx) {
    const config = ctx.config.alerts as AlertsConfig;
    const t = await ctx.wh.transaction((wh) => recordTransitions(wh, config, ctx.runId));
    ctx.progress(`alerts: ${t.fired} fired, ${t.resolved} resolved, ${t.active} firing now (rules: ${t.rules.join(', ') || 'none enabled'})`);
    if (t.silenced || t.released) ctx.progress(`alerts: ${t.silenced} held back by a silence, ${t.released} sent now that their silence has ended`);
    const d = await deliverPending(ctx.wh, config, { env: process.env, progress: ctx.progress });
    const events = await ctx.wh.all(
      `SELECT event_id, rule, alert_key, state, severity, subject, message, evidence, source_view, event_at FROM alert_events WHERE run_id = $1 ORDER BY event_id`,
      [ctx.runId],
    );
    const undelivered = await ctx.wh.one<{ n: number }>(
      `SELECT count(*) AS n FROM alert_deliveries WHERE status = 'pending' OR (status = 'failed' AND attempts < $1)`,
      [config.max_attempts],
    );
    // failed deliveries are retried on the next run too (while attempts remain): say what waits, as the summary does
    if (d.sent || d.failed || d.deferred) ctx.progress(`alerts: ${d.sent} sent, ${d.failed} failed, ${undelivered?.n ?? 0} waiting for the next run`);
    return {
      counts: { fired: t.fired, resolved: t.resolved, active: t.active, silenced: t.silenced, released: t.released, sent: d.sent, failed: d.failed, deferred: d.deferred, given_up: d.given_up, undelivered: undelivered?.n ?? 0 },
      output: { events, deliveries: d.attempts, channels: Object.keys(config.channels) },
    };
  },
});
