/* socialmap page pictures for slides and documents: Download PNG and Download SVG.
   Both hold the same composition of the current view: the title and subtitle above,
   the map as drawn (names included) with its key beside it, the source and the
   dates below. The PNG is drawn at twice the screen's resolution (at least); the
   SVG is built element by element (createElementNS, setAttribute, textContent) and
   serialised by the browser, so text from the data stays text (<text>, escaped) and
   the file holds no script and no outside reference. Run by start.js after print.js. */
function socialmapPictures() {
  "use strict";

  var socialmap = window.socialmap, data = socialmap.data, network = socialmap.network;
  var shared = socialmapLabels.shared, fontOf = shared.fontOf, FONT_FACE = shared.FONT_FACE;
  var KEY = 280, HEAD = 76, FOOT = 30, PAD = 16;  // CSS px: the key's column, the strips above and below the map
  var INK = "#1b1f24", MUTED = "#4f5760", LINE = "#d6dae0";
  var SVG = "http://www.w3.org/2000/svg";
  var measure = document.createElement("canvas").getContext("2d");

  function widthOf(font, text) { measure.font = font; return measure.measureText(text).width; }
  // text cut to room px with an ellipsis
  function cut(font, text, room) {
    if (widthOf(font, text) <= room) { return text; }
    var low = 0, high = text.length;
    while (low < high) {
      var mid = Math.ceil((low + high) / 2);
      if (widthOf(font, text.slice(0, mid).trimEnd() + "…") <= room) { low = mid; } else { high = mid - 1; }
    }
    return text.slice(0, low).trimEnd() + "…";
  }
  // text in lines of at most room px (a word longer than a line is cut)
  function wrap(font, text, room) {
    var lines = [], line = "";
    text.split(/\s+/).filter(Boolean).forEach(function (word) {
      var longer = line ? line + " " + word : word;
      if (widthOf(font, longer) <= room) { line = longer; return; }
      if (line) { lines.push(line); }
      line = cut(font, word, room);
    });
    if (line) { lines.push(line); }
    return lines;
  }
  function textOf(id) {
    var element = document.getElementById(id);
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  }

  // What surrounds a map of mapWidth x mapHeight CSS px: texts (baseline at y), swatches and rules, in CSS px.
  function composition(mapWidth, mapHeight) {
    var width = mapWidth + KEY, height = HEAD + mapHeight + FOOT;
    var texts = [], swatches = [], rules = [];
    function text(value, x, y, font, colour, anchor) {
      if (value) { texts.push({ text: value, x: x, y: y, font: font, colour: colour || INK, anchor: anchor || "start" }); }
    }
    var titleFont = fontOf(24, "700"), subtitleFont = fontOf(14), footFont = fontOf(12);
    text(cut(titleFont, textOf("sm-title"), width - 2 * PAD), PAD, 34, titleFont);
    text(cut(subtitleFont, textOf("sm-subtitle"), width - 2 * PAD), PAD, 58, subtitleFont, MUTED);
    rules.push([0, HEAD - 0.5, width, HEAD - 0.5], [mapWidth + 0.5, HEAD, mapWidth + 0.5, HEAD + mapHeight],
      [0, HEAD + mapHeight + 0.5, width, HEAD + mapHeight + 0.5]);

    // the key: the groups shown, each with its colour and count, then the key's words
    var left = mapWidth + PAD, room = KEY - 2 * PAD, y = HEAD + 26, bottom = HEAD + mapHeight - 8;
    text("Key", left, y, fontOf(16, "700"));
    y += 24;
    var entryFont = fontOf(13), countFont = fontOf(12), noteFont = fontOf(11.5);
    var shown = data.legend.map(function (entry, group) { return group; }).filter(function (group) {
      return !socialmap.groupHidden(group);
    });
    var stopped = false;
    shown.forEach(function (group, k) {
      if (stopped) { return; }
      if (y > bottom - 40 && k < shown.length - 1) {  // no room for the rest: say how many
        text("and " + (shown.length - k) + " more", left, y, noteFont, MUTED);
        stopped = true;
        y += 21;
        return;
      }
      var entry = data.legend[group], count = entry.count.toLocaleString("en-GB");
      var labelRoom = room - 24 - widthOf(countFont, count), lines = wrap(entryFont, entry.label, labelRoom);
      if (lines.length > 2) { lines = [lines[0], cut(entryFont, lines.slice(1).join(" "), labelRoom)]; }
      swatches.push({ x: left + 6, y: y - 4.5, r: 6, colour: entry.color });
      lines.forEach(function (line, n) { text(line, left + 18, y + 16 * n, entryFont); });
      text(count, left + room, y, countFont, MUTED, "end");
      y += 21 + 16 * (lines.length - 1);
    });
    var hidden = data.legend.length - shown.length;
    var notes = Array.prototype.map.call(document.querySelectorAll(".sm-key li:not(.sm-screen-only)"), function (item) {
      return item.textContent.replace(/\s+/g, " ").trim();
    });
    if (hidden) { notes.unshift((hidden === 1 ? "1 group" : hidden + " groups") + " of the key hidden in this view."); }
    y = Math.min(y, bottom) + 6;
    notes.forEach(function (note) {
      wrap(noteFont, note, room).forEach(function (line) {
        if (y <= bottom) { text(line, left, y, noteFont, MUTED); }
        y += 15;
      });
      y += 3;
    });

    var foot = HEAD + mapHeight + 20;
    var drawnOn = "Drawn " + today();
    text(cut(footFont, textOf("sm-source"), width - 3 * PAD - widthOf(footFont, drawnOn)), PAD, foot, footFont, MUTED);
    text(drawnOn, width - PAD, foot, footFont, MUTED, "end");
    return { width: width, height: height, map: { x: 0, y: HEAD, width: mapWidth, height: mapHeight },
             texts: texts, swatches: swatches, rules: rules };
  }

  function fileName(suffix) {
    return (document.title || "map").replace(/[^\w\- ]+/g, "").trim().replace(/\s+/g, "-") + suffix;
  }
  // Hand a file to the browser's downloads: nothing leaves the machine.
  function download(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  socialmap.download = download;
  socialmap.fileName = fileName;

  // --- PNG ----------------------------------------------------------------------
  // The composition on a canvas at ratio device pixels per CSS pixel.
  function picture(ratio) {
    var shot = socialmap.snapshot(ratio);
    var frame = network.canvas.frame.canvas;
    var layout = composition(frame.clientWidth, frame.clientHeight);
    var out = document.createElement("canvas");
    out.width = Math.round(layout.width * ratio);
    out.height = Math.round(layout.height * ratio);
    var ctx = out.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, layout.width, layout.height);
    ctx.drawImage(shot, layout.map.x, layout.map.y, layout.map.width, layout.map.height);
    ctx.strokeStyle = LINE;
    ctx.lineWidth = 1;
    layout.rules.forEach(function (r) { ctx.beginPath(); ctx.moveTo(r[0], r[1]); ctx.lineTo(r[2], r[3]); ctx.stroke(); });
    layout.swatches.forEach(function (s) {
      ctx.beginPath();
      ctx.arc(s.x, s.y, s.r, 0, 2 * Math.PI);
      ctx.fillStyle = s.colour;
      ctx.fill();
      ctx.strokeStyle = "rgba(0, 0, 0, 0.4)";
      ctx.stroke();
    });
    ctx.textBaseline = "alphabetic";
    layout.texts.forEach(function (t) {
      ctx.font = t.font;
      ctx.fillStyle = t.colour;
      ctx.textAlign = t.anchor === "end" ? "right" : "left";
      ctx.fillText(t.text, t.x, t.y);
    });
    return out;
  }
  socialmap.toPng = picture;
  document.getElementById("sm-png-button").addEventListener("click", function () {
    picture(Math.max(2, window.devicePixelRatio || 1)).toBlob(function (blob) { download(blob, fileName(".png")); }, "image/png");
  });

  // --- SVG ----------------------------------------------------------------------
  function element(name, attributes, parent) {
    var made = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { made.setAttribute(key, String(attributes[key])); });
    if (parent) { parent.appendChild(made); }
    return made;
  }
  function round(x) { return Math.round(x * 100) / 100; }
  // "600 13px system-ui, ..." -> {weight, size}
  function fontParts(font) {
    var found = /^(\d+)\s+([\d.]+)px/.exec(font || "");
    return found ? { weight: found[1], size: found[2] } : { weight: "400", size: "12" };
  }
  function textElement(t, parent) {
    var parts = fontParts(t.font);
    var made = element("text", { x: round(t.x), y: round(t.y), "font-size": parts.size, "font-weight": parts.weight,
      fill: t.colour, "text-anchor": t.anchor || "start" }, parent);
    made.textContent = t.text;
    return made;
  }

  // The current view as an SVG document (a string).
  function vector() {
    var frame = network.canvas.frame.canvas, mapWidth = frame.clientWidth, mapHeight = frame.clientHeight;
    var layout = composition(mapWidth, mapHeight);
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    function sx(x) { return round(x * scale + tx); }
    function sy(y) { return round(y * scale + ty); }
    var root = element("svg", { xmlns: SVG, width: layout.width, height: layout.height,
      viewBox: "0 0 " + layout.width + " " + layout.height, "font-family": FONT_FACE });
    element("title", {}, root).textContent = textOf("sm-title");
    element("rect", { width: layout.width, height: layout.height, fill: "#ffffff" }, root);
    var clip = element("clipPath", { id: "sm-map-clip" }, element("defs", {}, root));
    element("rect", { width: mapWidth, height: mapHeight }, clip);
    var map = element("g", { transform: "translate(" + layout.map.x + " " + layout.map.y + ")" }, root);
    var inside = element("g", { "clip-path": "url(#sm-map-clip)", "class": "sm-view" }, map);

    // community boxes and mind-map spokes, under everything
    var body = network.body.nodes;
    data.regions.forEach(function (box) {
      element("rect", { x: sx(box.x), y: sy(box.y), width: round(box.width * scale), height: round(box.height * scale),
        fill: "#1b1f24", "fill-opacity": 0.035, stroke: "#c3c9d1", "stroke-width": 1.5 }, inside);
    });
    var hubAt = new Map();
    data.hubs.forEach(function (hub) { hubAt.set(hub.key, hub); });
    function pointOf(key) {
      var node = hubAt.get(key) || body[key];
      return node && !(node.options && node.options.hidden) ? node : null;
    }
    var spokes = [];
    data.tree.from.forEach(function (from, t) {
      var a = pointOf(from), b = pointOf(data.tree.to[t]);
      if (a && b) { spokes.push("M" + sx(a.x) + " " + sy(a.y) + "L" + sx(b.x) + " " + sy(b.y)); }
    });
    if (spokes.length) {
      element("path", { d: spokes.join(""), fill: "none", stroke: "#5a636e", "stroke-opacity": 0.55, "stroke-width": 1.4 }, inside);
    }

    // links: one path per drawn width
    var byWidth = new Map();
    socialmap.edges.get({ fields: ["id", "from", "to"] }).forEach(function (link) {
      var a = body[link.from], b = body[link.to];
      if (!a || !b || a.options.hidden || b.options.hidden) { return; }
      var drawn = network.body.edges[link.id];
      // vis strokes a link its width in map units (so it grows with the zoom), at least 0.3 px
      var width = socialmap.fastEdges ? 0.8 : round(Math.max(((drawn && drawn.options.width) || 1) * scale, 0.3));
      if (!byWidth.has(width)) { byWidth.set(width, []); }
      byWidth.get(width).push("M" + sx(a.x) + " " + sy(a.y) + "L" + sx(b.x) + " " + sy(b.y));
    });
    Array.from(byWidth.keys()).sort(function (a, b) { return a - b; }).forEach(function (width) {
      element("path", { d: byWidth.get(width).join(""), fill: "none", stroke: "#9aa1aa",
        "stroke-opacity": data.faintLinks || socialmap.fastEdges ? 0.25 : 0.45, "stroke-width": width }, inside);
    });

    // one disc per account (or community) shown in the view
    var discs = element("g", { "class": "sm-accounts" }, inside);
    network.body.nodeIndices.forEach(function (id) {
      var node = body[id];
      if (!node || node.options.hidden) { return; }
      var r = (node.options.size || 0) * scale, x = sx(node.x), y = sy(node.y);
      if (x + r < 0 || y + r < 0 || x - r > mapWidth || y - r > mapHeight) { return; }
      var colour = node.options.color || {};
      var disc = element("circle", { cx: x, cy: y, r: round(Math.max(r, 0.5)), fill: colour.background || "#97c2fc",
        stroke: colour.border || "#3b3b3b", "stroke-width": node.options.borderWidth || 1 }, discs);
      if (node.options.opacity !== undefined && node.options.opacity < 1) { disc.setAttribute("opacity", String(node.options.opacity)); }
      var dashes = node.options.shapeProperties && node.options.shapeProperties.borderDashes;
      if (Array.isArray(dashes)) { disc.setAttribute("stroke-dasharray", dashes.join(" ")); }
      var index = socialmap.indexOf(id);
      element("title", {}, disc).textContent = index >= 0 ? data.nodes.label[index] : String(node.options.label || id);
    });

    // the names, where the page placed them (labels.js)
    var names = element("g", { "class": "sm-labels" }, inside);
    var rect = frame.getBoundingClientRect();
    socialmap.labelBoxes().forEach(function (box) {
      var left = box.left - rect.left, top = box.top - rect.top, right = box.right - rect.left, bottom = box.bottom - rect.top;
      var parts = fontParts(box.font);
      if (box.hub) {
        element("rect", { x: round(left), y: round(top), width: round(right - left), height: round(bottom - top),
          rx: round((bottom - top) / 4), fill: box.hub.fill, stroke: box.hub.border, "stroke-width": 1.5 }, names);
        textElement({ text: box.text, x: (left + right) / 2, y: (top + bottom) / 2 + parts.size * 0.35, font: box.font,
          colour: box.colour || INK, anchor: "middle" }, names);
        return;
      }
      var made = textElement({ text: box.text, x: left + 2, y: (top + bottom) / 2 + parts.size * 0.35, font: box.font,
        colour: box.colour || "#15191e" }, names);
      made.setAttribute("stroke", "#ffffff");
      made.setAttribute("stroke-opacity", "0.92");
      made.setAttribute("stroke-width", "3");
      made.setAttribute("stroke-linejoin", "round");
      made.setAttribute("paint-order", "stroke");
    });

    // around the map: rules, the key's colours, the words
    layout.rules.forEach(function (r) {
      element("line", { x1: r[0], y1: r[1], x2: r[2], y2: r[3], stroke: LINE, "stroke-width": 1 }, root);
    });
    layout.swatches.forEach(function (s) {
      element("circle", { cx: s.x, cy: s.y, r: s.r, fill: s.colour, stroke: "#000000", "stroke-opacity": 0.4 }, root);
    });
    var words = element("g", { "class": "sm-words" }, root);
    layout.texts.forEach(function (t) { textElement(t, words); });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root) + "\n";
  }
  socialmap.toSvg = vector;
  document.getElementById("sm-svg-button").addEventListener("click", function () {
    download(new Blob([vector()], { type: "image/svg+xml" }), fileName(".svg"));
  });
}
