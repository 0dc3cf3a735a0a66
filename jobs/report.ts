import { resolve } from 'node:path';
import { z } from 'zod';
import { buildReport } from '../reports/build.ts';
import { defaultReportWeek, lastCompleteWeek, parseIsoWeek } from '../reports/isoWeek.ts';
import type { Warehouse } from '../data/warehouse.ts';
import { VERSION } from '../data/version.ts';
import { defineJob } from './defineJob.ts';

/** The UTC day of the latest record (of the tenant) before `end`, or null. */
async function latestDayBefore(wh: Warehouse, end: string, tenant: string | null): Promise<string | null> {
  const row = await wh.one<{ day: string | null }>(
    'SELECT utc_day(max(ts)) AS day FROM records WHERE ts < CAST($end AS DATE) AND ($tenant IS NULL OR tenant_id = $tenant)',
    { end, tenant },
  );
  return row?.day ?? null;
}

export const report = defineJob({
  name: 'report',
  description: 'write the weekly report: report.html (charts as inline SVG, no scripts) and report.json from the named views, and refresh index.html',
  params: z
    .object({
      week: z
        .string()
        .regex(/^\d{4}-W\d{2}$/, 'expected an ISO week such as 2026-W46')
        .optional()
        .describe('ISO week, e.g. 2026-W46 (default: the last complete week, or the latest complete week with records when the data stops earlier)'),
      tenant: z.string().min(1).optional().describe("one tenant's report: only that tenant's data"),
      out: z.string().min(1).default('reports').describe('reports directory; each report gets a folder in it'),
    })
    .strict(),
  transactional: false,
  async run(ctx, p) {
    const now = new Date();
    const chosen = p.week ? { week: parseIsoWeek(p.week), source: 'given by --week' } : defaultReportWeek(now, await latestDayBefore(ctx.wh, lastCompleteWeek(now).end, p.tenant ?? null));
    ctx.progress(`report: ${chosen.week.week} (${chosen.source})`);
    const r = await buildReport(ctx.wh, {
      week: chosen.week, weekSource: chosen.source, tenant: p.tenant ?? null, out: resolve(ctx.baseDir, p.out), config: ctx.config.report, version: VERSION, progress: ctx.progress,
    });
    ctx.progress(`report: ${r.html} (${(r.bytes.html / 1024).toFixed(0)} KiB, verdict ${r.status})`);
    return {
      counts: { html_bytes: r.bytes.html, json_bytes: r.bytes.json, sections_missing: r.sections.filter((s) => s.status === 'missing').length },
      output: { html: r.html, json: r.json, index: r.index, status: r.status, sections: r.sections, week: chosen.week.week, week_source: chosen.source, tenant: p.tenant ?? null },
    };
  },
});
