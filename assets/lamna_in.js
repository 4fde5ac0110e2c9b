/* Lämna in (/lamna-in): send workbooks to the server as raw bodies, from the file picker or by drag and drop.

   Dash serves this file on every page, so the handlers first look for the drop zone. Each file is POSTed to the
   zone's data-url with the session's anti-forgery token, the municipality and committee of the template link
   (the page's one record of what is chosen) and its name; the server's JSON answer (the job, or a Swedish message
   for 413/403/400) goes into the store lamna-in-skickat, and the page's callbacks show and poll it. */
(function () {
  "use strict";

  var sent = [];
  var zoneSeen = null;

  function zone() {
    return document.getElementById("lamna-in-drop");
  }

  function share() {
    window.dash_clientside.set_props("lamna-in-skickat", { data: sent.slice() });
  }

  function chosen() {
    var link = document.getElementById("lamna-in-mall");
    return link && link.getAttribute("href") ? new URL(link.getAttribute("href"), window.location.href).search : "";
  }

  function send(file) {
    var z = zone();
    var entry = { file_name: file.name, status: "sending" };
    sent.push(entry);
    share();
    fetch(z.dataset.url + chosen(), {
      method: "POST",
      body: file,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/octet-stream",
        "X-CSRF-Token": z.dataset.csrf,
        "X-File-Name": encodeURIComponent(file.name)
      }
    }).then(function (response) {
      return response.text().then(function (text) {
        var body;
        try { body = JSON.parse(text); } catch (e) { body = { message: text }; }
        Object.assign(entry, body, { http: response.status });
        if (!response.ok) {
          entry.status = "refused";
          entry.job = undefined;
        }
      });
    }).catch(function () {
      entry.status = "refused";
      entry.message = "Filen kunde inte skickas. Kontrollera anslutningen och försök igen.";
    }).then(share);
  }

  function sendAll(files) {
    var z = zone();
    if (z !== zoneSeen) {  // a new visit to the page starts a new list
      sent = [];
      zoneSeen = z;
    }
    Array.prototype.forEach.call(files, send);
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("#lamna-in-valj")) {
      return;
    }
    var z = zone();
    var picker = z.querySelector("input[type=file]");
    if (!picker) {  // kept in the zone (hidden), so each choice reuses it
      picker = document.createElement("input");
      picker.type = "file";
      picker.multiple = true;
      picker.hidden = true;
      picker.accept = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      picker.addEventListener("change", function () {
        sendAll(picker.files);
        picker.value = "";
      });
      z.appendChild(picker);
    }
    picker.click();
  });

  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var z = event.target.closest && event.target.closest("#lamna-in-drop");
      if (z) {
        event.preventDefault();
        z.classList.add("intake-drop-over");
      }
    });
  });

  document.addEventListener("dragleave", function (event) {
    var z = event.target.closest && event.target.closest("#lamna-in-drop");
    if (z) {
      z.classList.remove("intake-drop-over");
    }
  });

  document.addEventListener("drop", function (event) {
    var z = event.target.closest && event.target.closest("#lamna-in-drop");
    if (z) {
      event.preventDefault();
      z.classList.remove("intake-drop-over");
      sendAll(event.dataTransfer.files);
    }
  });
})();
