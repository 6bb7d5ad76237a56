/*
 * FactorDesk: draws a debtor's score history (debtors/show.html) from the JSON block
 * #score-history-data. A file of its own because the Content-Security-Policy runs no
 * inline script.
 */
(function () {
  'use strict';
  var canvas = document.getElementById('score-history');
  var data = document.getElementById('score-history-data');
  if (!canvas || !data || typeof Chart === 'undefined') {
    return;
  }
  var history = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: 'line',
    data: { labels: history.labels, datasets: [{ label: history.label, data: history.scores, tension: 0.2 }] },
    options: { animation: false, scales: { y: { min: 0, max: 100 } }, plugins: { legend: { display: false } } }
  });
})();
