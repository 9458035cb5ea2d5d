/* socialmap page: builds the vis-network map from the JSON payload.
   Text from the data reaches the page only through textContent, option
   values and vis's text tooltips: never as HTML, never as code. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("sm-data").textContent);
  var columns = data.nodes;
  var count = columns.key.length;
  var LARGE = 3000;
  var FAST_EDGES = 5000;

  function firstFitScale(container, columns, data) {
    var xs = columns.x.concat(data.hubs.map(function (h) { return h.x; }));
    var ys = columns.y.concat(data.hubs.map(function (h) { return h.y; }));
    data.regions.forEach(function (r) { xs.push(r.x, r.x + r.width); ys.push(r.y, r.y + r.height); });
    if (!xs.length) { return 1; }
    function span(values) {
      var low = Infinity, high = -Infinity;
      for (var v = 0; v < values.length; v++) { low = Math.min(low, values[v]); high = Math.max(high, values[v]); }
      return high - low + 120;
    }
    var width = span(xs), height = span(ys);
    var scale = Math.min(container.clientWidth / width, container.clientHeight / height);
    return Math.min(Math.max(scale, 0.01), 1);
  }

  function nodeColour(base, placeholder) {
    if (placeholder) {
      return { background: "#ffffff", border: "#6b7280", highlight: { background: "#f3f4f6", border: "#111827" },
        hover: { background: "#f3f4f6", border: "#111827" } };
    }
    return { background: base, border: "#3b3b3b", highlight: { background: base, border: "#000000" },
      hover: { background: base, border: "#000000" } };
  }

  // The scale at which the whole map first fits: labels that must be read
  // at that first view (largest accounts, hubs, boxes) are sized from it.
  var fitScale = firstFitScale(document.getElementById("sm-map"), columns, data);
  var placeholders = new Set(columns.placeholder);
  var major = new Set(columns.major);
  var MAJOR_LABEL = { size: Math.max(24, 13 / fitScale), strokeWidth: 5 };
  var MINOR_LABEL = { size: 11 };
  var nodeList = new Array(count);
  for (var i = 0; i < count; i++) {
    var isPlaceholder = placeholders.has(i);
    nodeList[i] = {
      id: columns.key[i],
      label: columns.label[i],
      x: columns.x[i],
      y: columns.y[i],
      value: columns.value[i],
      title: columns.title[i],
      color: nodeColour(data.legend[columns.group[i]].color, isPlaceholder),
      font: major.has(i) ? MAJOR_LABEL : MINOR_LABEL,
      shapeProperties: { borderDashes: isPlaceholder ? [3, 3] : false }
    };
  }
  var edgeList = new Array(data.edges.from.length);
  for (var j = 0; j < edgeList.length; j++) {
    edgeList[j] = {
      id: j,
      from: columns.key[data.edges.from[j]],
      to: columns.key[data.edges.to[j]],
      value: data.edges.weight[j]
    };
  }

  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var large = count > LARGE;
  // vis builds an object per edge with its own merged options: with tens of
  // thousands of links that takes seconds. Above FAST_EDGES the links stay in
  // the edges DataSet (the model) but are stroked straight onto the canvas.
  var fastEdges = edgeList.length > FAST_EDGES;
  var options = {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: {
      hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
      keyboard: { enabled: true, bindToWindow: false }, multiselect: false
    },
    nodes: {
      shape: "dot",
      borderWidth: 1,
      scaling: {
        min: 6, max: 42,
        label: { enabled: false, drawThreshold: 7 }
      },
      font: { face: "system-ui, Segoe UI, Arial, sans-serif", color: "#15191e", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      smooth: false,
      color: { color: "#9aa1aa", highlight: "#2d3748", hover: "#2d3748", opacity: data.faintLinks ? 0.18 : 0.45 },
      scaling: { min: 0.6, max: 4 },
      arrows: { to: { enabled: edgeList.length <= 4000, scaleFactor: 0.35 } },
      selectionWidth: 1.5
    }
  };

  var container = document.getElementById("sm-map");
  var network = new vis.Network(container, { nodes: nodes, edges: fastEdges ? new vis.DataSet() : edges }, options);
  if (fastEdges) { drawEdgesOnCanvas(network, nodes, edges, large); }
  network.once("afterDrawing", function () {
    document.documentElement.dataset.socialmapReady = "true";
  });

  var urls = new Map();
  for (var k = 0; k < count; k++) {
    if (columns.url[k]) { urls.set(columns.key[k], columns.url[k]); }
  }
  network.on("click", function (params) {
    if (params.nodes.length !== 1) { return; }
    var url = urls.get(params.nodes[0]);
    if (url && /^https?:\/\//i.test(url)) {
      window.open(url, "_blank", "noopener,noreferrer");
    }
  });

  window.socialmap = { network: network, nodes: nodes, edges: edges, fastEdges: fastEdges, data: data };
  drawScaffolding(network, data);

  function drawEdgesOnCanvas(network, nodes, edges, large) {
    var pairs = [];
    function collect() {
      pairs = edges.get({ fields: ["from", "to"] });
      network.redraw();
    }
    collect();
    edges.on("*", collect);
    var moving = false;
    if (large) {
      network.on("dragStart", function () { moving = true; });
      network.on("dragEnd", function () { moving = false; network.redraw(); });
    }
    function stroke(ctx, list, colour, width) {
      var body = network.body.nodes;
      ctx.beginPath();
      for (var e = 0; e < list.length; e++) {
        var a = body[list[e].from], b = body[list[e].to];
        if (!a || !b || a.options.hidden || b.options.hidden) { continue; }
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
      }
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.stroke();
    }
    network.on("beforeDrawing", function (ctx) {
      var scale = network.getScale();
      if (!moving) { stroke(ctx, pairs, data.faintLinks ? "rgba(154, 161, 170, 0.12)" : "rgba(154, 161, 170, 0.28)", 0.8 / Math.max(scale, 0.05)); }
      var selected = network.getSelectedNodes();
      if (selected.length) {
        var wanted = new Set(selected);
        var touching = pairs.filter(function (p) { return wanted.has(p.from) || wanted.has(p.to); });
        stroke(ctx, touching, "rgba(45, 55, 72, 0.85)", 1.6 / Math.max(scale, 0.05));
      }
    });
  }

  // What is not an account: mind-map hubs and their tree links, community boxes.
  // Drawn on the canvas (text with fillText), never added to the DataSets.
  function drawScaffolding(network, data) {
    var hubs = data.hubs, tree = data.tree, regions = data.regions;
    if (!hubs.length && !tree.from.length && !regions.length) { return; }
    var hubAt = new Map();
    hubs.forEach(function (hub) { hubAt.set(hub.key, hub); });
    function pointOf(key) {
      var hub = hubAt.get(key);
      if (hub) { return hub; }
      var node = network.body.nodes[key];
      return node && !node.options.hidden ? node : null;
    }
    var HUB_STYLE = {
      region: { size: Math.max(46, 22 / fitScale), fill: "#1b1f24", border: "#1b1f24", text: "#ffffff" },
      area: { size: Math.max(30, 12 / fitScale), fill: "#ffffff", border: "#1b1f24", text: "#1b1f24" },
      branch: { size: Math.max(20, 8 / fitScale), fill: "#eef1f4", border: "#8a939e", text: "#1b1f24" }
    };
    var boxFont = Math.max(28, 14 / fitScale);
    network.on("beforeDrawing", function (ctx) {
      var scale = Math.max(network.getScale(), 0.05);
      regions.forEach(function (box) {
        ctx.fillStyle = "rgba(27, 31, 36, 0.035)";
        ctx.strokeStyle = "#c3c9d1";
        ctx.lineWidth = 1.5 / scale;
        ctx.fillRect(box.x, box.y, box.width, box.height);
        ctx.strokeRect(box.x, box.y, box.width, box.height);
        ctx.fillStyle = "#2d333b";
        ctx.font = "600 " + boxFont + "px system-ui, Segoe UI, Arial, sans-serif";
        ctx.textBaseline = "top";
        ctx.fillText(box.label, box.x + boxFont / 2, box.y + boxFont / 2.4, box.width - boxFont);
      });
      if (tree.from.length) {
        ctx.beginPath();
        for (var t = 0; t < tree.from.length; t++) {
          var a = pointOf(tree.from[t]), b = pointOf(tree.to[t]);
          if (!a || !b) { continue; }
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        }
        ctx.strokeStyle = "rgba(90, 99, 110, 0.55)";
        ctx.lineWidth = 1.4 / scale;
        ctx.stroke();
      }
    });
    network.on("afterDrawing", function (ctx) {
      hubs.forEach(function (hub) {
        var style = HUB_STYLE[hub.kind] || HUB_STYLE.branch;
        var size = style.size;
        ctx.font = "600 " + size + "px system-ui, Segoe UI, Arial, sans-serif";
        if (hub.room && ctx.measureText(hub.label).width > hub.room) {  // keep to the room the layout left
          size = Math.max(8, size * hub.room / ctx.measureText(hub.label).width);
          ctx.font = "600 " + size + "px system-ui, Segoe UI, Arial, sans-serif";
        }
        ctx.textBaseline = "middle";
        ctx.textAlign = "center";
        var width = ctx.measureText(hub.label).width + size * 0.9;
        var height = size * 1.6;
        ctx.fillStyle = style.fill;
        ctx.strokeStyle = style.border;
        ctx.lineWidth = size / 12;
        ctx.beginPath();
        ctx.roundRect(hub.x - width / 2, hub.y - height / 2, width, height, height / 4);
        ctx.fill();
        ctx.stroke();
        ctx.fillStyle = style.text;
        ctx.fillText(hub.label, hub.x, hub.y);
        ctx.textAlign = "start";
      });
    });
  }
})();
