/*! QaEdge Q&A widget v1: embed with
 *    <div data-qa-product="42"></div>
 *    <script src="https://<edge>/widget/v1/qa-widget.js" defer></script>
 *  It renders the product's questions and answers into every element with data-qa-product, from the edge that served
 *  this script (or data-qa-edge="https://<edge>"). No dependencies; text is set as text, never as HTML.
 */
(() => {
  'use strict';

  const script = document.currentScript;
  const scriptEdge = script ? new URL(script.src, location.href).origin : location.origin;
  const SORTS = [['helpful', 'Most helpful'], ['newest', 'Newest'], ['mostAnswered', 'Most answered'], ['recentlyAnswered', 'Recently answered']];
  const PAGE = 5;
  const UNREACHABLE = 'Questions and answers cannot be reached right now. Please try again in a moment.';
  const NOT_SENT = 'This could not be sent. Please try again in a moment.';

  // Web storage where the page allows it, else memory for the page's life (a sandboxed or privacy-locked page may
  // refuse storage: one vote per voter must hold all the same).
  const memory = new Map();
  function stored(storage, key) {
    try { return storage.getItem(key); } catch { return memory.has(key) ? memory.get(key) : null; }
  }

  function store(storage, key, value) {
    try { storage.setItem(key, value); } catch { memory.set(key, value); }
  }

  // The voter: one random id per browser and host page origin, so one vote per voter holds without third-party cookies.
  function voterId() {
    let id = stored(localStorage, 'qa-voter');
    if (!id) {
      id = crypto.randomUUID();
      store(localStorage, 'qa-voter', id);
    }
    return id;
  }

  // A small element builder: el('button', { class: 'x', onclick: f }, 'text', child...).
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  const when = iso => dateFormat.format(new Date(iso));

  // What the user is told: a request's own words for what they can fix (4xx: validation, unknown items), fixed
  // sentences for the rest (the edge's 5xx and 429 texts are written for operators).
  class EdgeError extends Error {
    constructor(status, problem, write) {
      const own = status >= 400 && status < 500 && status !== 429 && problem && (problem.detail || problem.title);
      super(own || (status === 429 ? 'Too many requests right now. Please try again in a minute.' : write ? NOT_SENT : UNREACHABLE));
      this.status = status;
      this.problem = problem;
    }
  }

  class QaWidget {
    constructor(root) {
      this.root = root;
      this.product = root.dataset.qaProduct;
      this.productPath = `/api/v1/products/${encodeURIComponent(this.product)}`;
      this.edge = (root.dataset.qaEdge || scriptEdge).replace(/\/$/, '');
      this.sort = 'helpful';
      this.search = '';
      // The consistency token of this user's last write to the product (kept for the tab's life, shared by the
      // widgets of the tab): reads carry it, so no node answers with data older than what the user wrote.
      this.tokenKey = `qa-token:${this.edge}:${this.product}`;
      this.questions = [];
      this.nextCursor = null;
      this.loads = 0; // the latest load: an older one's answer is dropped
      this.uid = `qa-${Math.random().toString(36).slice(2, 8)}`;
    }

    async call(path, init = {}) {
      const headers = { Accept: 'application/json', ...(init.headers || {}) };
      const token = stored(sessionStorage, this.tokenKey);
      if (token) headers['X-Qa-Min-Version'] = token;
      let response;
      try {
        response = await fetch(this.edge + path, { ...init, headers });
      } catch {
        if (init.method) {
          // A write the browser stopped before any answer: the edge is down, or (when reads work) it does not list
          // this page's origin for writes. Users get the first; integrators get both, here.
          console.warn(`QaEdge widget: a write to ${this.edge} got no answer. If reads work, list ${location.origin} in the edge's Qa:Cors:WriteOrigins.`);
        }
        throw new EdgeError(0, null, Boolean(init.method));
      }
      const version = response.headers.get('X-Qa-Version');
      if (init.method && version) store(sessionStorage, this.tokenKey, version);
      if (response.status === 204) return null;
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new EdgeError(response.status, body, Boolean(init.method));
      return body;
    }

    write(path, body) {
      return this.call(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'include' });
    }

    start() {
      this.root.classList.add('qa-widget');
      this.root.setAttribute('aria-busy', 'true');
      this.status = el('p', { class: 'qa-status', role: 'status', 'aria-live': 'polite' });
      this.title = el('h2', { class: 'qa-title', id: `${this.uid}-title`, text: 'Customer questions & answers' });
      this.list = el('ol', { class: 'qa-questions', 'aria-labelledby': `${this.uid}-title`, tabindex: '-1' });
      this.clear = el('button', { type: 'button', class: 'qa-clear', hidden: true, onclick: () => this.clearSearch(), text: 'Clear search' });
      this.more = el('button', { type: 'button', class: 'qa-more', hidden: true, onclick: () => this.load(true), text: 'See more questions' });
      this.root.replaceChildren(this.title, this.toolbar(), this.status, this.clear, this.list, this.more, this.askForm());
      return this.load(false);
    }

    toolbar() {
      this.searchInput = el('input', { type: 'search', id: `${this.uid}-q`, name: 'q', maxlength: '150', placeholder: 'Have a question? Search for answers' });
      const form = el('form', {
        class: 'qa-search', role: 'search', onsubmit: event => {
          event.preventDefault();
          this.search = this.searchInput.value.trim();
          this.load(false);
        },
      }, el('label', { for: `${this.uid}-q`, class: 'qa-label', text: 'Search questions' }), this.searchInput, el('button', { type: 'submit', text: 'Search' }));
      const select = el('select', { id: `${this.uid}-sort`, name: 'sort', onchange: () => { this.sort = select.value; this.load(false); } },
        ...SORTS.map(([value, label]) => el('option', { value, text: label })));
      return el('div', { class: 'qa-toolbar' }, form,
        el('div', { class: 'qa-sort' }, el('label', { for: `${this.uid}-sort`, text: 'Sort by' }), select));
    }

    clearSearch() {
      this.search = '';
      this.searchInput.value = '';
      this.searchInput.focus();
      this.load(false);
    }

    // Loads the first page (or search results), or appends the next page. Only the latest load's answer is shown: a
    // page of an earlier sort or search arriving late is dropped.
    async load(append) {
      const load = ++this.loads;
      const search = this.search;
      const cursor = append ? this.nextCursor : null;
      this.root.setAttribute('aria-busy', 'true');
      try {
        const page = search
          ? await this.call(`${this.productPath}/questions/search?q=${encodeURIComponent(search)}&count=20`)
          : await this.call(`${this.productPath}/questions?${cursor ? `cursor=${encodeURIComponent(cursor)}` : 'page=1'}&count=${PAGE}&sort=${this.sort}`);
        if (load !== this.loads) return;
        if (search) {
          this.nextCursor = null;
          this.questions = page.questions;
          this.say(`${page.questions.length} question${page.questions.length === 1 ? '' : 's'} match “${search}”.`);
        } else {
          this.nextCursor = page.nextCursor || null;
          const known = new Set(this.questions.map(q => q.id));
          this.questions = cursor ? this.questions.concat(page.questions.filter(q => !known.has(q.id))) : page.questions;
          this.title.textContent = `Customer questions & answers (${page.totalQuestions})`;
          this.root.dataset.qaProductName = page.productName;
          this.say('');
        }
        this.render();
      } catch (error) {
        if (load !== this.loads) return;
        if (append) this.say(error.message, true); // what is shown stays
        else this.fail(error);
      } finally {
        if (load === this.loads) this.root.setAttribute('aria-busy', 'false');
      }
    }

    render() {
      this.root.classList.remove('qa-down');
      this.list.replaceChildren(...this.questions.map(q => this.question(q)));
      if (this.questions.length === 0 && !this.search) this.list.append(el('li', { class: 'qa-empty', text: 'No questions yet. Be the first to ask.' }));
      this.clear.hidden = !this.search;
      this.more.hidden = !this.nextCursor;
    }

    question(q) {
      const textId = `${this.uid}-q${q.id}`;
      const answers = el('ul', { class: 'qa-answers', 'aria-label': 'Answers' }, ...(q.answers || []).map(a => this.answer(q, a)));
      const item = el('li', { class: 'qa-question', 'data-id': q.id, tabindex: '-1' },
        ...this.texts('Q:', textId, q.body, `Asked by ${q.askerName}`, q),
        this.actions('questions', q, textId, () => {
          this.questions = this.questions.filter(other => other.id !== q.id);
          return item;
        }),
        answers);
      if (q.answerCount > (q.answers || []).length) {
        const more = el('button', {
          type: 'button', class: 'qa-link', text: `See all ${q.answerCount} answers`, onclick: async () => {
            try {
              const page = await this.call(`/api/v1/questions/${q.id}/answers?count=100`);
              const shown = (q.answers || []).length;
              q.answers = page.answers;
              answers.replaceChildren(...page.answers.map(a => this.answer(q, a)));
              more.remove();
              (answers.children[shown] || answers.children[0] || item).focus();
            } catch (error) { this.say(error.message, true); }
          },
        });
        item.append(more);
      }
      item.append(this.answerForm(q, answers));
      return item;
    }

    // An item's text (its id names it for the controls it describes) and who wrote it when.
    texts(mark, textId, body, by, item) {
      return [
        el('p', { class: 'qa-body' }, el('span', { class: 'qa-mark', 'aria-hidden': 'true', text: mark }), el('span', { class: 'qa-text', id: textId, text: body })),
        el('p', { class: 'qa-meta', text: `${by} on ${when(item.createdAt)}${item.status === 'pending' ? ' · awaiting moderation' : ''}` }),
      ];
    }

    answer(q, a) {
      const textId = `${this.uid}-a${a.id}`;
      const item = el('li', { class: 'qa-answer', 'data-id': a.id, tabindex: '-1' },
        ...this.texts('A:', textId, a.body, `Answered by ${a.answererName}`, a));
      item.append(this.actions('answers', a, textId, () => {
        q.answers = (q.answers || []).filter(other => other.id !== a.id);
        q.answerCount = Math.max(0, q.answerCount - 1);
        return item;
      }));
      return item;
    }

    // Helpful yes/no (one vote per voter: the edge keeps the last direction; the count moves at once) and report.
    // Each control names the item it acts on (aria-describedby: the item's text). remove() drops the item from the
    // widget's state and returns its element.
    actions(kind, item, textId, remove) {
      const key = `qa-vote:${kind}:${item.id}`;
      const count = el('span', { class: 'qa-helpful', text: String(item.helpful) });
      const buttons = {};
      const press = () => {
        const voted = stored(localStorage, key);
        for (const direction of ['up', 'down']) buttons[direction].setAttribute('aria-pressed', String(voted === direction));
      };
      const vote = async direction => {
        const before = stored(localStorage, key);
        if (before === direction || buttons.up.disabled) return; // the same vote again changes nothing; one at a time
        buttons.up.disabled = buttons.down.disabled = true;
        try {
          await this.write(`/api/v1/${kind}/${item.id}/votes`, { direction, voter: voterId() });
          item.helpful += (direction === 'up' ? 1 : -1) * (before ? 2 : 1);
          count.textContent = String(item.helpful);
          store(localStorage, key, direction);
          press();
          this.say('Thanks for your vote.');
        } catch (error) {
          this.say(error.message, true);
        } finally {
          buttons.up.disabled = buttons.down.disabled = false;
        }
      };
      buttons.up = el('button', { type: 'button', class: 'qa-vote', 'data-direction': 'up', 'aria-describedby': textId, onclick: () => vote('up'), text: 'Yes' });
      buttons.down = el('button', { type: 'button', class: 'qa-vote', 'data-direction': 'down', 'aria-describedby': textId, onclick: () => vote('down'), text: 'No' });
      press();
      const report = el('button', {
        type: 'button', class: 'qa-report', 'aria-describedby': textId, text: 'Report', onclick: async () => {
          try {
            await this.write(`/api/v1/${kind}/${item.id}/report`, { reason: 'other', reporter: voterId() });
            const gone = remove();
            const next = gone.nextElementSibling || gone.previousElementSibling;
            gone.remove();
            (next || this.list).focus();
            this.say('Reported. It is hidden while a moderator looks at it.');
          } catch (error) { this.say(error.message, true); }
        },
      });
      return el('div', { class: 'qa-actions' }, el('span', { text: 'Helpful?' }), buttons.up, buttons.down,
        el('span', { class: 'qa-helpful-label' }, count, ' found this helpful'), report);
    }

    // A form of labelled fields; on submit it posts and calls done(created). Errors name the field the edge named.
    form(kind, legend, fields, submit, done) {
      const inputs = {};
      const error = el('p', { class: 'qa-error', role: 'alert' });
      const rows = fields.map(([name, label, type]) => {
        const id = `${this.uid}-${kind}-${name}`;
        inputs[name] = type === 'textarea'
          ? el('textarea', { id, name, required: true, maxlength: '1000', rows: '3' })
          : el('input', { id, name, type, required: true, maxlength: '60', autocomplete: type === 'email' ? 'email' : 'name' });
        return el('div', { class: 'qa-field' }, el('label', { for: id, text: label }), inputs[name]);
      });
      const form = el('form', {
        class: `qa-form qa-${kind}-form`, onsubmit: async event => {
          event.preventDefault();
          const body = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
          error.textContent = '';
          try {
            const created = await submit(body);
            form.reset();
            done(created);
          } catch (failure) {
            const errors = failure.status === 400 && failure.problem && failure.problem.errors;
            error.textContent = errors ? Object.values(errors).flat().join(' ') : failure.message;
          }
        },
      }, el('fieldset', {}, el('legend', { text: legend }), ...rows, error, el('button', { type: 'submit', text: legend })));
      return form;
    }

    askForm() {
      return this.form('ask', 'Ask a question', [['body', 'Your question', 'textarea'], ['askerName', 'Your name', 'text'], ['askerEmail', 'Your email (not shown)', 'email']],
        body => this.write(`${this.productPath}/questions`, body),
        created => {
          // Shown at once to its asker (a search gives way to the list, where it belongs); reads from now on carry
          // this write's token, so no node answers with older data.
          created.answers = created.answers || [];
          if (this.search) {
            this.search = '';
            this.searchInput.value = '';
          }
          this.questions = [created, ...this.questions.filter(q => q.id !== created.id)];
          this.render();
          this.say(created.status === 'pending' ? 'Thanks! Your question will appear once a moderator approves it.' : 'Thanks! Your question is posted.');
        });
    }

    answerForm(q, answers) {
      const summary = el('summary', { text: 'Answer this question' });
      const form = this.form(`answer-${q.id}`, 'Answer this question', [['body', 'Your answer', 'textarea'], ['answererName', 'Your name', 'text'], ['answererEmail', 'Your email (not shown)', 'email']],
        body => this.write(`/api/v1/questions/${q.id}/answers`, body),
        created => {
          q.answers = [...(q.answers || []), created];
          q.answerCount += 1;
          answers.append(this.answer(q, created));
          details.open = false;
          summary.focus();
          this.say('Thanks! Your answer is posted.');
        });
      const details = el('details', { class: 'qa-answer-this' }, summary, form);
      return details;
    }

    say(text, isError) {
      this.status.textContent = text;
      this.status.classList.toggle('qa-status-error', Boolean(isError));
    }

    fail(error) {
      this.root.classList.add('qa-down');
      const message = error.status === 404 ? 'This product has no questions and answers.' : error.message;
      // The alert inside the item: a list item with another role would no longer be one.
      this.list.replaceChildren(el('li', { class: 'qa-unavailable' }, el('p', { role: 'alert', text: message }),
        el('button', { type: 'button', onclick: () => { this.list.focus(); this.load(false); }, text: 'Try again' })));
      this.clear.hidden = true;
      this.more.hidden = true;
      this.say('');
    }
  }

  function ensureStyles() {
    if (document.querySelector('link[data-qa-widget]')) return;
    document.head.append(el('link', { rel: 'stylesheet', href: `${scriptEdge}/widget/v1/qa-widget.css`, 'data-qa-widget': true }));
  }

  function mount() {
    const roots = document.querySelectorAll('[data-qa-product]:not(.qa-widget)');
    if (roots.length && !(script && script.hasAttribute('data-qa-no-style'))) ensureStyles();
    roots.forEach(root => new QaWidget(root).start());
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
