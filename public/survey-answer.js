// Survey answering page enhancement (no framework). Shows and hides questions whose condition
// depends on the same page, and ticks "other" when its text is typed. A convenience only: the
// server evaluates the same conditions with survey-core and drops answers to hidden questions.
(function () {
  var form = document.querySelector(".sv-form");
  if (!form) return;
  function value(name) {
    var dot = name.indexOf("."), field = dot < 0 ? name : name.slice(0, dot) + "::" + name.slice(dot + 1);
    var els = form.querySelectorAll('[name="' + field.replace(/"/g, "") + '"]:not(:disabled)'), list = [], single;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.type === "checkbox") { if (el.checked) list.push(el.value); }
      else if (el.type === "radio") { if (el.checked) single = el.value; }
      else if (el.value) single = el.value;
    }
    return els.length && els[0].type === "checkbox" ? list : single;
  }
  function tokenize(s) {
    var re = /\s*(\{[^}]+\}|'[^']*'|"[^"]*"|-?\d+(?:\.\d+)?|\[|\]|\(|\)|,|!=|<>|=|[a-zA-Z]+)/y, out = [], pos = 0, m;
    while (/\S/.test(s.slice(pos))) { re.lastIndex = pos; m = re.exec(s); if (!m) throw 0; out.push(m[1]); pos = re.lastIndex; }
    return out;
  }
  function evaluate(src) {
    var t = tokenize(src), p = 0;
    function peek() { return (t[p] || "").toLowerCase(); }
    function operand() {
      var x = t[p++];
      if (x === "[") { var a = []; while (t[p] !== "]") { a.push(operand()); if (t[p] === ",") p++; if (p > t.length) throw 0; } p++; return a; }
      if (x[0] === "{") return value(x.slice(1, -1).trim());
      if (x[0] === "'" || x[0] === '"') return x.slice(1, -1);
      if (!isNaN(x)) return x;
      throw 0;
    }
    function has(a, b) { return Array.isArray(a) ? a.indexOf(b) >= 0 : typeof a === "string" && a.indexOf(b) >= 0; }
    function any(a, list) { return (Array.isArray(a) ? a : a == null ? [] : [a]).some(function (v) { return list.indexOf(v) >= 0; }); }
    function empty(a) { return a == null || a === "" || (Array.isArray(a) && !a.length); }
    function compare() {
      if (t[p] === "(") { p++; var v = or(); p++; return v; }
      if (peek() === "not") { p++; return !compare(); }
      var left = operand(), op = peek(); p++;
      if (op === "empty") return empty(left);
      if (op === "notempty") return !empty(left);
      var right = operand();
      if (op === "=") return Array.isArray(left) ? false : String(left) === String(right);
      if (op === "!=" || op === "<>") return String(left) !== String(right);
      if (op === "contains") return has(left, right);
      if (op === "notcontains") return !has(left, right);
      if (op === "anyof") return any(left, right);
      if (op === "allof") return right.every(function (v) { return has(left, v); });
      throw 0;
    }
    function and() { var v = compare(); while (peek() === "and") { p++; v = compare() && v; } return v; }
    function or() { var v = and(); while (peek() === "or") { p++; v = and() || v; } return v; }
    var result = or();
    if (p !== t.length) throw 0;
    return result;
  }
  function refresh() {
    var qs = form.querySelectorAll("[data-visible-if]");
    for (var i = 0; i < qs.length; i++) {
      var show = true;
      try { show = evaluate(qs[i].getAttribute("data-visible-if")); } catch (e) { show = true; }
      qs[i].hidden = !show;
      qs[i].disabled = !show;
    }
  }
  form.addEventListener("input", function (e) {
    var el = e.target;
    if (el.name && /-Comment$/.test(el.name) && el.value) {
      var box = form.querySelector('[name="' + el.name.slice(0, -8) + '"][value="other"]');
      if (box) box.checked = true;
    }
    refresh();
  });
  form.addEventListener("change", refresh);
  form.addEventListener("submit", function () { setTimeout(function () { form.classList.add("sv-busy"); }, 0); });
  refresh();
})();
