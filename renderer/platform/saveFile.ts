/**
 * Hands a file to the person: a download in a browser window, and in Electron (which turns a
 * download into its native save dialog) a file saved where they choose.
 */
export function saveFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the object URL only has to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
