// The list of unconfirmed machine translations above the translation editor
// (localization/templates/localization/machine_translation_panel.html): "Confirm" saves the
// machine's text through wagtail-localize's own string translation API (the PUT the editor's
// React app sends when a translator saves a segment), then reloads the editor.
(() => {
  const panel = document.querySelector("[data-machine-translation]");
  if (!panel) return;
  panel.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-machine-confirm]");
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
