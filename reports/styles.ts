/**
 * The report's only stylesheet, inlined into every page. Screen, phone (one column, tables scroll sideways) and
 * print (no navigation, no SQL folds, figures kept whole). Severity and verdict colours are the Okabe–Ito ones the
 * charts use, always beside an icon and a word.
 */
export const STYLES = `
:root { --ink: #1f1f1f; --muted: #5f5f5f; --line: #dedede; --soft: #f6f6f4; --accent: #0072B2;
  --red: #b34700; --red-bg: #fbe3d6; --amber: #8a5a00; --amber-bg: #fdf0d2; --green: #00694d; --green-bg: #dcf1e9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.masthead { padding: 20px 24px 14px; border-bottom: 1px solid var(--line); background: var(--soft); }
.masthead .brand { margin: 0; font-size: 13px; color: var(--muted); letter-spacing: 0.04em; text-transform: uppercase; }
.masthead h1 { margin: 2px 0 4px; font-size: 26px; line-height: 1.2; }
.masthead h1 .range { font-weight: 400; color: var(--muted); font-size: 20px; }
.masthead .scope { margin: 0; color: var(--muted); font-size: 14px; }
.layout { display: grid; grid-template-columns: 200px minmax(0, 1fr); gap: 28px; max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
nav.toc { position: sticky; top: 12px; align-self: start; font-size: 14px; }
nav.toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc li { margin: 0 0 6px; }
nav.toc a { text-decoration: none; color: var(--ink); }
nav.toc a:hover { text-decoration: underline; }
nav.toc .tag { font-size: 11px; color: var(--muted); }
main { min-width: 0; }
section.report-section { margin: 0 0 36px; }
h2 { font-size: 20px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 22px 0 8px; }
p { margin: 0 0 10px; max-width: 75ch; }
.lead { color: var(--muted); }
.verdict { border: 1px solid var(--line); border-left-width: 8px; border-radius: 6px; padding: 16px 20px; margin-bottom: 32px; }
.verdict.status-red { border-left-color: var(--red); }
.verdict.status-amber { border-left-color: #E69F00; }
.verdict.status-green { border-left-color: #009E73; }
.verdict h2 { border: 0; margin-bottom: 4px; }
.verdict .status-line { font-size: 17px; margin: 0 0 12px; }
.verdict h3 { margin: 16px 0 6px; font-size: 15px; }
.verdict ul.lines { margin: 0; padding: 0; list-style: none; }
.verdict ul.lines > li { padding: 6px 0; border-top: 1px solid var(--line); }
.verdict ul.lines > li:first-child { border-top: 0; }
.verdict .subject { font-weight: 650; }
.verdict .also, .verdict .evidence { font-size: 13px; color: var(--muted); }
.verdict .unavailable { font-size: 14px; color: var(--muted); margin-top: 14px; }
.lvl, .sev { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; white-space: nowrap; line-height: 1.6; }
.lvl-red, .sev-high { background: var(--red-bg); color: var(--red); }
.lvl-amber, .sev-medium { background: var(--amber-bg); color: var(--amber); }
.sev-low { background: #fbf6c9; color: #6b5f00; }
.lvl-green { background: var(--green-bg); color: var(--green); }
.lvl-info, .sev-none { background: #eeeeee; color: #444; }
.sev-insufficient_data { background: #fff; color: var(--muted); border: 1px dashed #aaa; }
ul.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; list-style: none; margin: 8px 0 16px; padding: 0; }
ul.figures li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fff; }
ul.figures .value { display: block; font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; }
ul.figures .label { display: block; font-size: 13px; color: var(--muted); }
ul.figures .note { display: block; font-size: 12px; color: var(--muted); }
ul.figures li.level-red { border-color: var(--red); }
ul.figures li.level-amber { border-color: #E69F00; }
figure { margin: 0 0 20px; }
figcaption { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 16px; align-items: baseline; margin-bottom: 4px; }
figcaption .title { font-weight: 600; }
.sql-name { font-size: 12px; color: var(--muted); }
.sql-name code { color: var(--ink); background: var(--soft); padding: 0 4px; border-radius: 3px; }
details.sql { font-size: 12px; color: var(--muted); margin-top: 4px; }
details.sql pre { white-space: pre-wrap; word-break: break-word; background: var(--soft); padding: 8px; border-radius: 4px; color: var(--ink); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { text-align: left; font-weight: 600; font-size: 12.5px; color: var(--muted); border-bottom: 1px solid #bbb; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafafa; }
tr:target, figure:target, section:target > h3 { background: #fff4c2; }
.table-note { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.chart-svg svg { display: block; }
.missing-note { border: 1px dashed #aaa; border-radius: 6px; padding: 12px 16px; background: var(--soft); max-width: 75ch; }
.missing-note strong { display: block; margin-bottom: 2px; }
.empty { color: var(--muted); font-style: italic; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); border: 0; }
footer { max-width: 1180px; margin: 0 auto; padding: 12px 24px 30px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); }
@media (max-width: 820px) {
  .layout { display: block; padding: 14px; }
  nav.toc { position: static; margin-bottom: 18px; }
  nav.toc ol { display: flex; flex-wrap: wrap; gap: 6px 14px; }
  .masthead { padding: 14px; }
  .masthead h1 { font-size: 21px; }
  .masthead h1 .range { display: block; font-size: 16px; }
  body { font-size: 14px; }
  .verdict { padding: 12px 14px; }
  ul.figures { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  ul.figures li { padding: 6px 8px; }
  ul.figures .value { font-size: 17px; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  nav.toc, details.sql, .no-print { display: none !important; }
  .layout { display: block; padding: 0; max-width: none; }
  .masthead { background: none; padding: 0 0 8px; }
  a { color: inherit; text-decoration: none; }
  figure, .verdict, ul.figures li, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .scroll { overflow: visible; }
  table { font-size: 9pt; }
  tbody tr:nth-child(even) { background: none; }
  .lvl, .sev { border: 1px solid currentColor; }
}
`;
