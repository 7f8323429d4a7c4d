// trackside find: filters the rows of a page's tables by car number or driver name, in the
// browser and without a reload. Without JavaScript the form stays hidden and every row shows.
(() => {
  "use strict";
  const form = document.querySelector("[data-find]");
  if (!form) return;
  const input = form.querySelector("input");
  const count = form.querySelector("[data-find-count]");
  const rows = () => document.querySelectorAll("[data-findable] tbody tr[data-number]");

  function matches(tr, query) {
    const number = (tr.dataset.number || "").toLowerCase();
    if (/^\d+$/.test(query) && number.startsWith(query)) return true;
    const name = tr.querySelector("th[scope=row]");
    return number === query || (name !== null && name.textContent.toLowerCase().includes(query));
  }

  function apply() {
    const query = input.value.trim().toLowerCase();
    const found = new Set();
    for (const tr of rows()) {
      const show = !query || matches(tr, query);
      if (tr.hidden === show) tr.hidden = !show;
      if (show) found.add(tr.dataset.number);
    }
    document.querySelectorAll("[data-find-section]").forEach((section) => {
      section.hidden = Boolean(query) && !section.querySelector("tbody tr[data-number]:not([hidden])");
    });
    const cars = new Set([...rows()].map((tr) => tr.dataset.number)).size;
    count.textContent = query ? `${found.size} of ${cars} cars` : "";
  }

  form.hidden = false;
  input.addEventListener("input", apply);
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
  // Live tables gain and reorder rows: filter them again when they change.
  const observer = new MutationObserver(() => { if (input.value.trim()) apply(); });
  document.querySelectorAll("[data-findable] tbody").forEach((body) => {
    observer.observe(body, { childList: true });
  });
  if (input.value) apply();
})();
