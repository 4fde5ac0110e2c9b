/* Named functions for dash-ag-grid column definitions ({"function": "svCompare"} etc.). */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* Swedish collation for text columns: Å, Ä, Ö sort last and in that order. Empty values first. */
dagfuncs.svCompare = function (a, b) {
  return String(a ?? "").localeCompare(String(b ?? ""), "sv");
};

/* Swedish number: 1 234,5 with a no-break space for thousands and U+2212 as minus; '–' when missing. */
dagfuncs.svNumber = function (value, decimals, suffix) {
  if (value === null || value === undefined || value === "" || Number.isNaN(Number(value))) {
    return "–";
  }
  var digits = decimals || 0;
  var rounded = Number(Number(value).toFixed(digits));
  var text = Math.abs(rounded)
    .toLocaleString("sv-SE", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .replace(/[\s\u202f]/g, "\u00a0");
  var sign = rounded < 0 ? "\u2212" : "";
  return sign + text + (suffix ? "\u00a0" + suffix : "");
};
