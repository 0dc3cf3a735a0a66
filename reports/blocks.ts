import type { Block, Column, Row } from './defineSection.ts';
import { FORMATS } from './format.ts';
import { esc } from './html.ts';
import type { DatasetRecord } from './reportJson.ts';

export interface RenderContext {
  datasets: ReadonlyMap<string, DatasetRecord>;
  /** SVG of each chart block, by block id (rendered before the page). */
  svgs: ReadonlyMap<string, string>;
  /** Rows a table shows; the rest stay in report.json and the query. */
  maxRows: number;
}

const RIGHT = new Set(['count', 'estimate', 'usd', 'usdChange', 'ms', 'pct', 'change', 'pp', 'number']);

function cellValue(c: Column, row: Row): unknown {
  return c.value ? c.value(row) : c.key ? row[c.key] : undefined;
}

function cell(c: Column, row: Row): string {
  if (c.html) return c.html(row);
  const v = cellValue(c, row);
  const f = FORMATS[c.format ?? 'text'] as (x: never) => string;
  return esc(f(v as never));
}

/** The caption line every table and chart carries: the named views an analyst can query, and the exact SQL. */
function provenance(names: readonly string[], ctx: RenderContext): { caption: string; details: string } {
  const records = names.map((n) => ctx.datasets.get(n)).filter((r): r is DatasetRecord => r !== undefined);
  const views = [...new Set(records.flatMap((r) => r.reads))];
  const caption = views.length ? `<span class="sql-name">SQL: ${views.map((v) => `<code>${esc(v)}</code>`).join(', ')}</span>` : '';
  const details = records.length
    ? `<details class="sql"><summary>Query</summary>${records.map((r) => `<pre>${esc(r.sql.trim())}</pre>`).join('')}</details>`
    : '';
  return { caption, details };
}

function table(b: Extract<Block, { kind: 'table' }>, ctx: RenderContext): string {
  const p = provenance([b.dataset], ctx);
  const total = b.rows.length;
  const rows = b.rows.slice(0, Math.min(ctx.maxRows, b.limit ?? Infinity));
  const head = b.columns.map((c) => `<th scope="col"${(c.align ?? (RIGHT.has(c.format ?? '') ? 'right' : 'left')) === 'right' ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map((row) => {
      const id = b.rowId ? ` id="${esc(b.rowId(row))}"` : '';
      const tds = b.columns.map((c) => `<td${(c.align ?? (RIGHT.has(c.format ?? '') ? 'right' : 'left')) === 'right' ? ' class="num"' : ''}>${cell(c, row)}</td>`).join('');
      return `<tr${id}>${tds}</tr>`;
    })
    .join('\n');
  const notes = [b.note ?? '', total > rows.length ? `Showing ${rows.length} of ${total} rows; report.json and the query give them all.` : '']
    .filter(Boolean)
    .map((n) => `<p class="table-note">${esc(n)}</p>`)
    .join('');
  const content = rows.length
    ? `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
    : `<p class="empty">${esc(b.empty)}</p>`;
  return `<figure class="table"${b.id ? ` id="${esc(b.id)}"` : ''}><figcaption><span class="title">${esc(b.title)}</span>${p.caption}</figcaption>${content}${notes}${p.details}</figure>`;
}

function chart(b: Extract<Block, { kind: 'chart' }>, ctx: RenderContext): string {
  const p = provenance(b.datasets, ctx);
  const svg = ctx.svgs.get(b.id) ?? '';
  return `<figure class="chart" id="${esc(b.id)}" data-chart="${esc(b.id)}"><figcaption><span class="title">${esc(b.title)}</span>${p.caption}</figcaption><div class="chart-svg" role="img" aria-label="${esc(b.description)}">${svg}</div>${p.details}</figure>`;
}

export function renderBlocks(blocks: readonly Block[], ctx: RenderContext): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'text':
          return b.html;
        case 'figures':
          return `<ul class="figures">${b.items
            .map((f) => `<li class="level-${esc(f.level ?? 'none')}"><span class="value">${esc(f.value)}</span><span class="label">${esc(f.label)}</span>${f.note ? `<span class="note">${esc(f.note)}</span>` : ''}</li>`)
            .join('')}</ul>`;
        case 'table':
          return table(b, ctx);
        case 'chart':
          return chart(b, ctx);
        case 'subsection':
          return `<section class="sub" id="${esc(b.id)}"><h3>${esc(b.title)}</h3>${renderBlocks(b.blocks, ctx)}</section>`;
      }
    })
    .join('\n');
}

/** Every chart block, however deeply nested, for rendering before the page. */
export function chartBlocks(blocks: readonly Block[]): Extract<Block, { kind: 'chart' }>[] {
  return blocks.flatMap((b) => (b.kind === 'chart' ? [b] : b.kind === 'subsection' ? chartBlocks(b.blocks) : []));
}
