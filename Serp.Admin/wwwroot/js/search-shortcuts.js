// Keyboard shortcuts of the app bar's search box: Ctrl+K / Cmd+K from anywhere (the browser would otherwise take
// Ctrl+K for its own search bar), and "/" when the operator is not typing somewhere else.
let inputId = null;

export function install(id) {
  if (inputId === null) document.addEventListener("keydown", onKeyDown);
  inputId = id;
}

function onKeyDown(event) {
  const input = inputId && document.getElementById(inputId);
  if (!input) return;
  const commandK = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
  const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
  if (!commandK && !slash) return;
  event.preventDefault();
  input.focus();
  input.select();
}

function isTyping(element) {
  return element instanceof HTMLElement &&
    (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}
