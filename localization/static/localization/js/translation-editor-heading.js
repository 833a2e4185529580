// wagtail-localize's translation editor writes two texts in English whatever the admin's
// language: its section heading ("Английски to Български translation") and the hidden label of
// its footer's menu button ("More actions", for screen readers). Put the admin's language's
// texts, given by our template (compat/wagtail_localize.py), in their place, in the text nodes
// React rendered. This script runs before the page's body is parsed, so it starts watching once
// the document is loaded.
(() => {
  const { bundleHeading, heading, bundleMoreActions, moreActions } = document.currentScript.dataset;
  const swaps = [
    ["h3", bundleHeading, heading],
    [".w-sr-only", bundleMoreActions, moreActions],
  ].filter(([, from, to]) => from && to && from !== to);
  if (!swaps.length) return;
  const start = () => {
    const root = document.querySelector(".js-translation-editor");
    if (!root) return;
    const translate = () => {
      for (const [selector, from, to] of swaps) {
        for (const element of root.querySelectorAll(selector)) {
          const text = element.firstChild;
          if (element.childNodes.length === 1 && text.nodeType === Node.TEXT_NODE && text.nodeValue === from) {
            text.nodeValue = to;
          }
        }
      }
    };
    new MutationObserver(translate).observe(root, { childList: true, subtree: true, characterData: true });
    translate();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
