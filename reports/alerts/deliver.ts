import { errorMessage } from '../../data/errors.ts';
import type { Warehouse } from '../../data/warehouse.ts';
import { channelType } from './channels/registry.ts';
import type { AlertsConfig } from './config.ts';
import { alertMessage, digestMessage, type AlertEvent } from './message.ts';

export interface DeliveryAttempt {
  event_id: number;
  channel: string;
  state: string;
  subject: string;
  status: 'sent' | 'failed';
  attempts: number;
  error: string | null;
}

export interface DeliveryOutcome {
  sent: number;
  failed: number;
  /** Deliveries left for a later run: not tried because their channel already failed in this run. */
  deferred: number;
  /** Deliveries that failed max_attempts times and are not retried. */
  given_up: number;
  attempts: DeliveryAttempt[];
}

export interface DeliverDeps {
  env: NodeJS.ProcessEnv;
  progress: (message: string) => void;
}

type Due = AlertEvent & { channel: string; attempts: number };

/**
 * Sends what the outbox holds: every pending delivery, and every failed one with attempts left, oldest event
 * first, and records each outcome as it happens (outside any transaction, so a crash mid-way loses at most the
 * record of the message being sent: at-least-once). A channel with more than digest_after deliveries due gets
 * them as one digest message (a drift run flagging 26 segments pages once, not 26 times). A channel that fails
 * is not tried again in the same run, so a dead SMTP server costs one timeout, not one per alert.
 */
export async function deliverPending(wh: Warehouse, config: AlertsConfig, deps: DeliverDeps): Promise<DeliveryOutcome> {
  const due = await wh.all<Due>(
    `SELECT d.channel, d.attempts, e.event_id, e.rule, e.alert_key, e.state, e.severity, e.subject, e.message, e.evidence, e.source_view,
            e.event_at AS at, (SELECT min(f.event_at) FROM alert_events f WHERE f.rule = e.rule AND f.alert_key = e.alert_key AND f.state = 'firing' AND f.event_id <= e.event_id
                     AND f.event_id > coalesce((SELECT max(r.event_id) FROM alert_events r WHERE r.rule = e.rule AND r.alert_key = e.alert_key AND r.state = 'resolved' AND r.event_id < e.event_id), -1)) AS fired_at
     FROM alert_deliveries d JOIN alert_events e USING (event_id)
     WHERE d.status = 'pending' OR (d.status = 'failed' AND d.attempts < $max)
     ORDER BY e.event_id, d.channel`,
    { max: config.max_attempts },
  );
  const out: DeliveryOutcome = { sent: 0, failed: 0, deferred: 0, given_up: 0, attempts: [] };
  // Per channel, in the order of its oldest event: more than digest_after events go as one digest message.
  const byChannel = new Map<string, Due[]>();
  for (const d of due) byChannel.set(d.channel, [...(byChannel.get(d.channel) ?? []), d]);
  const batches = [...byChannel.values()].flatMap((list) => (list.length > config.digest_after ? [list] : list.map((d) => [d])));
  batches.sort((a, b) => a[0].event_id - b[0].event_id);
  const down = new Set<string>();
  for (const batch of batches) {
    const name = batch[0].channel;
    if (down.has(name)) {
      out.deferred += batch.length;
      continue;
    }
    const channel = config.channels[name];
    let error: string | null = null;
    try {
      if (!channel) throw new Error(`channel '${name}' is no longer in alerts.channels`);
      await channelType(channel.type).send(channel as never, batch.length === 1 ? alertMessage(batch[0]) : digestMessage(batch), deps.env);
    } catch (e) {
      error = errorMessage(e);
      down.add(name);
    }
    for (const d of batch) {
      const attempts = d.attempts + 1;
      await wh.run(
        `UPDATE alert_deliveries SET status = $status, attempts = $attempts, last_error = $error, last_attempt_at = now(),
                sent_at = CASE WHEN $status = 'sent' THEN now() END
         WHERE event_id = $event_id AND channel = $channel`,
        { status: error ? 'failed' : 'sent', attempts, error, event_id: d.event_id, channel: d.channel },
      );
      out.attempts.push({ event_id: d.event_id, channel: d.channel, state: d.state, subject: d.subject, status: error ? 'failed' : 'sent', attempts, error });
      if (error) {
        out.failed++;
        if (attempts >= config.max_attempts) out.given_up++;
      } else out.sent++;
    }
    if (error) deps.progress(`alerts: ${name} failed (${batch.length > 1 ? `a digest of ${batch.length} alerts, ` : ''}attempt ${batch[0].attempts + 1} of ${config.max_attempts}): ${error}`);
  }
  return out;
}
