// The evaluate function of the content checker's "skc-passage-language" check
// (localization/quality/content_checker.py): a passage of several words in the other
// language's script whose nearest lang attribute is still the page's language.
// Loaded after Wagtail's userbar.js, whose bundled axe-core sets window.axe.
(() => {
  const WORD = {
    latin: "[A-Za-z][A-Za-z'’.-]*",
    cyrillic: "[\\u0400-\\u04FF][\\u0400-\\u04FF'’.-]*",
  };
  const SKIPPED = "script, style, noscript, template, code, pre, [aria-hidden='true']";

  const languageOf = (element) => {
    const holder = element.closest("[lang]");
    return holder ? holder.getAttribute("lang").toLowerCase().split("-")[0] : "";
  };

  function unmarkedPassage(node, options) {
    const word = WORD[options.script];
    if (!word) return true;
    const passage = new RegExp(
      `${word}(?:[\\s,&:+/–-]+(?:\\d+[\\s,&:+/–-]+)*${word}){${options.words - 1},}`,
      "u",
    );
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let current = walker.nextNode(); current; current = walker.nextNode()) {
      const parent = current.parentElement;
      const own =
        parent &&
        parent.closest(options.blocks) === node &&
        !parent.closest(SKIPPED) &&
        languageOf(parent) === options.language;
      text += own ? current.data : " | ";
    }
    const found = text.match(passage);
    if (!found) return true;
    this.data({ passage: found[0] });
    return false;
  }

  if (window.axe) {
    window.axe.configure({
      checks: [{ id: "skc-passage-language", evaluate: unmarkedPassage }],
    });
  }
})();
