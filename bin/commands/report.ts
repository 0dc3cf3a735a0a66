import type { Command } from 'commander';
import { relative } from 'node:path';
import { parseIsoWeek } from '../../reports/isoWeek.ts';
import { globals, runJobFromCli } from '../context.ts';
import { printJson } from '../output.ts';

interface ReportOutput {
  html: string;
  json: string;
  index: string;
  status: string;
  sections: { name: string; status: string }[];
  week: string;
  week_source: string;
  tenant: string | null;
}

export function reportCommand(program: Command): void {
  program
    .command('report')
    .description('write the weekly report (static HTML with inline SVG charts, plus report.json) and refresh index.html of past reports')
    .option('--week <YYYY-Www>', 'ISO week to report, e.g. 2026-W46 (default: the last complete week, or the latest complete week with records when the data stops earlier)')
    .option('--tenant <id>', "one tenant's report: only that tenant's data")
    .option('--out <dir>', 'reports directory; each report gets a folder in it', 'reports')
    .addHelpText('after', '\nEvery figure names the DuckDB view it comes from; report.json holds the same numbers and the SQL that made them.\nExample: assay report --week 2026-W46 --tenant acme --out reports')
    .action(async (opts: { week?: string; tenant?: string; out: string }, cmd: Command) => {
      const week = opts.week ? parseIsoWeek(opts.week).week : undefined;
      const outcome = await runJobFromCli<{ output: ReportOutput; counts: Record<string, number> }>(cmd, 'report', { week, tenant: opts.tenant, out: opts.out });
      const o = outcome.result.output;
      if (globals(cmd).json) {
        printJson({ run_id: outcome.runId, ...o, counts: outcome.result.counts });
        return;
      }
      const rel = (p: string) => relative(process.cwd(), p) || p;
      const missing = o.sections.filter((s) => s.status === 'missing').map((s) => s.name);
      process.stdout.write(
        [
          `Report ${o.week}${o.tenant ? ` for tenant ${o.tenant}` : ' (all tenants)'}: verdict ${o.status}.${opts.week ? '' : ` Week: ${o.week_source}.`}`,
          `  html:  ${rel(o.html)}`,
          `  json:  ${rel(o.json)}`,
          `  index: ${rel(o.index)}`,
          ...(missing.length ? [`  not available: ${missing.join(', ')} (each section says why)`] : []),
          '',
        ].join('\n'),
      );
    });
}
