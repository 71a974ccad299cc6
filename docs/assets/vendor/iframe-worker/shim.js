/* iframe-worker 1.0.4 (MIT, Martin Donath; see LICENSE), shim/index.js, with one change: the worker's
   frame runs frame.js, a file beside this one, instead of an inline script, so that it runs under the
   site's Content-Security-Policy (which forbids inline script). Used only from file://, where Chromium
   cannot start a real worker: the worker's script runs in a hidden frame and talks through messages. */
"use strict";
(function () {
  var frameScript = new URL("frame.js", document.currentScript.src).href;

  function attribute(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = (event) => {
        if (event.source === this.w) {
          this.dispatchEvent(new MessageEvent("message", { data: event.data }));
          if (this.onmessage) this.onmessage(event);
        }
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename === `${this.url}`) {
          var event = new ErrorEvent("error", { message, filename, lineno, colno, error });
          this.dispatchEvent(event);
          if (this.onerror) this.onerror(event);
        }
      };
      var frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild(this.iframe = frame);
      this.w.document.open();
      this.w.document.write(
        `<html><body><script src="${attribute(frameScript)}" data-worker="${attribute(url)}"></script>` +
        `<script src="${attribute(url)}?${+Date.now()}"></script></body></html>`);
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => { this.w.onload = resolve; this.w.onerror = reject; });
    }
    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }
    postMessage(data) {
      this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
