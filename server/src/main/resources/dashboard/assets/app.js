// The dashboard's only script of its own: it sends the CSRF token with htmx requests, draws the graphs and charts
// whose data a page carries as JSON (<script type="application/json">), and nothing else. Pages work without it;
// graphs then fall back to the tables beside them.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { e.detail.headers["X-CSRF-Token"] = meta.content; }
  });

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function drawGraph(container) {
    var spec = data(container.dataset.graph);
    if (!spec || typeof cytoscape === "undefined") { return; }
    var cy = cytoscape({
      container: container,
      elements: spec.elements,
      wheelSensitivity: 0.2,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "text-valign": "center", "text-halign": "center", "text-wrap": "wrap",
          "text-max-width": "140px", "font-size": "11px", "color": "#102a43", "background-color": "#d9e8f6",
          "border-color": "#1f5f99", "border-width": 1, "shape": "round-rectangle", "width": "150px", "height": "44px" } },
        { selector: "node[kind = 'branch'], node[kind = 'split']", style: { "shape": "diamond", "background-color": "#fff3c4", "width": "90px", "height": "60px" } },
        { selector: "node[kind = 'wait'], node[kind = 'wait-until'], node[kind = 'wait-for']", style: { "background-color": "#eee", "border-style": "dashed" } },
        { selector: "node[kind = 'handoff'], node[kind = 'journey-out']", style: { "background-color": "#e3d7f5", "border-color": "#5b2c9f" } },
        { selector: "node[kind = 'goal']", style: { "background-color": "#d3f0dc", "border-color": "#1e7b3a" } },
        { selector: "node[kind = 'exit']", style: { "background-color": "#f8d7d7", "border-color": "#a3262a" } },
        { selector: "node[kind = 'journey']", style: { "width": "170px", "height": "50px" } },
        { selector: "node[category = 'activation']", style: { "background-color": "#d9e8f6" } },
        { selector: "node[category = 'onboarding']", style: { "background-color": "#d3f0dc" } },
        { selector: "node[category = 'retention']", style: { "background-color": "#fff3c4" } },
        { selector: "node[category = 'growth']", style: { "background-color": "#e3d7f5" } },
        { selector: "edge", style: {
          "curve-style": "bezier", "target-arrow-shape": "triangle", "width": "data(weight)", "line-color": "#7b8794",
          "target-arrow-color": "#7b8794", "label": "data(label)", "font-size": "10px", "color": "#243b53",
          "text-background-color": "#fff", "text-background-opacity": 1, "text-background-padding": "2px" } }
      ],
      layout: spec.layout || { name: "breadthfirst", directed: true, spacingFactor: 1.1, padding: 10 }
    });
    cy.userZoomingEnabled(true);
  }

  function drawChart(container) {
    var spec = data(container.dataset.chart);
    if (!spec || typeof uPlot === "undefined" || spec.x.length === 0) { return; }
    var width = Math.max(300, container.clientWidth - 10);
    var series = [{}];
    var colours = ["#1f5f99", "#1e7b3a", "#a3262a", "#5b2c9f", "#8a5a00"];
    spec.series.forEach(function (s, i) { series.push({ label: s.label, stroke: colours[i % colours.length], width: 2 }); });
    new uPlot({ width: width, height: 240, series: series, axes: [{}, { label: spec.yLabel || "" }] },
      [spec.x].concat(spec.series.map(function (s) { return s.values; })), container);
  }

  function draw() {
    document.querySelectorAll("[data-graph]").forEach(drawGraph);
    document.querySelectorAll("[data-chart]").forEach(drawChart);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
