/* socialmap page views: a view arranged by hand comes back.
   A view is plain data: the groups hidden in the key, the account searched for, the zoom
   and centre, the accounts dragged to new places (and, on a large map, the communities
   opened). It is kept in the address (#view=..., updated as the view changes, so a
   bookmark or a link opens it) and "Save this view" downloads a copy of this same page,
   as it was opened, with the view added as JSON in a non-executed script element.
   A view read back is data only: size-capped, parsed with JSON.parse, every field checked
   for its type and range and ignored when wrong, unknown fields ignored; nothing in it is
   ever run or written as HTML. Nothing is sent anywhere. Run by start.js, last. */
function socialmapView(pristine) {
  "use strict";

  var socialmap = window.socialmap, network = socialmap.network, data = socialmap.data;
  var columns = data.nodes, count = columns.key.length;
  var HASH = "#view=", MOST_IN_ADDRESS = 8000, MOST_SAVED = 5000000, MOST_MOVED = 20000;
  var moved = new Map();  // account key -> [x, y] where a reader dragged it

  // --- reading a view: data only, every field checked -------------------------
  function finite(x, limit) { return typeof x === "number" && isFinite(x) && Math.abs(x) <= limit; }
  function wholeIn(x, size) { return typeof x === "number" && x % 1 === 0 && x >= 0 && x < size; }

  // The checked view in text, or null: a bad view is ignored, field by field.
  function parsed(text, limit) {
    if (typeof text !== "string" || !text || text.length > limit) { return null; }
    var raw;
    try { raw = JSON.parse(text); } catch (error) { return null; }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) { return null; }
    var view = {};
    if (Array.isArray(raw.hidden)) {
      view.hidden = raw.hidden.filter(function (g) { return wholeIn(g, data.legend.length); });
    }
    if (typeof raw.search === "string" && raw.search.length <= 500) { view.search = raw.search; }
    if (finite(raw.scale, 1e4) && raw.scale > 0) { view.scale = raw.scale; }
    if (finite(raw.x, 1e9) && finite(raw.y, 1e9)) { view.x = raw.x; view.y = raw.y; }
    if (raw.moved && typeof raw.moved === "object" && !Array.isArray(raw.moved)) {
      view.moved = [];
      Object.keys(raw.moved).slice(0, MOST_MOVED).forEach(function (key) {
        var at = raw.moved[key];
        if (socialmap.indexOf(key) >= 0 && Array.isArray(at) && at.length === 2 && finite(at[0], 1e9) && finite(at[1], 1e9)) {
          view.moved.push([key, at[0], at[1]]);
        }
      });
    }
    if (socialmap.overview && Array.isArray(raw.opened)) {
      view.opened = raw.opened.filter(function (c) { return wholeIn(c, data.communities.length); });
    }
    return view;
  }

  function fromAddress() {
    var hash = window.location.hash || "";
    if (hash.lastIndexOf(HASH, 0) !== 0) { return null; }
    var text;
    try { text = decodeURIComponent(hash.slice(HASH.length)); } catch (error) { return null; }
    return parsed(text, MOST_IN_ADDRESS);
  }

  function fromPage() {
    var element = document.getElementById("sm-view");
    return element && element.type === "application/json" ? parsed(element.textContent, MOST_SAVED) : null;
  }

  // --- applying and reading the current view ------------------------------------
  function apply(view) {
    if (view.opened) { view.opened.forEach(function (c) { socialmap.expand(c); }); }
    (view.hidden || []).forEach(function (group) {
      var box = document.querySelector('#sm-legend-items input[data-group="' + group + '"]');
      if (box && box.checked) { box.checked = false; box.dispatchEvent(new Event("change")); }
    });
    if (view.moved && view.moved.length) {
      var shown = view.moved.filter(function (m) { return socialmap.nodes.get(m[0]) !== null; });
      socialmap.nodes.update(shown.map(function (m) { return { id: m[0], x: m[1], y: m[2] }; }));
      shown.forEach(function (m) { moved.set(m[0], [m[1], m[2]]); });
    }
    if (view.search) { socialmap.search(view.search, true); }
    if (view.scale !== undefined || view.x !== undefined) {
      network.moveTo({ position: view.x !== undefined ? { x: view.x, y: view.y } : network.getViewPosition(),
        scale: view.scale !== undefined ? view.scale : network.getScale(), animation: false });
    }
  }

  function current(withMoved) {
    var position = network.getViewPosition();
    var view = {
      hidden: data.legend.map(function (entry, g) { return g; }).filter(socialmap.groupHidden),
      scale: network.getScale(), x: position.x, y: position.y
    };
    if (socialmap.searched) { view.search = socialmap.searched; }
    if (socialmap.overview) {
      view.opened = data.communities.map(function (name, c) { return c; }).filter(function (c) {
        return socialmap.isExpanded(c);
      });
    }
    if (withMoved && moved.size) {
      view.moved = {};
      Array.from(moved.keys()).sort().forEach(function (key) { view.moved[key] = moved.get(key); });
    }
    return view;
  }

  // JSON that cannot end its script element or start markup (as the page's own payload is written).
  function scriptJson(value) {
    return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  }

  // --- keeping the view in the address ---------------------------------------------
  var pending = null;
  function remember() {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var text = JSON.stringify(current(true));
      if (text.length > MOST_IN_ADDRESS) { text = JSON.stringify(current(false)); }  // many dragged: the saved copy keeps them
      try {
        window.history.replaceState(null, "", HASH + encodeURIComponent(text));
      } catch (error) { return; }  // a page shown where the address cannot change (an app's frame)
    }, 250);
  }

  network.on("dragEnd", function (params) {
    if (params.nodes.length) {
      var at = network.getPositions(params.nodes);
      params.nodes.forEach(function (id) {
        if (socialmap.indexOf(id) >= 0 && at[id]) { moved.set(id, [at[id].x, at[id].y]); }
      });
    }
    remember();
  });
  network.on("zoom", remember);
  network.on("animationFinished", remember);
  document.addEventListener("socialmap:view", remember);

  // --- Save this view --------------------------------------------------------------
  // This page as it was opened (pristine: cloned before the scripts changed it), the current view added.
  function savedPage() {
    var copy = pristine.cloneNode(true);
    var old = copy.querySelector("#sm-view");
    if (old) { old.remove(); }
    var holder = document.createElement("script");  // not in any document: never run
    holder.type = "application/json";
    holder.id = "sm-view";
    holder.textContent = scriptJson(current(true));
    copy.querySelector("#sm-data").after(holder);
    return "<!DOCTYPE html>\n" + copy.outerHTML + "\n";
  }
  socialmap.savedPage = savedPage;
  socialmap.currentView = function () { return current(true); };
  document.getElementById("sm-save-button").addEventListener("click", function () {
    socialmap.download(new Blob([savedPage()], { type: "text/html" }), socialmap.fileName("-view.html"));
  });

  var opening = fromAddress() || fromPage();
  if (opening) { apply(opening); }
}
