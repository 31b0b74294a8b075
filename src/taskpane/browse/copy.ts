/** Copying a formula to the clipboard, with the fallback when the clipboard is refused. */

/** Copies text; says what happened. When copying is refused, the element holding the text is selected. */
export async function copyFormula(
  text: string,
  holder: Element
): Promise<{ copied: boolean; message: string }> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard API");
    await navigator.clipboard.writeText(text);
    return { copied: true, message: `Copied ${text}` };
  } catch {
    // Clipboard access can be refused (permissions, an embedding frame): select the text instead.
    const range = document.createRange();
    range.selectNodeContents(holder);
    const selectionNow = window.getSelection();
    selectionNow?.removeAllRanges();
    selectionNow?.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    return copied
      ? { copied, message: `Copied ${text}` }
      : {
          copied,
          message:
            "Copying is not allowed here. The formula is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
        };
  }
}
