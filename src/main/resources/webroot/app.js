// Porter's import page: upload a file, import it with the suggested mapping, watch the progress over
// the WebSocket and fetch the error report. Plain browser JavaScript, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'rolled_back']);
let currentJobId = null;

// A token may come in the page's fragment (#token=...) so a link can open the page ready to use.
const fragmentToken = new URLSearchParams(location.hash.slice(1)).get('token');
$('token').value = fragmentToken || sessionStorage.getItem('porter.token') || '';
if (fragmentToken) {
  history.replaceState(null, '', location.pathname);
}
$('token').addEventListener('change', () => sessionStorage.setItem('porter.token', $('token').value.trim()));
$('file').addEventListener('change', () => { $('start').disabled = !$('file').files.length; });
$('start').addEventListener('click', () => run().catch((e) => show(e.message)));
$('report').addEventListener('click', () => downloadReport().catch((e) => show(e.message)));

async function run() {
  show('');
  $('start').disabled = true;
  try {
    const file = $('file').files[0];
    const upload = await api('POST', '/api/uploads?fileName=' + encodeURIComponent(file.name), file);
    const preview = await api('POST', '/api/contacts/import/preview', { fileUrl: upload.fileUrl });
    showMapping(preview.suggestedMapping || {});
    const job = await api('POST', '/api/contacts/import', {
      fileName: upload.fileName,
      fileUrl: upload.fileUrl,
      fieldMapping: preview.suggestedMapping,
      options: { duplicateStrategy: $('strategy').value },
    });
    currentJobId = job.jobId;
    watch(job.jobId);
  } finally {
    $('start').disabled = false;
  }
}

// A File is sent as the raw body (streamed to the store); anything else as JSON.
async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token() };
  if (!(body instanceof File)) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body });
  const text = await response.text();
  const answer = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error(answer.message || response.status + ' ' + response.statusText);
  }
  return answer;
}

function token() {
  const value = $('token').value.trim();
  if (!value) {
    throw new Error('Paste an access token first.');
  }
  return value;
}

function showMapping(mapping) {
  const rows = Object.entries(mapping).map(([column, field]) => {
    const tr = document.createElement('tr');
    for (const text of [column, field || '(not imported)']) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    return tr;
  });
  $('mapping').tBodies[0].replaceChildren(...rows);
  $('mapping-section').hidden = false;
}

// The token goes as the subprotocol pair 'bearer, <token>': a browser cannot set headers on a WebSocket.
function watch(jobId) {
  $('progress-section').hidden = false;
  $('report').hidden = true;
  render({ status: 'pending', progress: 0 });
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const socket = new WebSocket(scheme + location.host + '/api/jobs/' + jobId + '/progress', ['bearer', token()]);
  let last = null;
  socket.onmessage = (event) => {
    last = JSON.parse(event.data);
    render(last);
  };
  socket.onclose = (event) => {
    if (!last || !TERMINAL.has(last.status)) {
      show('The progress connection closed early (code ' + event.code + '). Reload to see the result.');
    }
  };
}

function render(state) {
  if (state.progress !== null && state.progress !== undefined) {
    const percent = Math.round(state.progress * 100);
    $('bar').value = percent;
    $('percent').textContent = percent + '%';
  }
  $('status').textContent = state.status;
  if (state.processedRows !== undefined) {
    $('counts').textContent = state.processedRows + ' rows read: ' + state.created + ' created, '
      + state.updated + ' updated, ' + state.skipped + ' skipped, ' + state.errors + ' with errors';
  }
  $('report').hidden = !(TERMINAL.has(state.status) && state.errors > 0);
}

async function downloadReport() {
  const response = await fetch('/api/contacts/import/' + currentJobId + '/errors',
    { headers: { Authorization: 'Bearer ' + token() } });
  if (!response.ok) {
    throw new Error('The error report could not be fetched: ' + response.status);
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = 'import-' + currentJobId + '-errors.csv';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function show(message) {
  $('message').textContent = message;
}
