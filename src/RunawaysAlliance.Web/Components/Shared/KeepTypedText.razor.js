// Keeps what someone types in the first second of a page. A page is prerendered: its fields are visible (and take
// typing) before the circuit starts, and when it starts Blazor renders the page again and replaces those fields
// with new, empty ones. Without this script the typed text is gone and a search typed then is never run.
//
// Until the page is interactive (MainLayout's #circuit-state says so) this script remembers the last value typed
// into each text field. Once interactive, as soon as the same field is on the page again (the page may first show
// a loading bar), it puts the value back and fires input and change, so that the page's bindings (@bind, MudBlazor
// fields, a debounced search) act on it as if typed there; the caret and focus come back too. One mechanism for
// every page: nothing to add to a field.
//
// "The same field" is recognised by what the page says about it, never by an id Blazor or MudBlazor generates per
// render: the data-testid of the field or its nearest marked ancestors, its name, label, placeholder and type, plus
// its position among fields that look alike. A field that cannot be recognised is left alone rather than guessed.
// Passwords are never held. A value is restored only into a field still showing what the prerendered field showed
// at first, so nothing the server or the person changed since is overwritten.

const textTypes = new Set(["text", "search", "email", "tel", "url", "number"]);
const giveUpAfterMs = 20_000;
const typed = new Map(); // key -> { value, initial, focused, element }
let interactive = false;
let observer = null;

function isTextField(el) {
    return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && textTypes.has(el.type));
}

function isInteractive() {
    return document.getElementById("circuit-state")?.dataset.interactive === "true";
}

function describe(el) {
    const marks = [];
    for (let node = el; node && marks.length < 3; node = node.parentElement) {
        const id = node.getAttribute?.("data-testid");
        if (id) marks.push(id);
    }
    const label = el.labels?.[0]?.textContent?.trim() ?? "";
    return [el.tagName, el.type, marks.join("<"), el.name ?? "", label, el.placeholder ?? "", el.getAttribute("aria-label") ?? ""].join("|");
}

// The key of every text field now on the page: its description, and which of the fields alike it is.
function keyedFields() {
    const seen = new Map();
    const fields = [];
    for (const el of document.querySelectorAll("input, textarea")) {
        if (!isTextField(el)) continue;
        const description = describe(el);
        const n = seen.get(description) ?? 0;
        seen.set(description, n + 1);
        fields.push([`${description}#${n}`, el]);
    }
    return fields;
}

function keyOf(el) {
    return keyedFields().find(([, field]) => field === el)?.[0];
}

function remember(event) {
    const el = event.target;
    if (interactive || !isTextField(el) || !event.isTrusted) return;
    const key = keyOf(el);
    if (key === undefined) return;
    const earlier = typed.get(key);
    typed.set(key, {
        value: el.value,
        initial: earlier?.element === el ? earlier.initial : el.defaultValue,
        focused: document.activeElement === el,
        element: el,
    });
}

function restore() {
    if (typed.size === 0) return;
    for (const [key, field] of keyedFields()) {
        const kept = typed.get(key);
        if (!kept || field === kept.element) continue;
        if (field.disabled || field.readOnly) continue; // not ready yet: try again on the next change
        typed.delete(key);
        if (kept.value === kept.initial || field.value === kept.value) continue;
        if (field.value !== kept.initial && field.value !== "") continue; // changed since: leave it
        field.value = kept.value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
        if (kept.focused && (document.activeElement === document.body || document.activeElement === null)) {
            field.focus();
            try { field.setSelectionRange(kept.value.length, kept.value.length); } catch { /* type=email/number have no caret API */ }
        }
    }
    if (typed.size === 0) stop();
}

function stop() {
    observer?.disconnect();
    observer = null;
    typed.clear();
}

function check() {
    if (!interactive && isInteractive()) {
        interactive = true;
        setTimeout(stop, giveUpAfterMs);
    }
    if (interactive) restore();
}

document.addEventListener("input", remember, true);
// An enhanced navigation swaps in another page without reloading: what was typed on the previous one is not for it.
window.Blazor?.addEventListener?.("enhancedload", () => { if (!interactive) typed.clear(); });
observer = new MutationObserver(check);
observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-interactive", "disabled", "readonly"] });
check();
