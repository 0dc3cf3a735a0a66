import type { Command } from 'commander';
import { EXIT } from '../../data/errors.ts';
import type { DeliveryAttempt } from '../../reports/alerts/deliver.ts';
import { globals, runJobFromCli } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

interface AlertsOutput {
  events: { event_id: number; rule: string; state: string; severity: string; subject: string; message: string }[];
  deliveries: DeliveryAttempt[];
  channels: string[];
}

export function alertsCommand(program: Command): void {
  program
    .command('alerts')
    .description('evaluate the alert rules, record what started firing or resolved (alert_events), and notify the configured channels; failed deliveries are retried on the next run')
    .option('--fail-on-delivery', `exit ${EXIT.failure} when a delivery failed in this run (the events are recorded either way)`)
    .action(async (opts: { failOnDelivery?: boolean }, cmd: Command) => {
      const outcome = await runJobFromCli<{ output: AlertsOutput; counts: Record<string, number> }>(cmd, 'alerts', {});
      const { events, deliveries, channels } = outcome.result.output;
      const c = outcome.result.counts;
      if (globals(cmd).json) printJson({ run_id: outcome.runId, ...outcome.result.output, counts: c });
      else {
        if (events.length) process.stdout.write(`${formatTable(events.map((e) => ({ state: e.state, severity: e.severity, rule: e.rule, subject: e.subject, message: e.message })))}\n`);
        const failed = deliveries.filter((d) => d.status === 'failed');
        if (failed.length) process.stdout.write(`\n${formatTable(failed.map((d) => ({ channel: d.channel, subject: d.subject, attempts: d.attempts, error: d.error })))}\n`);
        process.stdout.write(`${c.fired} fired, ${c.resolved} resolved, ${c.active} firing now; ${c.sent} sent, ${c.failed} failed${c.given_up ? ` (${c.given_up} given up)` : ''}, ${c.undelivered} waiting for the next run (run ${outcome.runId})\n`);
        if (!channels.length) process.stdout.write('no alert channel is configured (alerts.channels): events are recorded, nothing is sent\n');
      }
      if (opts.failOnDelivery && c.failed > 0) process.exitCode = EXIT.failure;
    });
}
