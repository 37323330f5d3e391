/*
 * The field page (issue 20): the grid worker's open visits and the visit form, working on a weak connection.
 * Every filled form goes first into the phone's outbox (IndexedDB) with a key made for it (a UUID), and is sent
 * from there: at once when online, else when the connection returns or the page opens again. The server records
 * a key once and answers a repeat with the first result, so a form sent twice (the answer lost on the way) is
 * recorded once. The worklist and the form's labels are kept in localStorage for offline use.
 */
(function () {
  'use strict';

  var API = '/field/api';
  var STORE = 'outbox';
  var LIST_KEY = 'canbao.field.worklist';
  var SESSION_KEY = 'canbao.field.session';
  var REFUSED_KEY = 'canbao.field.refused';
  var ALL_TEXTS = window.CANBAO_FIELD_TEXTS;

  var session = readJson(SESSION_KEY); // labels and limits; the CSRF token is kept in memory only
  var csrf = null;
  var worklist = readJson(LIST_KEY) || {tasks: [], at: null};
  var flushing = false;
  var loginNeeded = false;

  function readJson(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }

  function texts() {
    var lang = (session && session.locale) || navigator.language || 'zh-CN';
    return lang.toLowerCase().indexOf('zh') === 0 ? ALL_TEXTS['zh-CN'] : ALL_TEXTS.en;
  }

  function t(key, args) {
    var s = texts()[key] || key;
    args = args || {};
    Object.keys(args).forEach(function (k) { s = s.split('{' + k + '}').join(args[k]); });
    return s;
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'onclick') { e.onclick = attrs[k]; }
      else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  /* ---------- the outbox (IndexedDB) ---------- */

  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var open = indexedDB.open('canbao-field', 1);
        open.onupgradeneeded = function () { open.result.createObjectStore(STORE, {keyPath: 'key'}); };
        open.onsuccess = function () { resolve(open.result); };
        open.onerror = function () { reject(open.error); };
      });
    }
    return dbPromise;
  }

  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var x = d.transaction(STORE, mode);
        var result = work(x.objectStore(STORE));
        x.oncomplete = function () { resolve(result && 'result' in result ? result.result : undefined); };
        x.onerror = function () { reject(x.error); };
      });
    });
  }

  function outbox() { return tx('readonly', function (s) { return s.getAll(); }); }
  function keep(item) { return tx('readwrite', function (s) { s.put(item); }); }
  function drop(key) { return tx('readwrite', function (s) { s.delete(key); }); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  /* ---------- talking to the server ---------- */

  function getJson(path) {
    return fetch(API + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (r) {
        if (r.status === 401) { throw {login: true}; }
        if (!r.ok) { throw {status: r.status}; }
        return r.json();
      });
  }

  function loadSession() {
    return getJson('/session').then(function (s) {
      csrf = {header: s.csrfHeader, token: s.csrfToken};
      delete s.csrfToken;
      session = s;
      localStorage.setItem(SESSION_KEY, JSON.stringify(s));
      loginNeeded = false;
      return s;
    });
  }

  function loadList() {
    return getJson('/visits').then(function (tasks) {
      worklist = {tasks: tasks, at: new Date().toISOString(), live: true};
      localStorage.setItem(LIST_KEY, JSON.stringify({tasks: tasks, at: worklist.at}));
    });
  }

  function refresh() {
    if (!navigator.onLine) { return Promise.resolve(); }
    // the outbox first (its tasks then leave the list), the list after; each step goes on when another fails
    return loadSession().catch(failed).then(flush).then(loadList).catch(failed).then(render);
  }

  function failed(e) {
    if (e && e.login) { loginNeeded = true; }
  }

  /** Sends the outbox's forms one by one, oldest first; stops at the first that cannot go now. */
  function flush() {
    if (flushing || !navigator.onLine) { return Promise.resolve(); }
    flushing = true;
    var run = function () {
      return outbox().then(function (items) {
        items.sort(function (a, b) { return a.filledAt < b.filledAt ? -1 : 1; });
        return items.reduce(function (p, item) {
          return p.then(function (goOn) { return goOn ? send(item, true) : false; });
        }, Promise.resolve(true));
      });
    };
    var done = navigator.locks
      ? navigator.locks.request('canbao-field-flush', run) // one tab sends at a time
      : run();
    return done.catch(failed).then(function () { flushing = false; return render(); });
  }

  /** One form: true when it is done with (recorded or refused), false when it stays for later. */
  function send(item, retryCsrf) {
    var ready = csrf ? Promise.resolve() : loadSession();
    return ready.then(function () {
      var body = new FormData();
      body.append('visit', new Blob([JSON.stringify(item.form)], {type: 'application/json'}));
      if (item.photo) { body.append('photo', item.photo, item.photo.type === 'image/png' ? 'photo.png' : 'photo.jpg'); }
      var headers = {'Idempotency-Key': item.key, Accept: 'application/json'};
      headers[csrf.header] = csrf.token;
      return fetch(API + '/visits/' + encodeURIComponent(item.taskId), {
        method: 'POST', credentials: 'same-origin', headers: headers, body: body
      });
    }).then(function (r) {
      if (r.ok) {
        return drop(item.key).then(function () {
          // the task is done: off the list at once (the next load of the list says the same)
          worklist.tasks = (worklist.tasks || []).filter(function (x) { return x.taskId !== item.taskId; });
          localStorage.setItem(LIST_KEY, JSON.stringify({tasks: worklist.tasks, at: worklist.at}));
          say(t('uploaded', {0: item.name}), 'ok');
          return true;
        });
      }
      if (r.status === 401) { loginNeeded = true; return false; }
      if (r.status >= 500) { return false; }
      return r.json().catch(function () { return {}; }).then(function (problem) {
        if (r.status === 403 && retryCsrf && !problem.code) {
          // no domain refusal: the session's CSRF token changed (a new login); fetch it and send once more
          csrf = null;
          return send(item, false);
        }
        return refuse(item, problem.detail || String(r.status));
      });
    }, function (e) {
      if (e && e.login) { loginNeeded = true; }
      return false; // the network failed on the way: the form stays and goes next time
    });
  }

  function refuse(item, why) {
    var refused = readJson(REFUSED_KEY) || [];
    refused.push({key: item.key, name: item.name, why: why});
    localStorage.setItem(REFUSED_KEY, JSON.stringify(refused));
    return drop(item.key).then(function () { return true; });
  }

  /* ---------- the page ---------- */

  function say(text, kind) {
    var m = $('field-message');
    m.textContent = text;
    m.className = 'message ' + (kind || '');
    m.hidden = !text;
  }

  function when(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return (d.getMonth() + 1) + '-' + d.getDate() + ' ' + ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  function render() {
    document.title = t('title');
    document.documentElement.lang = texts() === ALL_TEXTS.en ? 'en' : 'zh-CN';
    $('field-title').textContent = t('title');
    $('field-network').textContent = navigator.onLine ? t('online') : t('offline');
    $('field-list-title').textContent = t('listTitle');
    $('field-outbox-title').textContent = t('outboxTitle');
    $('field-refused-title').textContent = t('refusedTitle');
    var login = $('field-login');
    login.hidden = !loginNeeded;
    login.firstChild.textContent = t('loginNeeded') + ' → ' + t('login');
    return outbox().then(function (items) {
      var pending = $('field-pending');
      pending.textContent = t('pending', {n: items.length});
      pending.setAttribute('data-count', String(items.length));
      var waiting = {};
      var box = $('field-outbox');
      box.innerHTML = '';
      items.forEach(function (i) {
        waiting[i.taskId] = true;
        box.appendChild(el('li', {'class': 'outbox-item', text: t('outboxItem', {0: i.name, 1: when(i.filledAt)})}));
      });
      $('field-outbox-section').hidden = items.length === 0;
      renderList(waiting);
      renderRefused();
    });
  }

  function renderList(waiting) {
    var list = $('field-list');
    list.innerHTML = '';
    var tasks = (worklist.tasks || []).filter(function (x) { return !waiting[x.taskId]; });
    tasks.forEach(function (x) {
      list.appendChild(el('li', {'class': 'field-task', 'data-task': x.taskId}, [
        el('div', {'class': 'who', text: x.name + ' · ' + x.maskedId}),
        el('div', {'class': 'meta', text: [x.regionName, x.maskedMobile].filter(Boolean).join(' · ')}),
        x.due ? el('div', {'class': 'meta' + (x.overdue ? ' overdue' : ''),
          text: t('due', {0: when(x.due)}) + (x.overdue ? ' · ' + t('overdue') : '')}) : null,
        el('button', {'class': 'field-open', type: 'button', text: t('open'), onclick: function () { openForm(x); }})
      ]));
    });
    $('field-empty').hidden = tasks.length > 0;
    $('field-empty').textContent = t('empty');
    $('field-list-updated').textContent = worklist.at
      ? t(worklist.live ? 'listUpdated' : 'listCachedOnly', {0: when(worklist.at)}) : '';
  }

  function renderRefused() {
    var refused = readJson(REFUSED_KEY) || [];
    var ul = $('field-refused');
    ul.innerHTML = '';
    refused.forEach(function (r, i) {
      ul.appendChild(el('li', {'class': 'refused-item'}, [
        el('div', {text: t('refused', {0: r.name, 1: r.why})}),
        el('button', {type: 'button', text: t('dismiss'), onclick: function () {
          var now = readJson(REFUSED_KEY) || [];
          now.splice(i, 1);
          localStorage.setItem(REFUSED_KEY, JSON.stringify(now));
          renderRefused();
        }})
      ]));
    });
    $('field-refused-section').hidden = refused.length === 0;
  }

  /* ---------- the visit form ---------- */

  function labels() { return session || {fields: {}, methods: {}, outcomes: {}, reasons: {}, schemes: {}}; }

  function radios(name, choices, checked) {
    var fs = el('fieldset', {id: 'visit-' + name}, [el('legend', {text: labels().fields[name] || name})]);
    Object.keys(choices).forEach(function (value) {
      var input = el('input', {type: 'radio', name: name, value: value});
      if (value === checked) { input.checked = true; }
      fs.appendChild(el('label', {'class': 'choice'}, [input, document.createTextNode(choices[value])]));
    });
    return fs;
  }

  function field(name, input, labelText) {
    input.id = 'visit-' + name;
    input.name = name;
    return el('div', {'class': 'field', 'data-field': name}, [
      el('label', {'for': input.id, text: labelText || labels().fields[name] || name}), input]);
  }

  function select(choices) {
    var s = el('select', {}, [el('option', {value: '', text: t('chooseNone')})]);
    Object.keys(choices).forEach(function (v) { s.appendChild(el('option', {value: v, text: choices[v]})); });
    return s;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }

  function openForm(task) {
    var L = labels();
    var form = $('field-form');
    form.innerHTML = '';
    var promised = el('input', {type: 'date', min: today()});
    var death = el('input', {type: 'date'});
    var photo = el('input', {type: 'file', accept: 'image/jpeg,image/png', capture: 'environment'});
    var parts = {
      promisedDate: field('promisedDate', promised),
      evidence: field('evidence', el('textarea')),
      movedTo: field('movedTo', el('input', {type: 'text'})),
      eventDate: field('eventDate', death, L.fields.deathDate),
      insuredScheme: field('insuredScheme', select(L.schemes)),
      insuredWhere: field('insuredWhere', el('input', {type: 'text'}))
    };
    form.appendChild(el('h2', {id: 'visit-who', text: task.name + ' · ' + task.maskedId}));
    household(form, task.members || []);
    form.appendChild(radios('method', L.methods, 'HOME'));
    form.appendChild(radios('outcome', L.outcomes, null));
    Object.keys(parts).forEach(function (k) { form.appendChild(parts[k]); });
    form.appendChild(field('reason', select(L.reasons)));
    form.appendChild(field('correctedMobile', el('input', {type: 'tel', pattern: '[0-9+ -]*'})));
    form.appendChild(field('correctedAddress', el('input', {type: 'text'})));
    form.appendChild(field('note', el('textarea')));
    form.appendChild(field('photo', photo, t('photo')));
    var error = el('p', {id: 'visit-error', 'class': 'message error', hidden: ''});
    form.appendChild(error);
    form.appendChild(el('div', {'class': 'form-actions'}, [
      el('button', {id: 'visit-save', 'class': 'primary', type: 'submit', text: L.fields.save || 'OK'}),
      el('button', {id: 'visit-back', type: 'button', text: t('back'), onclick: closeForm})
    ]));
    var show = function () {
      // the fields of every outcome given: the household's and each member's own
      var given = outcomes(form);
      var has = function (o) { return given.indexOf(o) >= 0; };
      parts.promisedDate.hidden = !has('PROMISED');
      parts.evidence.hidden = !(has('MOVED') || has('DECEASED') || has('INSURED_ELSEWHERE'));
      parts.movedTo.hidden = !has('MOVED');
      parts.eventDate.hidden = !has('DECEASED');
      parts.insuredScheme.hidden = !has('INSURED_ELSEWHERE');
      parts.insuredWhere.hidden = !has('INSURED_ELSEWHERE');
    };
    form.onchange = show;
    show();
    form.onsubmit = function (e) {
      e.preventDefault();
      var filled = read(form);
      var problem = check(filled);
      delete filled.given;
      if (problem) { error.textContent = problem; error.hidden = false; return; }
      photoOf(photo).then(function (blob) {
        var item = {key: uuid(), taskId: task.taskId, name: task.name, form: filled, photo: blob,
          filledAt: new Date().toISOString()};
        return keep(item).then(function () {
          closeForm();
          say(t('kept'), 'warn');
          return render().then(refresh);
        });
      }, function (why) { error.textContent = why; error.hidden = false; });
    };
    $('field-list-section').hidden = true;
    $('field-outbox-section').hidden = true;
    $('field-refused-section').hidden = true;
    form.hidden = false;
    window.scrollTo(0, 0);
  }

  /**
   * One visit covers the household's uninsured members (issue 16): each listed by relation with an outcome of their
   * own; left empty, the household's outcome is theirs. Nothing for a resident visited alone.
   */
  function household(form, members) {
    if (members.length < 2) { return; }
    var L = labels();
    var box = el('div', {id: 'visit-household', 'class': 'household'}, [
      el('p', {text: (L.fields.household || '{0}').split('{0}').join(String(members.length))})]);
    members.forEach(function (m) {
      var s = el('select', {id: 'visit-member-' + m.caseId, 'data-member': String(m.caseId)},
        [el('option', {value: '', text: L.fields.sameAsHousehold || ''})]);
      Object.keys(L.outcomes).forEach(function (v) { s.appendChild(el('option', {value: v, text: L.outcomes[v]})); });
      box.appendChild(el('label', {'for': s.id, text: [m.relation, m.name, m.maskedId].filter(Boolean).join(' · ')}));
      box.appendChild(s);
    });
    form.appendChild(box);
  }

  /** The members' own outcomes as the task listener reads them: "caseId:OUTCOME;…", or null. */
  function memberOutcomes(form) {
    var pairs = Array.prototype.filter.call(form.querySelectorAll('select[data-member]'), function (s) { return s.value; })
      .map(function (s) { return s.getAttribute('data-member') + ':' + s.value; });
    return pairs.length ? pairs.join(';') : null;
  }

  /** Every outcome the form gives: the household's and the members' own. */
  function outcomes(form) {
    var given = [value(form, 'outcome')];
    Array.prototype.forEach.call(form.querySelectorAll('select[data-member]'), function (s) { given.push(s.value); });
    return given.filter(Boolean);
  }

  function closeForm() {
    $('field-form').hidden = true;
    $('field-form').innerHTML = '';
    $('field-list-section').hidden = false;
    render();
  }

  function value(form, name) {
    var e = form.elements[name];
    if (!e) { return null; }
    if (e instanceof RadioNodeList || (e.length && e[0] && e[0].type === 'radio')) {
      var c = Array.prototype.find.call(e, function (r) { return r.checked; });
      return c ? c.value : null;
    }
    return e.value === '' ? null : e.value;
  }

  /** What the form sends: the fields shown for the outcome; hidden ones go empty, as on the Vaadin form. */
  function read(form) {
    var o = value(form, 'outcome');
    var shown = function (name) {
      var box = form.querySelector('[data-field="' + name + '"]');
      return box && !box.hidden ? value(form, name) : null;
    };
    return {
      method: value(form, 'method'), outcome: o, reason: value(form, 'reason'),
      promisedDate: shown('promisedDate'), evidence: shown('evidence'), movedTo: shown('movedTo'),
      eventDate: shown('eventDate'), insuredScheme: shown('insuredScheme'), insuredWhere: shown('insuredWhere'),
      correctedMobile: value(form, 'correctedMobile'), correctedAddress: value(form, 'correctedAddress'),
      note: value(form, 'note'), memberOutcomes: memberOutcomes(form),
      given: outcomes(form)
    };
  }

  /** The checks the server makes too, so that a form kept offline is not refused later for a missing field. */
  function check(f) {
    var has = function (o) { return f.given.indexOf(o) >= 0; };
    if (!f.method || !f.outcome) { return t('required'); }
    if (has('PROMISED') && (!f.promisedDate || f.promisedDate < today())) { return t('promiseDate'); }
    if ((has('MOVED') || has('DECEASED') || has('INSURED_ELSEWHERE'))
        && !(f.evidence && f.evidence.trim())) { return t('evidenceRequired'); }
    if (has('DECEASED') && !f.eventDate) { return t('deathDate'); }
    if (has('INSURED_ELSEWHERE') && !f.insuredScheme) { return t('insuredScheme'); }
    return null;
  }

  /** The chosen photo, scaled down to 1600 px as a JPEG when larger (a phone's photo is several MB). */
  function photoOf(input) {
    var file = input.files && input.files[0];
    if (!file) { return Promise.resolve(null); }
    var max = (session && session.photoMaxBytes) || 5 * 1024 * 1024;
    return new Promise(function (resolve, reject) {
      var img = new Image();
      var url = URL.createObjectURL(file);
      img.onload = function () {
        URL.revokeObjectURL(url);
        var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
        if (scale === 1 && file.size <= max) { resolve(file); return; }
        var c = document.createElement('canvas');
        c.width = Math.round(img.width * scale);
        c.height = Math.round(img.height * scale);
        c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
        c.toBlob(function (b) {
          if (b && b.size <= max) { resolve(b); } else { reject(t('photoTooLarge', {0: Math.round(max / 1048576)})); }
        }, 'image/jpeg', 0.8);
      };
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); }; // the server judges it
      img.src = url;
    });
  }

  /* ---------- start ---------- */

  window.addEventListener('online', function () { render(); refresh(); });
  window.addEventListener('offline', function () { render(); });
  // a weak connection drops requests without going "offline": try the outbox again every half minute
  setInterval(function () { outbox().then(function (i) { if (i.length) { refresh(); } }); }, 30000);
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/field/sw.js', {scope: '/field/'}).catch(function () {});
  }
  render().then(refresh);
  window.canbaoField = {flush: flush, refresh: refresh, outbox: outbox};
})();
