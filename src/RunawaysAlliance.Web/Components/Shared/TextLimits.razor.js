// Every text field carries its limit as maxlength (UTF-16 units, see InputLimits.cs). A browser cuts a paste that
// does not fit without a word, and the cut-off text is gone. This script takes over such a paste: it inserts what
// fits (never half a character), shows "too long", and keeps the rest beside the field with a copy button.
// Nothing longer than maxlength reaches the field, so nothing longer reaches the server either.

const singleLine = new Set(["text", "search", "email", "tel", "url", "password"]);

function isLimited(el) {
    const field = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && singleLine.has(el.type));
    return field && el.maxLength > 0 && !el.readOnly && !el.disabled;
}

function words() {
    return document.getElementById("text-limit-words")?.dataset ?? {};
}

// The largest cut at or below `room` that does not split a character (a grapheme: an emoji, a Hangul syllable).
function cutAt(text, room) {
    if (room <= 0) return 0;
    if (room >= text.length) return text.length;
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
        let cut = 0;
        for (const { index } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)) {
            if (index > room) break;
            cut = index;
        }
        return cut;
    }
    const code = text.charCodeAt(room - 1);
    return code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
}

function insert(el, text, start, end) {
    el.focus();
    // insertText keeps the undo history and fires the input event the page listens to (Blazor's @bind).
    if (text.length === 0 || !document.execCommand("insertText", false, text)) {
        el.setRangeText(text, start, end, "end");
        el.dispatchEvent(new Event("input", { bubbles: true }));
    }
}

function box(el) {
    if (el._textOverflow?.isConnected) return el._textOverflow;
    const w = words();
    const container = document.createElement("div");
    container.className = "text-overflow";
    container.setAttribute("role", "alert");
    container.dataset.testid = "text-overflow";
    const message = document.createElement("p");
    message.className = "text-overflow-message";
    message.dataset.testid = "text-overflow-message";
    container.append(message);
    const rest = document.createElement("textarea");
    rest.readOnly = true;
    rest.rows = 4;
    rest.className = "text-overflow-rest";
    rest.dataset.testid = "text-overflow-rest";
    rest.setAttribute("aria-label", w.didNotFit ?? "");
    const actions = document.createElement("div");
    actions.className = "text-overflow-actions";
    const copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = w.copy ?? "Copy";
    copy.dataset.testid = "text-overflow-copy";
    copy.addEventListener("click", async () => {
        try {
            await navigator.clipboard.writeText(rest.value);
        } catch {
            rest.select();
            document.execCommand("copy");
        }
        copy.textContent = w.copied ?? copy.textContent;
    });
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = w.close ?? "Close";
    close.addEventListener("click", () => container.remove());
    actions.append(copy, close);
    container.append(rest, actions);
    // Inside the field's own block (the card form's .field, a MudBlazor input control), below its help text.
    (el.closest(".field, .mud-input-control") ?? el.parentElement).append(container);
    el._textOverflow = container;
    return container;
}

function onPaste(event) {
    const el = event.target;
    if (!isLimited(el)) return;
    let text = event.clipboardData?.getData("text/plain") ?? "";
    if (text.length === 0) return;
    // What the field would hold: a text area keeps line breaks (as \n); a one-line field cannot hold them.
    text = el instanceof HTMLTextAreaElement ? text.replace(/\r\n?/g, "\n") : text.replace(/\r\n?|\n/g, " ");
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    const kept = el.value.length - (end - start);
    if (kept + text.length <= el.maxLength) return; // It fits: the browser pastes it as usual.

    event.preventDefault();
    const w = words();
    if (el.type === "password") {
        // A password is never shown beside the field; the clipboard (or the password manager) still has it.
        const shown = box(el);
        shown.querySelector(".text-overflow-message").textContent = w.password ?? "";
        shown.querySelector(".text-overflow-rest").hidden = true;
        shown.querySelector(".text-overflow-actions button").hidden = true;
        return;
    }

    const cut = cutAt(text, el.maxLength - kept);
    insert(el, text.slice(0, cut), start, end);
    const shown = box(el);
    shown.querySelector(".text-overflow-message").textContent = w.tooLong ?? "";
    const rest = shown.querySelector(".text-overflow-rest");
    // A second paste that does not fit adds to what is kept; nothing is dropped until the person closes the box.
    rest.value = rest.value ? rest.value + "\n" + text.slice(cut) : text.slice(cut);
}

document.addEventListener("paste", onPaste, true);
