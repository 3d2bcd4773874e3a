// Idle-timeout warning: shows a dialog shortly before the server ends an idle session
// and lets the user stay signed in (a POST to the keep-alive endpoint). Any request the
// page makes through htmx counts as activity on the server, so the countdown restarts.
(function () {
  var dialog = document.getElementById("session-warning");
  if (!dialog) return;
  var warning = parseInt(dialog.dataset.warning, 10) * 1000;
  var deadline = Date.now() + parseInt(dialog.dataset.idleLeft, 10) * 1000;
  var timer = null;

  function schedule() {
    clearTimeout(timer);
    var now = Date.now();
    if (now >= deadline) {
      window.location.assign(dialog.dataset.login);
    } else if (now >= deadline - warning) {
      if (!dialog.open) dialog.showModal();
      timer = setTimeout(schedule, Math.min(1000, deadline - now));
    } else {
      if (dialog.open) dialog.close();
      timer = setTimeout(schedule, deadline - warning - now);
    }
  }

  function restart(seconds) {
    deadline = Date.now() + seconds * 1000;
    schedule();
  }

  dialog.querySelector("[data-session-extend]").addEventListener("click", function () {
    fetch(dialog.dataset.keepalive, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": dialog.dataset.csrf, "Accept": "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("ended");
        return response.json();
      })
      .then(function (data) { restart(data.idle_left); })
      .catch(function () { dialog.querySelector(".session-warning-error").hidden = false; });
  });

  document.body.addEventListener("htmx:afterRequest", function () {
    // The server notes activity at most once a minute: count from a minute ago.
    var idle = parseInt(dialog.dataset.idle, 10) - 60;
    restart(Math.max(idle, (deadline - Date.now()) / 1000));
  });
  schedule();
})();
