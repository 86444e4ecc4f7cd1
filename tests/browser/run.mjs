// run.mjs: every page of sendap in a real browser, checked for accessibility.
//
// Starts its own server (SENDAP_BIN, else build/asan/sendap; nothing is built here) on a
// fresh migrated SQLite database, drives Chromium through playwright-core, and for each
// page in PAGES checks: the status, axe-core against WCAG 2.2 AA, no console errors, no
// failed stylesheet, script, image or font, one h1 and a <title>, the skip link as the
// first Tab stop, reflow at 320 CSS pixels (WCAG 1.4.10), and that the page still works
// with JavaScript off. Prints one line per check and ends with "browser: N passed, M failed"; exits 1 if
// any check failed. Screenshots go to tests/browser/out/ (gitignored), with the server's
// log.
//
// Usage: make asan && node tests/browser/run.mjs
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const OUT = path.join(ROOT, 'tests/browser/out')
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const REFLOW_WIDTH = 320 // CSS pixels: 1280 at 400% zoom, WCAG 1.4.10
const WATCHDOG_MS = 120_000 // the run takes about 15 s; this only stops a hang

// ---------------------------------------------------------------- the pages
//
// One entry per page state. Fields:
//   name      short slug: the output label and the screenshot's file name
//   path      where to go first
//   h1        the page's heading, exactly
//   status    the status of the page shown (default 200)
//   method    send this method instead of GET (the browser is made to, with page.route)
//   body      a request body to send with method (default method POST)
//   act       async (page) => response: what a person does after arriving, e.g. submit
//   finalPath where the page ends up, if not path (after a redirect)
//   redirect  the status of the redirect that led to finalPath
//   expect    async (page, { js, check }) => extra checks for this page only
const PAGES = [
	{ name: 'home', path: '/', h1: 'Special educational needs and disabilities (SEND) support' },
	{ name: 'accessibility-statement', path: '/accessibility', h1: 'Accessibility statement for sendap' },
	{ name: 'report-form', path: '/accessibility/report', h1: 'Report an accessibility problem' },
	{
		name: 'report-form-empty',
		path: '/accessibility/report',
		h1: 'Report an accessibility problem',
		act: submitReport({}),
		status: 422, // the form was read; its values fail a rule (400 is for an unreadable body)
		expect: errorSummary({ description: 'Enter a description of the problem' }),
	},
	{
		name: 'report-form-too-long',
		path: '/accessibility/report',
		h1: 'Report an accessibility problem',
		act: submitReport({ page: '/accessibility', description: 'a'.repeat(2001) }),
		status: 422,
		expect: errorSummary({ description: 'Description must be 2000 characters or fewer' }),
	},
	{
		name: 'report-sent',
		path: '/accessibility/report',
		h1: 'Report sent',
		act: submitReport({ page: '/accessibility', description: 'The table on this page has no headers.' }),
		finalPath: '/accessibility/report/sent',
		redirect: 303,
	},
	{ name: 'not-found', path: '/no-such-page', h1: 'Page not found', status: 404 },
	{
		name: 'method-not-allowed',
		path: '/accessibility',
		method: 'DELETE',
		h1: 'Sorry, that cannot be done on this page',
		status: 405,
	},
	{
		name: 'too-large',
		path: '/accessibility/report',
		body: 'description=' + 'a'.repeat(2 << 20), // 2 MiB; the limit is 1 MiB
		h1: 'Sorry, what you sent is too large',
		status: 413,
	},
]

// submitReport fills the report form with fields ({ page, description }) and sends it.
function submitReport(fields) {
	return async (page) => {
		if (fields.page !== undefined) await page.fill('#page', fields.page)
		if (fields.description !== undefined) await page.fill('#description', fields.description)
		const [resp] = await Promise.all([
			page.waitForNavigation({ waitUntil: 'load' }),
			page.getByRole('button', { name: 'Send report' }).click(),
		])
		return resp
	}
}

// errorSummary checks the GOV.UK error pattern for { field: message }: the "Error: "
// title, the summary's links to each field, the message by each field, and (with
// JavaScript) that focus moves to the summary and a summary link focuses its field.
function errorSummary(messages) {
	return async (page, { js, check }) => {
		const s = await page.evaluate(() => {
			const el = document.querySelector('.govuk-error-summary')
			return {
				present: !!el,
				focused: !!el && document.activeElement === el,
				title: document.title,
				links: el ? [...el.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent.trim()]) : [],
				fields: [...document.querySelectorAll('.govuk-error-message')].map((p) => [
					p.id,
					p.textContent.replace(/^Error:\s*/, '').trim(),
				]),
				targets: [...document.querySelectorAll('.govuk-error-summary a')].every((a) =>
					document.getElementById(a.getAttribute('href').slice(1)),
				),
			}
		})
		const want = Object.entries(messages)
		check('error summary shown', s.present)
		check('title starts "Error: "', s.title.startsWith('Error: '), s.title)
		check(
			'error summary links each field',
			JSON.stringify(s.links) === JSON.stringify(want.map(([f, m]) => ['#' + f, m])),
			JSON.stringify(s.links),
		)
		check('error summary links point at fields on the page', s.targets)
		check(
			'error message by each field',
			JSON.stringify(s.fields) === JSON.stringify(want.map(([f, m]) => [f + '-error', m])),
			JSON.stringify(s.fields),
		)
		if (!js) return
		check('focus moves to the error summary', s.focused, 'document.activeElement is not .govuk-error-summary')
		await page.click('.govuk-error-summary a')
		const focused = await page.evaluate(() => document.activeElement?.id)
		check(`error summary link focuses #${want[0][0]}`, focused === want[0][0], `focused: ${focused}`)
	}
}

// ---------------------------------------------------------------- checks and output

let passed = 0
let failed = 0

function check(name, ok, detail) {
	if (ok) passed++
	else failed++
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? ` (${detail})` : ''}`)
	return ok
}

function checker(label) {
	return (name, ok, detail) => check(`${label}: ${name}`, ok, detail)
}

// ---------------------------------------------------------------- the server

function serverBinary() {
	const bin = process.env.SENDAP_BIN || path.join(ROOT, 'build/asan/sendap')
	if (!fs.existsSync(bin)) throw new Error(`${bin} not found: run \`make asan\` first, or set SENDAP_BIN`)
	return path.resolve(bin)
}

async function startServer(bin, dir) {
	const db = path.join(dir, 'sendap.db')
	const m = spawnSync(bin, ['migrate', '--db', db], { encoding: 'utf8', timeout: 30_000 })
	if (m.status !== 0) throw new Error(`sendap migrate failed (${m.status ?? m.signal}): ${m.stderr}`)
	const logPath = path.join(OUT, 'server.log')
	const log = fs.openSync(logPath, 'w')
	const proc = spawn(bin, ['serve', '--db', db, '--port', '0', '--web', path.join(ROOT, 'web')], {
		cwd: dir,
		stdio: ['ignore', 'pipe', log],
	})
	fs.closeSync(log) // the child has its own copy
	const server = { proc, logPath, base: null }
	server.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })))
	server.base = await new Promise((resolve, reject) => {
		let text = ''
		const timer = setTimeout(() => reject(new Error('sendap did not print "listening on" within 15 s')), 15_000)
		proc.stdout.setEncoding('utf8')
		proc.stdout.on('data', (d) => {
			text += d
			const found = /listening on (http:\/\/[^\s]+)/.exec(text)
			if (found) {
				clearTimeout(timer)
				resolve(found[1])
			}
		})
		proc.once('error', (e) => {
			clearTimeout(timer)
			reject(e)
		})
		server.exited.then(({ code, signal }) => {
			clearTimeout(timer)
			reject(new Error(`sendap exited (${code ?? signal}) before listening; see ${logPath}`))
		})
	})
	return server
}

// stopServer sends SIGTERM (SIGKILL after 10 s) and says how the server ended.
async function stopServer(server) {
	if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGTERM')
	const timer = setTimeout(() => server.proc.kill('SIGKILL'), 10_000)
	const how = await server.exited
	clearTimeout(timer)
	return how
}

// ---------------------------------------------------------------- one page

// SUBRESOURCES are the request types that must all answer 200: what a page is styled,
// scripted and illustrated with, wherever it is served from.
const SUBRESOURCES = new Set(['stylesheet', 'script', 'image', 'font'])

// watch records, for one page, console errors and the stylesheets, scripts, images and
// fonts (and anything else under /assets/) that did not get 200.
function watch(page, p) {
	const seen = { consoleErrors: [], assetFailures: [], assets: 0 }
	const status = p.status ?? 200
	const docPath = p.finalPath ?? p.path
	page.on('console', (msg) => {
		if (msg.type() !== 'error') return
		// Chromium logs every 4xx/5xx document as "Failed to load resource"; for an error
		// page that is the status under test, so only that exact message is let through.
		const loc = msg.location().url ? new URL(msg.location().url) : null
		if (
			loc &&
			loc.pathname === docPath &&
			status >= 400 &&
			msg.text().startsWith(`Failed to load resource: the server responded with a status of ${status} `)
		)
			return
		seen.consoleErrors.push(`${msg.text()} at ${msg.location().url}`)
	})
	page.on('pageerror', (e) => seen.consoleErrors.push(`uncaught: ${e.message}`))
	const isAsset = (req) =>
		SUBRESOURCES.has(req.resourceType()) || new URL(req.url()).pathname.startsWith('/assets/')
	page.on('response', (r) => {
		if (!isAsset(r.request())) return
		seen.assets++
		if (r.status() !== 200) seen.assetFailures.push(`${r.request().resourceType()} ${r.url()} ${r.status()}`)
	})
	page.on('requestfailed', (r) => {
		if (isAsset(r)) seen.assetFailures.push(`${r.resourceType()} ${r.url()} ${r.failure()?.errorText}`)
	})
	return seen
}

// visit goes to the page as PAGES says, and returns the response of the page shown.
async function visit(page, base, p) {
	const url = base + p.path
	if (p.method || p.body !== undefined) {
		// A browser only navigates with GET or a form's POST, so the request is rewritten.
		await page.route(
			url,
			(route) =>
				route.continue({
					method: p.method ?? 'POST',
					postData: p.body,
					headers: p.body === undefined
						? route.request().headers()
						: { ...route.request().headers(), 'content-type': 'application/x-www-form-urlencoded' },
				}),
			{ times: 1 },
		)
	}
	let resp = await page.goto(url, { waitUntil: 'load' })
	if (p.act) resp = await p.act(page)
	return resp
}

const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')

// runAxe loads axe-core into the page and returns its WCAG 2.2 AA violations.
async function runAxe(page) {
	// page.addScriptTag({ path }) inserts an inline <script>, which our CSP (script-src
	// 'self') blocks. Rather than bypassCSP: true on the context, which would also hide any
	// CSP violation of our own pages from the console-error check, axe is evaluated
	// through the DevTools protocol, which CSP does not govern.
	await page.evaluate(AXE_SOURCE)
	return page.evaluate(async (tags) => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		})
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			targets: v.nodes.map((n) => n.target.join(' ')),
		}))
	}, AXE_TAGS)
}

// skipLinkFirst presses Tab once from the top of the page and says what got focus. If
// the page has already moved focus (the error summary does), focus is first put back on
// the body, as it is on arrival.
async function skipLinkFirst(page) {
	const moved = await page.evaluate(() => document.activeElement !== document.body)
	if (moved)
		await page.evaluate(() => {
			document.activeElement.blur()
			document.body.setAttribute('tabindex', '-1')
			document.body.focus()
		})
	await page.keyboard.press('Tab')
	const got = await page.evaluate(() => {
		const a = document.activeElement
		return {
			skip: a.matches('a.govuk-skip-link[href="#main-content"]'),
			what: `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}.${[...a.classList].join('.')} "${a.textContent.trim().slice(0, 40)}"`,
			target: !!document.getElementById('main-content'),
		}
	})
	if (moved) await page.evaluate(() => document.body.removeAttribute('tabindex'))
	return got
}

// overflow lists the elements that stick out past the viewport's right edge.
async function overflow(page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth
		const wide = [...document.body.querySelectorAll('*')]
			.filter((el) => el.getBoundingClientRect().right > width + 0.5)
			.slice(0, 3)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`)
		return { scrollWidth: document.documentElement.scrollWidth, wide }
	})
}

async function checkPage(browser, base, p, js) {
	const label = js ? p.name : `${p.name} (no JavaScript)`
	const c = checker(label)
	const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1024, height: 768 } })
	try {
		const page = await context.newPage()
		const seen = watch(page, p)
		const resp = await visit(page, base, p)
		const status = p.status ?? 200
		const finalPath = p.finalPath ?? p.path
		c(`status ${status}`, resp?.status() === status, `got ${resp?.status()}`)
		if (p.finalPath || p.redirect) {
			const from = resp?.request().redirectedFrom()
			const via = from ? (await from.response())?.status() : undefined
			c(`ends at ${finalPath} after a ${p.redirect}`, new URL(page.url()).pathname === finalPath && via === p.redirect,
				`at ${page.url()}, redirect ${via}`)
		}
		if (p.expect) await p.expect(page, { js, check: c })

		const doc = await page.evaluate(() => ({
			title: document.title.trim(),
			h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
			supported: document.body.classList.contains('govuk-frontend-supported'),
		}))
		c('has a <title>', doc.title.length > 0)
		c(`one h1 "${p.h1}"`, doc.h1s.length === 1 && doc.h1s[0] === p.h1, JSON.stringify(doc.h1s))

		if (js) {
			c('GOV.UK Frontend JavaScript started', doc.supported)
			await page.screenshot({ path: path.join(OUT, `${p.name}.png`), fullPage: true })

			const violations = await runAxe(page)
			c(`axe-core ${AXE_TAGS.join(',')}: no violations`, violations.length === 0, `${violations.length} found`)
			for (const v of violations)
				console.log(`       ${v.id} (${v.impact}): ${v.help}\n         at ${v.targets.join('\n         at ')}`)

			const tab = await skipLinkFirst(page)
			c('first Tab stop is the skip link to #main-content', tab.skip && tab.target, `focused ${tab.what}`)

			await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 })
			const o = await overflow(page)
			c(`no horizontal scroll at ${REFLOW_WIDTH}px`, o.scrollWidth <= REFLOW_WIDTH,
				`scrollWidth ${o.scrollWidth}; too wide: ${o.wide.join(', ')}`)
			await page.screenshot({ path: path.join(OUT, `${p.name}-${REFLOW_WIDTH}px.png`), fullPage: true })
		}

		c('stylesheets, scripts, images and fonts all 200', seen.assets > 0 && seen.assetFailures.length === 0,
			seen.assets ? seen.assetFailures.join(', ') : 'none requested')
		c('no console errors', seen.consoleErrors.length === 0, seen.consoleErrors.join('; '))
	} catch (e) {
		c('checks ran to the end', false, e.message.split('\n')[0])
	} finally {
		await context.close()
	}
}

// journeyWithoutJs follows the report journey by links and buttons, as a person with
// JavaScript off would: home, statement, form, empty submit, fix, sent, back.
async function journeyWithoutJs(browser, base) {
	const c = checker('journey without JavaScript')
	const context = await browser.newContext({ javaScriptEnabled: false })
	const clickTo = async (locator) => {
		const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()])
		return resp
	}
	const h1 = () => page.locator('h1').textContent()
	let page
	try {
		page = await context.newPage()
		const seen = watch(page, { path: '/' })
		await page.goto(base + '/')
		let resp = await clickTo(page.getByRole('link', { name: 'Accessibility statement' }))
		c('footer link opens the statement', resp.status() === 200 && (await h1()) === 'Accessibility statement for sendap')
		resp = await clickTo(page.getByRole('link', { name: 'Report an accessibility problem' }))
		c('statement links to the report form', resp.status() === 200 && new URL(page.url()).pathname === '/accessibility/report')
		resp = await clickTo(page.getByRole('button', { name: 'Send report' }))
		const summary = page.locator('.govuk-error-summary')
		c('empty submit shows the error summary (422)', resp.status() === 422 && (await summary.isVisible()),
			`status ${resp.status()}`)
		await summary.getByRole('link', { name: 'Enter a description of the problem' }).click()
		c('error summary link jumps to the field', new URL(page.url()).hash === '#description', page.url())
		await page.fill('#description', 'The skip link is hard to see.')
		resp = await clickTo(page.getByRole('button', { name: 'Send report' }))
		c('valid submit reaches the sent page', resp.status() === 200 &&
			new URL(page.url()).pathname === '/accessibility/report/sent' && (await h1()) === 'Report sent', page.url())
		resp = await clickTo(page.getByRole('link', { name: 'Back to the accessibility statement' }))
		c('sent page links back to the statement', new URL(page.url()).pathname === '/accessibility')
		c('stylesheets, scripts, images and fonts all 200', seen.assetFailures.length === 0, seen.assetFailures.join(', '))
	} catch (e) {
		c('journey ran to the end', false, e.message.split('\n')[0])
	} finally {
		await context.close()
	}
}

// ---------------------------------------------------------------- main

let server = null
let browser = null
let tmp = null

async function cleanUp() {
	const b = browser
	browser = null
	if (b) await b.close().catch(() => {})
	const s = server
	server = null
	const how = s ? await stopServer(s) : null
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
	tmp = null
	return { s, how }
}

async function main() {
	fs.rmSync(OUT, { recursive: true, force: true })
	fs.mkdirSync(OUT, { recursive: true })
	try {
		const bin = serverBinary()
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sendap-browser-'))
		server = await startServer(bin, tmp)
		console.log(`# ${path.relative(ROOT, bin) || bin} at ${server.base}`)
		browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: [
				'--headless=new',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		})
		for (const p of PAGES) await checkPage(browser, server.base, p, true)
		for (const p of PAGES) await checkPage(browser, server.base, p, false)
		await journeyWithoutJs(browser, server.base)
	} catch (e) {
		check('browser run', false, e.message)
	} finally {
		const { s, how } = await cleanUp()
		if (s) {
			check('server stops cleanly on SIGTERM (exit 0)', how.code === 0, `exit ${how.code ?? how.signal}; see ${s.logPath}`)
			const log = fs.readFileSync(s.logPath, 'utf8')
			const bad = log.split('\n').filter((l) => /"level":"error"|AddressSanitizer|LeakSanitizer|runtime error:/.test(l))
			check('server logged no errors or sanitizer reports', bad.length === 0, bad.slice(0, 3).join(' | '))
		}
	}
	console.log(`browser: ${passed} passed, ${failed} failed`)
	process.exitCode = failed ? 1 : 0
}

const watchdog = setTimeout(async () => {
	check(`finished within ${WATCHDOG_MS / 1000} s`, false, 'stopped by the watchdog')
	await cleanUp()
	console.log(`browser: ${passed} passed, ${failed} failed`)
	process.exit(1)
}, WATCHDOG_MS)
watchdog.unref()
for (const sig of ['SIGINT', 'SIGTERM'])
	process.once(sig, async () => {
		await cleanUp()
		process.exit(1)
	})

await main()
clearTimeout(watchdog)
