/* socialmap page printing: what prints is what is drawn.
   vis draws the map on a canvas sized for the screen; a print lays the page out again
   (landscape: title, the map beside its key, the reach tables after), where that canvas
   would print blank or stretched. Just before printing (beforeprint, or the print media
   query for browsers that announce it only there), the current view is drawn again at
   twice the screen's resolution, names included, onto a second canvas that the print
   styles show in the map's place (a canvas: drawn at once, nothing to decode before the
   print is laid out); after printing it is dropped. Also here: snapshot(), the current
   view as a canvas, for the PNG and the print. Run by start.js after controls.js. */
function socialmapPrint() {
  "use strict";

  var socialmap = window.socialmap, network = socialmap.network;

  // The current view, names and all, drawn at `ratio` device pixels per CSS pixel onto a new canvas, on white.
  function snapshot(ratio) {
    var canvas = network.canvas;
    canvas._determinePixelRatio = function () { return ratio; };  // vis asks this on every resize
    canvas.setSize();
    network.renderer._redraw();
    var source = canvas.frame.canvas;
    var out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    delete canvas._determinePixelRatio;  // back to the prototype's: the screen's own ratio
    canvas.setSize();
    network.redraw();
    return out;
  }
  socialmap.snapshot = snapshot;

  var holder = document.querySelector(".sm-canvas");
  var copy = null;
  function beforePrint() {
    document.getElementById("sm-about").open = true;  // the explanation goes on paper too
    if (copy) { return; }
    copy = snapshot(2);
    copy.className = "sm-print-map";
    copy.setAttribute("role", "img");
    copy.setAttribute("aria-label", document.getElementById("sm-map").getAttribute("aria-label") || "Network map");
    holder.appendChild(copy);
  }
  function afterPrint() {
    if (copy) { copy.remove(); copy = null; }
  }
  socialmap.preparePrint = beforePrint;
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  var printing = window.matchMedia ? window.matchMedia("print") : null;
  if (printing && printing.addEventListener) {
    printing.addEventListener("change", function (event) { if (event.matches) { beforePrint(); } });
  }
}
