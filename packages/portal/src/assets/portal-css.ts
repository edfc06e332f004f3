import { createHash } from 'node:crypto'

// Kept as a module string (not a .css file read at run time) so the bundled dist serves it without
// touching the file system. Colours are chosen for WCAG AA: text #1b1b1b, links #0b4f9c and
// the header red #9b1c1c all reach at least 7:1 on white / white-on-red.
/** The portal's one style sheet, served at `/assets/portal.css`. */
export const portalCss = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif;font-size:1.125rem;line-height:1.7;color:#1b1b1b;background:#fff;overflow-wrap:anywhere}
a{color:#0b4f9c;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#5a2d82}
a:hover{color:#062d5a;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 6px #ffdd00}
a:focus-visible{background:#ffdd00;color:#0b0c0c}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.skip-link{position:absolute;left:.5rem;top:-10rem;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c;z-index:10}
.skip-link:focus{top:.5rem}
.site-header{background:#9b1c1c;color:#fff}
.site-header a,.site-header a:visited{color:#fff}
.site-header a:focus-visible{color:#0b0c0c}
.header-inner,.site-main,.footer-inner,.crumbs{max-width:72rem;margin:0 auto;padding:0 1rem}
.header-inner{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-size:1.375rem;font-weight:700;text-decoration:none}
.brand-sub{display:inline-block;margin-left:.5rem;font-weight:400}
.footer-identity p{margin:.25rem 0}
.tag-template{color:#7a4500}
.link-list a{display:inline-block;min-height:1.5rem;margin:0 .5rem .375rem 0}
.site-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
.site-nav a{display:inline-block;padding:.25rem 0}
.site-nav a[aria-current="page"]{font-weight:700;text-decoration-thickness:3px}
.site-search{display:flex;flex-wrap:wrap;gap:.5rem;margin-left:auto;align-items:center}
.site-search input{width:12rem;max-width:100%}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;margin:.75rem 0 0;padding:0;font-size:1rem}
.crumbs li+li::before{content:"›";padding:0 .5rem;color:#505050}
.site-main{padding-top:1rem;padding-bottom:3rem}
h1{font-size:1.75rem;line-height:1.35;margin:.5rem 0 1rem}
h2{font-size:1.375rem;margin:2rem 0 .75rem}
h3{font-size:1.175rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.2rem;color:#2b2b2b}
.muted{color:#505050}
.site-footer{border-top:4px solid #9b1c1c;background:#f3f2f1;padding:1.5rem 0;font-size:1rem}
input,select,textarea,button{font:inherit;font-size:1rem}
input,select,textarea{border:2px solid #0b0c0c;border-radius:0;padding:.35rem .5rem;background:#fff;color:#1b1b1b;max-width:100%}
input[aria-invalid="true"],select[aria-invalid="true"]{border-color:#b10e1e;border-width:3px}
button,.button{display:inline-block;border:2px solid transparent;background:#00703c;color:#fff;padding:.4rem 1rem;cursor:pointer;text-decoration:none;line-height:1.5}
.button:visited{color:#fff}
button.secondary,.button.secondary{background:#f3f2f1;color:#0b0c0c;border-color:#0b0c0c}
button:hover,.button:hover{filter:brightness(.9)}
label{font-weight:600}
.field{margin:0 0 1rem}
.field label{display:block}
.hint{display:block;color:#505050;font-size:1rem}
.error-message{display:block;color:#b10e1e;font-weight:700}
.error-summary{border:4px solid #b10e1e;padding:1rem;margin:0 0 1.5rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#b10e1e;font-weight:700}
.notice{border-left:6px solid #0b4f9c;background:#eef4fb;padding:.75rem 1rem;margin:1rem 0}
.success{border-left-color:#00703c;background:#eaf6ee}
fieldset{border:1px solid #b1b4b6;padding:.75rem 1rem;margin:0 0 1.25rem;min-width:0}
legend{font-weight:700;padding:0 .25rem}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end;background:#f3f2f1;padding:.75rem 1rem;margin:0 0 1rem}
.filters .field{margin:0;min-width:0;max-width:100%}
.table-wrap{position:relative;max-width:100%;overflow-x:auto;margin:0 0 1.25rem;border:1px solid #b1b4b6}
table{border-collapse:collapse;width:100%;font-size:1rem}
caption{text-align:left;font-weight:700;padding:.5rem;caption-side:top}
th,td{border:1px solid #b1b4b6;padding:.4rem .5rem;vertical-align:top;text-align:left}
thead th{background:#f3f2f1}
.catalogue-table{min-width:68rem}
.report-table{min-width:44rem}
.catalogue-table td ul{margin:0;padding-left:1.1rem}
.status{display:inline-block;font-weight:700;padding:0 .3rem;border:2px solid currentColor;white-space:nowrap}
.status-ok{color:#00703c}
.status-bad{color:#b10e1e}
.status-none{color:#505050}
.tag{display:inline-block;font-size:.875rem;font-weight:700;padding:0 .3rem;border:2px solid currentColor;white-space:nowrap}
.tag-local{color:#5a2d82}
tr.local>td:first-child{box-shadow:inset 4px 0 0 #5a2d82}
details.source{min-width:9rem}
ul.layers{margin:0;padding-left:1.1rem}
details.source summary{cursor:pointer;color:#0b4f9c;text-decoration:underline}
details.source summary:focus-visible{background:#ffdd00;color:#0b0c0c}
details.source dl{margin:.25rem 0 0}
details.source dt{font-weight:700}
details.source dd{margin:0 0 .25rem}
details.source ul{margin:0;padding-left:1.1rem}
.grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.75rem}
.grid li{border:1px solid #b1b4b6;padding:.75rem}
.grid a{font-weight:700}
.cards{list-style:none;padding:0;margin:0}
.cards>li{border-top:1px solid #b1b4b6;padding:.75rem 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pair>section{border:1px solid #b1b4b6;padding:.75rem}
.pair h3{margin-top:0}
.layout-facets{display:grid;grid-template-columns:15rem 1fr;gap:1.5rem}
.facets h2{font-size:1.1rem;margin-top:0}
.facets ul{list-style:none;padding:0;margin:0 0 1rem}
dl.props{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.props dt{font-weight:700}
dl.props dd{margin:0}
/* 政民互动 texts keep the writer's line breaks. */
.pre-line{white-space:pre-line}
pre{background:#f3f2f1;padding:.75rem;overflow-x:auto;white-space:pre-wrap;font-size:.95rem}
.pager{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.chart{max-width:100%;height:auto}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,21rem),1fr));gap:1rem;margin:1rem 0}
.dept-chart{margin:0;padding:.75rem;border:1px solid #b1b4b6;min-width:0;break-inside:avoid}
.dept-chart figcaption{font-weight:700;margin:0 0 .5rem}
.dept-chart .chart{display:block;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.qr{width:42mm;height:42mm}
.print-sheet{max-width:190mm}
@media screen and (max-width:47.99rem){
  .table-wrap:has(>.catalogue-table){overflow:visible;border:0}
  .catalogue-table,.catalogue-table>caption,.catalogue-table>tbody{display:block;min-width:0}
  .catalogue-table>caption{padding:0 0 .5rem}
  .catalogue-table>thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
  .catalogue-table>tbody>tr{display:flex;flex-direction:column;border:1px solid #b1b4b6;padding:.75rem;margin:0 0 .75rem}
  .catalogue-table>tbody>tr.local{box-shadow:inset 4px 0 0 #5a2d82}
  .catalogue-table>tbody>tr>*{display:flow-root;border:0;padding:.125rem 0 .125rem 8.25em;min-width:0}
  .catalogue-table>tbody>tr>*::before{content:attr(data-label);float:left;width:7.5em;margin-left:-8.25em;font-weight:700;color:#2b2b2b}
  .catalogue-table>tbody>tr>th{order:-1;font-size:1.125rem;padding-left:0;margin:0 0 .25rem}
  .catalogue-table>tbody>tr>th::before{content:none}
  tr.local>td:first-child{box-shadow:none}
}
@media (max-width:40rem){
  body{font-size:1.0625rem}
  .layout-facets,.pair{grid-template-columns:1fr}
  .site-search{margin-left:0;width:100%}
  .site-search input{flex:1 1 8rem;width:auto}
  dl.props{grid-template-columns:1fr}
  h1{font-size:1.5rem}
}
mark{background:#fff0a8;color:#1b1b1b;padding:0 .05em}
.facets{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:.5rem 0 1rem}
.facets h2{font-size:1rem;margin:.25rem 0}
.facets ul{list-style:none;margin:0;padding:0}
.facets a[aria-current]{font-weight:700}
@media print{
  @page{size:A4;margin:15mm}
  body{font-size:11pt;color:#000}
  .site-header,.site-nav,.site-search,.skip-link,.crumbs,.site-footer,.filters,.no-print,form{display:none!important}
  a{color:#000}
  main a[href^="http"]::after,main a[href^="/"]::after{content:" (" attr(href) ")";font-size:9pt}
  .catalogue-table a::after{content:none}
  .table-wrap{overflow:visible;border:0}
  .catalogue-table{min-width:0;font-size:8pt}
  .report-table{min-width:0}
  tr,li{break-inside:avoid}
  .chart-grid{grid-template-columns:repeat(2,1fr);gap:4mm}
  thead{display:table-header-group}
}
`

/** Short content hash, so the URL changes when the sheet does and can be cached for a year. */
export const portalCssHash = createHash('sha256').update(portalCss).digest('hex').slice(0, 10)
