// The dashboard as a Telegram Mini App; loaded by bot/texts/templates/mini_app.html, which says
// what it does. A file, not an inline script, so that the pages' Content-Security-Policy
// (bot/web/security_headers.py) allows no inline script.
(function () {
  "use strict";
  var KEY = "deadline-bot-init-data";
  var webApp = window.Telegram && window.Telegram.WebApp;
  var initData = (webApp && webApp.initData) || stored();
  if (!initData) return;
  store(initData);
  if (webApp) webApp.ready();

  // A browser may refuse storage to a page framed by another site (Telegram Web, where
  // third-party cookies are blocked); the data then lasts as long as the page.
  function stored() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { sessionStorage.setItem(KEY, value); } catch (e) { /* kept in this page only */ }
  }

  function show(response, push) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("text/html") !== 0) {  // the workbook
      return response.blob().then(function (blob) { location.href = URL.createObjectURL(blob); });
    }
    return response.text().then(function (html) {
      history[push ? "pushState" : "replaceState"](null, "", response.url);
      document.open();  // also drops this page's listeners; the new page sets its own
      document.write(html);
      document.close();
    });
  }

  function load(url, init, push) {
    init = init || {};
    init.headers = {"X-Telegram-Init-Data": initData};
    return fetch(url, init).then(function (response) { return show(response, push); });
  }

  // Served without the header (the Mini App's first request): ask again with it.
  if (!document.body.hasAttribute("data-mini-app")) {
    load(location.href);
    return;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.origin !== location.origin) return;
    event.preventDefault();
    load(link.href, {}, true);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target, fields = new URLSearchParams(new FormData(form));
    event.preventDefault();
    if (form.method.toLowerCase() === "post") {
      load(form.action, {method: "POST", body: fields}, true);
    } else {
      load(form.action.split("?")[0] + "?" + fields, {}, true);
    }
  });
  window.addEventListener("popstate", function () { load(location.href); });
})();
