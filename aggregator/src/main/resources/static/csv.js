// CSV of what a page shows, made in the browser from the rows on screen. A cell that a spreadsheet
// would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe, as the hub's own
// CSV answers do.

function cell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?[0-9.]+$/.test(s)) {
    s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(header, rows) {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Makes a button download the CSV of header and rowsFn() (the rows as shown now). */
export function csvDownload(button, fileName, header, rowsFn) {
  button.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([csvText(header, rowsFn())], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = typeof fileName === 'function' ? fileName() : fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  });
}
