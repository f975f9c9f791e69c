/* fazhi web: the little script the pages need. Everything works without it except the
   per-file upload progress; links and forms are ordinary HTML. */
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  /* Report page: a verdict's link lights up its evidence and scrolls to it. */
  function showEvidence(key) {
    document.querySelectorAll(".ev.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".verdict.selected").forEach(function (el) { el.classList.remove("selected"); });
    var pieces = document.querySelectorAll('.ev[data-ev~="' + key + '"]');
    pieces.forEach(function (el) { el.classList.add("active"); });
    var verdict = document.getElementById("verdict-" + key);
    if (verdict) { verdict.classList.add("selected"); }
    if (pieces.length) { pieces[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
    return pieces.length;
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest("[data-ev-link]");
    if (link) {
      e.preventDefault();
      var key = link.getAttribute("data-ev-link");
      if (showEvidence(key)) { history.replaceState(null, "", "#ev-" + key); }
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    var m = /^#ev-(c\d+)$/.exec(location.hash);
    if (m) { showEvidence(m[1]); }
  });

  /* Sections that take a moment to compute are loaded after the page (the server renders
     and escapes them; a link to their own page stays for readers without script). */
  window.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-fragment]").forEach(function (el) {
      fetch(el.getAttribute("data-fragment"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { el.innerHTML = html; el.setAttribute("data-loaded", "1"); })
        .catch(function () { el.setAttribute("data-loaded", "error"); });
    });
  });

  /* Forms that destroy something ask first. */
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { e.preventDefault(); }
  });

  /* Upload page: files are sent one by one, each with its own progress and result. */
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var words = JSON.parse(form.getAttribute("data-words"));
  var limit = parseInt(form.getAttribute("data-file-bytes"), 10);
  var input = document.getElementById("files");
  var zone = document.getElementById("dropzone");
  var section = document.getElementById("upload-results");
  var tbody = document.querySelector("#upload-table tbody");
  var summary = document.getElementById("upload-summary");
  var queue = [];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ""; });
  }
  function row(name) {
    var tr = document.createElement("tr");
    var cells = [document.createElement("td"), document.createElement("td"), document.createElement("td")];
    cells[0].textContent = name;
    cells[1].textContent = words.waiting;
    cells.forEach(function (c) { tr.appendChild(c); });
    tbody.appendChild(tr);
    return tr;
  }
  function setResult(tr, r) {
    tr.className = "st-" + r.status;
    tr.cells[0].textContent = r.name;
    tr.cells[1].textContent = words[r.status] || r.status;
    tr.cells[2].textContent = "";
    if (r.url) {
      var a = document.createElement("a");
      a.href = r.url; a.textContent = words.open;
      tr.cells[2].appendChild(a);
    } else {
      tr.cells[2].textContent = r.message || "";
    }
  }
  function send(file, tr, done) {
    var data = new FormData();
    data.append("files", file, file.name);
    var xhr = new XMLHttpRequest();
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    tr.cells[1].textContent = words.sending + " ";
    tr.cells[1].appendChild(bar);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    };
    xhr.upload.onload = function () { tr.cells[1].textContent = words.analysing + "…"; };
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      var results = (body && body.results) || [];
      if (!results.length) {
        results = [{ name: file.name, status: "refused", message: (body && body.detail) || xhr.statusText }];
      }
      tr.remove();
      results.forEach(function (r) { setResult(row(r.name), r); });
      done(results);
    };
    xhr.onerror = function () {
      setResult(tr, { name: file.name, status: "failed", message: xhr.statusText || "network error" });
      done([{ ok: false }]);
    };
    xhr.open("POST", form.getAttribute("data-api"));
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(data);
  }
  function run(files) {
    if (!files.length) { return; }
    section.hidden = false;
    var ok = 0, bad = 0, total = 0;
    var jobs = Array.prototype.map.call(files, function (f) { return { file: f, tr: row(f.name) }; });
    queue = queue.concat(jobs);
    function next() {
      var job = queue.shift();
      if (!job) {
        summary.textContent = fill(words.summary, { n: total, ok: ok, bad: bad });
        form.dispatchEvent(new CustomEvent("fazhi:uploaded", { bubbles: true }));
        return;
      }
      if (job.file.size > limit) {
        total += 1; bad += 1;
        setResult(job.tr, { name: job.file.name, status: "refused",
          message: fill(words.too_large, { name: job.file.name }) });
        return next();
      }
      send(job.file, job.tr, function (results) {
        results.forEach(function (r) { total += 1; if (r.ok) { ok += 1; } else { bad += 1; } });
        next();
      });
    }
    next();
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.files);
    input.value = "";
  });
  input.addEventListener("change", function () { run(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (t) {
    zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) { run(e.dataTransfer.files); });
})();
