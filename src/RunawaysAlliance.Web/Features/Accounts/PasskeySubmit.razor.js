// Passkey ceremonies for the static account forms (adapted from the ASP.NET Core Identity template).
// A <passkey-submit> element inside a form asks the server for options, lets the browser create or pick a
// passkey, and posts the form with the credential (or an error code the server turns into a localized message).
const browserSupportsPasskeys =
  typeof navigator.credentials !== 'undefined' &&
  typeof window.PublicKeyCredential !== 'undefined' &&
  typeof window.PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
  typeof window.PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

const hostHasDomain = !/^(\d{1,3}\.){3}\d{1,3}$/.test(location.hostname) && !location.hostname.includes(':') && !location.hostname.startsWith('[');

async function fetchOptions(url, headers, signal) {
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, signal });
  if (!response.ok) {
    throw new Error(`The server responded with status ${response.status}.`);
  }
  return await response.json();
}

async function createCredential(headers, signal) {
  const optionsJson = await fetchOptions('/account/passkey-creation-options', headers, signal);
  const options = PublicKeyCredential.parseCreationOptionsFromJSON(optionsJson);
  return await navigator.credentials.create({ publicKey: options, signal });
}

async function requestCredential(mediation, headers, signal) {
  // No user name is sent: the browser offers the passkeys it has for this site, and the server never says
  // whether a user name exists.
  const optionsJson = await fetchOptions('/account/passkey-request-options', headers, signal);
  const options = PublicKeyCredential.parseRequestOptionsFromJSON(optionsJson);
  return await navigator.credentials.get({ publicKey: options, mediation, signal });
}

function errorCode(error) {
  switch (error?.name) {
    case 'NotAllowedError': return 'not-allowed';
    case 'InvalidStateError': return 'already-registered';
    case 'NotSupportedError': return 'unsupported';
    case 'SecurityError': return 'security';
    default: return 'failed';
  }
}

customElements.define('passkey-submit', class extends HTMLElement {
  static formAssociated = true;

  connectedCallback() {
    this.internals = this.attachInternals();
    this.attrs = {
      operation: this.getAttribute('operation'),
      name: this.getAttribute('name'),
      requestTokenName: this.getAttribute('request-token-name'),
      requestTokenValue: this.getAttribute('request-token-value'),
    };

    this.internals.form.addEventListener('submit', (event) => {
      if (event.submitter?.name === '__passkeySubmit') {
        event.preventDefault();
        this.obtainAndSubmitCredential();
      }
    });

    this.tryAutofillPasskey();
  }

  disconnectedCallback() {
    this.abortController?.abort();
  }

  async obtainCredential(useConditionalMediation, signal) {
    if (!browserSupportsPasskeys) {
      throw Object.assign(new Error('Passkeys are not supported by this browser.'), { name: 'NotSupportedError' });
    }

    const headers = { [this.attrs.requestTokenName]: this.attrs.requestTokenValue };
    if (this.attrs.operation === 'Create') {
      return await createCredential(headers, signal);
    } else if (this.attrs.operation === 'Request') {
      return await requestCredential(useConditionalMediation ? 'conditional' : undefined, headers, signal);
    }
    throw new Error(`Unknown passkey operation '${this.attrs.operation}'.`);
  }

  async obtainAndSubmitCredential(useConditionalMediation = false) {
    this.abortController?.abort();
    this.abortController = new AbortController();
    const signal = this.abortController.signal;
    const formData = new FormData();
    try {
      const credential = await this.obtainCredential(useConditionalMediation, signal);
      formData.append(`${this.attrs.name}.CredentialJson`, JSON.stringify(credential));
    } catch (error) {
      if (error.name === 'AbortError') {
        // Cancelled (by the person, or by a newer request): nothing to report.
        return;
      }
      if (useConditionalMediation) {
        // Autofill was not asked for by the person: do not show them (or the console) an error for it.
        return;
      }
      // The server shows the person a message for the code; the console keeps the browser's own words.
      console.warn('Passkey:', error?.name, error?.message);
      formData.append(`${this.attrs.name}.Error`, errorCode(error));
    }
    this.internals.setFormValue(formData);
    this.internals.form.submit();
  }

  async tryAutofillPasskey() {
    // Passkeys belong to a domain name: on an address such as 127.0.0.1 the browser refuses every ceremony
    // ("This is an invalid domain"), so autofill is not even tried there.
    if (browserSupportsPasskeys && hostHasDomain && this.attrs.operation === 'Request' && await PublicKeyCredential.isConditionalMediationAvailable?.()) {
      await this.obtainAndSubmitCredential(/* useConditionalMediation */ true);
    }
  }
});
