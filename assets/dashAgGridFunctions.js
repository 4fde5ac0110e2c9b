/* Named functions for dash-ag-grid column definitions ({"function": "svCompare"} etc.). */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* Swedish collation for text columns: Å, Ä, Ö sort last and in that order. Empty values first. */
dagfuncs.svCompare = function (a, b) {
  return String(a ?? "").localeCompare(String(b ?? ""), "sv");
};

/* value rounded half away from zero at its shortest decimal form, as data/formatting.py rounded() does:
   Number.toFixed rounds the binary value, so 0.0975 (stored as 0.097499…) would show 0,097 instead of 0,098. */
dagfuncs.svRound = function (value, digits) {
  if (Math.abs(value) >= 1e15) {
    return value; // no fraction digits left to round in a double
  }
  var parts = String(Math.abs(value)).split("e");
  var exponent = (parts[1] ? Number(parts[1]) : 0) + digits;
  var shifted = Math.round(Number(parts[0] + "e" + exponent));
  var result = Number(shifted + "e" + -digits);
  return value < 0 ? -result : result;
};

/* Swedish number: 1 234,5 with a no-break space for thousands and U+2212 as minus; '–' when missing.
   signed puts '+' before a positive value, like data/formatting.py number(signed=True). */
dagfuncs.svNumber = function (value, decimals, suffix, signed) {
  if (value === null || value === undefined || value === "" || Number.isNaN(Number(value))) {
    return "–";
  }
  var digits = decimals || 0;
  var rounded = dagfuncs.svRound(Number(value), digits);
  var text = Math.abs(rounded)
    .toLocaleString("sv-SE", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .replace(/[\s\u202f]/g, "\u00a0");
  var sign = rounded < 0 ? "\u2212" : signed && rounded > 0 ? "+" : "";
  // A unit given as [singular, plural] agrees with the number: "1 dag", "2 dagar", "−1 dag".
  var unit = Array.isArray(suffix) ? suffix[Math.abs(rounded) === 1 ? 0 : 1] : suffix;
  return sign + text + (unit ? "\u00a0" + unit : "");
};
