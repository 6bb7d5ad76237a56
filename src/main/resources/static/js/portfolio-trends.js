/*
 * FactorDesk: draws the trend charts of the portfolio dashboard (portfolio/trends.html) from
 * the JSON block #portfolio-trends-data, one line chart per canvas[data-chart]. A file of its
 * own because the Content-Security-Policy runs no inline script. The table beside each chart
 * says the same in text; without this script the page shows the tables alone.
 */
(function () {
  'use strict';
  var data = document.getElementById('portfolio-trends-data');
  if (!data || typeof Chart === 'undefined') {
    return;
  }
  var trends = JSON.parse(data.textContent);
  var colours = ['#0b5394', '#b45f06', '#38761d', '#741b47'];
  trends.charts.forEach(function (chart) {
    var canvas = document.querySelector('canvas[data-chart="' + chart.id + '"]');
    if (!canvas) {
      return;
    }
    var datasets = chart.figures.map(function (figure, i) {
      return {
        label: trends.names[figure] || figure,
        data: chart.series[i].map(function (value) { return value === null ? null : Number(value); }),
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
        borderDash: i === 0 ? [] : [6, 3 * i],
        pointRadius: 3,
        borderWidth: 2,
        spanGaps: false,
        fill: false
      };
    });
    new Chart(canvas, {
      type: 'line',
      data: { labels: trends.days, datasets: datasets },
      options: {
        animation: false,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: trends.units[chart.unit] } }
        }
      }
    });
  });
})();
