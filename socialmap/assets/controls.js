/* socialmap page controls: legend filters, search, reach panel, present mode.
   Everything is built with createElement and textContent; nothing from the data
   becomes HTML or code. Run by start.js after map.js. */
function socialmapControls() {
  "use strict";

  var socialmap = window.socialmap;
  var network = socialmap.network, nodes = socialmap.nodes, data = socialmap.data;
  var columns = data.nodes;
  var count = columns.key.length;

  // Legend: one checkbox per colour group; unticking hides its accounts (and so their links).
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
    swatch.style.borderColor = entry.color;  // a border, not a background: it prints without background graphics
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
      socialmap.setGroupHidden(index, !box.checked);
      document.dispatchEvent(new CustomEvent("socialmap:view"));
    });
  });

  // Search: pick a name or handle; the map shows it (expanding its community
  // on a large map), zooms to it and highlights it with its neighbours.
  var searchInput = document.getElementById("sm-search");
  var searchResult = document.getElementById("sm-search-result");
  var choices = document.getElementById("sm-accounts");
  var byText = null;
  // A choice names the platform: one handle on several platforms is several accounts.
  function platformOf(m) {
    var column = columns.platform;
    if (Array.isArray(column)) { return column[m]; }
    return column.index[m] < 0 ? null : column.values[column.index[m]];
  }
  function choiceOf(m) {
    var platform = platformOf(m);
    return columns.label[m] + " (" + columns.handle[m] + (platform ? ", " + platform : "") + ")";
  }
  // The names to choose from, made on first use (100,000 of them take a moment).
  function searchIndex() {
    if (byText) { return byText; }
    byText = new Map();
    for (var m = 0; m < count; m++) {
      byText.set(choiceOf(m).toLowerCase(), m);
      if (m < 5000) {
        var option = document.createElement("option");
        option.value = choiceOf(m);
        choices.appendChild(option);
      }
    }
    return byText;
  }
  searchInput.addEventListener("focus", searchIndex);
  function findAccount(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return -1; }
    var index = searchIndex();
    if (index.has(wanted)) { return index.get(wanted); }
    for (var n = 0; n < count; n++) {
      if (columns.label[n].toLowerCase().indexOf(wanted) !== -1 ||
          columns.handle[n].toLowerCase().indexOf(wanted) !== -1) {
        return n;
      }
    }
    return -1;
  }
  // The account typed in, selected with its neighbours and brought into view (stay: selected where it is).
  var handled = { text: null, at: 0 };
  function showAccount(event, stay) {
    if (event) { event.preventDefault(); }
    // Enter in the box fires both change and submit: the second would start the same zoom again
    if (event && searchInput.value === handled.text && event.timeStamp - handled.at < 500) { return; }
    if (event) { handled = { text: searchInput.value, at: event.timeStamp }; }
    var found = findAccount(searchInput.value);
    socialmap.searched = "";
    if (found < 0) {
      searchResult.textContent = searchInput.value.trim() ? "No match" : "";
      return;
    }
    var key = columns.key[found], group = columns.group[found];
    if (socialmap.groupHidden(group)) {  // hidden by the key: say so rather than zoom to nothing
      network.unselectAll();
      searchResult.textContent = "Hidden: tick “" + data.legend[group].label + "” in the key";
      return;
    }
    socialmap.searched = searchInput.value;
    socialmap.expand(columns.community[found]);
    var neighbours = socialmap.neighboursOf(found);
    searchResult.textContent = neighbours.length + " linked";
    var shown = neighbours.filter(function (n) { var node = nodes.get(columns.key[n]); return node !== null && !node.hidden; });
    network.selectNodes([key].concat(shown.map(function (n) { return columns.key[n]; })), true);
    socialmap.showAccount(found, shown, stay);
    document.dispatchEvent(new CustomEvent("socialmap:view"));
  }
  document.getElementById("sm-search-form").addEventListener("submit", showAccount);
  searchInput.addEventListener("change", showAccount);
  socialmap.search = function (text, stay) { searchInput.value = text; showAccount(null, stay); };

  // A large map's overview: a community's accounts are shown by double-click,
  // Enter on a selected community, or the list; one button goes back.
  if (socialmap.overview) {
    var bar = document.getElementById("sm-overview");
    var status = document.getElementById("sm-overview-status");
    var back = document.getElementById("sm-overview-button");
    var list = document.getElementById("sm-community");
    var show = document.getElementById("sm-expand-button");
    var overview = data.overview;
    bar.hidden = false;
    document.getElementById("sm-communities").hidden = false;
    overview.community.forEach(function (c, k) {
      var option = document.createElement("option");
      option.value = String(c);
      option.textContent = data.communities[c] + " (" + overview.accounts[k].toLocaleString("en-GB") + ")";
      list.appendChild(option);
    });
    var update = function () {
      var shown = overview.community.filter(socialmap.isExpanded);
      status.textContent = shown.length ? "Accounts shown for " + shown.length + " of " +
        overview.community.length + " communities." : "";
      back.hidden = !shown.length;
      Array.prototype.forEach.call(list.options, function (option) {
        option.disabled = socialmap.isExpanded(Number(option.value));
      });
      if (list.selectedOptions.length && list.selectedOptions[0].disabled) {  // offer one still to show
        var next = Array.prototype.find.call(list.options, function (option) { return !option.disabled; });
        if (next) { list.value = next.value; }
      }
    };
    document.addEventListener("socialmap:view", update);
    update();
    back.addEventListener("click", function () { socialmap.collapseAll(); });
    show.addEventListener("click", function () { socialmap.showCommunity(Number(list.value)); });
    list.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); socialmap.showCommunity(Number(list.value)); }
    });
    network.on("click", function (params) {
      var c = params.nodes.length === 1 ? socialmap.communityOfId(params.nodes[0]) : null;
      if (c !== null) { list.value = String(c); }
    });
  }

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
    setTimeout(function () { socialmap.fitView(false); }, 150);
  }
  presentButton.addEventListener("click", function () { present(true); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.body.classList.contains("sm-presenting")) { present(false); }
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && document.body.classList.contains("sm-presenting")) { present(false); }
  });
}
