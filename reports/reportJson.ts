import { z } from 'zod';

/** report.json: the same numbers as report.html, with the SQL that made each of them. Read back by the index page. */
const dataset = z.object({
  name: z.string(),
  reads: z.array(z.string()),
  /** The query with its parameters written in, ready to paste into any DuckDB client. */
  sql: z.string(),
  params: z.record(z.string(), z.unknown()),
  rows: z.array(z.record(z.string(), z.unknown())),
});

const verdictLine = z.object({
  level: z.enum(['red', 'amber', 'info']),
  label: z.string(),
  statements: z.array(z.string()),
  also: z.array(z.string()),
  evidence: z.array(z.object({ anchor: z.string(), section: z.string() })),
  score: z.number(),
});

export const reportJson = z.object({
  format: z.literal('assay.report/1'),
  week: z.string(),
  week_source: z.string().optional(),
  week_start: z.string(),
  week_end: z.string(),
  tenant: z.string().nullable(),
  generated_at: z.string(),
  assay_version: z.string(),
  warehouse: z.string(),
  verdict: z.object({
    status: z.enum(['red', 'amber', 'green']),
    red: z.array(verdictLine),
    amber: z.array(verdictLine),
    changes: z.array(verdictLine),
    more: z.object({ red: z.number(), amber: z.number() }),
    figures: z.array(z.object({ label: z.string(), value: z.string(), note: z.string().optional(), level: z.string().optional(), dataset: z.string() })),
  }),
  sections: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      status: z.enum(['ok', 'missing']),
      reason: z.string().optional(),
      remedy: z.string().optional(),
      reads: z.array(z.string()),
      /** Names of the datasets the section used (in `datasets`; sections may share one). */
      datasets: z.array(z.string()),
    }),
  ),
  datasets: z.record(z.string(), dataset),
});

export type ReportJson = z.infer<typeof reportJson>;
export type DatasetRecord = z.infer<typeof dataset>;
