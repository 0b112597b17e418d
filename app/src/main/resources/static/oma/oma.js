// The citizen's page (docs/running.md, "The citizen's page"): the citizen API called with the citizen's bearer token.
// Every value from the API is put on the page as text (textContent), never as markup; display forms are shown from a
// blob in a sandboxed frame, so nothing of theirs runs.
(function () {
  'use strict';

  var TEXT = window.ArkistoOmaText;
  var TOKEN_KEY = 'arkisto.oma.token';
  var LANG_KEY = 'arkisto.oma.lang';
  var LOG_PAGE = 20;

  var lang = (function () {
    try { return localStorage.getItem(LANG_KEY) === 'sv' ? 'sv' : 'fi'; } catch (e) { return 'fi'; }
  })();
  var documents = [];
  var logEntries = [];
  var logPage = 0;
  var logTotal = 0;
  var shown = null;       // the document in the viewer
  var frameUrl = null;    // the viewer's blob URL, revoked when replaced

  function $(id) { return document.getElementById(id); }
  function t(key) { return TEXT[lang][key]; }

  function token() {
    try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  function setToken(value) {
    try {
      if (value) { sessionStorage.setItem(TOKEN_KEY, value); } else { sessionStorage.removeItem(TOKEN_KEY); }
    } catch (e) { /* storage refused: the token lives only in this page */ }
  }

  var said = null;        // the status line: its text key and what follows it, translated again on a switch

  function say(key, rest) {
    said = key === null ? null : { key: key, rest: rest || '' };
    $('status').textContent = said ? (t(key) || '') + said.rest : '';
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function formatDate(value, withTime) {
    if (!value) { return ''; }
    var date = new Date(value);
    var options = withTime
      ? { day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Helsinki' }
      : { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' };
    return date.toLocaleString(lang === 'sv' ? 'sv-FI' : 'fi-FI', options);
  }

  /** A call of the citizen API with the token; a refused token signs the citizen out. */
  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' }).then(function (response) {
      if (response.status === 401) {
        signOut('expired');
        throw new Error(t('expired'));
      }
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (problem) {
          throw new Error((problem.code || response.status) + (problem.detail ? ': ' + problem.detail : ''));
        });
      }
      return response;
    });
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('pageTitle');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-title]'), function (node) {
      node.title = t(node.getAttribute('data-i18n-title'));
    });
    ['fi', 'sv'].forEach(function (code) { $('lang-' + code).setAttribute('aria-pressed', String(code === lang)); });
    if (said) { say(said.key, said.rest); }
    if (token()) {
      renderDocuments();
      if (!$('log-list').hidden) { renderLog(); }
      if (shown) { $('viewer-title').textContent = titleOf(shown); }
    }
  }

  function titleOf(doc) {
    var type = doc.specificDocumentType || doc.generalDocumentType;
    return doc.title || (type && type.displayName) || t('untitled');
  }

  function showSignedIn(signedIn) {
    $('login').hidden = signedIn;
    $('documents').hidden = !signedIn;
    $('log').hidden = !signedIn;
    $('logout').hidden = !signedIn;
    if (!signedIn) {
      $('viewer').hidden = true;
      $('log-list').hidden = true;
      $('log-open').setAttribute('aria-expanded', 'false');
    }
  }

  function signOut(message) {
    setToken(null);
    documents = [];
    logEntries = [];
    shown = null;
    showSignedIn(false);
    say(message || 'signedOut');
  }

  function loadDocuments() {
    say('loading');
    var all = [];
    function page(number) {
      return api('/api/v1/citizen/documents?size=200&page=' + number).then(function (r) { return r.json(); })
        .then(function (answer) {
          all = all.concat(answer.items);
          return number + 1 < answer.totalPages ? page(number + 1) : all;
        });
    }
    return page(0).then(function (items) {
      documents = items;
      renderDocuments();
      say('loaded');
    }).catch(function (e) { say('failed', e.message); });
  }

  function renderDocuments() {
    var groups = $('groups');
    groups.textContent = '';
    $('documents-empty').hidden = documents.length > 0;
    var byTask = {};
    var order = [];
    documents.forEach(function (doc) {
      var task = doc.serviceTask;
      var key = task ? task.code : '';
      if (!byTask[key]) {
        byTask[key] = { name: task ? (t('tasks')[task.code] || task.displayName || t('serviceTask') + task.code)
          : t('noServiceTask'), docs: [] };
        order.push(key);
      }
      byTask[key].docs.push(doc);
    });
    order.forEach(function (key, index) {
      var group = el('section');
      group.className = 'service-task';
      var heading = el('h3', byTask[key].name);
      heading.id = 'task-' + index;
      group.setAttribute('aria-labelledby', heading.id);
      group.appendChild(heading);
      var list = el('ul', null, 'documents');
      byTask[key].docs.forEach(function (doc) { list.appendChild(documentItem(doc)); });
      group.appendChild(list);
      groups.appendChild(group);
    });
  }

  function documentItem(doc) {
    var item = el('li', null, 'document');
    item.setAttribute('data-oid', doc.documentOid);
    item.appendChild(el('h4', titleOf(doc)));
    var facts = el('dl');
    [[t('date'), formatDate(doc.effectiveTime, false)], [t('status'), t(doc.status) || doc.status],
      [t('register'), doc.controllerOid], [t('oid'), doc.documentOid]].forEach(function (pair) {
      facts.appendChild(el('dt', pair[0]));
      facts.appendChild(el('dd', pair[1]));
    });
    item.appendChild(facts);
    var actions = el('div', null, 'actions');
    var view = el('button', t('view'));
    view.type = 'button';
    view.className = 'view';
    view.setAttribute('aria-label', t('viewOf') + titleOf(doc));
    view.addEventListener('click', function () { openDisplay(doc); });
    var pdf = el('button', t('pdf'), 'secondary pdf');
    pdf.type = 'button';
    pdf.setAttribute('aria-label', t('pdfOf') + titleOf(doc));
    pdf.addEventListener('click', function () { downloadPdf(doc); });
    actions.appendChild(view);
    actions.appendChild(pdf);
    item.appendChild(actions);
    return item;
  }

  function displayPath(doc) { return '/api/v1/citizen/documents/' + encodeURIComponent(doc.documentOid) + '/display'; }

  function openDisplay(doc) {
    say('loading');
    api(displayPath(doc)).then(function (r) { return r.blob(); }).then(function (blob) {
      if (frameUrl) { URL.revokeObjectURL(frameUrl); }
      frameUrl = URL.createObjectURL(new Blob([blob], { type: 'application/xhtml+xml' }));
      shown = doc;
      $('viewer-title').textContent = titleOf(doc);
      $('display-frame').src = frameUrl;
      $('viewer').hidden = false;
      $('viewer-heading').tabIndex = -1;
      $('viewer-heading').focus();
      say(null);
    }).catch(function (e) { say('failed', e.message); });
  }

  function downloadPdf(doc) {
    say('loading');
    api(displayPath(doc) + '?format=pdf').then(function (r) { return r.blob(); }).then(function (blob) {
      var url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      var link = el('a');
      link.href = url;
      link.download = doc.documentOid + '.pdf';
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      say('pdfReady');
    }).catch(function (e) { say('failed', e.message); });
  }

  function loadLog(page) {
    say('loading');
    return api('/api/v1/citizen/access-log?size=' + LOG_PAGE + '&page=' + page).then(function (r) { return r.json(); })
      .then(function (answer) {
        logEntries = page === 0 ? answer.entries : logEntries.concat(answer.entries);
        logPage = page;
        logTotal = answer.total;
        renderLog();
        say('logLoaded');
      }).catch(function (e) { say('failed', e.message); });
  }

  function renderLog() {
    var list = $('log-list');
    list.textContent = '';
    logEntries.forEach(function (entry) {
      var item = el('li');
      item.appendChild(el('p', (t(entry.kind) || entry.kind) + ': ' + ((t('ops')[entry.operation]) || entry.operation),
        'kind'));
      var facts = el('dl');
      var rows = [[t('when'), formatDate(entry.occurredAt, true)], [t('organisation'), entry.organisation]];
      if (entry.professional) { rows.push([t('professional'), entry.professional]); }
      rows.push([t('useContext'), entry.useContext]);
      if (entry.documentOid) { rows.push([t('document'), entry.documentOid]); }
      if (entry.basis) {
        rows.push([t('basis'), entry.basis.split(',').map(function (b) { return t('bases')[b] || b; }).join(', ')]);
      }
      rows.forEach(function (pair) {
        if (pair[1]) {
          facts.appendChild(el('dt', pair[0]));
          facts.appendChild(el('dd', pair[1]));
        }
      });
      item.appendChild(facts);
      list.appendChild(item);
    });
    list.hidden = false;
    $('log-empty').hidden = logEntries.length > 0;
    $('log-more').hidden = logEntries.length >= logTotal;
  }

  function devLogin(event) {
    event.preventDefault();
    var input = $('hetu');
    var code = input.value.trim().toUpperCase();
    var problem = checkIdentityCode(code);
    if (problem) {
      $('hetu-error').textContent = t(problem);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    $('hetu-error').textContent = '';
    fetch('/oma/dev-login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identityCode: code })
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) { throw new Error(answer.code === 'CITIZEN_DEV_LOGIN_REAL_IDENTITY_CODE' ? t('hetuNotTest') : t('hetuInvalid')); }
        return answer;
      });
    }).then(function (answer) {
      input.value = '';
      signIn(answer.token);
    }).catch(function (e) {
      $('hetu-error').textContent = e.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    });
  }

  /** The identity code's form and check character, and a test code's individual number (900-999). */
  function checkIdentityCode(code) {
    var form = /^(\d{6})([-+ABCDEFYXWVU])(\d{3})([0-9A-Y])$/.exec(code);
    if (!form) { return 'hetuInvalid'; }
    var checks = '0123456789ABCDEFHJKLMNPRSTUVWXY';
    if (checks.charAt(parseInt(form[1] + form[3], 10) % 31) !== form[4]) { return 'hetuInvalid'; }
    return parseInt(form[3], 10) >= 900 ? null : 'hetuNotTest';
  }

  function signIn(value) {
    setToken(value);
    showSignedIn(true);
    loadDocuments().then(function () {
      $('documents-heading').tabIndex = -1;
      $('documents-heading').focus();
    });
  }

  function start() {
    // an identity provider (or a front end of the operator's) may hand the token over in the fragment
    var fragment = /(?:^#|&)access_token=([^&]+)/.exec(location.hash);
    if (fragment) {
      setToken(decodeURIComponent(fragment[1]));
      history.replaceState(null, '', location.pathname);
    }
    $('lang-fi').addEventListener('click', function () { switchLanguage('fi'); });
    $('lang-sv').addEventListener('click', function () { switchLanguage('sv'); });
    $('logout').addEventListener('click', function () { signOut(); });
    $('dev-login').addEventListener('submit', devLogin);
    $('viewer-close').addEventListener('click', function () {
      $('viewer').hidden = true;
      shown = null;
      $('display-frame').src = 'about:blank';
      say(null);
    });
    $('viewer-pdf').addEventListener('click', function () { if (shown) { downloadPdf(shown); } });
    $('log-open').addEventListener('click', function () {
      $('log-open').setAttribute('aria-expanded', 'true');
      loadLog(0);
    });
    $('log-more').addEventListener('click', function () { loadLog(logPage + 1); });
    applyLanguage();
    fetch('/oma/dev-login', { cache: 'no-store' }).then(function (response) {
      if (response.ok) {
        $('dev-login').hidden = false;
        $('idp-login').hidden = true;
      }
    }).catch(function () { /* no dev login: the identity provider's */ });
    if (token()) {
      signIn(token());
    } else {
      showSignedIn(false);
    }
  }

  function switchLanguage(code) {
    lang = code;
    try { localStorage.setItem(LANG_KEY, code); } catch (e) { /* not kept */ }
    applyLanguage();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
