/* fazhi web: the charts of the dashboard and the compare page (ECharts, served by fazhi). */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#9b1c1c", "#0b5cad", "#1a7f37", "#9a6700", "#7048e8", "#c2255c", "#0c8599", "#5c940d"];

  function histogram(d) {
    return {
      color: palette, tooltip: { trigger: "axis" }, grid: { left: 40, right: 16, top: 20, bottom: 40 },
      xAxis: { type: "category", data: d.labels }, yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: d.values }]
    };
  }
  function ranking(d) {
    return {
      color: palette, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 200, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", inverse: true, data: d.labels, axisLabel: { width: 190, overflow: "truncate" } },
      series: [{ type: "bar", data: d.values, label: { show: true, position: "right" } }]
    };
  }
  function compare(d) {
    if (d.kind === "bar") {
      return {
        color: palette, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 200, right: 40, top: 10, bottom: 30 },
        xAxis: { type: "value" },
        yAxis: { type: "category", inverse: true, data: d.labels, axisLabel: { width: 190, overflow: "truncate" } },
        series: d.series.map(function (s) { return { type: "bar", name: s.name, data: s.values, label: { show: true, position: "right" } }; })
      };
    }
    return {
      color: palette, tooltip: { trigger: "axis" }, legend: { type: "scroll", top: 0 },
      grid: { left: 60, right: 30, top: 50, bottom: 30 },
      xAxis: { type: "category", data: d.labels }, yAxis: { type: "value" },
      series: d.series.map(function (s) { return { type: "line", name: s.name, data: s.values, connectNulls: true }; })
    };
  }
  var builders = { histogram: histogram, ranking: ranking, compare: compare };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var name = el.getAttribute("data-chart");
    var d = data[name];
    if (!d || !builders[name]) { return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(builders[name](d));
    if (name === "ranking" && d.ids) {
      chart.on("click", function (p) { location.href = "/reports/" + d.ids[p.dataIndex]; });
    }
    el.setAttribute("data-rendered", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
