// The card form's copy in the browser. The server keeps the draft (saved while typing); this copy covers
// what is typed while the connection is down: it is kept in localStorage, marked "not yet on the server",
// restored after a reload, and pushed to the server as soon as the circuit is back.
const prefix = "runaways-draft:";

// A push after a reconnect that did not come back (the connection dropped again) is not repeated at once: the
// next reconnect waits 1 s, then 2 s, 4 s … up to a minute before it pushes (issue 15: a push too large for the
// hub dropped the connection, and every reconnect pushed it again, ~20 times a second).
const firstRetryMs = 1_000;
const lastRetryMs = 60_000;

// UTF-8 bytes of the values as JSON: what one push costs the hub (InputLimits.BrowserPushBytes is the budget).
function jsonBytes(values) {
    return new TextEncoder().encode(JSON.stringify(values)).length;
}

function fieldsOf(form) {
    const values = {};
    for (const el of form.querySelectorAll("[data-draft]")) {
        if (el.type === "radio") {
            if (el.checked) values[el.dataset.draft] = el.value;
        } else {
            values[el.dataset.draft] = el.value;
        }
    }
    return values;
}

function write(key, entry) {
    try {
        localStorage.setItem(prefix + key, JSON.stringify(entry));
    } catch {
        // Private mode or a full quota: the server draft still has what reached it.
    }
}

export function read(key) {
    try {
        const raw = localStorage.getItem(prefix + key);
        return raw ? JSON.parse(raw) : null;
    } catch {
        return null;
    }
}

export function attach(form, key, dotnet, budget) {
    if (!form || form._runawaysDraft) return;
    // Fields are bounded by maxlength, so this never fails for typed text; a page changed by hand cannot make the
    // browser keep or send more than one message may carry (the previous copy stays, so nothing typed is lost).
    const fits = values => !(budget > 0) || jsonBytes(values) <= budget;
    const keep = () => {
        const values = fieldsOf(form);
        if (fits(values)) write(key, { values, synced: false, at: Date.now() });
    };
    const pushes = { inFlight: 0, failures: 0, timer: 0, seq: 0 };
    const pushNow = () => {
        pushes.timer = 0;
        const entry = read(key);
        // Only what the server does not have yet (the copy is marked in sync once the server saved the same values).
        if (!entry || entry.synced) return;
        const values = fieldsOf(form);
        if (!fits(values)) return;
        const seq = ++pushes.seq;
        pushes.inFlight = seq;
        dotnet.invokeMethodAsync("FromBrowser", values).then(
            () => {
                if (pushes.inFlight === seq) {
                    pushes.inFlight = 0;
                    pushes.failures = 0;
                }
            },
            () => {
                if (pushes.inFlight === seq) {
                    pushes.inFlight = 0;
                    pushes.failures++;
                }
            });
    };
    // At most one push per reconnect, and none while one is waiting its turn.
    const push = () => {
        if (pushes.timer) return;
        if (pushes.inFlight) {
            // The last push never came back before this reconnect: count it as failed.
            pushes.inFlight = 0;
            pushes.failures++;
        }
        const wait = pushes.failures === 0 ? 0 : Math.min(lastRetryMs, firstRetryMs * 2 ** (pushes.failures - 1));
        if (wait === 0) pushNow();
        else pushes.timer = setTimeout(pushNow, wait);
    };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    document.addEventListener("runaways:reconnected", push);
    form._runawaysDraft = () => {
        form.removeEventListener("input", keep);
        form.removeEventListener("change", keep);
        document.removeEventListener("runaways:reconnected", push);
        clearTimeout(pushes.timer);
        delete form._runawaysDraft;
    };
}

export function detach(form) {
    form?._runawaysDraft?.();
}

// The server saved these values: the local copy is in sync unless the person typed more since.
export function markSynced(key, values) {
    const entry = read(key);
    if (!entry) return;
    for (const [name, value] of Object.entries(values)) {
        if ((entry.values[name] ?? "") !== (value ?? "")) return;
    }
    entry.synced = true;
    write(key, entry);
}

export function clear(key) {
    try {
        localStorage.removeItem(prefix + key);
    } catch {
        // Nothing to clear.
    }
}
