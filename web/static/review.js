// The review's charts, drawn with Chart.js (web/static/vendor/, installed by
// .ci/assets) from the figures the page carries in its JSON data block
// <script type="application/json" id="review-data">: data, never executed,
// so the CSP (script-src 'self') needs no exception. Every label comes from
// the catalogs through that block. Progressive enhancement only: the page
// shows every figure as a table, with or without this file.
(function () {
  "use strict";
  const block = document.getElementById("review-data");
  if (!block || typeof window.Chart === "undefined") return;
  let spec;
  try {
    spec = JSON.parse(block.textContent);
  } catch (e) {
    return;
  }
  const Chart = window.Chart;
  const rtl = spec.dir === "rtl";
  // The stylesheet's colours (WCAG AA against white), one per series.
  const palette = ["#0b5cad", "#b35900", "#1e6b35", "#a61b1b", "#5b3fa3", "#4a5263"];
  const still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1d2330";

  for (const fig of spec.charts || []) {
    const canvas = document.getElementById("chart-" + fig.id);
    if (!canvas) continue;
    const across = !!fig.horizontal;
    const single = fig.series.length === 1;
    const datasets = fig.series.map((s, i) => ({
      label: s.label,
      data: s.values,
      backgroundColor: palette[i % palette.length],
      borderWidth: 0,
    }));
    // Right to left, the categories run from the right and the value axis
    // stands on the right; across, the bars grow leftwards.
    const values = {
      beginAtZero: true,
      ticks: { precision: 0 },
      title: { display: true, text: fig.axis },
    };
    const categories = { grid: { display: false } };
    if (across) {
      values.reverse = rtl;
      categories.position = rtl ? "right" : "left";
    } else {
      categories.reverse = rtl;
      values.position = rtl ? "right" : "left";
    }
    const options = {
      indexAxis: across ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      locale: spec.locale,
      scales: across ? { x: values, y: categories } : { x: categories, y: values },
      plugins: {
        legend: { display: !single, position: "bottom", rtl: rtl, textDirection: spec.dir },
        tooltip: { rtl: rtl, textDirection: spec.dir },
      },
    };
    if (still) options.animation = false;
    new Chart(canvas, { type: fig.type, data: { labels: fig.labels, datasets: datasets }, options: options });
  }
})();
