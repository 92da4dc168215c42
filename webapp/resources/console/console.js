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

/* The live action-log feed (Server-Sent Events): newest first, pause, filter. Shows the element's
   data-unavailable text when the feed cannot be opened (not deployed, or not allowed). */
PromptGate.live = function (url, boxId, filterId, pauseId) {
    var box = document.getElementById(boxId);
    var filter = document.getElementById(filterId);
    var pause = document.getElementById(pauseId);
    var paused = false;
    var opened = false;
    var lines = [];
    var render = function () {
        var needle = (filter.value || '').toLowerCase();
        box.textContent = lines.filter(function (l) { return !needle || l.toLowerCase().indexOf(needle) >= 0; }).join('\n');
    };
    pause.addEventListener('click', function (e) {
        e.preventDefault();
        paused = !paused;
        pause.textContent = paused ? pause.getAttribute('data-resume') : pause.getAttribute('data-pause');
    });
    filter.addEventListener('input', render);
    if (!window.EventSource) {
        box.textContent = box.getAttribute('data-unavailable');
        box.classList.add('pg-live-off');
        return;
    }
    var source = new EventSource(url);
    source.onopen = function () { opened = true; box.setAttribute('data-state', 'open'); };
    source.onmessage = function (event) {
        if (paused) { return; }
        var text = event.data;
        try { var parsed = JSON.parse(text); text = parsed.line || parsed.message || text; } catch (ignored) { /* plain text */ }
        lines.unshift(text);
        if (lines.length > 500) { lines.length = 500; }
        render();
    };
    source.onerror = function () {
        if (source.readyState === EventSource.CLOSED || !opened) {
            source.close();
            box.textContent = box.getAttribute('data-unavailable');
            box.classList.add('pg-live-off');
            box.setAttribute('data-state', 'unavailable');
        }
    };
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
