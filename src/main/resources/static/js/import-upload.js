/*
 * FactorDesk: uploads an import file with a progress bar. The form posts as it would
 * without script; with script the upload's progress shows, then that the file is being
 * checked and written, and the answer (the report) replaces the page.
 */
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  var file = document.getElementById('import-file');
  if (!form || !file || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  form.addEventListener('submit', function (event) {
    if (!file.files || file.files.length === 0) {
      return;
    }
    event.preventDefault();
    var block = document.getElementById('import-progress-block');
    var bar = document.getElementById('import-progress');
    var text = document.getElementById('import-progress-text');
    var button = document.getElementById('import-submit');
    block.hidden = false;
    button.disabled = true;
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (progress) {
      if (progress.lengthComputable) {
        var percent = Math.floor(100 * progress.loaded / progress.total);
        bar.value = percent;
        bar.textContent = percent + ' %';
        text.textContent = percent + ' %';
      }
    });
    request.upload.addEventListener('load', function () {
      bar.removeAttribute('value');
      text.textContent = bar.getAttribute('data-checking');
    });
    request.addEventListener('load', function () {
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', function () {
      button.disabled = false;
      form.submit();
    });
    request.send(new FormData(form));
  });
})();
