// The buttons of the panels above the translation editor that save a segment: the translation
// memory's "Use", "Start from the old translation" and "Confirm"
// (localization/templates/localization/translation_memory_panel.html), and machine translation's
// "Confirm" (machine_translation_panel.html). Each saves its value through wagtail-localize's own
// string translation API (the PUT the editor's React app sends when a translator saves a
// segment), then reloads the editor so that it shows the saved translation. Loaded once by
// localization/templates/wagtail_localize/admin/edit_translation.html.
(() => {
  const PANELS = "[data-translation-memory], [data-machine-translation]";
  const BUTTONS = "[data-memory-use], [data-machine-confirm]";
  const listen = (panel) => panel.addEventListener("click", async (event) => {
    const button = event.target.closest(BUTTONS);
    if (!button) return;
    button.disabled = true;
    const response = await fetch(button.dataset.editUrl, {
      method: "PUT",
      headers: {
        "X-CSRFToken": panel.dataset.csrfToken,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ value: button.dataset.value }),
      credentials: "same-origin",
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    button.disabled = false;
    let detail = "";
    try {
      detail = (await response.json()).detail || "";
    } catch {
      detail = response.statusText;
    }
    const error = document.createElement("p");
    error.className = "error-message";
    error.setAttribute("role", "alert");
    error.textContent = detail;
    button.after(error);
  });
  document.querySelectorAll(PANELS).forEach(listen);
})();
