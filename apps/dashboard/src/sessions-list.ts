import { adminToken, forgetAdminToken, rememberAdminToken } from './auth';
import { h } from './dom';

interface SessionSummary {
  id: string;
  title: string | null;
  status: 'scheduled' | 'live' | 'ended';
  scheduledStart: string;
  participants: { role: string }[];
}

/** The sessions list for the admin; a facilitator arrives by their link instead. */
export async function renderSessionsList(main: HTMLElement): Promise<void> {
  const token = adminToken();
  if (!token) {
    main.replaceChildren(signInForm(main));
    return;
  }
  main.replaceChildren(h('h1', { text: 'Sessions' }), h('p', { text: 'Loading…', role: 'status' }));
  const response = await fetch('/api/v1/sessions', { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401 || response.status === 403) {
    forgetAdminToken();
    main.replaceChildren(signInForm(main, 'That token was not accepted.'));
    return;
  }
  const sessions = (await response.json()) as SessionSummary[];
  const list = h('ul', { class: 'session-list' });
  for (const session of sessions) {
    const members = session.participants.filter((participant) => participant.role === 'member').length;
    list.append(
      h(
        'li',
        {},
        h('a', { href: `#/sessions/${session.id}`, text: session.title ?? 'Untitled session' }),
        h('span', { class: `status status-${session.status}`, text: session.status }),
        h('span', {
          class: 'muted',
          text: `${new Date(session.scheduledStart).toLocaleString()} · ${members} member${members === 1 ? '' : 's'}`,
        }),
      ),
    );
  }
  const signOut = h('button', { type: 'button', class: 'quiet', text: 'Forget admin token' });
  signOut.addEventListener('click', () => {
    forgetAdminToken();
    void renderSessionsList(main);
  });
  main.replaceChildren(
    h('h1', { text: 'Sessions' }),
    sessions.length === 0 ? h('p', { text: 'No sessions yet.' }) : list,
    signOut,
  );
}

function signInForm(main: HTMLElement, problem?: string): HTMLElement {
  const input = h('input', { id: 'admin-token', type: 'password', autocomplete: 'off', required: '' });
  const form = h(
    'form',
    { class: 'sign-in' },
    h('h1', { text: 'Attune' }),
    h('p', { text: 'Open your facilitator link, or enter the admin token to see all sessions.' }),
    problem ? h('p', { class: 'problem', role: 'alert', text: problem }) : null,
    h('label', { for: 'admin-token', text: 'Admin token' }),
    input,
    h('button', { type: 'submit', text: 'Continue' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    rememberAdminToken(input.value.trim());
    void renderSessionsList(main);
  });
  queueMicrotask(() => input.focus());
  return form;
}
