// totor web UI: popovers for the evidence highlights of the article view.
// Item details are server-rendered (escaped) cards, #card-<id>; a highlighted piece of text
// names its items in data-items. Hover shows them, click pins them, Escape closes.
"use strict";

(function () {
  function init() {
    var text = document.getElementById("article-text");
    var popover = document.getElementById("popover");
    if (!text || !popover) return;
    var pinned = null;

    function cardsFor(ids) {
      var nodes = [];
      ids.forEach(function (id) {
        var card = document.getElementById("card-" + id);
        if (!card) return;
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        nodes.push(copy);
      });
      return nodes;
    }

    function show(target, ids) {
      var nodes = cardsFor(ids);
      if (!nodes.length) return;
      popover.replaceChildren.apply(popover, nodes);
      popover.hidden = false;
      var box = target.getBoundingClientRect();
      var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 12);
      popover.style.left = Math.max(left, 8) + "px";
      popover.style.top = (box.bottom + window.scrollY + 6) + "px";
    }

    function hide() {
      popover.hidden = true;
      popover.replaceChildren();
    }

    function idsOf(el) {
      return (el.getAttribute("data-items") || "").split(" ").filter(Boolean);
    }

    text.addEventListener("mouseover", function (event) {
      if (pinned) return;
      var el = event.target.closest(".hl");
      if (el) show(el, idsOf(el));
    });
    text.addEventListener("mouseleave", function () {
      if (!pinned) hide();
    });
    text.addEventListener("click", function (event) {
      var el = event.target.closest(".hl");
      if (!el) return;
      if (pinned === el) { pinned = null; hide(); return; }
      pinned = el;
      show(el, idsOf(el));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { pinned = null; hide(); }
    });
    document.addEventListener("click", function (event) {
      if (pinned && !text.contains(event.target) && !popover.contains(event.target)) {
        pinned = null;
        hide();
      }
    });

    // side panel: jumping to an item also outlines its pieces of text and opens its card
    function focusItem(id) {
      text.querySelectorAll(".hl.focus").forEach(function (el) { el.classList.remove("focus"); });
      var first = null;
      text.querySelectorAll(".hl").forEach(function (el) {
        if (idsOf(el).indexOf(id) >= 0) {
          el.classList.add("focus");
          if (!first) first = el;
        }
      });
      if (first) { pinned = first; show(first, [id]); }
    }
    document.querySelectorAll("a.jump[data-item]").forEach(function (link) {
      link.addEventListener("click", function () {
        window.setTimeout(function () { focusItem(link.getAttribute("data-item")); }, 0);
      });
    });
    if (location.hash.indexOf("#at-") === 0) {
      focusItem(decodeURIComponent(location.hash.slice(4)));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
