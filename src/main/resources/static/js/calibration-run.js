/*
 * FactorDesk: while a calibration runs, asks every few seconds where it is and reloads
 * the scoring page once it is done, so that its draft (or why it failed) shows. Without
 * script the page says to reload it.
 */
(function () {
  'use strict';
  var run = document.getElementById('calibration-run');
  if (!run || !document.getElementById('calibration-running')) {
    return;
  }
  var url = run.getAttribute('data-status-url');
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.json() : { status: 'RUNNING' };
      })
      .then(function (status) {
        if (status.status === 'RUNNING') {
          window.setTimeout(poll, 3000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(poll, 10000);
      });
  }
  window.setTimeout(poll, 3000);
})();
