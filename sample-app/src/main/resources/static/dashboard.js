// The pool dashboard: polls /actuator/metrics once a second and draws the last 90 seconds as SVG line charts.
// Plain JavaScript with no build step and no library, so the page is exactly what is in this file.
"use strict";

// The charts span the time since the page opened, at least 30 s and at most 90 s, so a fresh page is not mostly
// empty.
const MIN_WINDOW_MS = 30_000;
const HISTORY_MS = 90_000;
const POLL_MS = 1000;
const SVG = "http://www.w3.org/2000/svg";

// Each series holds {t, v} points, t in epoch milliseconds; v is null where a poll failed.
const series = {
	active: [], idle: [], total: [], target: [], max: [], pending: [], utilization: [], acquire: []
};
// Load demo runs, {start, end, pooled}, end null while running: drawn as shaded bands.
const runs = [];
const opened = Date.now();
let poolTag = null;
let ticks = 0;
let polling = false;

async function json(url, options) {
	const response = await fetch(url, options);
	const body = await response.json().catch(() => null);
	if (!response.ok) {
		const detail = body && (body.detail || body.error) || response.statusText;
		throw new Error(`${response.status} ${detail}`);
	}
	return body;
}

// Relative URLs, so the page also works under a context path.
async function metric(name, extraTag) {
	const tags = [poolTag, extraTag].filter(Boolean).map((tag) => "tag=" + encodeURIComponent(tag)).join("&");
	const body = await json(`actuator/metrics/${name}${tags ? "?" + tags : ""}`);
	const measurement = body.measurements.find((m) => m.statistic === "VALUE") || body.measurements[0];
	return measurement.value;
}

// The meters are tagged pool=<name>; asking for that tag keeps the figures right should a second pool appear.
async function findPool() {
	const body = await json("actuator/metrics/pool.connections.max");
	const tag = body.availableTags.find((t) => t.tag === "pool");
	const name = tag && tag.values.length ? tag.values[0] : null;
	poolTag = name ? "pool:" + name : null;
	document.getElementById("pool-name").textContent = name || "(unnamed)";
}

async function poll() {
	// A slow answer must not pile up requests behind it: skip this tick instead.
	if (polling) {
		return;
	}
	polling = true;
	const now = Date.now();
	try {
		if (poolTag === null) {
			await findPool();
		}
		const [active, idle, total, target, max, pending, utilization, acquire] = await Promise.all([
			metric("pool.connections.active"),
			metric("pool.connections.idle"),
			metric("pool.connections.total"),
			// The size the pool chose for itself (adaptive sizing); max-size in a fixed pool.
			metric("pool.connections.target"),
			metric("pool.connections.max"),
			metric("pool.connections.pending"),
			metric("pool.utilization"),
			// The simple registry's percentile gauge, in seconds; NaN until the first borrow.
			metric("pool.acquire.percentile", "phi:0.99").catch(() => NaN)
		]);
		const acquireMs = Number.isFinite(acquire) ? acquire * 1000 : 0;
		push({ active, idle, total, target, max, pending, utilization: utilization * 100, acquire: acquireMs }, now);
		showTiles({ active, idle, total, target, max, pending, utilization, acquireMs });
		setPollError(null);
	}
	catch (error) {
		push({}, now);
		setPollError("metrics unavailable: " + error.message);
	}
	finally {
		polling = false;
	}
	ticks++;
	render();
	// For the browser test and curious readers: how many polls the charts reflect.
	document.body.dataset.ticks = String(ticks);
}

async function pollHealth() {
	const pill = document.getElementById("health");
	try {
		const response = await fetch("actuator/health");
		const body = await response.json();
		pill.textContent = body.status;
	}
	catch (error) {
		pill.textContent = "unreachable";
	}
	pill.className = "pill " + (pill.textContent === "UP" ? "up" : "down");
}

function push(values, now) {
	for (const name of Object.keys(series)) {
		const points = series[name];
		points.push({ t: now, v: name in values ? values[name] : null });
		while (points.length && points[0].t < now - HISTORY_MS) {
			points.shift();
		}
	}
}

function showTiles(v) {
	text("tile-active", v.active);
	text("tile-idle", v.idle);
	text("tile-pending", v.pending);
	text("tile-total", `${v.total} / ${v.target} / ${v.max}`);
	text("tile-utilization", `${Math.round(v.utilization * 100)}%`);
	text("tile-acquire", formatMs(v.acquireMs));
}

function text(id, value) {
	document.getElementById(id).textContent = String(value);
}

function formatMs(ms) {
	if (ms === 0) {
		return "0 ms";
	}
	return ms < 1 ? `${ms.toFixed(3)} ms` : ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function setPollError(message) {
	const element = document.getElementById("poll-error");
	element.hidden = message === null;
	element.textContent = message || "";
}

function render() {
	const now = Date.now();
	// Drawn in this order, each over the one before: the target's wide pale line stays visible under total where
	// the pool holds just what it chose.
	chart("chart-connections", ["max", "target", "total", "active"], now, { floor: 4, whole: true });
	chart("chart-pending", ["pending"], now, { floor: 4, whole: true });
	chart("chart-utilization", ["utilization"], now, { floor: 100, unit: "%" });
	chart("chart-acquire", ["acquire"], now, { floor: 1, unit: " ms" });
}

// Draws the named series into one SVG, in its rendered pixel size so that text is not stretched.
function chart(id, names, now, { floor, unit = "", whole = false }) {
	const svg = document.getElementById(id);
	const width = svg.clientWidth || 560;
	const height = svg.clientHeight || 180;
	const left = 58;
	const bottom = 18;
	const plotWidth = width - left - 6;
	const plotHeight = height - bottom - 6;
	svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
	svg.replaceChildren();

	const span = Math.min(HISTORY_MS, Math.max(MIN_WINDOW_MS, now - opened));
	const start = now - span;
	const highest = Math.max(floor, ...names.flatMap((name) => series[name].map((p) => p.v || 0)));
	const top = 4 * niceStep(highest / 4, whole);
	const x = (t) => left + plotWidth * (t - start) / span;
	const y = (v) => 6 + plotHeight * (1 - v / top);

	for (const run of runs) {
		const from = Math.max(run.start, start);
		const to = run.end === null ? now : run.end;
		if (to > start) {
			element(svg, "rect", { class: run.pooled ? "band pooled" : "band per-request", x: x(from), y: 6, width: Math.max(1, x(to) - x(from)), height: plotHeight });
		}
	}
	for (let i = 0; i <= 4; i++) {
		const value = top * i / 4;
		element(svg, "line", { class: "grid", x1: left, x2: left + plotWidth, y1: y(value), y2: y(value) });
		const label = element(svg, "text", { class: "axis-label", x: left - 6, y: y(value) + 4, "text-anchor": "end" });
		label.textContent = formatAxis(value) + unit;
	}
	const spanSeconds = Math.round(span / 1000);
	for (const [fraction, anchor] of [[1, "start"], [2 / 3, "middle"], [1 / 3, "middle"], [0, "end"]]) {
		const seconds = Math.round(spanSeconds * fraction);
		const label = element(svg, "text", { class: "axis-label", x: x(now - seconds * 1000), y: height - 4, "text-anchor": anchor });
		label.textContent = seconds === 0 ? "now" : `-${seconds}s`;
	}
	for (const name of names) {
		const points = series[name].filter((p) => p.v !== null);
		const values = points.map((p) => p.v);
		// data-max and data-last say what the line shows, for the browser test and for anyone inspecting it.
		element(svg, "polyline", {
			class: name,
			points: points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" "),
			"data-series": name,
			"data-max": values.length ? Math.max(...values) : 0,
			"data-last": values.length ? values[values.length - 1] : 0
		});
	}
}

function element(parent, name, attributes) {
	const node = document.createElementNS(SVG, name);
	for (const [key, value] of Object.entries(attributes)) {
		node.setAttribute(key, value);
	}
	parent.appendChild(node);
	return node;
}

// The step between the four grid lines: 1, 2, 2.5 or 5 times a power of ten, so a reader takes the labels in at a
// glance; a whole number for counts of connections.
function niceStep(value, whole) {
	const power = Math.pow(10, Math.floor(Math.log10(value)));
	for (const step of [1, 2, 2.5, 5, 10]) {
		const candidate = step * power;
		if (value <= candidate && (!whole || Number.isInteger(candidate))) {
			return candidate;
		}
	}
	return 10 * power;
}

function formatAxis(value) {
	return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

async function startLoad(event) {
	event.preventDefault();
	const button = document.getElementById("start-load");
	const status = document.getElementById("load-status");
	const concurrency = document.getElementById("load-concurrency").value;
	const seconds = document.getElementById("load-seconds").value;
	const pooled = document.getElementById("load-mode").value;
	const run = { start: Date.now(), end: null, pooled: pooled === "true" };
	runs.push(run);
	button.disabled = true;
	status.className = "status";
	status.textContent = `Running ${concurrency} workers for ${seconds} s…`;
	try {
		const report = await json(`demo/load?concurrency=${encodeURIComponent(concurrency)}`
				+ `&seconds=${encodeURIComponent(seconds)}&pooled=${pooled}`, { method: "POST" });
		addResult(report);
		status.textContent = `Done: ${report.requests.toLocaleString("en")} requests, `
				+ `${Math.round(report.throughputPerSecond).toLocaleString("en")} per second, ${report.errors} errors.`;
		document.body.dataset.loadRuns = String(document.querySelectorAll("#load-results tbody tr").length);
	}
	catch (error) {
		status.className = "status failed";
		status.textContent = "Load demo failed: " + error.message;
	}
	finally {
		run.end = Date.now();
		button.disabled = false;
	}
}

function addResult(report) {
	const row = document.createElement("tr");
	const wait = report.mode === "pooled" ? report.poolWaitP99Millis : report.connectP99Millis;
	const cells = [
		report.mode === "pooled" ? `pool (max ${report.poolMaxSize})` : "one per request",
		report.threads,
		report.concurrency,
		report.elapsedSeconds.toFixed(1),
		report.requests.toLocaleString("en"),
		Math.round(report.throughputPerSecond).toLocaleString("en"),
		fixed(report.latencyP50Millis),
		fixed(report.latencyP99Millis),
		fixed(wait) + (report.mode === "pooled" ? " (pool wait)" : " (connect)"),
		report.errors
	];
	for (const value of cells) {
		const cell = document.createElement("td");
		cell.textContent = String(value);
		row.appendChild(cell);
	}
	if (report.firstError) {
		row.title = "First error: " + report.firstError;
	}
	document.querySelector("#load-results tbody").prepend(row);
}

function fixed(value) {
	return value === null || value === undefined ? "–" : value.toFixed(value < 10 ? 2 : 1);
}

document.getElementById("load-form").addEventListener("submit", startLoad);
window.addEventListener("resize", render);
poll();
pollHealth();
setInterval(poll, POLL_MS);
setInterval(pollHealth, 5 * POLL_MS);
