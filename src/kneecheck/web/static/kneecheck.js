// The browser's time zone fills the fields that ask for it (a new account's default, the setting on
// the training page); without JavaScript the server keeps UTC or the stored zone.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  var fields = document.querySelectorAll("[data-browser-time-zone]");
  for (var i = 0; i < fields.length; i++) { if (!fields[i].value) fields[i].value = zone; }
  var hint = document.getElementById("browser-time-zone");
  if (hint) hint.textContent = "This browser says " + zone + ".";
})();

// Progressive enhancement: show upload progress on the import page. Without JavaScript the
// form posts normally and the page shows the same summary.
(function () {
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var bar = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status");
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); status.textContent = "Uploading: " + bar.value + " %"; }
    };
    request.upload.onload = function () { status.textContent = "Uploaded; importing, please wait..."; };
    request.onload = function () { document.open(); document.write(request.responseText); document.close(); };
    request.onerror = function () { status.textContent = "The upload failed; please try again."; };
    request.send(new FormData(form));
  });
})();
