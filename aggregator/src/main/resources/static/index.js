import { el, page } from './hub.js';

page('home', null, async (who) => {
  const box = document.getElementById('granted');
  if (!who) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Paste a token to see which pages your recipient may open.' }));
    return;
  }
  const items = who.pages.map((p) => el('li', {}, el('a', { href: p.path, text: p.title })));
  box.replaceChildren(
    el('p', {}, `Recipient ${who.recipient} (${who.description}) may receive up to level ${who.maxLevel}.`),
    items.length ? el('ul', { class: 'pages' }, items) : el('p', { text: 'The policy grants this recipient no page.' }),
  );
});
