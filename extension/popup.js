// The popup: shows the service worker's connection state and lets the user set a custom key.
// All logic stays in the worker; this page only renders the state it is sent (over the
// "postern-popup" port, so it updates live) and forwards the user's commands.

import { customKeyProblem } from './lib/crypto.js';
import { describeState } from './lib/status_view.js';

const $ = (id) => document.getElementById(id);
let keyPanelOpenedByUser = false;

// Text with `commands` in backticks, rendered as <code> without ever parsing HTML.
function setRichText(element, text) {
  element.replaceChildren();
  (text ?? '').split('`').forEach((part, index) => {
    if (!part) return;
    if (index % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = part;
      element.append(code);
    } else {
      element.append(part);
    }
  });
}

function keyText(key) {
  if (!key) return 'none yet';
  const kind = key.kind === 'custom' ? 'custom key' : 'install key (paired automatically)';
  return `${kind}, check ${key.check}`;
}

function runtimeText(state) {
  if (state.status !== 'paired' || !state.runtime) return 'unknown';
  return state.runtime.connected ? 'running' : `not running (${state.runtime.code ?? 'no code'})`;
}

function render(state) {
  const view = describeState(state);
  $('status').dataset.tone = view.tone;
  $('status-title').textContent = view.title;
  setRichText($('status-detail'), view.detail);
  setRichText($('status-remedy'), view.remedy);
  $('fact-key').textContent = keyText(state.key);
  $('fact-bridge').textContent = state.bridge?.version
    ? `version ${state.bridge.version}${state.bridge.key_kind ? `, ${state.bridge.key_kind} key` : ''}` : 'unknown';
  $('fact-runtime').textContent = runtimeText(state);
  const code = state.problem?.reason ? `${state.problem.code} (${state.problem.reason})` : state.problem?.code;
  $('fact-code').textContent = code ?? '';
  $('fact-code').hidden = $('fact-code-label').hidden = !code;
  const custom = state.key?.kind === 'custom';
  $('lock').classList.toggle('custom', custom);
  $('lock-label').textContent = custom ? 'Custom key in use: change it' : 'Set a custom encryption key';
  $('lock').title = $('lock-label').textContent;
  $('key-forget').hidden = !state.key;
  // A mismatch the user fixes by typing a key opens the field for them.
  if (state.needs_custom_key && !keyPanelOpenedByUser) showKeyPanel(true);
}

function showKeyPanel(open) {
  $('key-panel').hidden = !open;
  $('lock').setAttribute('aria-expanded', String(open));
  if (open) $('key-input').focus();
}

async function command(message) {
  try {
    const answer = await chrome.runtime.sendMessage(message);
    if (answer?.state) render(answer.state);
    return answer ?? { ok: false, error: 'no answer from the extension' };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

$('lock').addEventListener('click', () => {
  keyPanelOpenedByUser = true;
  showKeyPanel($('key-panel').hidden);
});

$('reconnect').addEventListener('click', () => command({ type: 'reconnect' }));

$('key-show').addEventListener('change', (event) => {
  $('key-input').type = event.target.checked ? 'text' : 'password';
});

$('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('key-input').value;
  const problem = customKeyProblem(key);
  $('key-error').textContent = problem ? `Not saved: ${problem}.` : '';
  $('key-input').setAttribute('aria-invalid', String(Boolean(problem)));
  if (problem) return;
  $('key-save').disabled = true;
  $('key-save').textContent = 'Saving…';
  const answer = await command({ type: 'set-key', key });
  $('key-save').disabled = false;
  $('key-save').textContent = 'Save key';
  if (!answer.ok) {
    $('key-error').textContent = `Not saved: ${answer.error}.`;
    return;
  }
  $('key-input').value = '';
  $('key-next').hidden = false;
});

$('key-forget').addEventListener('click', async () => {
  const answer = await command({ type: 'forget-key' });
  $('key-error').textContent = answer.ok ? '' : `Could not forget the key: ${answer.error}.`;
  $('key-next').hidden = true;
});

const port = chrome.runtime.connect({ name: 'postern-popup' });
port.onMessage.addListener((message) => {
  if (message?.type === 'state') render(message.state);
});
