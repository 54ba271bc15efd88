// Survey answering page enhancement (no framework). Questions whose conditions (visibleIf,
// enableIf, requiredIf) read answers on the same page carry data-live; when an answer changes,
// the page is posted to /s/<id>/conditions and survey-core on the server says which of them to
// show, enable and mark required, so the browser follows exactly the server's expressions.
// Also ticks "other" when its text is typed. A convenience only: the page works without it and
// the server judges every answer again on submit.
(function () {
  var form = document.querySelector(".sv-form");
  if (!form) return;
  var url = form.getAttribute("data-conditions");
  function apply(el, state) {
    if (!el) return;
    var shown = state.shown, enabled = state.enabled;
    el.hidden = !shown;
    if (el.tagName === "FIELDSET") el.disabled = !shown || !enabled;
    var mark = el.querySelector("legend > [data-required-text]");
    if (mark && typeof state.required === "boolean") {
      mark.textContent = mark.getAttribute(state.required ? "data-required-text" : "data-optional-text");
      mark.className = state.required ? "sv-req" : "sv-opt";
    }
    var out = el.querySelector("[data-display]");
    if (out && typeof state.display === "string") out.textContent = state.display;
  }
  var live = form.querySelectorAll("[data-live]");
  for (var i = 0; i < live.length; i++)
    apply(live[i], { shown: live[i].getAttribute("data-shown") !== "false", enabled: live[i].getAttribute("data-enabled") !== "false" });
  var timer = null, seq = 0;
  function refresh() {
    if (!url || !live.length || !window.fetch || !window.FormData) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++seq;
      // Disabled fields are not posted; conditions must see every answer on the page.
      var disabled = [];
      for (var i = 0; i < live.length; i++) if (live[i].disabled) { live[i].disabled = false; disabled.push(live[i]); }
      var body = new FormData(form);
      for (var j = 0; j < disabled.length; j++) disabled[j].disabled = true;
      fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (result) {
          if (!result || mine !== seq) return;
          for (var k = 0; k < result.questions.length; k++) {
            var q = result.questions[k];
            for (var m = 0; m < live.length; m++) if (live[m].getAttribute("data-name") === q.name) apply(live[m], q);
          }
        })
        .catch(function () {});
    }, 200);
  }
  form.addEventListener("input", function (e) {
    var el = e.target;
    if (el.name && /-Comment$/.test(el.name) && el.value) {
      var boxes = form.querySelectorAll('[value="other"]');
      for (var i = 0; i < boxes.length; i++) {
        var box = boxes[i];
        // A tag box's "other" is an option of its select (the tag box script follows its change).
        if (box.tagName === "OPTION" && box.parentNode.name === el.name.slice(0, -8) && !box.selected) {
          box.selected = true;
          box.parentNode.dispatchEvent(new Event("change", { bubbles: true }));
        } else if (box.name === el.name.slice(0, -8)) box.checked = true;
      }
    }
    refresh();
  });
  form.addEventListener("change", refresh);
  form.addEventListener("submit", function () { setTimeout(function () { form.classList.add("sv-busy"); }, 0); });
})();
