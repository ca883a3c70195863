// Downloads the CSV export with progress: reads the streamed response, reports bytes and lines to .NET a few
// times a second, then saves it under the server's file name. Lines are counted on "\n", which the server
// writes only at the end of a row (a newline inside a field is quoted and rare), so the count is a progress hint.
export async function download(url, fallbackName, progress) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/csv" } });
  if (!response.ok) {
    throw new Error((await response.text()) || `The export failed (HTTP ${response.status}).`);
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = (/filename="?([^";]+)"?/.exec(disposition) || [])[1] || fallbackName;
  const reader = response.body.getReader();
  const chunks = [];
  let bytes = 0;
  let lines = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    if (performance.now() - reported > 250) {
      reported = performance.now();
      await progress.invokeMethodAsync("Progress", bytes, Math.max(lines - 1, 0));
    }
  }
  const href = URL.createObjectURL(new Blob(chunks, { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return Math.max(lines - 1, 0);
}
