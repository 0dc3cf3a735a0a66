import type { SqlValue } from '../data/warehouse.ts';
import type { VegaLiteSpec } from './charts/renderSvg.ts';
import type { ReportConfig } from './config.ts';
import type { FormatName } from './format.ts';
import type { IsoWeek } from './isoWeek.ts';

export type Row = Record<string, unknown>;
export type Level = 'red' | 'amber' | 'info';

/** What a signal is about: a workflow (all tenants when tenant_id is null), one tenant's use of it, a model, or all traffic. */
export interface Subject {
  tenant_id: string | null;
  workflow: string | null;
  model?: string | null;
  /** A prompt version of the workflow: narrower than the workflow, as a tenant is. */
  prompt_version?: string | null;
}

/**
 * Something the verdict may say. Sections emit one per finding or change; reports/verdict.ts groups the signals
 * about the same workflow (or model) and topic into one line and ranks them.
 */
export interface Signal {
  level: Level;
  /** e.g. 'latency', 'unknown answers', 'cost'. */
  topic: string;
  subject: Subject;
  /** How the subject reads: 'acme · support_triage'. */
  label: string;
  /** What happened, with numbers and units: 'unknown answers 2.6% → 17.4% since Thu 26 Nov'. */
  statement: string;
  /** The day the change started, when known (the drift p-chart's spike start, YYYY-MM-DD). */
  since?: string;
  /** Size relative to the red threshold (≥ 1 reached it); ranks signals within a level. */
  score: number;
  /** A week-over-week change: a candidate for "changed most since last week". */
  change: boolean;
  /** Element id of the evidence in the page. */
  anchor: string;
  /** The section holding the evidence. */
  section: string;
}

export interface Column {
  label: string;
  /** Row field to show (and to format), unless `value` computes it. */
  key?: string;
  value?: (row: Row) => unknown;
  format?: FormatName;
  /** Pre-escaped HTML for the cell (badges); `value`/`key` stay the sortable figure. */
  html?: (row: Row) => string;
  align?: 'left' | 'right';
}

/** A headline figure: shown in the verdict's strip and at the top of its section. */
export interface Figure {
  label: string;
  value: string;
  note?: string;
  level?: Level;
  /** Shown in the verdict's strip too, not only at the top of its section. */
  headline?: boolean;
  dataset: string;
}

export type Block =
  | { kind: 'text'; html: string }
  | { kind: 'figures'; items: Figure[] }
  | { kind: 'table'; id?: string; title: string; dataset: string; columns: Column[]; rows: Row[]; rowId?: (row: Row) => string; empty: string; note?: string; /** Fewer rows than report.max_table_rows for a long tail. */ limit?: number }
  | { kind: 'chart'; id: string; title: string; datasets: string[]; spec: VegaLiteSpec; description: string }
  | { kind: 'subsection'; id: string; title: string; blocks: Block[] };

export type SectionOutcome =
  | { status: 'ok'; blocks: Block[]; signals: Signal[]; figures?: Figure[]; summary?: string }
  | { status: 'missing'; reason: string; remedy?: string };

/**
 * A dataset is one query file, data/queries/report/<name>.sql, run with the report's parameters. Its rows are
 * aggregates (never raw records) and all of them go to report.json; a table shows the first report.max_table_rows.
 */
export interface DatasetSpec {
  name: string;
}

export interface SectionContext {
  week: IsoWeek;
  /** null: the report covers every tenant. */
  tenant: string | null;
  config: ReportConfig;
  /** Runs one of the section's datasets with $week, $week_start, $week_end, $prev_week, $tenant (+ extra); kept for report.json. */
  fetch<T = Row>(dataset: string, extra?: Record<string, SqlValue>): Promise<T[]>;
  /** Whether a table or view exists in the warehouse. */
  exists(name: string): boolean;
}

export interface SectionDefinition {
  /** snake_case; also the section's anchor id. */
  name: string;
  title: string;
  /** Every view or table the section's datasets read (test/reports/sections/registry.test.ts checks it against the SQL). */
  reads: readonly string[];
  datasets: readonly DatasetSpec[];
  /**
   * The objects that must exist before build runs, and what to say when one does not: the capability has not run
   * or is not configured, and which job or command would feed it. Never an empty chart or a zero.
   */
  needs: { objects: readonly string[]; missing: string; remedy: string };
  /**
   * Builds the section. Absent for a capability Assay does not have yet: the section then always reports its
   * `needs.missing`; when its tables appear, adding `build` (and its datasets) is all it takes.
   */
  build?: (ctx: SectionContext) => Promise<SectionOutcome>;
}

export function defineSection(def: SectionDefinition): SectionDefinition {
  return def;
}
