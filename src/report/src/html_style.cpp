// The stylesheet of report.html: system fonts, a verdict header, badges, zebra tables, chart
// colours per stage, a layout that fits narrow screens, and print rules.
#include "html_parts.hpp"

namespace casim::report::html {

std::string_view stylesheet() {
  return R"css(:root { --pass: #1a7f37; --fail: #cf222e; --ink: #1f2328; --muted: #656d76; --line: #d0d7de;
  --zebra: #f6f8fa; --off: #d3d9e2; --pre: #4c7bd9; --dcv: #e3a21a; --review: #8957e5; --waiting: #2da198; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; }
header.verdict { padding: 20px 32px; color: #fff; }
header.verdict.pass { background: linear-gradient(90deg, #1a7f37, #2da44e); }
header.verdict.fail { background: linear-gradient(90deg, #a40e26, #cf222e); }
header h1 { margin: 0; font-size: 22px; font-weight: 600; }
header .verdict-text { margin: 4px 0 0; font-size: 18px; }
header .meta { margin: 2px 0 0; opacity: .85; color: #fff; }
main { padding: 8px 32px 40px; max-width: 1400px; }
h2 { font-size: 19px; margin: 24px 0 8px; display: inline-flex; gap: 10px; align-items: center; }
h3 { font-size: 15px; margin: 22px 0 8px; }
section.scenario { border-top: 1px solid var(--line); margin-top: 16px; }
summary { cursor: pointer; }
summary h2 { margin: 14px 0 4px; }
.meta, .note, .where { color: var(--muted); }
.note { font-size: 12.5px; margin: 4px 0; }
.error { color: var(--fail); font-weight: 600; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
  text-transform: uppercase; letter-spacing: .03em; color: #fff; background: var(--muted); }
.badge.pass, .badge.issued { background: var(--pass); }
.badge.fail, .badge.failed, .badge.rejected { background: var(--fail); }
.badge.cancelled { background: #6e7781; }
.badge.unfinished { background: #9a6700; }
.badge.not_placed { background: #c4cad3; color: var(--ink); }
.tag { background: #ddf4ff; color: #0969da; border-radius: 6px; padding: 0 6px; font-size: 12px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: #eef1f4; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3; padding: 0 4px; border-radius: 4px; }
ul.failed li { margin: 4px 0; }
ul.failed { padding-left: 20px; }
code.reproduce { user-select: all; word-break: break-all; }
.reseller-text { font-weight: 600; }
.chart { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 4px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 11px; fill: var(--ink); }
svg .row-label { font-size: 12px; }
svg .row-label.failed, svg .row-label.rejected { fill: var(--fail); }
svg .row-label.cancelled, svg .row-label.unfinished, svg .row-label.not_placed { fill: var(--muted); }
svg .zebra { fill: var(--zebra); }
svg .off { fill: var(--off); opacity: .85; }
svg .tick { stroke: #c4cad3; stroke-width: 1; }
svg .tick-label { fill: var(--muted); font-size: 10.5px; }
svg .tick-label.end { text-anchor: end; }
svg .bar { stroke: rgba(0, 0, 0, .15); }
.pre-review { fill: var(--pre); background: var(--pre); }
.dcv { fill: var(--dcv); background: var(--dcv); }
.review { fill: var(--review); background: var(--review); }
.waiting { fill: var(--waiting); background: var(--waiting); }
svg .mark { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
svg .mark.issued { fill: var(--pass); stroke: #fff; }
svg .mark.failed { fill: var(--fail); stroke: #fff; }
svg .mark.cancelled { fill: #6e7781; stroke: #fff; }
svg .mark.later { opacity: .45; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12.5px; margin: 4px 0 8px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 22px; height: 11px; border-radius: 3px; }
.swatch.off { background: var(--off); }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; border: 1.5px solid var(--ink); }
.histograms { display: flex; flex-wrap: wrap; gap: 16px; }
figure.histogram { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; flex: 1 1 420px; max-width: 520px; }
figcaption { font-weight: 600; font-size: 13px; }
svg .hbar { fill: #54aeff; }
svg .count { text-anchor: middle; font-size: 10px; fill: var(--muted); }
svg .axis { stroke: #8c959f; }
svg .axis-label { text-anchor: middle; fill: var(--muted); }
svg .pct { stroke: #bc4c00; stroke-dasharray: 4 3; stroke-width: 1.5; }
svg .pct-label { fill: #bc4c00; font-size: 10.5px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .pct-label.end { text-anchor: end; }
table.failures td { max-width: 360px; }
@media (max-width: 720px) { main { padding: 8px 12px 24px; } header.verdict { padding: 16px 12px; } }
@media print { header.verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart { overflow: visible; border: none; } section.scenario { break-inside: avoid-page; } a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
)css";
}

}  // namespace casim::report::html
