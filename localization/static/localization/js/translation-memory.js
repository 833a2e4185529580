// The translation memory panel (localization/templates/localization/translation_memory_panel.html):
// "Use", "Start from the old translation" and "Confirm" save the value through wagtail-localize's
// own string translation API (the PUT the editor's React app sends when a translator saves a
// segment), then reload the editor so that it shows the saved translation.
(() => {
  const panel = document.querySelector("[data-translation-memory]");
  if (!panel) return;
  panel.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-memory-use]");
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
})();
