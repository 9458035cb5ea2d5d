/* socialmap page labels: the one routine that places every text drawn on the map.
   Account names, community names on an overview, mind-map hubs and box titles
   are drawn here, on the canvas after vis has drawn the dots, in screen pixels:
   one size rule (by importance, 11 to 15 px; hubs and titles a little larger),
   never two texts over each other, never outside the view. What does not fit
   waits for a zoom. Each draw records the boxes it drew (labelBoxes). Also here:
   the fit that takes in dots, hubs, boxes and the room their labels need.
   Run by map.js (socialmapMap); text is drawn with fillText, never as HTML. */
function socialmapLabels(network, page) {
  "use strict";
  var shared = socialmapLabels.shared;
  var NAME = shared.NAME, HUB = shared.HUB, TITLE = shared.TITLE, EDGE = shared.EDGE;
  var fontOf = shared.fontOf, widthOf = shared.widthOf;

  var MOST = 400, TRIES = 1500;  // at most so many names a view, tried in order of importance
  var DOT = 16;  // px: the cells in which dots are listed for names to keep off
  var HUB_STYLE = {
    region: { fill: "#1b1f24", border: "#1b1f24", text: "#ffffff" },
    area: { fill: "#ffffff", border: "#1b1f24", text: "#1b1f24" },
    branch: { fill: "#eef1f4", border: "#8a939e", text: "#1b1f24" }
  };
  var drawn = [];  // what the last draw wrote: {text, left, top, right, bottom} in the map's CSS px

  // text cut to fit room px, with an ellipsis; "" when not even a few letters fit
  function fitted(ctx, font, text, room) {
    if (widthOf(ctx, font, text) <= room) { return text; }
    var low = 0, high = text.length;
    while (low < high) {
      var mid = Math.ceil((low + high) / 2);
      if (widthOf(ctx, font, text.slice(0, mid).trimEnd() + "…") <= room) { low = mid; } else { high = mid - 1; }
    }
    return low < 3 ? "" : text.slice(0, low).trimEnd() + "…";
  }

  // A uniform grid over the view: what is already there, found by the cells a box covers.
  function Grid(cell) { this.cell = cell; this.cells = new Map(); }
  Grid.prototype.each = function (left, top, right, bottom, visit) {
    var c = this.cell;
    for (var x = Math.floor(left / c); x <= Math.floor(right / c); x++) {
      for (var y = Math.floor(top / c); y <= Math.floor(bottom / c); y++) {
        if (visit(x * 65536 + y) === true) { return true; }
      }
    }
    return false;
  };
  Grid.prototype.add = function (item, left, top, right, bottom) {
    var cells = this.cells;
    this.each(left, top, right, bottom, function (key) {
      var list = cells.get(key);
      if (list) { list.push(item); } else { cells.set(key, [item]); }
    });
  };
  Grid.prototype.any = function (left, top, right, bottom, test) {
    var cells = this.cells;
    return this.each(left, top, right, bottom, function (key) {
      var list = cells.get(key);
      return Boolean(list) && list.some(test);
    });
  };

  function crosses(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }

  function draw(ctx) {
    var view = network.body.view, scale = view.scale, tx = view.translation.x, ty = view.translation.y;
    var frame = network.canvas.frame.canvas, width = frame.clientWidth, height = frame.clientHeight;
    var ratio = frame.width / Math.max(width, 1);
    var texts = new Grid(64), written = new Set();
    drawn = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineJoin = "round";
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";

    function screenX(x) { return x * scale + tx; }
    function screenY(y) { return y * scale + ty; }
    function inView(box) {
      return box.left >= EDGE && box.top >= EDGE && box.right <= width - EDGE && box.bottom <= height - EDGE;
    }
    function free(box) { return inView(box) && !texts.any(box.left, box.top, box.right, box.bottom, function (b) { return crosses(b, box); }); }
    function keep(box) {
      texts.add(box, box.left, box.top, box.right, box.bottom);
      drawn.push(box);
      written.add(box.text);
    }
    function write(box, font, colour) {
      ctx.font = font;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
      ctx.strokeText(box.text, box.left + 2, (box.top + box.bottom) / 2);
      ctx.fillStyle = colour || "#15191e";
      ctx.fillText(box.text, box.left + 2, (box.top + box.bottom) / 2);
      box.font = font;
      box.colour = ctx.fillStyle;
    }

    // the dots on screen, listed in cells of DOT px: names keep off other dots where they can
    var across = Math.ceil(width / DOT) + 1, down = Math.ceil(height / DOT) + 1, dots = new Array(across * down);
    var body = network.body.nodes, ids = network.body.nodeIndices;
    for (var n = 0; n < ids.length; n++) {
      var node = body[ids[n]], r = (node.options.size || 0) * scale, x = screenX(node.x), y = screenY(node.y);
      if (x + r < 0 || y + r < 0 || x - r > width || y - r > height) { continue; }
      var dot = { id: ids[n], x: x, y: y, r: r };
      for (var gy = Math.max(Math.floor((y - r) / DOT), 0); gy <= Math.min(Math.floor((y + r) / DOT), down - 1); gy++) {
        for (var gx = Math.max(Math.floor((x - r) / DOT), 0); gx <= Math.min(Math.floor((x + r) / DOT), across - 1); gx++) {
          var at = gx + gy * across;
          if (dots[at]) { dots[at].push(dot); } else { dots[at] = [dot]; }
        }
      }
    }
    function onOtherDots(box, id) {
      for (var gy = Math.max(Math.floor(box.top / DOT), 0); gy <= Math.min(Math.floor(box.bottom / DOT), down - 1); gy++) {
        for (var gx = Math.max(Math.floor(box.left / DOT), 0); gx <= Math.min(Math.floor(box.right / DOT), across - 1); gx++) {
          var list = dots[gx + gy * across];
          for (var d = 0; list && d < list.length; d++) {
            var dot = list[d];
            if (dot.id === id) { continue; }
            var nx = Math.max(box.left, Math.min(dot.x, box.right)) - dot.x, ny = Math.max(box.top, Math.min(dot.y, box.bottom)) - dot.y;
            if (nx * nx + ny * ny < dot.r * dot.r) { return true; }
          }
        }
      }
      return false;
    }

    function hub(h) {
      var style = HUB_STYLE[h.kind] || HUB_STYLE.branch, size = HUB[h.kind] || HUB.branch;
      var font = fontOf(size, "600"), x = screenX(h.x), y = screenY(h.y);
      var w = widthOf(ctx, font, h.label) + size * 0.9, tall = size * 1.6;
      var box = { text: h.label, left: x - w / 2, top: y - tall / 2, right: x + w / 2, bottom: y + tall / 2 };
      ctx.fillStyle = style.border;
      if (!free(box) || onOtherDots(box, null)) {  // the spokes still meet at a point
        ctx.beginPath();
        ctx.arc(x, y, 3, 0, 2 * Math.PI);
        ctx.fill();
        return;
      }
      ctx.fillStyle = style.fill;
      ctx.strokeStyle = style.border;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.roundRect(box.left, box.top, w, tall, tall / 4);
      ctx.fill();
      ctx.stroke();
      ctx.font = font;
      ctx.fillStyle = style.text;
      ctx.textAlign = "center";
      ctx.fillText(h.label, x, y);
      ctx.textAlign = "left";
      box.font = font;
      box.colour = style.text;
      box.hub = style;
      keep(box);
    }

    function title(region) {
      var left = Math.max(screenX(region.x), EDGE), top = Math.max(screenY(region.y), EDGE);
      var right = Math.min(screenX(region.x + region.width), width - EDGE);
      var bottom = Math.min(screenY(region.y + region.height), height - EDGE);
      var font = fontOf(TITLE, "600"), tall = Math.round(TITLE * 1.35);
      if (bottom - top < tall + 6) { return; }
      var text = fitted(ctx, font, region.label, right - left - 14);
      if (!text) { return; }
      var box = { text: text, left: left + 5, top: top + 3, right: left + 9 + widthOf(ctx, font, text), bottom: top + 3 + tall };
      if (free(box)) { write(box, font, "#2d333b"); keep(box); }
    }

    // a name beside its dot: below, above, right or left, the first place free of other text (and of dots,
    // unless it is one of the few that must be named), inside the account's box if it is in one
    function name(text, id, x, y, r, size, weight, insist, clip) {
      if (written.has(text)) { return false; }
      var font = fontOf(size, weight), w = widthOf(ctx, font, text) + 4, tall = Math.round(size * 1.3);
      var gap = 2;
      var places = [
        { left: x - w / 2, top: y + r + gap }, { left: x - w / 2, top: y - r - gap - tall },
        { left: x + r + gap + 2, top: y - tall / 2 }, { left: x - r - gap - 2 - w, top: y - tall / 2 }
      ];
      var fallback = null;
      for (var p = 0; p < places.length; p++) {
        var box = { text: text, left: places[p].left, top: places[p].top, right: places[p].left + w, bottom: places[p].top + tall };
        if (!free(box) || (clip && !(box.left >= clip.left && box.right <= clip.right && box.top >= clip.top &&
            box.bottom <= clip.bottom))) { continue; }
        if (!onOtherDots(box, id)) { fallback = box; break; }
        if (insist && !mindMap && !fallback) { fallback = box; }
      }
      if (!fallback) { return false; }
      write(fallback, font);
      keep(fallback);
      return true;
    }

    var hubs = page.hubs();
    // a mind map's clusters are tight round their boxes: there a name waits for room rather than cover dots
    var mindMap = hubs.some(function (h) { return h.kind === "region"; });
    hubs.forEach(function (h) { if (h.kind === "region") { hub(h); } });
    hubs.forEach(function (h) { if (h.kind === "area") { hub(h); } });
    page.regions().forEach(title);
    page.communities().forEach(function (c, rank, all) {
      var node = body[c.id];
      if (!node || node.options.hidden) { return; }
      var size = NAME.min + (NAME.max - NAME.min) * Math.pow(1 - rank / Math.max(all.length - 1, 1), 2);
      name(c.text, c.id, screenX(node.x), screenY(node.y), node.options.size * scale, Math.round(size), "600", rank < 12);
    });
    var order = page.order(), first = page.priority(), total = order.length, placed = 0, tried = 0;
    function account(i, insist) {
      var id = page.keyAt(i), node = body[id];
      if (!node || node.options.hidden) { return; }
      var x = screenX(node.x), y = screenY(node.y), r = (node.options.size || 0) * scale;
      if (x < -r || y < -r || x > width + r || y > height + r) { return; }
      tried++;
      var size = NAME.min + (NAME.max - NAME.min) * Math.pow(page.levelOf(i), 3);
      var box = page.boxOf(i), clip = box && { left: screenX(box.x) + 2, top: screenY(box.y) + 2,
        right: screenX(box.x + box.width) - 2, bottom: screenY(box.y + box.height) - 2 };
      if (name(page.labelAt(i), id, x, y, r, Math.round(size), page.topOf(i) ? "600" : "400", insist, clip)) { placed++; }
    }
    first.forEach(function (i) { account(i, true); });
    page.major().forEach(function (i) { account(i, ids.length > 60); });
    hubs.forEach(function (h) { if (h.kind !== "region" && h.kind !== "area") { hub(h); } });
    // on a crowded map the dozen most important are named even where no place is free of dots
    for (var k = 0; k < total && placed < MOST && tried < TRIES; k++) { account(order[k], k < 12 && ids.length > 60); }
    ctx.restore();
  }

  network.on("afterDrawing", draw);

  return {
    boxes: function () {
      var rect = network.canvas.frame.canvas.getBoundingClientRect();
      return drawn.map(function (box) {
        return { text: box.text, left: rect.left + box.left, top: rect.top + box.top,
                 right: rect.left + box.right, bottom: rect.top + box.bottom,
                 font: box.font, colour: box.colour, hub: box.hub || null };  // how it was drawn: for the SVG
      });
    }
  };
}

// What the labels and the fit share: sizes, measuring (cached), and the fit itself.
socialmapLabels.shared = (function () {
  "use strict";
  var FONT_FACE = "system-ui, Segoe UI, Arial, sans-serif";
  var NAME = { min: 11, max: 15 };  // an account's name in px, least to most important
  var HUB = { region: 18, area: 15, branch: 12 };  // mind-map hubs' text in px
  var TITLE = 13;  // a box's title (community or area) in px
  var EDGE = 3;  // px kept clear inside the view's edge
  var widths = new Map();

  function fontOf(size, weight) { return (weight || "400") + " " + size + "px " + FONT_FACE; }

  function widthOf(ctx, font, text) {
    var key = font + "\u0000" + text;
    var width = widths.get(key);
    if (width === undefined) {
      ctx.font = font;
      width = ctx.measureText(text).width;
      if (widths.size > 50000) { widths.clear(); }
      widths.set(key, width);
    }
    return width;
  }

  // The view that takes in every item: {x, y, r} in map units (a dot and its radius) and {ex, ey}: px of room
  // it needs on screen beyond that (half a hub's box, a name's room). Scale at most maxScale.
  function fitOf(width, height, items, maxScale) {
    var room = [Math.max(width - 2 * EDGE, 40), Math.max(height - 2 * EDGE, 40)];
    if (!items.length) { return { position: { x: 0, y: 0 }, scale: 1 }; }
    var scale = Math.min(maxScale, 1), centre = [0, 0];
    for (var round = 0; round < 9; round++) {  // the items at the edges settle; the last round only centres
      var next = maxScale;
      [["x", "ex", 0], ["y", "ey", 1]].forEach(function (axis) {
        var low = Infinity, high = -Infinity, a = null, b = null;
        items.forEach(function (item) {
          var lo = (item[axis[0]] - item.r) * scale - item[axis[1]], hi = (item[axis[0]] + item.r) * scale + item[axis[1]];
          if (lo < low) { low = lo; a = item; }
          if (hi > high) { high = hi; b = item; }
        });
        var span = (b[axis[0]] + b.r) - (a[axis[0]] - a.r);
        if (span > 0) { next = Math.min(next, (room[axis[2]] - a[axis[1]] - b[axis[1]]) / span); }
        centre[axis[2]] = (low + high) / 2 / scale;
      });
      if (round < 8) { scale = Math.max(next, 0.002); }
    }
    return { position: { x: centre[0], y: centre[1] }, scale: scale };
  }

  function hubRoom(h) {
    var size = HUB[h.kind] || HUB.branch, ctx = document.createElement("canvas").getContext("2d");
    return { x: h.x, y: h.y, r: 0, ex: (widthOf(ctx, fontOf(size, "600"), h.label) + size) / 2 + 2, ey: size };
  }

  return { FONT_FACE: FONT_FACE, NAME: NAME, HUB: HUB, TITLE: TITLE, EDGE: EDGE, fontOf: fontOf, widthOf: widthOf,
           fitOf: fitOf, hubRoom: hubRoom };
})();
