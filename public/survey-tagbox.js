// Tag box questions on the answering page (a module script, loaded with the page's CSP nonce
// only on pages that have one). Without it a tag box is a native <select multiple>, posted
// like a checkbox list; with it the select stays in the form as the answer (hidden) and a chip
// picker edits it: type to filter (width and kana folded), Enter or a click adds, × or
// Backspace removes, arrow keys move through the choices, Escape closes the list. Every change
// is announced and fires the select's change event, so live conditions follow it.

const fold = (text) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, "");

let count = 0;

function element(tag, attributes = {}, text = "") {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text) el.textContent = text;
  return el;
}

function enhance(box) {
  const select = box.querySelector("select[multiple]");
  if (!select || box.querySelector(".sv-chips")) return;
  const n = ++count;
  const say = (key, label) => (box.dataset[key] || "").replace("{label}", label);
  const labelledBy = select.getAttribute("aria-labelledby") || "";
  const listId = `sv-tagbox-${n}-list`;

  const ui = element("div", { class: "sv-chips" });
  const chips = element("ul", { class: "sv-chip-list", "aria-label": box.dataset.chosen || "" });
  const input = element("input", {
    type: "text",
    class: "sv-chip-input",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-labelledby": labelledBy,
    autocomplete: "off",
    placeholder: box.dataset.placeholder || "",
  });
  const list = element("ul", { id: listId, role: "listbox", class: "sv-chip-options", "aria-labelledby": labelledBy });
  const none = element("p", { class: "sv-chip-none" }, box.dataset.none || "");
  const status = element("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  list.hidden = true;
  none.hidden = true;
  ui.append(chips, input, list, none, status);
  select.hidden = true;
  select.tabIndex = -1;
  const hint = box.querySelector("[data-tagbox-hint]");
  if (hint) hint.hidden = true;
  select.after(ui);

  const options = () => Array.from(select.options);
  let shown = [];
  let active = -1;

  const changed = () => select.dispatchEvent(new Event("change", { bubbles: true }));
  const announce = (text) => {
    status.textContent = "";
    // A new text node each time, so a repeated message is read again.
    setTimeout(() => {
      status.textContent = text;
    }, 50);
  };

  function drawChips() {
    const picked = options().filter((o) => o.selected);
    chips.replaceChildren(
      ...picked.map((option) => {
        const chip = element("li", { class: "sv-chip" });
        const remove = element("button", { type: "button", class: "sv-chip-remove", "aria-label": say("remove", option.text) });
        remove.append(element("span", { "aria-hidden": "true" }, "×"));
        remove.addEventListener("click", () => {
          take(option);
          input.focus();
        });
        chip.append(element("span", {}, option.text), remove);
        return chip;
      }),
    );
    chips.hidden = picked.length === 0;
    // The "other" text field shows once "other" is chosen.
    const other = box.querySelector("[data-tagbox-other]");
    if (other) other.hidden = !picked.some((o) => o.value === "other");
  }

  function drawList(open) {
    const query = fold(input.value);
    shown = options().filter((o) => !o.selected && fold(o.text).includes(query));
    if (active >= shown.length) active = shown.length - 1;
    list.replaceChildren(
      ...shown.map((option, i) => {
        const item = element(
          "li",
          { id: `${listId}-${i}`, role: "option", class: "sv-chip-option", "aria-selected": String(i === active) },
          option.text,
        );
        // Keep the focus in the text field when an option is pressed.
        item.addEventListener("mousedown", (e) => e.preventDefault());
        item.addEventListener("click", () => put(option));
        return item;
      }),
    );
    const visible = open && shown.length > 0;
    list.hidden = !visible;
    none.hidden = !(open && shown.length === 0 && query !== "");
    input.setAttribute("aria-expanded", String(visible));
    if (visible && active >= 0) {
      input.setAttribute("aria-activedescendant", `${listId}-${active}`);
      list.children[active]?.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  function put(option) {
    option.selected = true;
    input.value = "";
    active = -1;
    drawChips();
    drawList(true);
    announce(say("added", option.text));
    changed();
  }

  function take(option) {
    option.selected = false;
    drawChips();
    drawList(!list.hidden);
    announce(say("removed", option.text));
    changed();
  }

  input.addEventListener("focus", () => drawList(true));
  input.addEventListener("input", () => {
    active = input.value ? 0 : -1;
    drawList(true);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden) drawList(true);
      const last = shown.length - 1;
      active = e.key === "ArrowDown" ? Math.min(active + 1, last) : Math.max(active - 1, 0);
      drawList(true);
    } else if (e.key === "Enter") {
      // Enter chooses; it never submits the page from this field.
      e.preventDefault();
      const option = shown[active >= 0 ? active : shown.length === 1 ? 0 : -1];
      if (option && !list.hidden) put(option);
    } else if (e.key === "Escape") {
      if (!list.hidden) e.preventDefault();
      active = -1;
      drawList(false);
    } else if (e.key === "Backspace" && input.value === "") {
      const picked = options().filter((o) => o.selected);
      const last = picked[picked.length - 1];
      if (last) take(last);
    }
  });
  ui.addEventListener("focusout", (e) => {
    if (!ui.contains(e.relatedTarget)) {
      active = -1;
      drawList(false);
    }
  });
  // Another script (the "other" text field) may choose an option.
  select.addEventListener("change", drawChips);
  drawChips();
}

for (const box of document.querySelectorAll("[data-tagbox]")) enhance(box);
