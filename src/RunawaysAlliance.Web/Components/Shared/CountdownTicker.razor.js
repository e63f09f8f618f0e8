// Counts every running countdown on the page down from its stored end instant (data-ends-at, Unix ms), four times
// a second, in the browser: the server never re-renders a circuit to tick. The browser's clock may be off, so each
// countdown measures the skew once per server render: data-server-now is the server's clock when it rendered.
// Blazor replaces the attributes when the timer changes (pause, extend, end); the new data-server-now resets
// the skew. The same format as Countdown.Format: "44:59", "1:05:00".

const skews = new WeakMap();

function format(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds / 60) % 60;
    const s = seconds % 60;
    const pad = (n) => String(n).padStart(2, "0");
    return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function words() {
    return document.getElementById("countdown-words")?.dataset ?? {};
}

function skewOf(el) {
    const serverNow = Number(el.dataset.serverNow);
    const known = skews.get(el);
    if (known && known.serverNow === serverNow) return known.skew;
    const skew = Number.isFinite(serverNow) ? serverNow - Date.now() : 0;
    skews.set(el, { serverNow, skew });
    return skew;
}

// Blazor diffs against what it last rendered, not against the page, so this script owns the time text and the
// warning/ended classes of every countdown (running or not) and leaves Blazor's attributes alone; the time left it
// computed is written to data-left-ms, which tests read.
function tick() {
    const w = words();
    for (const el of document.querySelectorAll("[data-countdown]")) {
        const state = el.dataset.state;
        const running = state === "running";
        const endsAt = Number(el.dataset.endsAt);
        const left = running && Number.isFinite(endsAt) && endsAt > 0
            ? endsAt - (Date.now() + skewOf(el))
            : state === "ended" ? 0 : Number(el.dataset.remainingMs) || 0;
        const warnMs = Number(el.dataset.warnMs) || 0;
        const ended = state === "ended" || (running && left <= 0);
        const warning = running && !ended && left <= warnMs;
        const text = format(left);
        const time = el.querySelector("[data-countdown-time]");
        if (time && time.textContent !== text) time.textContent = text;
        el.dataset.leftMs = String(Math.max(0, Math.round(left)));
        el.classList.toggle("ended", ended);
        el.classList.toggle("warning", warning);
        const label = el.querySelector("[data-countdown-label]");
        if (label && running) {
            const want = ended ? w.ended : warning ? w.warning : w.running;
            if (want && label.textContent !== want) label.textContent = want;
        }
    }
}

if (!window.__countdownTicker) {
    window.__countdownTicker = setInterval(tick, 250);
    document.addEventListener("visibilitychange", tick);
    tick();
}
