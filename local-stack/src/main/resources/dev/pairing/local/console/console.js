// The console's page: polls the state once a second and draws it. Hand-written, no library: the jar
// serves everything the page needs, and the page fetches nothing from anywhere else.
'use strict';

(function () {
  const POLL_MS = 1000;
  const SVG = 'http://www.w3.org/2000/svg';
  const SERIES = ['records', 'pairs', 'dead'];
  // each page names itself, so that the demo can wait until every open page has read the end
  const PAGE = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
  let misses = 0;
  let last = null;

  function $(id) { return document.getElementById(id); }

  function text(element, value) {
    element.textContent = value;
    return element;
  }

  function make(tag, className, content) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (content !== undefined) element.textContent = content;
    return element;
  }

  function svg(tag, attributes, content) {
    const element = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, value);
    if (content !== undefined) element.textContent = content;
    return element;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
    return element;
  }

  function seconds(value) {
    return value === null || value === undefined ? '' : value.toFixed(1) + ' s';
  }

  function number(value) {
    return value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US');
  }

  async function poll() {
    try {
      const response = await fetch('api/state?page=' + PAGE, {cache: 'no-store'});
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const state = await response.json();
      misses = 0;
      text($('connection'), '');
      render(state);
      if (state.finished) {
        text($('connection'), 'the run has ended; this page keeps what it last showed');
        return;
      }
    } catch (e) {
      misses += 1;
      text($('connection'), 'no answer from the console (' + misses + ' in a row)');
    }
    setTimeout(poll, POLL_MS);
  }

  function render(state) {
    last = state;
    text($('title'), state.title);
    const phase = $('phase');
    phase.dataset.phase = state.phase;
    text(phase, state.phase.replace('_', ' '));
    text($('message'), state.message);
    text($('clock'), 't = ' + seconds(state.now));
    renderCounts(state.counts);
    renderPlot(state);
    renderTimeline(state);
    renderPending(state.pending);
    renderPairs(state.pairs);
    renderDeadLetters(state.deadLetters, state.deadLetterReasons);
    renderTimelineList(state.timeline, state.now);
    renderEndpoints(state.endpoints);
    renderLedgerRequest(state);
    renderLedger(state.ledger, state.counts);
  }

  function renderCounts(counts) {
    for (const key of ['raw', 'valid', 'pairs', 'deadLetters', 'unpaired', 'pending', 'lag']) {
      const cell = $('count-' + key);
      cell.dataset.value = counts ? counts[key] : '';
      text(cell, counts ? number(counts[key]) : '–');
    }
    if (counts) {
      text($('counts-note'), 'committed records on the topics (read_committed) and the runner\'s position in the '
        + 'raw topic, at ' + seconds(counts.at));
    }
  }

  /** The time axis the plot and the timeline share: from 0 (or the first point) to now or the last planned fault. */
  function timeAxis(state) {
    let from = 0;
    let to = Math.max(state.now, 10);
    for (const point of state.rates.points) from = Math.min(from, point[0]);
    for (const entry of state.timeline) to = Math.max(to, (entry.end === null ? entry.start : entry.end) + 2);
    return {from: from, to: to};
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    const step = Math.pow(10, Math.floor(Math.log10(value)));
    for (const factor of [1, 2, 2.5, 5, 10]) {
      if (factor * step >= value) return factor * step;
    }
    return 10 * step;
  }

  function renderPlot(state) {
    const plot = clear($('plot'));
    const width = plot.clientWidth || 800;
    const height = plot.clientHeight || 230;
    const margin = {left: 48, right: 10, top: 8, bottom: 22};
    const axis = timeAxis(state);
    const points = state.rates.points;
    let top = 0;
    for (const point of points) {
      for (let i = 1; i < point.length; i++) if (point[i] !== null) top = Math.max(top, point[i]);
    }
    top = niceMax(top * 1.1);
    const x = t => margin.left + (t - axis.from) / (axis.to - axis.from) * (width - margin.left - margin.right);
    const y = v => height - margin.bottom - v / top * (height - margin.top - margin.bottom);

    for (const entry of state.timeline) {
      if (entry.kind === 'OUTAGE') {
        const end = entry.end === null ? state.now : entry.end;
        plot.appendChild(svg('rect', {class: 'band', x: x(entry.start), y: margin.top,
          width: Math.max(1, x(end) - x(entry.start)), height: height - margin.top - margin.bottom}));
      }
    }
    for (let i = 0; i <= 4; i++) {
      const value = top * i / 4;
      plot.appendChild(svg('line', {class: 'axis', x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value)}));
      plot.appendChild(svg('text', {x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end'}, number(value)));
    }
    timeTicks(plot, axis, x, height - 6);
    for (const entry of state.timeline) {
      if (entry.kind !== 'OUTAGE') {
        plot.appendChild(svg('line', {class: entry.kind === 'PLANNED' ? 'planned-line' : 'fault-line',
          x1: x(entry.start), x2: x(entry.start), y1: margin.top, y2: height - margin.bottom}));
      }
    }
    SERIES.forEach((name, index) => {
      let path = '';
      let pen = 'M';
      for (const point of points) {
        const value = point[index + 1];
        if (value === null) {
          pen = 'M';
          continue;
        }
        path += pen + x(point[0]).toFixed(1) + ',' + y(value).toFixed(1) + ' ';
        pen = 'L';
      }
      if (path) plot.appendChild(svg('path', {class: 'series ' + name, d: path}));
    });
    if (points.length === 0) {
      plot.appendChild(svg('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'},
        state.endpoints.length === 0 ? 'no metrics endpoint to read' : 'waiting for the first answers of the metrics endpoints'));
    }
  }

  function timeTicks(target, axis, x, baseline) {
    const span = axis.to - axis.from;
    const step = niceMax(span / 8);
    for (let t = Math.ceil(axis.from / step) * step; t <= axis.to; t += step) {
      target.appendChild(svg('text', {x: x(t), y: baseline, 'text-anchor': 'middle'}, t.toFixed(0) + ' s'));
    }
  }

  /** Faults (planned dashed, made solid) on one row, outages as bars on the other, numbered as in the list. */
  function renderTimeline(state) {
    const strip = clear($('timeline'));
    const width = strip.clientWidth || 800;
    const margin = {left: 48, right: 10};
    const axis = timeAxis(state);
    const x = t => margin.left + (t - axis.from) / (axis.to - axis.from) * (width - margin.left - margin.right);
    strip.appendChild(svg('text', {class: 'row-label', x: margin.left - 6, y: 20, 'text-anchor': 'end'}, 'faults'));
    strip.appendChild(svg('text', {class: 'row-label', x: margin.left - 6, y: 48, 'text-anchor': 'end'}, 'outages'));
    strip.appendChild(svg('line', {class: 'axis', x1: margin.left, x2: width - margin.right, y1: 30, y2: 30}));
    for (const entry of state.timeline) {
      const group = svg('g', {class: 'timeline-mark', 'data-kind': entry.kind, 'data-id': entry.id});
      group.appendChild(svg('title', {}, describe(entry, state.now)));
      if (entry.kind === 'OUTAGE') {
        const end = entry.end === null ? state.now : entry.end;
        group.appendChild(svg('rect', {class: 'outage-bar', x: x(entry.start), y: 38,
          width: Math.max(2, x(end) - x(entry.start)), height: 16, rx: 3}));
        group.appendChild(svg('text', {class: 'mark-label', x: x(entry.start) + 4, y: 50},
          (entry.end === null ? '… ' : '') + seconds(end - entry.start)));
      } else {
        const at = x(entry.start);
        const made = entry.kind !== 'PLANNED';
        if (made && entry.end !== null && entry.end > entry.start) {
          group.appendChild(svg('rect', {class: 'fault-mark', x: at, y: 14, width: Math.max(2, x(entry.end) - at),
            height: 4}));
        }
        group.appendChild(svg('path', {class: made ? 'fault-mark' : 'planned-mark',
          d: 'M' + (at - 6) + ',6 L' + (at + 6) + ',6 L' + at + ',18 Z'}));
        if (made) group.appendChild(svg('text', {class: 'mark-label', x: at + 8, y: 16}, String(entry.id)));
      }
      strip.appendChild(group);
    }
  }

  function describe(entry, now) {
    if (entry.kind === 'PLANNED') return 'planned at ' + seconds(entry.start) + ': ' + entry.what;
    if (entry.kind === 'FAULT') {
      return seconds(entry.start) + ': ' + entry.what
        + (entry.end === null ? ' (still on)' : entry.end > entry.start ? ' until ' + seconds(entry.end) : '');
    }
    return entry.end === null
      ? seconds(entry.start) + ': ' + entry.what + '; no pair of a later number yet (' + seconds(now - entry.start) + ')'
      : seconds(entry.start) + ': ' + entry.what + '; pairs again after ' + seconds(entry.end - entry.start);
  }

  function renderTimelineList(timeline, now) {
    const list = clear($('timeline-list'));
    for (const entry of timeline) {
      const item = make('li', 'timeline-entry');
      item.value = entry.id;
      item.dataset.kind = entry.kind;
      item.dataset.what = entry.what;
      item.dataset.start = entry.start;
      item.dataset.end = entry.end === null ? '' : entry.end;
      item.appendChild(make('span', 'when', seconds(entry.start)));
      item.appendChild(make('span', 'kind', entry.kind.toLowerCase() + ' '));
      item.appendChild(make('span', 'what', entry.what));
      if (entry.kind === 'OUTAGE') {
        item.appendChild(make('span', 'note', entry.end === null
          ? ' — no pair of a later number yet, ' + seconds(now - entry.start) + ' so far'
          : ' — pairs again after ' + seconds(entry.end - entry.start)));
      }
      list.appendChild(item);
    }
    if (timeline.length === 0) list.appendChild(make('li', 'note', 'none so far'));
  }

  function renderPending(pending) {
    const list = clear($('pending'));
    text($('pending-note'), pending.at === null ? '' : 'from the runners\' gauges, at ' + seconds(pending.at));
    let most = 1;
    for (const row of pending.classes) most = Math.max(most, row.pending);
    for (const row of pending.classes) {
      const item = make('li');
      item.dataset.class = row.class;
      item.dataset.pending = row.pending;
      item.appendChild(make('span', 'figure', 'class ' + row.class));
      const track = make('span');
      const bar = make('span', 'bar');
      bar.style.display = 'block';
      bar.style.width = (100 * row.pending / most).toFixed(1) + '%';
      track.appendChild(bar);
      item.appendChild(track);
      item.appendChild(make('span', 'figure', number(row.pending) + (row.pending > 0
        ? ', oldest ' + seconds(row.oldestAgeSeconds) : '')));
      list.appendChild(item);
    }
    if (pending.classes.length === 0) list.appendChild(make('li', 'note', 'no class holds a number yet'));
  }

  function event(e) {
    return e.value + '  ' + e.source + (e.sequence === null ? '' : ' seq ' + e.sequence);
  }

  function renderPairs(pairs) {
    const body = clear($('pairs').tBodies[0]);
    for (const pair of pairs) {
      const row = make('tr');
      row.appendChild(make('td', '', seconds(pair.at)));
      row.appendChild(make('td', 'pair', pair.first.value + ' + ' + pair.second.value + ' = ' + pair.sum));
      row.appendChild(make('td', '', event(pair.first)));
      row.appendChild(make('td', '', event(pair.second)));
      row.appendChild(make('td', '', seconds(pair.second.at - pair.first.at)));
      body.appendChild(row);
    }
  }

  function renderDeadLetters(letters, reasons) {
    const body = clear($('dead-letters').tBodies[0]);
    for (const letter of letters) {
      const row = make('tr');
      row.appendChild(make('td', '', seconds(letter.at)));
      row.appendChild(make('td', 'reason', letter.reason));
      const detail = make('td', '', letter.detail);
      detail.title = letter.detail;
      row.appendChild(detail);
      row.appendChild(make('td', '', letter.source));
      body.appendChild(row);
    }
    const chips = clear($('reasons'));
    for (const [reason, count] of Object.entries(reasons)) chips.appendChild(make('span', 'chip', reason + ' ' + count));
  }

  function renderEndpoints(endpoints) {
    const list = clear($('endpoints'));
    for (const endpoint of endpoints) {
      const item = make('li');
      item.appendChild(make('span', '', endpoint.url));
      item.appendChild(make('span', endpoint.status === 'up' ? 'up' : 'down', endpoint.status));
      list.appendChild(item);
    }
    if (endpoints.length === 0) list.appendChild(make('li', 'note', 'none given (--metrics)'));
  }

  function renderLedgerRequest(state) {
    $('ledger-request').hidden = !state.ledgerOnRequest;
    text($('ledger-progress'), state.ledgerProgress);
    $('ledger-button').disabled = state.ledgerProgress === 'checking';
  }

  function renderLedger(ledger, counts) {
    const section = $('ledger');
    section.hidden = ledger === null;
    if (ledger === null) return;
    const verdict = $('ledger-verdict');
    verdict.className = 'verdict ' + (ledger.balanced ? 'balanced' : 'unbalanced');
    text(verdict, ledger.sum);
    for (const key of ['raw', 'pairs', 'deadLetters', 'unpaired', 'pending', 'duplicates']) {
      const cell = $('ledger-' + key);
      cell.dataset.value = ledger[key];
      text(cell, number(ledger[key]));
    }
    if (counts) {
      const differ = ['raw', 'pairs', 'deadLetters', 'unpaired', 'pending'].filter(key => counts[key] !== ledger[key]);
      text($('ledger-agreement'), differ.length === 0
        ? 'the counts above, read live from the topics, agree with the ledger'
        : 'the live counts differ from the ledger in: ' + differ.join(', '));
    }
    const reasons = clear($('ledger-reasons').tBodies[0]);
    for (const [reason, count] of Object.entries(ledger.deadLettersByReason)) {
      const row = make('tr');
      row.appendChild(make('td', '', reason));
      row.appendChild(make('td', '', number(count)));
      reasons.appendChild(row);
    }
    const classes = clear($('ledger-classes').tBodies[0]);
    for (const [cls, count] of Object.entries(ledger.pendingByClass)) {
      const row = make('tr');
      row.appendChild(make('td', '', cls));
      row.appendChild(make('td', '', number(count)));
      classes.appendChild(row);
    }
    text($('ledger-text'), ledger.text);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('ledger-button').addEventListener('click', async () => {
      text($('ledger-progress'), 'checking');
      try {
        const response = await fetch('api/ledger', {method: 'POST'});
        if (!response.ok) text($('ledger-progress'), 'refused: HTTP ' + response.status);
      } catch (e) {
        text($('ledger-progress'), 'no answer from the console');
      }
    });
    // a resized window redraws what it has, without waiting for the next state
    window.addEventListener('resize', () => { if (last) render(last); });
    poll();
  });
})();
