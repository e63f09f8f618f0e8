// The card form's copy in the browser. The server keeps the draft (saved while typing); this copy covers
// what is typed while the connection is down: it is kept in localStorage, marked "not yet on the server",
// restored after a reload, and pushed to the server as soon as the circuit is back.
const prefix = "runaways-draft:";

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

export function attach(form, key, dotnet) {
    if (!form || form._runawaysDraft) return;
    const keep = () => write(key, { values: fieldsOf(form), synced: false, at: Date.now() });
    const push = () => dotnet.invokeMethodAsync("FromBrowser", fieldsOf(form)).catch(() => { });
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    document.addEventListener("runaways:reconnected", push);
    form._runawaysDraft = () => {
        form.removeEventListener("input", keep);
        form.removeEventListener("change", keep);
        document.removeEventListener("runaways:reconnected", push);
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
