/*
 * FactorDesk: asks before a form marked data-confirm is sent, with the text of that
 * attribute (what the action changes). A file of its own because the
 * Content-Security-Policy runs no inline script.
 */
(function () {
  'use strict';
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    });
  });
})();
