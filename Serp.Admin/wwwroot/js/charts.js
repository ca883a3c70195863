// The one bridge to ApexCharts (loaded lazily from wwwroot/lib, copied there from npm by the build).
// C# sends a ChartSpec (Components/Shared/Charts/ChartSpec.cs); this module turns it into ApexCharts options.
const charts = new WeakMap();
let loading;

function library() {
  if (window.ApexCharts) return Promise.resolve(window.ApexCharts);
  loading ??= new Promise((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "lib/apexcharts/apexcharts.css";
    document.head.appendChild(css);
    const script = document.createElement("script");
    script.src = "lib/apexcharts/apexcharts.min.js";
    script.onload = () => resolve(window.ApexCharts);
    script.onerror = () => { loading = undefined; reject(new Error("ApexCharts could not be loaded")); };
    document.head.appendChild(script);
  });
  return loading;
}

function formatter(spec) {
  if (spec.percent) return v => v == null ? "" : `${(v * 100).toFixed(1)} %`;
  if (spec.currency) {
    const money = new Intl.NumberFormat(undefined, { style: "currency", currency: spec.currency.toUpperCase() });
    return v => v == null ? "" : money.format(v);
  }
  const count = new Intl.NumberFormat();
  return v => v == null ? "" : count.format(v);
}

function options(spec, dark) {
  const format = formatter(spec);
  const kind = spec.kind.toLowerCase();
  return {
    chart: {
      type: kind,
      height: spec.height,
      stacked: spec.stacked,
      stackOnlyBar: true,
      sparkline: { enabled: spec.sparkline },
      toolbar: { show: false },
      zoom: { enabled: false },
      animations: { enabled: false },
      background: "transparent",
      fontFamily: "inherit",
    },
    theme: { mode: dark ? "dark" : "light" },
    series: spec.series.map(s => ({ name: s.name, data: s.data, type: s.kind ? s.kind.toLowerCase() : undefined })),
    // Horizontal bars swap the axes: the values run along x, the categories down y.
    xaxis: { categories: spec.categories, labels: spec.horizontal ? { formatter: format } : { hideOverlappingLabels: true } },
    yaxis: { labels: spec.horizontal ? {} : { formatter: format } },
    stroke: {
      width: spec.series.map(s => (s.kind ?? spec.kind).toLowerCase() === "bar" ? 0 : 2),
      dashArray: spec.series.map(s => s.dashed ? 6 : 0),
      curve: "straight",
    },
    plotOptions: { bar: { horizontal: spec.horizontal } },
    dataLabels: { enabled: false },
    legend: { show: !spec.sparkline && spec.series.length > 1, position: "bottom" },
    tooltip: { theme: dark ? "dark" : "light", y: { formatter: format } },
    noData: { text: "No data in this period" },
  };
}

export async function create(element, spec, dark) {
  const ApexCharts = await library();
  destroy(element);
  const chart = new ApexCharts(element, options(spec, dark));
  charts.set(element, chart);
  await chart.render();
}

export async function update(element, spec, dark) {
  const chart = charts.get(element);
  if (!chart) return create(element, spec, dark);
  await chart.updateOptions(options(spec, dark), true, false);
}

export async function theme(element, dark) {
  const chart = charts.get(element);
  if (chart) await chart.updateOptions({ theme: { mode: dark ? "dark" : "light" }, tooltip: { theme: dark ? "dark" : "light" } }, false, false);
}

export function destroy(element) {
  const chart = charts.get(element);
  if (!chart) return;
  chart.destroy();
  charts.delete(element);
}
