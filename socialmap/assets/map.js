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
    lines.push((data.groupKind === "area" ? "Area: " : "Community: ") + data.communities[columns.community[i]]);
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

  // --- importance: which names come first ------------------------------------
  // The order is the payload's (nodes.importance: each account's place, 0 the most important; see
  // socialmap/importance.py); a page without one orders by followers where at least half the accounts
  // have a count, else by links, then by name. A name's size follows the figure the order rests on
  // (followers, else links), so accounts alike in it are named alike, whatever their place.
  function importanceOrder() {
    var degree = new Float64Array(count), known = 0;
    for (var a = 0; a < count; a++) {
      degree[a] += linkStart[a + 1] - linkStart[a];
      if (columns.followers[a] !== null) { known++; }
    }
    for (var e = 0; e < linkTo.length; e++) { degree[linkTo[e]]++; }
    var score = 2 * known >= count ? columns.followers.map(function (x) { return x === null ? -1 : x; }) : degree;
    var names = columns.label.map(function (text) { return text.toLowerCase(); });
    var order = new Int32Array(count), place = columns.importance;
    for (var i = 0; i < count; i++) { order[i] = i; }
    order.sort(place ? function (x, y) { return place[x] - place[y]; } : function (x, y) {
      return score[y] - score[x] || degree[y] - degree[x] || (names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : x - y);
    });
    // each account's level: the share of the others it outscores (0 to 1; equal scores, equal levels)
    var byScore = Array.from(order).sort(function (x, y) { return score[x] - score[y]; });
    var level = new Float64Array(count), below = 0;
    byScore.forEach(function (at, k) {
      if (k && score[at] !== score[byScore[k - 1]]) { below = k; }
      level[at] = count > 1 ? below / (count - 1) : 0;
    });
    return { order: order, level: level };
  }
  var importance = importanceOrder();
  // The three most important accounts of each colour, each name once: named first, so every colour is.
  var major = (function () {
    var taken = new Map(), names = new Set(), list = [];
    importance.order.forEach(function (i) {
      var group = columns.group[i], label = columns.label[i];
      if (names.has(label) || (taken.get(group) || 0) >= 3) { return; }
      names.add(label);
      taken.set(group, (taken.get(group) || 0) + 1);
      list.push(i);
    });
    return list;
  })();
  var spotlight = [];  // the accounts named first: the one found and its neighbours
  // The box (a community's, in the boxes layout) each account is drawn in, -1 for none: its name stays inside.
  var boxOf = new Int32Array(count).fill(-1);
  data.regions.forEach(function (r, b) {
    for (var i = 0; i < count; i++) {
      if (boxOf[i] < 0 && columns.x[i] >= r.x && columns.x[i] <= r.x + r.width && columns.y[i] >= r.y &&
          columns.y[i] <= r.y + r.height) { boxOf[i] = b; }
    }
  });

  // --- what vis draws -----------------------------------------------------
  function nodeColour(base, placeholder) {
    if (placeholder) {
      return { background: "#ffffff", border: "#6b7280", highlight: { background: "#f3f4f6", border: "#111827" },
        hover: { background: "#f3f4f6", border: "#111827" } };
    }
    return { background: base, border: "#3b3b3b", highlight: { background: base, border: "#000000" },
      hover: { background: base, border: "#000000" } };
  }

  var overview = data.overview || null;
  var container = document.getElementById("sm-map");
  var FONT_FACE = "system-ui, Segoe UI, Arial, sans-serif";
  var hiddenGroups = new Set();

  // One colour object per group, shared: vis reads it, never writes to it.
  var groupColours = data.legend.map(function (entry) { return nodeColour(entry.color, false); });
  var PLACEHOLDER_COLOUR = nodeColour("", true);
  var DASHED = { borderDashes: [3, 3] };

  // An account as vis draws it; only what differs from the defaults in options (vis merges each node's options).
  function accountNode(i) {
    var node = {
      id: columns.key[i],
      x: columns.x[i],
      y: columns.y[i],
      value: columns.value[i],
      title: tooltipOf(i),
      color: groupColours[columns.group[i]]
    };
    if (placeholders.has(i)) { node.color = PLACEHOLDER_COLOUR; node.shapeProperties = DASHED; }
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
  // A dot's radius, smallest to largest account (vis's scaling), made smaller on maps whose dots would pile.
  // The mind map opens zoomed out (every area and its box in view): its smallest dots are drawn larger, so
  // that they are still some 6 px across at the first view.
  var MIND_MAP = data.hubs.some(function (h) { return h.kind === "region"; });
  var SIZE_RANGE = readableDiscs(discSizes(MIND_MAP ? 14 : 6, 42));

  // Dots no larger than 48 px across at the first view: a small map fills the view with its accounts
  // spread out, not with a few huge dots.
  function readableDiscs(range) {
    if (overview || !count) { return range; }
    var container = document.getElementById("sm-map"), widest = 24;
    for (var round = 0; round < 3; round++) {
      var items = new Array(count);
      for (var i = 0; i < count; i++) {
        var r = range.min + scaled(0, 0, 0, columns.value[i]) * (range.max - range.min);
        items[i] = { x: columns.x[i], y: columns.y[i], r: r, ex: 40, ey: 22 };
      }
      var scale = socialmapLabels.shared.fitOf(container.clientWidth, container.clientHeight, items.concat(scaffoldingRoom()), Infinity).scale;
      if (range.max * scale <= widest * 1.01) { break; }
      var shrink = widest / (range.max * scale);
      range = { min: range.min * shrink, max: range.max * shrink };
    }
    return range;
  }

  // Room the mind map's hubs and the boxes need in the first view.
  function scaffoldingRoom() {
    var items = data.hubs.map(socialmapLabels.shared.hubRoom);
    data.regions.forEach(function (r) {
      items.push({ x: r.x, y: r.y, r: 0, ex: 2, ey: 2 }, { x: r.x + r.width, y: r.y + r.height, r: 0, ex: 2, ey: 2 });
    });
    return items;
  }

  // The largest share (at most 1) of the radii min..max at which no two dots overlap by more than half the
  // smaller one's radius (dots closer than that in the layout: a small or dense map). Not below an
  // eighth: dots must stay visible.
  function discSizes(min, max) {
    if (count < 2 || count > 600 || overview) { return { min: min, max: max }; }
    var cell = 2 * max, grid = new Map(), share = 1;
    function radius(i) { return min + scaled(0, 0, 0, columns.value[i]) * (max - min); }
    for (var i = 0; i < count; i++) {
      var cx = Math.floor(columns.x[i] / cell), cy = Math.floor(columns.y[i] / cell);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          (grid.get((cx + dx) + "," + (cy + dy)) || []).forEach(function (j) {
            var a = radius(i), b = radius(j);
            var apart = Math.hypot(columns.x[i] - columns.x[j], columns.y[i] - columns.y[j]);
            share = Math.min(share, apart / (a + b - Math.min(a, b) / 2));
          });
        }
      }
      var key = cx + "," + cy;
      if (!grid.has(key)) { grid.set(key, []); }
      grid.get(key).push(i);
    }
    share = Math.max(share, 0.12);
    return { min: min * share, max: max * share };
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

  // A community's potential reach: unknown (never 0 followers) where none of its accounts has a follower count.
  var anyFollowers = overview ? overview.followers.some(function (f) { return f !== null; }) : false;
  function reachText(k) {
    var followers = overview.followers[k];
    if (followers !== null) { return "potential reach " + grouped(followers) + " followers"; }
    return "potential reach unknown: " + (anyFollowers ? "none of its accounts has a follower count"
                                                         : "the file has no follower counts");
  }

  function communityTooltip(k) {
    var names = overview.largest[k].map(function (i) { return columns.label[i]; });
    return [
      data.communities[overview.community[k]],
      grouped(overview.accounts[k]) + (overview.accounts[k] === 1 ? " account" : " accounts") + " · " + reachText(k),
      "Largest: " + names.join("; "),
      "Double-click to show its accounts."
    ].join("\n");
  }

  // A community's disc: area in proportion to its accounts, the largest 48 px
  // across at the first view; its name and count are placed with every other label.
  var largestCommunity = overview ? Math.max.apply(null, overview.accounts.concat([1])) : 1;
  var fitScale = overview ? overviewFitScale() : 1;
  function overviewFitScale() {
    var low = [Infinity, Infinity], high = [-Infinity, -Infinity];
    overview.x.forEach(function (x, k) {
      low = [Math.min(low[0], x), Math.min(low[1], overview.y[k])];
      high = [Math.max(high[0], x), Math.max(high[1], overview.y[k])];
    });
    var scale = Math.min(container.clientWidth / (high[0] - low[0] + 120), container.clientHeight / (high[1] - low[1] + 120));
    return Math.min(Math.max(scale, 0.01), 1);
  }
  function communityText(k) {
    return data.communities[overview.community[k]] + " · " + grouped(overview.accounts[k]) +
      (overview.accounts[k] === 1 ? " account" : " accounts");
  }
  function communityNode(c) {
    var k = overviewAt.get(c);
    var share = Math.sqrt(overview.accounts[k] / largestCommunity);
    var size = Math.max(48 * share, 5) / fitScale;
    var colour = data.legend[overview.group[k]].color;
    return {
      id: communityId(c),
      x: overview.x[k],
      y: overview.y[k],
      size: size,
      title: communityTooltip(k),
      color: { background: colour, border: "#1b1f24", highlight: { background: colour, border: "#000000" },
        hover: { background: colour, border: "#000000" } },
      opacity: 0.85,
      borderWidth: 2,
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
    var view = fitItems(keys, false);
    network.moveTo({ position: view.position, scale: view.scale, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
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
    fitView(false);
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
  var labels = socialmapLabels(network, {
    hubs: function () { return data.hubs; },
    regions: function () { return data.regions; },
    communities: function () {
      if (!overview) { return []; }
      var shown = overview.community.map(function (c, k) { return k; }).filter(function (k) { return !expanded[overview.community[k]]; });
      shown.sort(function (a, b) { return overview.accounts[b] - overview.accounts[a] || a - b; });
      return shown.map(function (k) { return { id: communityId(overview.community[k]), text: communityText(k) }; });
    },
    order: function () { return importance.order; },
    // 0 (least important) to 1 (most); all 0 when every account scores the same
    levelOf: function (i) { return importance.level[i]; },
    topOf: function (i) { return importance.level[i] >= 1 - 2 / Math.max(count - 1, 1) && importance.level[i] > 0; },
    major: function () { return major; },
    boxOf: function (i) { return boxOf[i] < 0 ? null : data.regions[boxOf[i]]; },
    priority: function () { return spotlight; },
    keyAt: function (i) { return columns.key[i]; },
    labelAt: function (i) { return columns.label[i]; }
  });

  // The view that takes in the given accounts (all shown, by default), the hubs and boxes, and room for
  // names at the edges; the largest dot at most 48 px across, so a small map is not blown up.
  function fitItems(keys, withScaffolding) {
    var body = network.body.nodes, items = [], widest = 1;
    (keys || network.body.nodeIndices).forEach(function (id) {
      var node = body[id];
      if (!node || node.options.hidden) { return; }
      items.push({ x: node.x, y: node.y, r: node.options.size || 0, ex: 40, ey: 22 });
      widest = Math.max(widest, node.options.size || 0);
    });
    if (withScaffolding) { items = items.concat(scaffoldingRoom()); }
    return socialmapLabels.shared.fitOf(container.clientWidth, container.clientHeight, items, 24 / widest);
  }
  function fitView(animate) {
    var view = fitItems(null, true);
    network.moveTo({ position: view.position, scale: view.scale,
      animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false });
  }
  fitView(false);

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
    setGroupHidden: setGroupHidden,
    groupHidden: function (group) { return hiddenGroups.has(group); },
    labelBoxes: labels.boxes,
    fitView: fitView,
    // Zoom to account i and its shown neighbours, their names placed first (stay: name them first, do not move).
    showAccount: function (i, neighbours, stay) {
      spotlight = [i].concat(neighbours);
      if (stay) { network.redraw(); return; }
      var keys = spotlight.map(function (n) { return columns.key[n]; });
      var view = fitItems(keys, false);
      network.moveTo({ position: view.position, scale: view.scale, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    }
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

  // What is not an account: mind-map tree links and community boxes, drawn under the dots
  // (their words are placed with every other label: labels.js), never added to the DataSets.
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
    network.on("beforeDrawing", function (ctx) {
      var scale = Math.max(network.getScale(), 0.05);
      regions.forEach(function (box) {
        ctx.fillStyle = "rgba(27, 31, 36, 0.035)";
        ctx.strokeStyle = "#c3c9d1";
        ctx.lineWidth = 1.5 / scale;
        ctx.fillRect(box.x, box.y, box.width, box.height);
        ctx.strokeRect(box.x, box.y, box.width, box.height);
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
  }
}
