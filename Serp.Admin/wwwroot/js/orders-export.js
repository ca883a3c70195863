// Starts the CSV export as an ordinary download: the browser streams it straight to disk, so a million rows cost
// the page no memory. The server reports the rows written to the button (by the export id in the URL).
export function start(url) {
  const link = document.createElement("a");
  link.href = url;
  link.download = ""; // the name comes from the response's Content-Disposition
  document.body.appendChild(link);
  link.click();
  link.remove();
}
