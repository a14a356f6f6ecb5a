// The node's live figures from /admin/cache (with the admin key) and /readyz, every 2 seconds; rates are the
// difference between two snapshots. No dependencies.
(() => {
  'use strict';
  const OUTCOMES = ['hit-l1', 'hit-l2', 'stale', 'miss', 'refused'];
  const HISTORY = 60; // samples of 2 s
  const $ = id => document.getElementById(id);
  const history = [];
  let previous = null;
  let timer = null;

  const number = value => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value);
  const bytes = value => value >= 1 << 20 ? `${number(value / (1 << 20))} MiB` : `${number(value / 1024)} KiB`;

  function setState(id, good, text) {
    const cell = $(id);
    cell.textContent = text;
    cell.className = good ? 'good' : 'bad';
  }

  async function poll() {
    const key = sessionStorage.getItem('qa-admin-key');
    let snapshot;
    try {
      const answer = await fetch('/admin/cache', { headers: { 'X-Api-Key': key }, cache: 'no-store' });
      if (answer.status === 401) {
        stop('The key was refused. Enter the admin key again.');
        return;
      }
      if (!answer.ok) throw new Error(`/admin/cache answered ${answer.status}`);
      snapshot = await answer.json();
    } catch (error) {
      $('status').textContent = `This node cannot be reached (${error.message}); retrying.`;
      return;
    }

    const now = performance.now();
    const ready = await fetch('/readyz', { cache: 'no-store' }).then(r => r.json()).catch(() => ({ status: 'unreachable' }));
    render(snapshot, ready, previous && { ...previous, seconds: (now - previous.at) / 1000 });
    previous = { at: now, totals: snapshot.totals };
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()}.`;
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
    const reads = before ? OUTCOMES.reduce((sum, o) => sum + rates[o], 0) : null;
    $('reads-rate').textContent = show(reads);
    $('stale-rate').textContent = show(rates.stale);
    $('miss-rate').textContent = show(rates.miss);
    $('refused-rate').textContent = show(rates.refused);
    const total = OUTCOMES.reduce((sum, o) => sum + (snapshot.totals[`requests.${o}`] || 0), 0);
    const cached = ['hit-l1', 'hit-l2', 'stale'].reduce((sum, o) => sum + (snapshot.totals[`requests.${o}`] || 0), 0);
    $('hit-ratio').textContent = total ? `${number(100 * cached / total)} %` : '–';

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
    const top = Math.max(1, ...history.map(r => OUTCOMES.reduce((sum, o) => sum + r[o], 0)));
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

  function start() {
    $('key-form').hidden = true;
    $('status').textContent = 'Loading…';
    poll();
    timer = setInterval(poll, 2000);
  }

  function stop(message) {
    clearInterval(timer);
    sessionStorage.removeItem('qa-admin-key');
    $('figures').hidden = true;
    $('key-form').hidden = false;
    $('status').textContent = message;
  }

  $('node').textContent = location.host;
  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    sessionStorage.setItem('qa-admin-key', $('key').value);
    $('key').value = '';
    start();
  });
  if (sessionStorage.getItem('qa-admin-key')) start();
})();
