// The node's live figures from /admin/cache (with the admin key) and /readyz, every 2 seconds; rates are the
// difference between two snapshots. No dependencies. The key lives in this closure only: nothing else on this origin
// can read it, and a reload asks for it again.
(() => {
  'use strict';
  const OUTCOMES = ['hit-l1', 'hit-l2', 'stale', 'miss', 'refused'];
  const CACHED = ['hit-l1', 'hit-l2', 'stale'];
  const HISTORY = 60; // samples of 2 s
  const $ = id => document.getElementById(id);
  let key = null;
  let run = 0; // the current run of polls: a poll of a stopped run changes nothing
  let previous = null;
  let history = [];

  const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const number = value => numberFormat.format(value);
  const bytes = value => value >= 1 << 20 ? `${number(value / (1 << 20))} MiB` : `${number(value / 1024)} KiB`;
  const sum = (values, names) => names.reduce((total, name) => total + (values[name] || 0), 0);

  function setState(id, good, text) {
    const cell = $(id);
    cell.textContent = text;
    cell.className = good ? 'good' : 'bad';
  }

  // One poll, then the next 2 s after it ends: polls never overlap, however slow the node answers.
  async function poll(current) {
    try {
      const answer = await fetch('/admin/cache', { headers: { 'X-Api-Key': key }, cache: 'no-store' });
      if (current !== run) return;
      if (answer.status === 401) {
        stop('The key was refused. Enter the admin key again.');
        return;
      }
      if (!answer.ok) throw new Error(`/admin/cache answered ${answer.status}`);
      const snapshot = await answer.json();
      const now = performance.now();
      const ready = await fetch('/readyz', { cache: 'no-store' }).then(r => r.json()).catch(() => ({ status: 'unreachable' }));
      if (current !== run) return;
      render(snapshot, ready, previous && { ...previous, seconds: (now - previous.at) / 1000 });
      previous = { at: now, totals: snapshot.totals };
      $('status').textContent = '';
      $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}.`;
    } catch (error) {
      if (current !== run) return;
      $('status').textContent = `This node cannot be reached (${error.message}); retrying.`;
    }
    setTimeout(() => { if (current === run) poll(current); }, 2000);
  }

  function render(snapshot, ready, before) {
    $('figures').hidden = false;
    $('l1-entries').textContent = number(snapshot.l1Entries);
    $('l1-size').textContent = bytes(snapshot.l1Bytes);
    $('versions').textContent = number(snapshot.productsRecentlyChanged);
    setState('ready', ready.status === 'ready', ready.status);
    setState('coherence', snapshot.invalidationsConnected, snapshot.invalidationsConnected ? 'connected' : 'disconnected');
    setState('redis', snapshot.redisCircuitOpen !== true, snapshot.redisCircuitOpen === null ? 'not configured' : snapshot.redisCircuitOpen ? 'circuit open (skipped)' : 'in use');
    setState('database', snapshot.databaseCircuitOpen !== true, snapshot.databaseCircuitOpen === null || snapshot.databaseCircuitOpen === undefined ? 'not used (origin)' : snapshot.databaseCircuitOpen ? 'circuit open (skipped)' : 'in use');

    const rate = name => before && before.seconds > 0 ? Math.max(0, (snapshot.totals[name] || 0) - (before.totals[name] || 0)) / before.seconds : null;
    const rates = Object.fromEntries(OUTCOMES.map(o => [o, rate(`requests.${o}`)]));
    const show = value => value === null ? '–' : number(value);
    const reads = before ? sum(rates, OUTCOMES) : null;
    $('reads-rate').textContent = show(reads);
    $('stale-rate').textContent = show(rates.stale);
    $('miss-rate').textContent = show(rates.miss);
    $('refused-rate').textContent = show(rates.refused);
    // The share of the last 2 s, like the rates beside it; since start until there are two snapshots, or no reads.
    const totals = Object.fromEntries(OUTCOMES.map(o => [o, snapshot.totals[`requests.${o}`] || 0]));
    const [cached, all] = reads ? [sum(rates, CACHED), reads] : [sum(totals, CACHED), sum(totals, OUTCOMES)];
    $('hit-ratio').textContent = all ? `${number(100 * cached / all)} %` : '–';

    $('totals').tBodies[0].replaceChildren(...Object.entries(snapshot.totals).map(([name, value]) => {
      const row = document.createElement('tr');
      row.dataset.counter = name;
      for (const text of [name, number(value), show(rate(name))]) row.append(Object.assign(document.createElement('td'), { textContent: text }));
      return row;
    }));

    if (before) {
      history.push(rates);
      if (history.length > HISTORY) history.shift();
      chart();
    }
  }

  // Stacked bars, one per sample (the newest at the right), scaled to the busiest sample shown.
  function chart() {
    const svg = $('chart');
    const ns = 'http://www.w3.org/2000/svg';
    const top = Math.max(1, ...history.map(r => sum(r, OUTCOMES)));
    const width = 600 / HISTORY;
    const bars = [];
    const first = HISTORY - history.length;
    history.forEach((r, i) => {
      let y = 160;
      for (const outcome of OUTCOMES) {
        const height = 150 * r[outcome] / top;
        if (height <= 0) continue;
        y -= height;
        const rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', String((first + i) * width));
        rect.setAttribute('y', String(y));
        rect.setAttribute('width', String(width - 1));
        rect.setAttribute('height', String(height));
        rect.setAttribute('class', outcome);
        bars.push(rect);
      }
    });
    svg.replaceChildren(...bars);
    $('chart-top').textContent = `(top of the chart: ${number(top)}/s)`;
  }

  function start(entered) {
    key = entered;
    previous = null;
    history = [];
    $('key-form').hidden = true;
    $('status').textContent = 'Loading…';
    poll(++run);
  }

  function stop(message) {
    run++;
    key = null;
    previous = null;
    history = [];
    $('figures').hidden = true;
    $('key-form').hidden = false;
    $('updated').textContent = '';
    $('status').textContent = message;
    $('key').focus();
  }

  $('node').textContent = location.host;
  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const entered = $('key').value;
    $('key').value = '';
    start(entered);
  });
})();
