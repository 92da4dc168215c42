/* PromptGate console: the few things done in the browser. Texts come from the page (data-*
   attributes filled from the resource bundles), never from this file. */
var PromptGate = PromptGate || {};

/* Copies the value of the input with the given id; the button shows the "copied" text it carries. */
PromptGate.copy = function (button, inputId) {
    var input = document.getElementById(inputId);
    var done = function () { button.setAttribute('data-copied', 'true'); button.title = button.getAttribute('data-copied-text') || ''; };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { input.select(); document.execCommand('copy'); done(); });
    } else {
        input.select();
        document.execCommand('copy');
        done();
    }
    return false;
};

/* The live action-log feed (Server-Sent Events from /api/logs/stream): on open the recent history
   the user may see, then every new event; shown newest first, one line per event. Pause holds new
   events (counted in the held element) until Resume; the filter hides lines that do not contain
   its text. Shows the box's data-unavailable text when the feed cannot be opened. The box's
   data-state says open, reconnecting or unavailable. */
PromptGate.live = function (url, boxId, filterId, pauseId, heldId) {
    var box = document.getElementById(boxId);
    var filter = document.getElementById(filterId);
    var pause = document.getElementById(pauseId);
    var held = heldId ? document.getElementById(heldId) : null;
    var MAX = 1000;
    var paused = false;
    var opened = false;
    var lastSeq = 0;
    var lines = [];   /* newest first */
    var waiting = []; /* events that came while paused, newest first */
    var scheduled = false;
    var off = false;
    var format = function (pattern, value) { return (pattern || '').replace('{0}', String(value)); };
    var render = function () {
        scheduled = false;
        if (off) { return; }
        var needle = (filter.value || '').toLowerCase();
        var fragment = document.createDocumentFragment();
        var shown = 0;
        lines.forEach(function (item) {
            if (needle && item.text.toLowerCase().indexOf(needle) < 0) { return; }
            var div = document.createElement('div');
            div.className = 'pg-live-line pg-live-' + item.kind + (item.level ? ' pg-live-' + item.level.toLowerCase() : '');
            if (item.seq) { div.setAttribute('data-seq', item.seq); }
            div.textContent = item.text;
            fragment.appendChild(div);
            shown++;
        });
        box.textContent = '';
        if (shown === 0 && box.getAttribute('data-empty')) {
            var empty = document.createElement('div');
            empty.className = 'pg-live-empty';
            empty.textContent = box.getAttribute('data-empty');
            fragment.appendChild(empty);
        }
        box.appendChild(fragment);
        box.setAttribute('data-lines', String(lines.length));
        if (held) {
            held.textContent = waiting.length ? format(held.getAttribute('data-text'), waiting.length) : '';
            held.setAttribute('data-count', String(waiting.length));
        }
    };
    var schedule = function () {
        if (!scheduled) { scheduled = true; window.setTimeout(render, 0); }
    };
    var add = function (item) {
        if (paused) {
            waiting.unshift(item);
            if (waiting.length > MAX) { waiting.length = MAX; }
        } else {
            lines.unshift(item);
            if (lines.length > MAX) { lines.length = MAX; }
        }
        schedule();
    };
    var unavailable = function () {
        off = true;
        box.textContent = box.getAttribute('data-unavailable');
        box.classList.add('pg-live-off');
        box.setAttribute('data-state', 'unavailable');
    };
    pause.addEventListener('click', function (e) {
        e.preventDefault();
        paused = !paused;
        pause.textContent = paused ? pause.getAttribute('data-resume') : pause.getAttribute('data-pause');
        pause.setAttribute('data-paused', String(paused));
        if (!paused && waiting.length) {
            lines = waiting.concat(lines);
            if (lines.length > MAX) { lines.length = MAX; }
            waiting = [];
        }
        schedule();
    });
    filter.addEventListener('input', schedule);
    if (!window.EventSource) {
        unavailable();
        return;
    }
    var source = new EventSource(url);
    var onEvent = function (event) {
        var data;
        try { data = JSON.parse(event.data); } catch (ignored) { data = { line: event.data }; }
        var seq = Number(data.seq || event.lastEventId || 0);
        if (seq && seq <= lastSeq) { return; } /* already shown (a reconnect replays only newer ones, but be sure) */
        if (seq) { lastSeq = seq; }
        add({ seq: seq, kind: data.kind || event.type, level: data.level || '', text: String(data.line || event.data) });
    };
    source.addEventListener('request', onEvent);
    source.addEventListener('notice', onEvent);
    source.onmessage = onEvent;
    source.addEventListener('dropped', function (event) {
        var count = 0;
        try { count = JSON.parse(event.data).dropped; } catch (ignored) { /* keep 0 */ }
        add({ seq: 0, kind: 'dropped', level: '', text: format(box.getAttribute('data-dropped'), count) });
    });
    source.onopen = function () {
        opened = true;
        box.classList.remove('pg-live-off');
        box.setAttribute('data-state', 'open');
        schedule();
    };
    source.onerror = function () {
        if (!opened || source.readyState === EventSource.CLOSED) {
            /* refused (not logged in, not deployed) or given up: the browser will not retry */
            source.close();
            unavailable();
        } else {
            box.setAttribute('data-state', 'reconnecting'); /* the browser retries, sending Last-Event-ID */
        }
    };
    window.addEventListener('pagehide', function () { source.close(); });
};

/* The playground's Send: a real streamed request through the gateway, with the key the user pasted
   (it never leaves the browser except to the gateway itself). Shows the text as it streams. */
PromptGate.send = function (button) {
    var config = {
        anthropic: button.getAttribute('data-anthropic') === 'true',
        model: button.getAttribute('data-model'),
        path: button.getAttribute('data-path')
    };
    var key = document.getElementById('pgKey').value.trim();
    var prompt = document.getElementById('pgPrompt').value;
    var out = document.getElementById('pgOutput');
    var status = document.getElementById('pgStatus');
    status.removeAttribute('data-done');
    status.removeAttribute('data-request-id');
    out.textContent = '';
    status.textContent = status.getAttribute('data-sending');
    var headers = { 'content-type': 'application/json' };
    var body;
    if (config.anthropic) {
        headers['x-api-key'] = key;
        headers['anthropic-version'] = '2023-06-01';
        body = { model: config.model, max_tokens: 256, stream: true, messages: [{ role: 'user', content: prompt }] };
    } else {
        headers['authorization'] = 'Bearer ' + key;
        body = { model: config.model, stream: true, messages: [{ role: 'user', content: prompt }] };
    }
    fetch(config.path, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'omit' })
        .then(function (response) {
            status.textContent = 'HTTP ' + response.status;
            /* the gateway's request id: the same as in the action log and the request records */
            status.setAttribute('data-request-id', response.headers.get('x-request-id') || '');
            if (!response.ok || !response.body) {
                return response.text().then(function (t) { out.textContent = t; });
            }
            var reader = response.body.getReader();
            var decoder = new TextDecoder();
            var pending = '';
            var pump = function () {
                return reader.read().then(function (chunk) {
                    if (chunk.done) { status.setAttribute('data-done', 'true'); return; }
                    pending += decoder.decode(chunk.value, { stream: true });
                    var events = pending.split('\n');
                    pending = events.pop();
                    events.forEach(function (line) {
                        if (line.indexOf('data:') !== 0) { return; }
                        var data = line.substring(5).trim();
                        if (data === '[DONE]') { return; }
                        try {
                            var json = JSON.parse(data);
                            var piece = config.anthropic
                                ? (json.type === 'content_block_delta' && json.delta && json.delta.text) || ''
                                : (json.choices && json.choices[0] && json.choices[0].delta && json.choices[0].delta.content) || '';
                            out.textContent += piece;
                        } catch (ignored) { /* not JSON: skip */ }
                    });
                    return pump();
                });
            };
            return pump();
        })
        .catch(function (error) { status.textContent = String(error); });
    return false;
};
