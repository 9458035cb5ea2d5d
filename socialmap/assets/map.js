/* socialmap page: builds the vis-network map from the JSON payload.
   Text from the data reaches the page only through textContent, option
   values and vis's text tooltips: never as HTML, never as code.
   A large map (the payload has an "overview") opens on one node per
   community; expanding one swaps it for its accounts, in place.
   Run by start.js once the map has a size. */
function socialmapMap() {
  "use strict";

  var data = JSON.parse(document.getElementById("sm-data").textContent);
  var columns = data.nodes;
  var count = columns.key.length;
  var LARGE = 3000;
  var FAST_EDGES = 5000;
  // Community nodes' ids start with a space: no account key can (keys are trimmed).
  var COMMUNITY = " community ";

  // --- the columns --------------------------------------------------------
  // A text column is a list, or {values, index} when its values repeat.
  function textColumn(column) {
    if (Array.isArray(column)) { return function (i) { return column[i]; }; }
    return function (i) { var at = column.index[i]; return at < 0 ? null : column.values[at]; };
  }
  var platformAt = textColumn(columns.platform);
  var areaAt = textColumn(columns.area);
  var categoryAt = textColumn(columns.category);
  var descriptionAt = textColumn(columns.description);
  var urlPrefixAt = textColumn(columns.url.prefix);
  var extras = columns.extra.map(function (extra) { return { heading: extra.heading, at: textColumn(extra.values) }; });
  var placeholders = new Set(columns.placeholder);
  var major;  // the accounts labelled at every zoom: columns.major, kept apart (below)
  var faded = new Set(columns.faded || []);  // a change map's removed accounts: drawn see-through

  function urlAt(i) { return (urlPrefixAt(i) || "") + columns.url.rest[i]; }

  // 1234567 -> "1,234,567" (Python's "{:,.0f}" of a whole number).
  function grouped(number) { return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  // Python's "{:g}": six significant figures, trailing zeros dropped, exponent when very large or small.
  function formatG(x) {
    if (x === 0) { return "0"; }
    var parts = x.toExponential(5).split("e");
    var exponent = Number(parts[1]);
    if (exponent < -4 || exponent >= 6) {
      var size = Math.abs(exponent);
      return parts[0].replace(/\.?0+$/, "") + "e" + (exponent < 0 ? "-" : "+") + (size < 10 ? "0" : "") + size;
    }
    return x.toFixed(5 - exponent).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  }

  // The hover text of account i, in tooltip_text's words (render.py): plain text, one fact a line.
  function tooltipOf(i) {
    var lines = [columns.label[i]];
    lines.push([columns.handle[i], platformAt(i), areaAt(i)].filter(Boolean).join(" · "));
    if (placeholders.has(i)) {
      lines.push("Not in the accounts file: named in a relationship only");
    } else {
      if (categoryAt(i)) { lines.push("Category: " + categoryAt(i)); }
      var followers = columns.followers[i];
      lines.push("Followers: " + (followers === null ? "unknown" : grouped(followers)));
      if (columns.posts[i] !== null) { lines.push("Posts a week: " + formatG(columns.posts[i])); }
    }
    lines.push("Community: " + data.communities[columns.community[i]]);
    if (descriptionAt(i)) { lines.push("", descriptionAt(i)); }
    extras.forEach(function (extra) {
      var value = extra.at(i);
      if (value !== null && value !== undefined) { lines.push(extra.heading + ": " + value); }
    });
    return lines.join("\n");
  }

  // Links: each account's links out (the payload gives how many; targets follow in order).
  var linkStart = new Int32Array(count + 1);
  for (var s = 0; s < count; s++) { linkStart[s + 1] = linkStart[s] + data.edges.out[s]; }
  var linkTo = data.edges.to;
  var linkWeight = data.edges.weight;
  var linksIn = null;

  function weightOf(e) { return linkWeight ? linkWeight[e] : 1; }

  // Links into each account (sources and link numbers), built when first needed.
  function incoming() {
    if (linksIn) { return linksIn; }
    var total = linkTo.length;
    var start = new Int32Array(count + 1), source = new Int32Array(total), link = new Int32Array(total);
    for (var e = 0; e < total; e++) { start[linkTo[e] + 1]++; }
    for (var i = 0; i < count; i++) { start[i + 1] += start[i]; }
    var next = start.slice(0, count);
    for (var from = 0; from < count; from++) {
      for (var f = linkStart[from]; f < linkStart[from + 1]; f++) {
        var at = next[linkTo[f]]++;
        source[at] = from;
        link[at] = f;
      }
    }
    linksIn = { start: start, source: source, link: link };
    return linksIn;
  }

  // The accounts linked to account i, either way, each once.
  function neighboursOf(i) {
    var into = incoming(), seen = new Set();
    for (var e = linkStart[i]; e < linkStart[i + 1]; e++) { seen.add(linkTo[e]); }
    for (var r = into.start[i]; r < into.start[i + 1]; r++) { seen.add(into.source[r]); }
    seen.delete(i);
    return Array.from(seen);
  }

  // --- what vis draws -----------------------------------------------------
  function nodeColour(base, placeholder) {
    if (placeholder) {
      return { background: "#ffffff", border: "#6b7280", highlight: { background: "#f3f4f6", border: "#111827" },
        hover: { background: "#f3f4f6", border: "#111827" } };
    }
    return { background: base, border: "#3b3b3b", highlight: { background: base, border: "#000000" },
      hover: { background: base, border: "#000000" } };
  }

  function span(values, pad) {
    var low = Infinity, high = -Infinity;
    for (var v = 0; v < values.length; v++) {
      low = Math.min(low, values[v] - (pad ? pad[v] : 0));
      high = Math.max(high, values[v] + (pad ? pad[v] : 0));
    }
    return high - low + 120;
  }

  // The scale at which the first view fits: labels that must be read there are sized from it.
  function firstFitScale(container, xs, ys, pad) {
    data.hubs.forEach(function (h) { xs.push(h.x); ys.push(h.y); if (pad) { pad.push(0); } });
    data.regions.forEach(function (r) {
      xs.push(r.x, r.x + r.width); ys.push(r.y, r.y + r.height);
      if (pad) { pad.push(0, 0); }
    });
    if (!xs.length) { return 1; }
    var scale = Math.min(container.clientWidth / span(xs, pad), container.clientHeight / span(ys, pad));
    return Math.min(Math.max(scale, 0.01), 1);
  }

  var overview = data.overview || null;
  var container = document.getElementById("sm-map");
  var fitScale = overview
    ? firstFitScale(container, overview.x.slice(), overview.y.slice(), null)
    : firstFitScale(container, columns.x.slice(), columns.y.slice(), null);
  var FONT_FACE = "system-ui, Segoe UI, Arial, sans-serif";
  var MAJOR_LABEL = { size: Math.max(24, 13 / fitScale), strokeWidth: 5 };
  // The text size of the mind map's hubs, in map units: readable at the first view's scale.
  var HUB_SIZE = { region: Math.max(46, 22 / fitScale), area: Math.max(30, 12 / fitScale), branch: Math.max(20, 8 / fitScale) };
  var hiddenGroups = new Set();

  // One colour object per group, shared: vis reads it, never writes to it.
  var groupColours = data.legend.map(function (entry) { return nodeColour(entry.color, false); });
  var PLACEHOLDER_COLOUR = nodeColour("", true);
  var DASHED = { borderDashes: [3, 3] };

  // An account as vis draws it; only what differs from the defaults in options (vis merges each node's options).
  function accountNode(i) {
    var node = {
      id: columns.key[i],
      label: columns.label[i],
      x: columns.x[i],
      y: columns.y[i],
      value: columns.value[i],
      title: tooltipOf(i),
      color: groupColours[columns.group[i]]
    };
    if (placeholders.has(i)) { node.color = PLACEHOLDER_COLOUR; node.shapeProperties = DASHED; }
    if (major.has(i)) { node.font = MAJOR_LABEL; }
    if (faded.has(i)) { node.opacity = 0.35; }
    if (hiddenGroups.has(columns.group[i])) { node.hidden = true; }
    return node;
  }

  function accountLink(e, from) {
    return { id: e, from: columns.key[from], to: columns.key[linkTo[e]], value: weightOf(e) };
  }

  // Sizes scale between the smallest and largest of all accounts, drawn or not,
  // so that a dot keeps its size when more communities are shown.
  var lowest = Infinity, highest = -Infinity;
  for (var v = 0; v < count; v++) {
    lowest = Math.min(lowest, columns.value[v]);
    highest = Math.max(highest, columns.value[v]);
  }
  function scaled(min, max, total, value) {
    return highest > lowest ? Math.max(0, (value - lowest) / (highest - lowest)) : 0.5;
  }
  var SIZE_RANGE = { min: 6, max: 42 };  // a dot's radius, smallest to largest account (vis's scaling)
  major = keptApart(columns.major);

  // Where the mind map's region and area boxes are drawn (branch boxes wait for a zoom): labels keep off them.
  function hubBoxes(ctx) {
    return data.hubs.filter(function (hub) { return hub.kind !== "branch"; }).map(function (hub) {
      var box = hubBox(ctx, hub);
      return { left: hub.x - box.width / 2, right: hub.x + box.width / 2,
               top: hub.y - box.height / 2, bottom: hub.y + box.height / 2 };
    });
  }

  // A hub's text size, fitted to the room the layout left it, and its box; leaves ctx.font set to draw it.
  function hubBox(ctx, hub) {
    var size = HUB_SIZE[hub.kind] || HUB_SIZE.branch;
    ctx.font = "600 " + size + "px " + FONT_FACE;
    if (hub.room && ctx.measureText(hub.label).width > hub.room) {
      size = Math.max(8, size * hub.room / ctx.measureText(hub.label).width);
      ctx.font = "600 " + size + "px " + FONT_FACE;
    }
    return { size: size, width: ctx.measureText(hub.label).width + size * 0.9, height: size * 1.6 };
  }

  // Labels shown at every zoom must not write over each other. From the largest account down, a label
  // that would cross one already kept waits for a zoom, like every other label. Boxes are measured as
  // vis will draw them: the text under its dot, in the large labels' font.
  function keptApart(candidates) {
    var ctx = document.createElement("canvas").getContext("2d");
    var margin = MAJOR_LABEL.strokeWidth + MAJOR_LABEL.size * 0.15, boxes = hubBoxes(ctx), kept = [];
    ctx.font = MAJOR_LABEL.size + "px " + FONT_FACE;
    candidates.slice().sort(function (a, b) { return columns.value[b] - columns.value[a] || a - b; })
      .forEach(function (i) {
        var radius = SIZE_RANGE.min + scaled(0, 0, 0, columns.value[i]) * (SIZE_RANGE.max - SIZE_RANGE.min);
        var half = ctx.measureText(columns.label[i]).width / 2 + margin, top = columns.y[i] + radius;
        var box = { left: columns.x[i] - half, right: columns.x[i] + half, top: top,
                    bottom: top + MAJOR_LABEL.size * 1.5 + margin };
        var crosses = boxes.some(function (other) {
          return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
        });
        if (!crosses) { boxes.push(box); kept.push(i); }
      });
    return new Set(kept);
  }

  // --- the overview: one node per community ---------------------------------
  var expanded = overview ? new Uint8Array(data.communities.length) : null;
  var membersOf = null;  // account indices per community, built on first expand
  var groupsOf = null;  // colour groups per community, built when a group is first hidden
  var overviewAt = new Map();
  if (overview) { overview.community.forEach(function (c, k) { overviewAt.set(c, k); }); }

  function communityId(c) { return COMMUNITY + c; }
  function communityOfId(id) {
    return typeof id === "string" && id.lastIndexOf(COMMUNITY, 0) === 0 ? Number(id.slice(COMMUNITY.length)) : null;
  }

  function members() {
    if (!membersOf) {
      membersOf = data.communities.map(function () { return []; });
      for (var i = 0; i < count; i++) { membersOf[columns.community[i]].push(i); }
    }
    return membersOf;
  }

  function communityHidden(c) {
    if (!hiddenGroups.size) { return false; }
    if (!groupsOf) {
      groupsOf = data.communities.map(function () { return new Set(); });
      for (var i = 0; i < count; i++) { groupsOf[columns.community[i]].add(columns.group[i]); }
    }
    return Array.from(groupsOf[c]).every(function (g) { return hiddenGroups.has(g); });
  }

  function communityTooltip(k) {
    var names = overview.largest[k].map(function (i) { return columns.label[i]; });
    return [
      data.communities[overview.community[k]],
      grouped(overview.accounts[k]) + (overview.accounts[k] === 1 ? " account" : " accounts") +
        " · potential reach " + grouped(overview.followers[k]) + " followers",
      "Largest: " + names.join("; "),
      "Double-click to show its accounts."
    ].join("\n");
  }

  // A community's disc: area in proportion to its accounts, the largest 48 px
  // across at the first view; its label (name, accounts) in the middle, large
  // for large communities, too small to draw for small ones until zoomed in.
  var largestCommunity = overview ? Math.max.apply(null, overview.accounts.concat([1])) : 1;
  function communityNode(c) {
    var k = overviewAt.get(c);
    var share = Math.sqrt(overview.accounts[k] / largestCommunity);
    var size = Math.max(48 * share, 5) / fitScale;
    var font = 22 * share / fitScale;
    var colour = data.legend[overview.group[k]].color;
    return {
      id: communityId(c),
      label: data.communities[c] + "\n" + grouped(overview.accounts[k]) + (overview.accounts[k] === 1 ? " account" : " accounts"),
      x: overview.x[k],
      y: overview.y[k],
      size: size,
      title: communityTooltip(k),
      color: { background: colour, border: "#1b1f24", highlight: { background: colour, border: "#000000" },
        hover: { background: colour, border: "#000000" } },
      opacity: 0.85,
      borderWidth: 2,
      font: { size: font, strokeWidth: Math.max(3, font / 5), vadjust: -size - font * 1.1 },
      hidden: communityHidden(c)
    };
  }

  // The links drawn on the overview: between communities whose accounts are
  // not shown (summed in Python), and between shown accounts. Links from a
  // shown account to a community not shown are left out: thousands of long
  // lines fanning out would hide the accounts (and take long to draw).
  function overviewLink(k) {
    var pairs = overview.links;
    return { id: "o" + k, from: communityId(pairs.from[k]), to: communityId(pairs.to[k]),
      value: pairs.weight[k], arrows: { to: { enabled: false } } };
  }

  function overviewLinks() {
    var list = [];
    for (var k = 0; k < overview.links.from.length; k++) {
      if (!expanded[overview.links.from[k]] && !expanded[overview.links.to[k]]) { list.push(overviewLink(k)); }
    }
    return list;
  }

  // The ids of the overview links of community c.
  var linksOfCommunity = null;
  function communityLinkIds(c) {
    if (!linksOfCommunity) {
      linksOfCommunity = data.communities.map(function () { return []; });
      overview.links.from.forEach(function (a, k) {
        linksOfCommunity[a].push("o" + k);
        linksOfCommunity[overview.links.to[k]].push("o" + k);
      });
    }
    return linksOfCommunity[c];
  }

  // The links between community c's accounts and the accounts already shown (c's own included).
  function accountLinksOf(c) {
    var list = [], into = incoming();
    members()[c].forEach(function (i) {
      for (var e = linkStart[i]; e < linkStart[i + 1]; e++) {
        if (expanded[columns.community[linkTo[e]]]) { list.push(accountLink(e, i)); }
      }
      for (var r = into.start[i]; r < into.start[i + 1]; r++) {
        var source = into.source[r], from = columns.community[source];
        if (from !== c && expanded[from]) { list.push(accountLink(into.link[r], source)); }
      }
    });
    return list;
  }

  function viewChanged() { document.dispatchEvent(new CustomEvent("socialmap:view")); }

  // Make several changes to the DataSets, then draw once. (With physics off,
  // vis redraws at once after every change: expanding 10,000 accounts would
  // draw the whole map two or three times over.)
  function batch(change) {
    var emitter = network.body.emitter;
    emitter.emit("_blockRedraw");
    try { change(); } finally { emitter.emit("_allowRedraw"); }
    network.redraw();
  }

  // Show community c's accounts in place of its node; false if it was shown already.
  function expand(c) {
    if (!overview || expanded[c] || !overviewAt.has(c)) { return false; }
    expanded[c] = 1;
    var accounts = members()[c].map(accountNode);
    var links = accountLinksOf(c);
    batch(function () {
      edges.remove(communityLinkIds(c));
      nodes.remove(communityId(c));
      nodes.add(accounts);
      edges.add(links);
    });
    viewChanged();
    return true;
  }

  // A reader's double-click: the community's accounts, brought into view.
  function showCommunity(c) {
    if (!overview || !overviewAt.has(c)) { return; }
    expand(c);
    var keys = members()[c].map(function (i) { return columns.key[i]; });
    network.fit({ nodes: keys, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  }

  // Back to one node per community, the whole map in view.
  function collapseAll() {
    if (!overview) { return; }
    var gone = [], back = [];
    members().forEach(function (accounts, c) {
      if (!expanded[c]) { return; }
      accounts.forEach(function (i) { gone.push(columns.key[i]); });
      back.push(c);
    });
    expanded.fill(0);
    batch(function () {
      edges.clear();
      nodes.remove(gone);
      nodes.add(back.map(communityNode));
      edges.add(overviewLinks());
    });
    network.fit({ animation: false });
    viewChanged();
  }

  // Hide or show a colour group (the legend's checkboxes): its accounts, and
  // a collapsed community whose every account is in hidden groups.
  function setGroupHidden(group, hidden) {
    if (hidden) { hiddenGroups.add(group); } else { hiddenGroups.delete(group); }
    var changes = [];
    for (var i = 0; i < count; i++) {
      if (columns.group[i] === group && (!overview || expanded[columns.community[i]])) {
        changes.push({ id: columns.key[i], hidden: hidden });
      }
    }
    if (overview) {
      overview.community.forEach(function (c) {
        if (!expanded[c]) { changes.push({ id: communityId(c), hidden: communityHidden(c) }); }
      });
    }
    batch(function () { nodes.update(changes); });
  }

  // --- the network ------------------------------------------------------------
  var nodeList, edgeList;
  if (overview) {
    nodeList = overview.community.map(communityNode);
    edgeList = overviewLinks();
  } else {
    nodeList = new Array(count);
    for (var i = 0; i < count; i++) { nodeList[i] = accountNode(i); }
    edgeList = new Array(linkTo.length);
    for (var from = 0; from < count; from++) {
      for (var e = linkStart[from]; e < linkStart[from + 1]; e++) { edgeList[e] = accountLink(e, from); }
    }
  }

  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var large = count > LARGE;
  // vis builds an object per edge with its own merged options: with tens of
  // thousands of links that takes seconds. Above FAST_EDGES the links stay in
  // the edges DataSet (the model) but are stroked straight onto the canvas.
  var fastEdges = linkTo.length > FAST_EDGES;
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
        min: SIZE_RANGE.min, max: SIZE_RANGE.max, customScalingFunction: scaled,
        label: { enabled: false, drawThreshold: 7 }
      },
      font: { size: 11, face: FONT_FACE, color: "#15191e", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      smooth: false,
      color: { color: "#9aa1aa", highlight: "#2d3748", hover: "#2d3748", opacity: data.faintLinks ? 0.18 : 0.45 },
      scaling: { min: 0.6, max: 4 },
      arrows: { to: { enabled: linkTo.length <= 4000, scaleFactor: 0.35 } },
      selectionWidth: 1.5
    }
  };

  var network = new vis.Network(container, { nodes: nodes, edges: fastEdges ? new vis.DataSet() : edges }, options);
  if (fastEdges) { drawEdgesOnCanvas(network, nodes, edges, large); }
  network.once("afterDrawing", function () {
    document.documentElement.dataset.socialmapReady = "true";
  });

  var indexOf = new Map();
  for (var k = 0; k < count; k++) { indexOf.set(columns.key[k], k); }
  network.on("click", function (params) {
    if (params.nodes.length !== 1 || !indexOf.has(params.nodes[0])) { return; }
    var url = urlAt(indexOf.get(params.nodes[0]));
    if (url && /^https?:\/\//i.test(url)) {
      window.open(url, "_blank", "noopener,noreferrer");
    }
  });
  if (overview) {
    network.on("doubleClick", function (params) {
      var c = params.nodes.length === 1 ? communityOfId(params.nodes[0]) : null;
      if (c !== null) { showCommunity(c); }
    });
    container.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      var selected = network.getSelectedNodes();
      var c = selected.length === 1 ? communityOfId(selected[0]) : null;
      if (c !== null) { event.preventDefault(); showCommunity(c); }
    });
  }

  window.socialmap = {
    network: network, nodes: nodes, edges: edges, fastEdges: fastEdges, data: data,
    overview: Boolean(overview),
    expand: expand,
    showCommunity: showCommunity,
    collapseAll: collapseAll,
    isExpanded: function (c) { return !overview || Boolean(expanded[c]); },
    communityId: communityId,
    communityOfId: communityOfId,
    indexOf: function (key) { return indexOf.has(key) ? indexOf.get(key) : -1; },
    neighboursOf: neighboursOf,
    setGroupHidden: setGroupHidden
  };
  drawScaffolding(network, data);

  function drawEdgesOnCanvas(network, nodes, edges, large) {
    var pairs = [], heavy = [], heaviest = 1, stale = true;
    // Read the links again before the next draw after they change (once, however many changes).
    function collect() {
      pairs = edges.get({ fields: ["from", "to", "value"] });
      // links between two community nodes are drawn as wide as their summed weight
      heavy = pairs.filter(function (p) { return communityOfId(p.from) !== null && communityOfId(p.to) !== null; });
      heaviest = heavy.reduce(function (most, p) { return Math.max(most, p.value); }, 1);
      stale = false;
    }
    edges.on("*", function () { stale = true; network.body.emitter.emit("_requestRedraw"); });
    var moving = false;
    if (large) {
      network.on("dragStart", function () { moving = true; });
      network.on("dragEnd", function () { moving = false; network.redraw(); });
    }
    function visible(pair) {
      var body = network.body.nodes;
      var a = body[pair.from], b = body[pair.to];
      return a && b && !a.options.hidden && !b.options.hidden ? [a, b] : null;
    }
    function stroke(ctx, list, colour, width) {
      ctx.beginPath();
      for (var e = 0; e < list.length; e++) {
        var ends = visible(list[e]);
        if (!ends) { continue; }
        ctx.moveTo(ends[0].x, ends[0].y);
        ctx.lineTo(ends[1].x, ends[1].y);
      }
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.stroke();
    }
    network.on("beforeDrawing", function (ctx) {
      if (stale) { collect(); }
      var scale = Math.max(network.getScale(), 0.05);
      if (!moving) {
        stroke(ctx, pairs, data.faintLinks ? "rgba(154, 161, 170, 0.12)" : "rgba(154, 161, 170, 0.28)", 0.8 / scale);
        heavy.forEach(function (pair) {
          var ends = visible(pair);
          if (!ends) { return; }
          var share = Math.sqrt(pair.value / heaviest);
          ctx.beginPath();
          ctx.moveTo(ends[0].x, ends[0].y);
          ctx.lineTo(ends[1].x, ends[1].y);
          ctx.strokeStyle = "rgba(90, 99, 110, " + (0.06 + 0.5 * share).toFixed(3) + ")";
          ctx.lineWidth = (0.6 + 10 * share) / scale;
          ctx.stroke();
        });
      }
      var selected = network.getSelectedNodes();
      if (selected.length) {
        var wanted = new Set(selected);
        var touching = pairs.filter(function (p) { return wanted.has(p.from) || wanted.has(p.to); });
        stroke(ctx, touching, "rgba(45, 55, 72, 0.85)", 1.6 / scale);
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
      region: { fill: "#1b1f24", border: "#1b1f24", text: "#ffffff" },
      area: { fill: "#ffffff", border: "#1b1f24", text: "#1b1f24" },
      branch: { fill: "#eef1f4", border: "#8a939e", text: "#1b1f24" }
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
    var BRANCH_READABLE = 9;  // px on screen: smaller branch boxes (a platform under each area) wait for a zoom
    network.on("afterDrawing", function (ctx) {
      var scale = network.getScale();
      hubs.forEach(function (hub) {
        var style = HUB_STYLE[hub.kind] || HUB_STYLE.branch;
        if (hub.kind === "branch" && HUB_SIZE.branch * scale < BRANCH_READABLE) { return; }
        var box = hubBox(ctx, hub), size = box.size, width = box.width, height = box.height;
        ctx.textBaseline = "middle";
        ctx.textAlign = "center";
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
}
