// Progressive enhancement only: every page works without this file.
// Copy buttons: <button data-copy="ID"> copies the text of element ID.
document.addEventListener("click", (ev) => {
  const btn = ev.target.closest("[data-copy]");
  if (!btn) return;
  const src = document.getElementById(btn.dataset.copy);
  if (!src || !navigator.clipboard) return;
  navigator.clipboard.writeText(src.value !== undefined ? src.value : src.textContent).then(() => {
    const done = btn.dataset.copied;
    if (done) {
      const label = btn.textContent;
      btn.textContent = done;
      setTimeout(() => { btn.textContent = label; }, 2000);
    }
  });
});

// Contacts: the / key jumps to the search field (as on many sites), unless
// the user is typing somewhere already; the field says so to assistive
// technology only when this script runs.
{
  const q = document.getElementById("q");
  if (q) q.setAttribute("aria-keyshortcuts", "/");
}
document.addEventListener("keydown", (ev) => {
  if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = ev.target;
  if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
  const q = document.getElementById("q");
  if (!q) return;
  ev.preventDefault();
  q.focus();
  q.select();
});
