import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AssayError } from '../data/errors.ts';
import type { SqlValue, Warehouse } from '../data/warehouse.ts';
import { chartBlocks } from './blocks.ts';
import { renderSvg } from './charts/renderSvg.ts';
import type { ReportConfig } from './config.ts';
import { datasetSql, inlineParams, paramsUsed, readsOf } from './datasets.ts';
import type { Figure, Row, SectionContext, SectionDefinition, SectionOutcome, Signal } from './defineSection.ts';
import { writeIndex } from './indexPage.ts';
import { fingerprint } from './names.ts';
import type { IsoWeek } from './isoWeek.ts';
import type { DatasetRecord, ReportJson } from './reportJson.ts';
import { SECTIONS } from './sections/registry.ts';
import { renderPage, type PageSection } from './template.ts';
import { verdict as decideVerdict } from './verdict.ts';
import { assertKnownTenant } from '../data/tenants.ts';

export interface BuildOptions {
  week: IsoWeek;
  /** How the week was chosen (given, or the default and why), recorded in report.json. */
  weekSource?: string;
  tenant: string | null;
  /** The reports directory: each report gets its own folder in it, and index.html lists them all. */
  out: string;
  config: ReportConfig;
  version: string;
  now?: Date;
  progress?: (message: string) => void;
  sections?: readonly SectionDefinition[];
}

export interface BuildResult {
  dir: string;
  html: string;
  json: string;
  index: string;
  status: ReportJson['verdict']['status'];
  bytes: { html: number; json: number };
  sections: { name: string; status: 'ok' | 'missing' }[];
  /** Time spent in SQL (the datasets' queries), to compare with the whole build. */
  sqlMs: number;
}

/** The longest readable part of a tenant's folder name: file systems refuse names over 255 bytes. */
const MAX_READABLE = 64;

/**
 * The folder of one report inside the reports directory: `<week>` for all tenants, `<week>-tenant-<readable>-<hash>`
 * for a tenant, the readable part being the id with characters other than letters, digits, '.', '_' and '-' replaced
 * by '_' and cut to MAX_READABLE characters (names.ts says why the hash is always there).
 */
export function reportDirName(week: string, tenant: string | null): string {
  if (tenant === null) return week;
  const readable = tenant.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, MAX_READABLE);
  return `${week}-tenant-${readable}-${fingerprint(tenant)}`;
}

async function objectsIn(wh: Warehouse): Promise<Set<string>> {
  const rows = await wh.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal UNION SELECT view_name FROM duckdb_views() WHERE NOT internal`,
  );
  return new Set(rows.map((r) => r.name));
}

/** The report's scope must exist: a typo in a tenant name is an error, not an empty report. */
async function checkScope(wh: Warehouse, week: IsoWeek, tenant: string | null): Promise<void> {
  if (tenant !== null) await assertKnownTenant(wh, tenant);
  const span = await wh.one<{ n: number; before: number; week_n: number; first: string | null; last: string | null }>(
    `SELECT count(*) FILTER (WHERE ts >= CAST($start AS DATE) AND ts < CAST($end AS DATE) AND ($tenant IS NULL OR tenant_id = $tenant)) AS n,
            count(*) FILTER (WHERE ts >= CAST($start AS DATE) - INTERVAL 7 DAY AND ts < CAST($start AS DATE) AND tenant_id = $tenant) AS before,
            count(*) FILTER (WHERE ts >= CAST($start AS DATE) AND ts < CAST($end AS DATE)) AS week_n,
            strftime(min(ts), '%G-W%V') AS first, strftime(max(ts), '%G-W%V') AS last
     FROM records`,
    { start: week.start, end: week.end, tenant },
  );
  // A tenant whose feed stopped (records the week before, none this week while others have some) gets its report:
  // the stop is its news (operations: requests -100%).
  const stopped = tenant !== null && !span?.n && Number(span?.before ?? 0) > 0 && Number(span?.week_n ?? 0) > 0;
  if (!span?.n && !stopped) {
    const range = span?.first ? `records span ${span.first} to ${span.last}` : 'the warehouse has no records';
    throw new AssayError('ASSAY_ERR_NO_DATA', `No records in ${week.week}${tenant ? ` for tenant ${tenant}` : ''}: ${range}. Run \`assay ingest\` for that week or pick another --week.`);
  }
}

/**
 * Builds one weekly report: runs every section's datasets (named views only), decides the verdict, renders the
 * charts to SVG, and writes <out>/<reportDirName>/report.html and report.json, then refreshes <out>/index.html.
 */
export async function buildReport(wh: Warehouse, opts: BuildOptions): Promise<BuildResult> {
  const { week, tenant, config } = opts;
  const progress = opts.progress ?? (() => {});
  await checkScope(wh, week, tenant);
  const objects = await objectsIn(wh);
  const base: Record<string, SqlValue> = { week: week.week, week_start: week.start, week_end: week.end, week_last: week.last, prev_week: week.prev, tenant };
  let sqlMs = 0;

  const pageSections: PageSection[] = [];
  const jsonSections: ReportJson['sections'] = [];
  const signals: Signal[] = [];
  const figures: Figure[] = [];
  const allDatasets = new Map<string, DatasetRecord>();
  // Sections may share a dataset (the week's operations rows): run with the same parameters, it runs once.
  const cache = new Map<string, Row[]>();
  for (const section of opts.sections ?? SECTIONS) {
    const used: string[] = [];
    const ctx: SectionContext = {
      week, tenant, config,
      exists: (name) => objects.has(name),
      async fetch<T = Row>(name: string, extra: Record<string, SqlValue> = {}): Promise<T[]> {
        if (!section.datasets.some((d) => d.name === name)) throw new Error(`section ${section.name} does not declare dataset ${name}`);
        const sql = datasetSql(name);
        const all = { ...base, ...extra };
        const params = Object.fromEntries(paramsUsed(sql).map((p) => [p, all[p] ?? null]));
        const key = `${name}|${JSON.stringify(params)}`;
        let rows = cache.get(key);
        if (!rows) {
          const t0 = performance.now();
          rows = await wh.all<Row>(sql, params);
          sqlMs += performance.now() - t0;
          cache.set(key, rows);
        }
        if (!used.includes(name)) used.push(name);
        allDatasets.set(name, { name, reads: readsOf(sql), sql: inlineParams(sql, params), params, rows });
        return rows as T[];
      },
    };
    const missingObjects = section.needs.objects.filter((o) => !objects.has(o));
    let outcome: SectionOutcome;
    if (!section.build || missingObjects.length) {
      outcome = { status: 'missing', reason: section.needs.missing, remedy: section.needs.remedy };
    } else {
      progress(`report: ${section.name}…`);
      outcome = await section.build(ctx);
    }
    if (outcome.status === 'ok') {
      // In a tenant's report every subject is the tenant's: its name is implied, and one subject is not two.
      signals.push(...(tenant ? outcome.signals.map((s) => ({ ...s, subject: { ...s.subject, tenant_id: null } })) : outcome.signals));
      figures.push(...(outcome.figures ?? []).filter((f) => f.headline));
      pageSections.push({ name: section.name, title: section.title, status: 'ok', summary: outcome.summary, blocks: outcome.blocks });
      jsonSections.push({ name: section.name, title: section.title, status: 'ok', reads: [...section.reads], datasets: used });
    } else {
      pageSections.push({ name: section.name, title: section.title, status: 'missing', reason: outcome.reason, remedy: outcome.remedy, blocks: [] });
      jsonSections.push({ name: section.name, title: section.title, status: 'missing', reason: outcome.reason, remedy: outcome.remedy?.trim(), reads: [...section.reads], datasets: used });
    }
  }

  const verdict = decideVerdict(signals, { maxLines: 6, maxChanges: 5, minChangeScore: 0.5 });
  progress('report: rendering charts…');
  const svgs = new Map<string, string>();
  for (const chart of pageSections.flatMap((s) => chartBlocks(s.blocks))) svgs.set(chart.id, await renderSvg(chart.spec));

  const generatedAt = (opts.now ?? new Date()).toISOString();
  const html = renderPage({ week, tenant, generatedAt, version: opts.version, verdict, figures, sections: pageSections, render: { datasets: allDatasets, svgs, maxRows: config.max_table_rows } });
  const json: ReportJson = {
    format: 'assay.report/1', week: week.week, week_source: opts.weekSource ?? 'given', week_start: week.start, week_end: week.end, tenant, generated_at: generatedAt,
    assay_version: opts.version, warehouse: wh.path, verdict: { ...verdict, figures }, sections: jsonSections,
    datasets: Object.fromEntries(allDatasets),
  };
  const out = resolve(opts.out);
  const dir = join(out, reportDirName(week.week, tenant));
  mkdirSync(dir, { recursive: true });
  const htmlPath = join(dir, 'report.html');
  const jsonPath = join(dir, 'report.json');
  const jsonText = `${JSON.stringify(json)}\n`;
  writeFileSync(htmlPath, html);
  writeFileSync(jsonPath, jsonText);
  const index = writeIndex(out);
  return {
    dir, html: htmlPath, json: jsonPath, index, status: verdict.status,
    bytes: { html: Buffer.byteLength(html), json: Buffer.byteLength(jsonText) },
    sections: jsonSections.map((s) => ({ name: s.name, status: s.status })),
    sqlMs,
  };
}
