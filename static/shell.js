// Runs in the page around the app; ssi_coach/ui/shell.py (client_script) puts its settings in
// place of the placeholder below. Every run of the app may run it again: it installs itself
// once, then only takes the new settings (another language).
(() => {
  const state = window.ssiCoach || (window.ssiCoach = {});
  state.config = SSI_COACH_CONFIG;

  // 0. Screen readers pronounce the page in the language of the html element's lang attribute,
  // which Streamlit's page sets to "en": at every run, make it the app's language (a switch runs
  // this again). No opening angle bracket before a letter anywhere in this file: Streamlit's
  // sanitizer would then drop the whole script.
  document.documentElement.lang = state.config.lang;

  // 1. The browser's language is what Streamlit's date picker (month and day names, first
  // day of the week) and its number formats follow: make it the app's language.
  if (state.browserLanguage === undefined) {
    state.browserLanguage = navigator.language || "";
    Object.defineProperty(navigator, "language", { configurable: true, get: () => state.locale });
    Object.defineProperty(navigator, "languages", {
      configurable: true,
      get: () => [state.locale],
    });
  }
  // A Swiss or Canadian browser keeps its own French; another language gets the app's default.
  const own = state.browserLanguage;
  state.locale = own.split("-")[0] === state.config.lang ? own : state.config.locale;

  // 2. Streamlit's own English texts that its API cannot translate.
  const translate = (text, withPrefixes) => {
    for (const entry of state.config.texts) {
      if (entry.all.includes(text)) return entry.now;
    }
    if (!withPrefixes) return null;
    for (const entry of state.config.prefixes) {
      for (const [before, after] of entry.all) {
        const long = text.length >= before.length + after.length;
        if (long && text.startsWith(before) && text.endsWith(after)) {
          const label = text.slice(before.length, text.length - after.length);
          return entry.now[0] + label + entry.now[1];
        }
      }
    }
    return null;
  };
  const ATTRIBUTES = ["aria-label", "title"];
  // Text is translated only in Streamlit's tooltips, typing hints and skip link: never the
  // user's words.
  const TEXT_PLACES =
    '[data-testid="stTooltipContent"], [data-testid="InputInstructions"], a[href="#stMain"]';
  const fixAttributes = (element) => {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      const shown = value === null ? null : translate(value, true);
      if (shown !== null && shown !== value) element.setAttribute(name, shown);
    }
  };
  const fixPlacedText = (node) => {
    const shown = translate(node.nodeValue.trim(), false);
    if (shown !== null && shown !== node.nodeValue) node.nodeValue = shown;
  };
  const fixText = (node) => {
    const parent = node.parentElement;
    if (parent && parent.closest(TEXT_PLACES)) fixPlacedText(node);
  };
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      fixText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttributes(root);
    for (const element of root.querySelectorAll("[aria-label], [title]")) fixAttributes(element);
    // The upload button shows its label through CSS, which a screen reader does not read.
    for (const button of root.querySelectorAll('[data-testid="stFileUploaderDropzone"] button')) {
      if (button.getAttribute("aria-label") !== state.config.uploadLabel) {
        button.setAttribute("aria-label", state.config.uploadLabel);
      }
    }
    // Only the texts inside those places are walked: every run adds hundreds of elements, and
    // looking up each text's place made the page slower to show.
    const places = root.closest(TEXT_PLACES) ? [root] : root.querySelectorAll(TEXT_PLACES);
    for (const place of places) {
      const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) fixPlacedText(node);
    }
  };
  state.fixTree = fixTree;

  if (!state.installed) {
    state.installed = true;
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") fixAttributes(change.target);
        else if (change.type === "characterData") fixText(change.target);
        else for (const node of change.addedNodes) state.fixTree(node);
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });

    // 3. On a narrow screen the sidebar covers the page: close it once a page is chosen.
    // Streamlit does so only for a phone's user agent, not for a narrow window or a tablet.
    const closeMenu = (triesLeft) => {
      const sidebar = document.querySelector('[data-testid="stSidebar"]');
      if (!sidebar || sidebar.getAttribute("data-collapsed") === "true") return;
      const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (!button) {
        if (triesLeft > 0) setTimeout(() => closeMenu(triesLeft - 1), 50);
        return;
      }
      button.click();
      // That click stores "closed" for every width: forget it, so that a wider window shows
      // the menu again, as before the user opened it.
      try {
        for (const key of Object.keys(window.localStorage)) {
          if (key.startsWith("stSidebarCollapsed-")) window.localStorage.removeItem(key);
        }
      } catch (error) {
        // Storage may be off (private browsing): the menu then just stays closed.
      }
    };
    document.addEventListener(
      "click",
      (event) => {
        const link = event.target.closest && event.target.closest('[data-testid="stSidebarNav"] a');
        if (!link || window.innerWidth >= state.config.overlayWidth) return;
        setTimeout(() => closeMenu(20), 0);
      },
      true,
    );

    // 4. The copy blocks (ssi_coach/ui/copy_block.py): one listener for every block, present
    // and to come. The button then says "copied" for a moment, by its name, its icon and a
    // polite live region, before it takes its name back.
    const COPIED_MS = 2000;
    // Without the clipboard API (a page served over http under another host name is not a
    // secure context), the browser's copy command: it copies the selection, so the block's
    // text is selected, and the copy event carries the exact text rather than the rendering.
    const copyByCommand = (text, shown) => {
      const selection = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(shown);
      selection.removeAllRanges();
      selection.addRange(range);
      const exact = (event) => {
        event.clipboardData.setData("text/plain", text);
        event.preventDefault();
      };
      document.addEventListener("copy", exact, true);
      try {
        return document.execCommand("copy");
      } catch (error) {
        return false;
      } finally {
        document.removeEventListener("copy", exact, true);
        selection.removeAllRanges();
      }
    };
    const copyText = async (text, shown) => {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        try {
          await navigator.clipboard.writeText(text);
          return true;
        } catch (error) {
          // Refused (no permission, the page not focused): the copy command may still work.
        }
      }
      return copyByCommand(text, shown);
    };
    const showCopied = (button, status) => {
      const labels = state.config.copy;
      button.setAttribute("data-copied", "");
      button.setAttribute("aria-label", labels.done);
      button.setAttribute("title", labels.done);
      status.textContent = labels.done;
      clearTimeout(button.ssiCopyTimer);
      button.ssiCopyTimer = setTimeout(() => {
        const now = state.config.copy;
        button.removeAttribute("data-copied");
        button.setAttribute("aria-label", now.label);
        button.setAttribute("title", now.label);
        status.textContent = "";
      }, COPIED_MS);
    };
    document.addEventListener("click", (event) => {
      const button = event.target.closest && event.target.closest(".ssi-copy-button");
      const block = button && button.closest(".ssi-copy");
      const shown = block && block.querySelector(".ssi-copy-text");
      if (!shown) return;
      copyText(shown.textContent, shown).then((copied) => {
        if (copied) showCopied(button, block.querySelector(".ssi-copy-status"));
      });
    });
  }
  state.fixTree(document.body);
})();
