/* iframe-worker's frame (see shim.js): gives the worker's script the worker's global functions. This was
   an inline script upstream; as a file it runs under the site's Content-Security-Policy. */
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function (message, targetOrigin) { parent.postMessage(message, targetOrigin || "*"); };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (loaded, src) {
      return loaded.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
