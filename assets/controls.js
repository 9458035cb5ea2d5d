/* socialmap page controls: legend filters, search, reach panel, present mode,
   PNG download, printing. Everything is built with createElement and
   textContent; nothing from the data becomes HTML or code. */
(function () {
  "use strict";

  var socialmap = window.socialmap;
  var network = socialmap.network, nodes = socialmap.nodes, data = socialmap.data;
  var columns = data.nodes;
  var count = columns.key.length;

  // Legend: one checkbox per colour group; unticking hides its accounts (and so their links).
  var members = data.legend.map(function () { return []; });
  for (var i = 0; i < count; i++) { members[columns.group[i]].push(columns.key[i]); }
  var legendList = document.getElementById("sm-legend-items");
  data.legend.forEach(function (entry, index) {
    var item = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.group = String(index);
    var swatch = document.createElement("span");
    swatch.className = "sm-swatch";
    swatch.style.backgroundColor = entry.color;
    var name = document.createElement("span");
    name.textContent = entry.label;
    var number = document.createElement("span");
    number.className = "sm-count";
    number.textContent = entry.count.toLocaleString("en-GB");
    label.append(box, swatch, name, number);
    item.appendChild(label);
    legendList.appendChild(item);
    box.addEventListener("change", function () {
      item.classList.toggle("sm-off", !box.checked);
      nodes.update(members[index].map(function (key) { return { id: key, hidden: !box.checked }; }));
      network.redraw();
    });
  });

  // Search: pick a name or handle; the map zooms to it and highlights it with its neighbours.
  var searchInput = document.getElementById("sm-search");
  var searchResult = document.getElementById("sm-search-result");
  var choices = document.getElementById("sm-accounts");
  var byText = new Map();
  for (var m = 0; m < count; m++) {
    var choice = columns.label[m] + " (" + columns.handle[m] + ")";
    byText.set(choice.toLowerCase(), columns.key[m]);
    if (m < 5000) {
      var option = document.createElement("option");
      option.value = choice;
      choices.appendChild(option);
    }
  }
  function findAccount(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return null; }
    if (byText.has(wanted)) { return byText.get(wanted); }
    for (var n = 0; n < count; n++) {
      if (columns.label[n].toLowerCase().indexOf(wanted) !== -1 ||
          columns.handle[n].toLowerCase().indexOf(wanted) !== -1) {
        return columns.key[n];
      }
    }
    return null;
  }
  function showAccount(event) {
    if (event) { event.preventDefault(); }
    var key = findAccount(searchInput.value);
    if (key === null) {
      searchResult.textContent = searchInput.value.trim() ? "No match" : "";
      return;
    }
    if (nodes.get(key).hidden) { nodes.update({ id: key, hidden: false }); }
    var neighbours = network.getConnectedNodes(key);
    searchResult.textContent = neighbours.length + " linked";
    network.selectNodes([key].concat(neighbours), true);
    network.focus(key, { scale: 1.4, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
  }
  document.getElementById("sm-search-form").addEventListener("submit", showAccount);
  searchInput.addEventListener("change", showAccount);

  // Reach summary: shown or hidden.
  var reach = document.getElementById("sm-reach");
  var reachButton = document.getElementById("sm-reach-button");
  function toggleReach(show) {
    if (!reach) { return; }
    reach.hidden = !show;
    reachButton.setAttribute("aria-expanded", String(show));
    if (show) { document.getElementById("sm-reach-close").focus(); } else { reachButton.focus(); }
  }
  if (reach) {
    reachButton.addEventListener("click", function () { toggleReach(reach.hidden); });
    document.getElementById("sm-reach-close").addEventListener("click", function () { toggleReach(false); });
  } else {
    reachButton.hidden = true;
  }

  // Present mode: full screen, controls hidden; Escape (or leaving full screen) ends it.
  var presentButton = document.getElementById("sm-present-button");
  function present(on) {
    document.body.classList.toggle("sm-presenting", on);
    if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().catch(function () { return null; });
    }
    if (!on && document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () { return null; });
    }
    setTimeout(function () { network.fit(); }, 150);
  }
  presentButton.addEventListener("click", function () { present(true); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.body.classList.contains("sm-presenting")) { present(false); }
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && document.body.classList.contains("sm-presenting")) { present(false); }
  });

  // Download PNG: the current view, redrawn at (at least) twice the screen's resolution, on white.
  function canvasPng(scale) {
    var canvas = network.canvas;
    var ratio = Math.max(2, (window.devicePixelRatio || 1) * scale);
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
  socialmap.toPng = canvasPng;
  document.getElementById("sm-png-button").addEventListener("click", function () {
    canvasPng(2).toBlob(function (blob) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = (document.title || "map").replace(/[^\w\- ]+/g, "").trim().replace(/\s+/g, "-") + ".png";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }, "image/png");
  });

  // Printing: open the explanation so it is on paper too.
  window.addEventListener("beforeprint", function () { document.getElementById("sm-about").open = true; });
})();
