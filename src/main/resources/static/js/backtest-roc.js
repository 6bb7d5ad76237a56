/*
 * FactorDesk: draws the ROC curves of the score and its challengers (risk/backtest.html)
 * from the JSON block #backtest-roc-data. A file of its own because the
 * Content-Security-Policy runs no inline script. The table #backtest-roc-table says the
 * same in text.
 */
(function () {
  'use strict';
  var canvas = document.getElementById('backtest-roc');
  var data = document.getElementById('backtest-roc-data');
  if (!canvas || !data || typeof Chart === 'undefined') {
    return;
  }
  var roc = JSON.parse(data.textContent);
  var colours = { score: '#0b5394', priorLateShare: '#b45f06', logisticRegression: '#38761d' };
  var datasets = roc.curves.map(function (curve) {
    return {
      label: roc.names[curve.name] + ' (' + roc.outcomes[curve.outcome] + ')',
      data: curve.x.map(function (x, i) { return { x: Number(x), y: Number(curve.y[i]) }; }),
      borderColor: colours[curve.name] || '#444444',
      backgroundColor: colours[curve.name] || '#444444',
      borderDash: curve.outcome === 'late30' ? [6, 4] : [],
      pointRadius: 0,
      borderWidth: 2,
      showLine: true,
      fill: false
    };
  });
  datasets.push({
    label: roc.chance,
    data: [{ x: 0, y: 0 }, { x: 1, y: 1 }],
    borderColor: '#767676',
    borderDash: [2, 2],
    pointRadius: 0,
    borderWidth: 1,
    showLine: true,
    fill: false
  });
  new Chart(canvas, {
    type: 'scatter',
    data: { datasets: datasets },
    options: {
      animation: false,
      scales: {
        x: { min: 0, max: 1, title: { display: true, text: roc.x } },
        y: { min: 0, max: 1, title: { display: true, text: roc.y } }
      }
    }
  });
})();
