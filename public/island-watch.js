// A figure whose JavaScript cannot load says so. Astro hydrates each figure (an <astro-island>) by importing
// its code when the figure comes near; when that import fails (the network is off, or the page was left open
// across a redeploy that removed its old files) Astro fires `astro:hydration-error` on the island and the
// server-rendered figure stays on screen, looking live but doing nothing. This file, loaded as a plain
// external script (no module, no bundler, no inline code: it runs under a strict Content-Security-Policy and
// without any of the figures' own code), puts one message with a reload button above such a figure. The
// figure's static picture stays as it is.
(function () {
  'use strict';
  var MARK = 'data-island-failed';

  function message() {
    var offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return (
      'This figure could not start: its code (JavaScript) did not download' +
      (offline ? ', and this browser is offline. ' : '. The network may have dropped, or the site was updated since this page was opened. ') +
      'What you see is the picture made when the page was built; its controls do not respond. The rest of the page still works.'
    );
  }

  function show(island) {
    if (!island || island.hasAttribute(MARK)) return;
    island.setAttribute(MARK, '');
    var box = document.createElement('div');
    box.className = 'figure-problem island-failed';
    box.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.textContent = message();
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload the page';
    button.addEventListener('click', function () {
      location.reload();
    });
    box.appendChild(text);
    box.appendChild(button);
    island.parentNode.insertBefore(box, island);
  }

  document.addEventListener('astro:hydration-error', function (event) {
    var target = event.target;
    show(target && target.closest ? target.closest('astro-island') : null);
  });
})();
