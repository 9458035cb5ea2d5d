/* socialmap page start: draw the map, then its controls, once the map has a size.
   A page opened hidden (an app's background tab, a collapsed frame) has none yet:
   sizing labels and fitting the view to nothing would leave it unreadable when shown. */
(function () {
  "use strict";
  var container = document.getElementById("sm-map");
  // the page as opened, before any script changes it: "Save this view" saves a copy of it
  var pristine = document.documentElement.cloneNode(true);
  function hasSize() { return container.clientWidth > 0 && container.clientHeight > 0; }
  function start() { socialmapMap(); socialmapControls(); socialmapPrint(); socialmapPictures(); socialmapView(pristine); }
  if (hasSize() || !window.ResizeObserver) { start(); return; }
  var observer = new ResizeObserver(function () {
    if (hasSize()) { observer.disconnect(); start(); }
  });
  observer.observe(container);
})();
