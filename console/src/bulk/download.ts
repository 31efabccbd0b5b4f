/**
 * Saves bytes made in the page as a file (a template or the results): a Blob and a link with
 * `download`, nothing sent anywhere. Browser only.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv;charset=utf-8';

export function saveBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const blob = new Blob([bytes.slice().buffer], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the click has started the download; the URL may go once the event loop has moved on
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
