/** The HTML report's stylesheet, inlined in a `<style>` element (no external font or file is ever loaded). */
export const STYLE = String.raw`
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --page: #ffffff; --accent: #3b3fb8;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #c0262d; --fail-bg: #ffebe9;
  --na: #59636e; --na-bg: #eef1f4; --error: #8a5a00; --error-bg: #fff4c2; --warn: #9a6700; --warn-bg: #fff8c5;
  --radius: 10px;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; scroll-padding-top: 4.5rem; }
body { margin: 0; font: 15px/1.55 var(--sans); color: var(--ink); background: var(--soft); }
a { color: var(--accent); text-underline-offset: 2px; }
code, .mono { font-family: var(--mono); font-size: 0.86em; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0 0 0.5rem; }
h1 { font-size: 1.7rem; letter-spacing: -0.01em; }
h2 { font-size: 1.25rem; margin-top: 0.5rem; }
h3 { font-size: 1.02rem; margin-top: 1.5rem; }
h4 { font-size: 0.92rem; margin-top: 1.1rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }

.topbar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 1rem; flex-wrap: wrap;
  padding: 0.6rem 1.5rem; background: rgba(255,255,255,0.94); backdrop-filter: blur(6px); border-bottom: 1px solid var(--line); }
.topbar .brand { font-weight: 700; margin-right: auto; }
.topbar .brand a { color: inherit; text-decoration: none; display: inline-flex; align-items: center; gap: 0.5rem; }
.pill { display: inline-flex; align-items: center; gap: 0.35rem; padding: 0.15rem 0.65rem; border-radius: 999px;
  font-size: 0.82rem; font-weight: 600; background: var(--na-bg); color: var(--na); white-space: nowrap; }
.pill.pass { background: var(--pass-bg); color: var(--pass); }
.pill.fail { background: var(--fail-bg); color: var(--fail); }
.pill.error { background: var(--error-bg); color: var(--error); }

main { max-width: 1180px; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
.card { background: var(--page); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem 1.5rem; margin-bottom: 1.25rem; }
.intro p { margin: 0.25rem 0; color: var(--muted); max-width: 75ch; }
.meta { font-size: 0.85rem; }

.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0.75rem; margin: 0.75rem 0 1.25rem; }
.stat { border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 1rem; background: var(--page); }
.stat b { display: block; font-size: 1.6rem; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat span { color: var(--muted); font-size: 0.85rem; }
.stat.fail b { color: var(--fail); } .stat.pass b { color: var(--pass); } .stat.error b { color: var(--error); }

.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: var(--radius); }
table { border-collapse: collapse; width: 100%; background: var(--page); }
th, td { padding: 0.5rem 0.7rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: var(--soft); font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
tbody tr:last-child td { border-bottom: 0; }
.grid td.site { font-weight: 600; white-space: nowrap; }
.grid td.site a { color: var(--ink); text-decoration: none; }
.grid td.site a:hover { text-decoration: underline; }
.grid th.rule { text-align: center; min-width: 7.5rem; text-transform: none; letter-spacing: 0; color: var(--ink); font-size: 0.85rem; }
.grid th.rule small { display: block; font-weight: 400; font-family: var(--mono); font-size: 0.72rem; }
.grid td.cell { text-align: center; }

.badge { display: inline-flex; align-items: center; gap: 0.35rem; padding: 0.1rem 0.55rem; border-radius: 6px;
  font-size: 0.8rem; font-weight: 600; white-space: nowrap; text-decoration: none; }
.badge::before { content: ""; width: 0.55rem; height: 0.55rem; border-radius: 50%; background: currentColor; }
.badge.pass { background: var(--pass-bg); color: var(--pass); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.badge.not-applicable, .badge.absent { background: var(--na-bg); color: var(--na); }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.legend { display: flex; gap: 0.4rem 0.9rem; flex-wrap: wrap; margin: 0.75rem 0 0; font-size: 0.85rem; color: var(--muted); align-items: center; }

.chart { margin: 1.5rem 0 0; }
.chart figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.25rem; }
.chart svg { width: 100%; max-width: 820px; height: auto; display: block; }
.chart .label { font: 600 13px var(--sans); fill: var(--ink); }
.chart .value { font: 12px var(--sans); fill: var(--muted); }
.chart .track { fill: var(--na-bg); }
.chart .bar { fill: var(--fail); }
.chart .bar.zero { fill: var(--pass); }

details.site { background: var(--page); border: 1px solid var(--line); border-radius: var(--radius); margin-bottom: 0.9rem; overflow: hidden; }
details.site > summary { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; padding: 0.85rem 1.25rem; cursor: pointer; list-style: none; }
details.site > summary::-webkit-details-marker { display: none; }
details.site > summary::before { content: "▸"; color: var(--muted); transition: transform 0.15s; }
details.site[open] > summary::before { transform: rotate(90deg); }
details.site[open] > summary { border-bottom: 1px solid var(--line); background: var(--soft); }
details.site > summary .host { font-weight: 700; font-size: 1.05rem; overflow-wrap: anywhere; }
details.site > summary .count { color: var(--muted); font-size: 0.88rem; margin-left: auto; }
.site-body { padding: 0.5rem 1.25rem 1.25rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.75rem 0; font-size: 0.9rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.error-box { border-left: 4px solid var(--error); background: var(--error-bg); padding: 0.75rem 1rem; border-radius: 6px; margin: 0.75rem 0; }
.error-box pre { white-space: pre-wrap; margin: 0.25rem 0 0; font-family: var(--mono); font-size: 0.85rem; }

.banner { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 1.25rem; align-items: start; }
@media (max-width: 800px) { .banner { grid-template-columns: 1fr; } }
.shot { margin: 0; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; background: var(--soft); }
.shot img { display: block; width: 100%; height: auto; }
.shot figcaption { font-size: 0.8rem; color: var(--muted); padding: 0.35rem 0.6rem; border-top: 1px solid var(--line); }
.shot.empty { padding: 2rem 1rem; text-align: center; color: var(--muted); font-size: 0.9rem; }
.checks { list-style: none; padding: 0; margin: 0 0 0.75rem; font-size: 0.9rem; }
.checks li { padding: 0.15rem 0; }
.checks .yes { color: var(--pass); font-weight: 600; } .checks .no { color: var(--fail); font-weight: 600; }
blockquote.banner-text { margin: 0; padding: 0.6rem 0.9rem; border-left: 3px solid var(--line); background: var(--soft);
  color: var(--muted); font-size: 0.88rem; white-space: pre-wrap; max-height: 14rem; overflow: auto; border-radius: 0 6px 6px 0; }

.results { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
.result { border: 1px solid var(--line); border-radius: 8px; padding: 0.7rem 1rem; }
.result.fail { border-left: 4px solid var(--fail); }
.result.pass { border-left: 4px solid var(--pass); }
.result.error { border-left: 4px solid var(--error); }
.result.not-applicable { border-left: 4px solid var(--na); }
.result header { display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
.result header strong { font-size: 0.96rem; }
.result header code { color: var(--muted); }
.result .notes { color: var(--muted); font-size: 0.88rem; margin: 0.3rem 0 0; }
.findings { margin: 0.6rem 0 0; padding-left: 1.2rem; }
.findings li { margin: 0.3rem 0; }
.findings .where { color: var(--muted); font-size: 0.82rem; }
.evidence { font-family: var(--mono); font-size: 0.78rem; color: var(--muted); overflow-wrap: anywhere; }
.evidence summary { font-family: var(--sans); cursor: pointer; font-size: 0.8rem; width: max-content; }
.advice { display: grid; gap: 0.4rem; margin-top: 0.7rem; font-size: 0.9rem; }
.advice > div { background: var(--soft); border-radius: 6px; padding: 0.5rem 0.75rem; }
.advice b { display: block; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
details.why summary { cursor: pointer; color: var(--muted); font-size: 0.85rem; margin-top: 0.5rem; }
details.why p { font-size: 0.88rem; margin: 0.3rem 0 0; }

table.cookies { font-size: 0.85rem; }
table.cookies td.name { font-family: var(--mono); font-weight: 600; overflow-wrap: anywhere; min-width: 9rem; }
table.cookies td.value { font-family: var(--mono); overflow-wrap: anywhere; max-width: 14rem; color: var(--muted); }
table.cookies td.domain { overflow-wrap: anywhere; }
table.cookies tr.flagged td.name { color: var(--fail); }
table.cookies .small { display: block; color: var(--muted); font-size: 0.78rem; overflow-wrap: anywhere; }
table.cookies .flag { display: block; font-family: var(--sans); font-weight: 500; font-size: 0.74rem; color: var(--fail); }
.note { color: var(--muted); font-size: 0.85rem; }
.back { font-size: 0.85rem; display: inline-block; margin-top: 1rem; }
footer { color: var(--muted); font-size: 0.82rem; text-align: center; padding: 1rem; }

@media print {
  .topbar { position: static; }
  body { background: #fff; }
  details.site { break-inside: avoid-page; }
}
`;
