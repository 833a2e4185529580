// wagtail-localize's translation editor writes its section heading in English
// ("Английски to Български translation"): put the admin's language's heading, given by our
// template (compat/wagtail_localize.py), in its place, in the text node React rendered. This script
// runs before the page's body is parsed, so it starts watching once the document is loaded.
(() => {
  const { bundleHeading, heading } = document.currentScript.dataset;
  if (!bundleHeading || !heading || bundleHeading === heading) return;
  const start = () => {
    const root = document.querySelector(".js-translation-editor");
    if (!root) return;
    const translate = () => {
      for (const title of root.querySelectorAll("h3")) {
        const text = title.firstChild;
        if (title.childNodes.length === 1 && text.nodeType === Node.TEXT_NODE && text.nodeValue === bundleHeading) {
          text.nodeValue = heading;
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
