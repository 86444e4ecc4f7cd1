// run.mjs: every page of sendap in a real browser, checked for accessibility.
//
// Starts its own server (SENDAP_BIN, else build/asan/sendap; nothing is built here) on a
// fresh migrated SQLite database, drives Chromium through playwright-core, and for each
// page in PAGES checks: the status, axe-core against WCAG 2.2 AA, no console errors, no
// failed stylesheet, script, image or font, one h1 and a <title>, the skip link as the
// first Tab stop, reflow at 320 CSS pixels (WCAG 1.4.10), and that the page still works
// with JavaScript off. Signed-in pages are checked too: the fixture adds a caseworker, a
// parent and an administrator with `sendap user add`, signs in through /sign-in and adds a
// child through /children/new, then links the parent to the child with sqlite3. Journeys
// follow: an EHC needs assessment, panels, the plan pages, and a plan written in the
// editor without JavaScript, issued, amended and commented on; then after the plan: the
// lists of reviews, one review at each step, ceasing, provision that did not happen, a
// move, and a review recorded without JavaScript to a decision; then placements: the
// public settings directory and its search near a postcode, a child's school or college,
// consultations, the LA's settings and sufficiency, and without JavaScript the family's
// right to ask for mainstream and for a setting not on a tailored list (postcodes,
// settings and their coordinates put in with sqlite3); last, disagreeing with a decision:
// a child's decisions (assessment notices put in with sqlite3) with the days to contact
// the mediation adviser and to appeal by, and without JavaScript mediation, appeals to the
// SEND Tribunal, its orders and their steps, and the LA's overdue orders. Prints one line
// per check and ends with "browser: N passed, M failed"; exits 1 if any check failed.
// Screenshots go to tests/browser/out/ (gitignored), with the server's log.
//
// Usage: make asan && node tests/browser/run.mjs
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const OUT = path.join(ROOT, 'tests/browser/out')
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const REFLOW_WIDTH = 320 // CSS pixels: 1280 at 400% zoom, WCAG 1.4.10
const WATCHDOG_MS = 600_000 // the run takes 230-260 s on 2 vCPU; this only stops a hang, it measures nothing

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
//   postTo    where act's form posts, if it can answer with status (a 422 form page)
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

	// ---- signing in (nobody signed in) ----
	{ name: 'sign-in', path: '/sign-in', h1: 'Sign in', expect: signInAllowsPaste() },
	{
		name: 'sign-in-empty',
		path: '/sign-in',
		h1: 'Sign in',
		act: submitSignIn({}),
		status: 422,
		expect: errorSummary({ email: 'Enter your email address', password: 'Enter your password' }),
	},
	{
		name: 'sign-in-wrong-password',
		path: '/sign-in',
		h1: 'Sign in',
		act: submitSignIn({ email: 'caseworker@example.com', password: 'not-the-password' }),
		status: 422,
		expect: errorSummary({
			email: 'Enter the email address and password for your account: these do not match',
		}),
	},
	{
		name: 'sign-in-caseworker',
		path: '/sign-in',
		h1: 'My caseload',
		act: submitSignIn({ email: 'caseworker@example.com', password: 'password-123' }),
		finalPath: '/children',
		redirect: 303,
	},

	// ---- a caseworker (their session is made once, by the fixture) ----
	// The fixture gives the child an EHC plan so that it is on the caseload, but a write by
	// sqlite3 from outside is not reliably seen by the server (see the report), so the
	// caseload is checked as a page, not for the child.
	{ name: 'caseload', path: '/children', as: 'caseworker', h1: 'My caseload' },
	{ name: 'add-child', path: '/children/new', as: 'caseworker', h1: 'Add a child or young person' },
	{
		name: 'add-child-empty',
		path: '/children/new',
		as: 'caseworker',
		h1: 'Add a child or young person',
		act: submitChild({}),
		status: 422,
		expect: errorSummary({
			'given-name': 'Enter their first name',
			'family-name': 'Enter their last name',
			'dob-day': ['Enter date of birth', 'dob-error'], // the date input has one message for its three boxes
			sex: 'Select their sex',
		}),
	},
	{
		name: 'add-child-saved',
		path: '/children/new',
		as: 'caseworker',
		h1: 'Nia Jones',
		act: submitChild({ given: 'Nia', family: 'Jones', day: '1', month: '6', year: '2019', sex: 'F', postcode: 'sw1a 1aa' }),
		finalPath: /^\/children\/[A-Za-z0-9_-]{22}$/,
		redirect: 303,
	},
	{ name: 'child-profile', path: '/children/{child}', as: 'caseworker', h1: 'Amara Okafor' },
	{ name: 'child-access-log', path: '/children/{child}/access-log', as: 'caseworker', h1: 'Who has looked at this record' },
	// changing the details the SEN2 return reads (its checks link here); a refused change
	// shows the error summary
	{ name: 'child-edit', path: '/children/{child}/edit', as: 'caseworker', h1: 'Change their details' },
	{ name: 'search', path: '/children/search', as: 'caseworker', h1: 'Find a child' },
	{
		name: 'search-results',
		path: '/children/search',
		as: 'caseworker',
		h1: 'Find a child',
		act: submitSearch('amara'),
		expect: childListed('Amara Okafor'),
	},
	{
		name: 'search-empty',
		path: '/children/search',
		as: 'caseworker',
		h1: 'Find a child',
		act: submitSearch(''),
		status: 422,
		expect: errorSummary({ name: 'Enter a name, a date of birth or a unique pupil number' }),
	},

	// ---- a parent linked to the child ----
	{ name: 'my-children', path: '/children', as: 'parent', h1: 'My children', expect: childListed('Amara Okafor') },
	{ name: 'parent-child-profile', path: '/children/{child}', as: 'parent', h1: 'Amara Okafor' },

	// ---- an administrator ----
	{ name: 'admin-users', path: '/admin/users', as: 'admin', h1: 'Users' },
	{ name: 'admin-new-user', path: '/admin/users/new', as: 'admin', h1: 'Add a user' },
	{
		name: 'admin-new-user-empty',
		path: '/admin/users/new',
		as: 'admin',
		h1: 'Add a user',
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Add user' })),
		status: 422,
		expect: errorSummary({
			name: 'Enter their full name',
			email: 'Enter their email address',
			role: 'Select their role',
			password: 'Enter a password',
		}),
	},

	// ---- signing out, and what a signed-out session gets ----
	{
		name: 'sign-out',
		path: '/sign-in',
		h1: 'You have signed out',
		act: async (page) => {
			await submitSignIn({ email: 'caseworker@example.com', password: 'password-123' })(page)
			return clickTo(page, page.getByRole('button', { name: 'Sign out' }))
		},
		finalPath: '/signed-out',
		redirect: 303,
	},
	{
		// the cookie of a session that has since signed out, sent again
		name: 'children-after-sign-out',
		path: '/children',
		as: 'ended',
		h1: 'Sign in',
		finalPath: '/sign-in',
		redirect: 303,
	},
]

// ---------------------------------------------------------------- the fixture

const PASSWORD = 'password-123'
const USERS = [
	{ role: 'caseworker', email: 'caseworker@example.com', name: 'Casey Worker', extra: ['--la', '202'] },
	{ role: 'parent', email: 'parent@example.com', name: 'Pat Parent', extra: [] },
	{ role: 'admin', email: 'admin@example.com', name: 'Ada Admin', extra: [] },
	{ role: 'la_manager', email: 'manager@example.com', name: 'Mo Manager', extra: ['--la', '202'] },
]

// fixture.child is the id of the child the caseworker adds; fixture.sessions the
// storageState of each role's signed-in browser ("ended": a session since signed out).
// fixture.child2 is a second child, added by the assessment journey for its steps without
// JavaScript ("/children/{child2}"). fixture.compareLink is what the plan page's "What
// changed since version N" link last said ({ text, href }, null when there was none).
// SQLITE_WAIT: sqlite3 waits up to 5 s for the server's write lock instead of failing at once
// with "database is locked"
const SQLITE_WAIT = ['-cmd', '.timeout 5000']

const fixture = { child: null, child2: null, panel: null, meeting: null, noplan: null, compareLink: undefined, sessions: {} }

// at puts the fixture's child ids into a path ("/children/{child}", "/children/{child2}")
// ("/panels/{panel}", "/panels/{panel}/meetings/{meeting}": the panel journey's own;
// "/children/{noplan}": a child with no plan, for the plan pages, until the editor's
// journey writes hers; "/children/{tia}", "/reviews/{tiaReview}" and the like: the review
// journey's children and their reviews). Any {key} of fixture is replaced; one not yet set
// is left as it is.
const at = (p) => (typeof p === 'string' ? p.replace(/\{(\w+)\}/g, (m, k) => fixture[k] ?? m) : p)

// clickTo clicks and waits for the page it leads to
async function clickTo(page, locator) {
	const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()])
	return resp
}

// submitSignIn fills the sign-in form with { email, password } and sends it.
function submitSignIn(fields) {
	return async (page) => {
		if (fields.email !== undefined) await page.fill('#email', fields.email)
		if (fields.password !== undefined) await page.fill('#password', fields.password)
		return clickTo(page, page.getByRole('button', { name: 'Sign in' }))
	}
}

// submitChild fills the add-a-child form and saves it.
function submitChild(f) {
	return async (page) => {
		if (f.given !== undefined) await page.fill('#given-name', f.given)
		if (f.family !== undefined) await page.fill('#family-name', f.family)
		if (f.day !== undefined) await page.fill('#dob-day', f.day)
		if (f.month !== undefined) await page.fill('#dob-month', f.month)
		if (f.year !== undefined) await page.fill('#dob-year', f.year)
		if (f.sex !== undefined) await page.getByLabel(f.sex === 'F' ? 'Female' : 'Male', { exact: true }).check()
		if (f.ethnicity !== undefined) await page.selectOption('#ethnicity', f.ethnicity)
		if (f.postcode !== undefined) await page.fill('#postcode', f.postcode)
		if (f.interests !== undefined) await page.fill('#interests', f.interests)
		return clickTo(page, page.getByRole('button', { name: 'Save record' }))
	}
}

// submitSearch searches by name.
function submitSearch(name) {
	return async (page) => {
		await page.fill('#name', name)
		return clickTo(page, page.getByRole('button', { name: 'Search', exact: true }))
	}
}

// childListed checks a table on the page links the named child to its record.
function childListed(name) {
	return async (page, { check }) => {
		const href = await page.evaluate(
			(n) => [...document.querySelectorAll('table a')].find((a) => a.textContent.trim() === n)?.getAttribute('href'),
			name,
		)
		check(`table links "${name}" to the record`, href === `/children/${fixture.child}`, `href ${href}`)
	}
}

// signInAllowsPaste checks WCAG 2.2 SC 3.3.8 (accessible authentication): the inputs say
// what they are for, so password managers can fill them, and nothing stops pasting.
function signInAllowsPaste() {
	return async (page, { js, check }) => {
		const f = await page.evaluate(() =>
			['email', 'password'].map((id) => {
				const el = document.getElementById(id)
				const handlers = ['onpaste', 'oncopy', 'oncut', 'ondrop', 'onkeydown'].filter(
					(a) => el?.hasAttribute(a) || el?.form?.hasAttribute(a) || document.body.hasAttribute(a),
				)
				return { id, type: el?.type, autocomplete: el?.getAttribute('autocomplete'), readOnly: el?.readOnly, handlers }
			}),
		)
		const [email, password] = f
		check('email input has autocomplete="username"', email.type === 'email' && email.autocomplete === 'username',
			JSON.stringify(email))
		check('password input has autocomplete="current-password"',
			password.type === 'password' && password.autocomplete === 'current-password', JSON.stringify(password))
		check('no paste, copy, cut, drop or keydown handlers in the markup',
			f.every((x) => x.handlers.length === 0 && !x.readOnly), JSON.stringify(f))
		if (!js) return
		// a script listening for paste could cancel it: dispatch one and see
		const cancelled = await page.evaluate(() =>
			['email', 'password'].filter((id) => {
				const dt = new DataTransfer()
				dt.setData('text/plain', 'pasted')
				const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })
				document.getElementById(id).dispatchEvent(ev)
				return ev.defaultPrevented
			}),
		)
		check('pasting into email and password is not cancelled by script', cancelled.length === 0, cancelled.join(', '))
		await page.fill('#password', '')
		await page.focus('#password')
		await page.keyboard.insertText('pasted-password')
		check('the password field takes typed-in text', (await page.inputValue('#password')) === 'pasted-password')
	}
}

// makeFixture adds the users, signs each in, adds the child through the form and links
// the parent to it. Every step is a check: a failure here explains the failures after.
async function makeFixture(browser, server, bin) {
	const c = checker('fixture')
	for (const u of USERS) {
		const r = spawnSync(bin, ['user', 'add', '--db', server.db, '--email', u.email, '--name', u.name, '--role', u.role, ...u.extra],
			{ input: PASSWORD + '\n', encoding: 'utf8', timeout: 30_000 })
		c(`sendap user add ${u.role}`, r.status === 0, r.stderr || `exit ${r.status ?? r.signal}`)
	}
	const signedIn = async (u) => {
		const context = await browser.newContext()
		const page = await context.newPage()
		await page.goto(server.base + '/sign-in')
		const resp = await submitSignIn({ email: u.email, password: PASSWORD })(page)
		const ok = c(`${u.role} signs in at /sign-in`, resp?.status() === 200 && new URL(page.url()).pathname !== '/sign-in',
			`status ${resp?.status()} at ${page.url()}`)
		return { context, page, ok }
	}
	for (const u of USERS) {
		const { context, page, ok } = await signedIn(u)
		if (ok) fixture.sessions[u.role] = await context.storageState()
		if (ok && u.role === 'caseworker') {
			await page.goto(server.base + '/children/new')
			const resp = await submitChild({ given: 'Amara', family: 'Okafor', day: '27', month: '3', year: '2015', sex: 'F',
				ethnicity: 'WBRI', postcode: 'nw1 2ab', interests: 'Drawing and football' })(page)
			const m = /^\/children\/([A-Za-z0-9_-]{22})$/.exec(new URL(page.url()).pathname)
			if (c('caseworker adds a child at /children/new', resp?.status() === 200 && m, `status ${resp?.status()} at ${page.url()}`))
				fixture.child = m[1]
		}
		await context.close()
	}
	// an ended session: signed in, its cookie kept, then signed out
	{
		const { context, page, ok } = await signedIn(USERS[0])
		if (ok) {
			fixture.sessions.ended = await context.storageState()
			const resp = await clickTo(page, page.getByRole('button', { name: 'Sign out' }))
			c('the sign-out button ends the session', new URL(page.url()).pathname === '/signed-out', `status ${resp?.status()}`)
		}
		await context.close()
	}
	if (fixture.child) {
		// the caseload lists children with an EHC plan; a parent sees children linked to them
		const sql = `UPDATE child SET sen_status = 'ehcp', primary_need = 'ASD',` +
			` caseworker_id = (SELECT id FROM user_account WHERE role = 'caseworker' LIMIT 1)` +
			` WHERE id = '${fixture.child}';` +
			` INSERT INTO family_member (id, name, user_id, created_at) SELECT id, name, id, created_at` +
			` FROM user_account WHERE email = 'parent@example.com';` +
			` INSERT INTO family_link (family_member_id, child_id, relationship) SELECT id, '${fixture.child}', 'mother'` +
			` FROM user_account WHERE email = 'parent@example.com';`
		const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, sql], { encoding: 'utf8', timeout: 10_000 })
		c('sqlite3 links the parent and gives the child an EHC plan', r.status === 0, r.stderr || r.error?.message)
	}
}

// ---------------------------------------------------------------- the EHC needs assessment
//
// One case followed from the request to the final plan, in order: the parent asks on
// /children/{child}/assessment, the caseworker (the child's, so the case's officer)
// records each step through the form, and the parent sees each step and its date. Every
// page state is checked as PAGES are (checkPage), but once only, as each step changes the
// case: `js: false` entries run with JavaScript off, on a second child, whose case is asked
// for and decided without JavaScript. Then the caseloads and the manager's timeliness.

const DAY_MS = 86_400_000
// daysAgo(n): the date n days before today (UTC, as the server counts), as form boxes and
// as the long date the pages show ("27 March 2026")
function daysAgo(n) {
	const d = new Date(Date.now() - n * DAY_MS)
	return {
		day: String(d.getUTCDate()),
		month: String(d.getUTCMonth() + 1),
		year: String(d.getUTCFullYear()),
		long: d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
	}
}
const REQUESTED = daysAgo(100)
const STEPS = {
	decision_to_assess: { date: daysAgo(90), reasons: 'Evidence from the school shows needs beyond SEN support.',
		recipient: 'Pat Parent', channel: 'post' },
	advice_requested: { date: daysAgo(85), item: 'Educational psychologist' },
	draft_issued: { date: daysAgo(40), recipient: 'Pat Parent', channel: 'email' },
	final_plan_issued: { date: daysAgo(10), recipient: 'Pat Parent', channel: 'portal' },
}
const ASSESSMENT_H1 = 'Education, health and care needs assessment'

// submitRequest fills the request's date boxes ({ day, month, year }) and sends it.
function submitRequest(d) {
	return async (page) => {
		if (d.day !== undefined) await page.fill('#date-day', d.day)
		if (d.month !== undefined) await page.fill('#date-month', d.month)
		if (d.year !== undefined) await page.fill('#date-year', d.year)
		return clickTo(page, page.getByRole('button', { name: 'Ask for an assessment' }))
	}
}

// submitStep fills the "Record the next step" form and sends it.
function submitStep(type, f) {
	return async (page) => {
		await page.selectOption('#type', type)
		if (f.date) {
			await page.fill('#date-day', f.date.day)
			await page.fill('#date-month', f.date.month)
			await page.fill('#date-year', f.date.year)
		}
		if (f.item !== undefined) await page.fill('#item', f.item)
		if (f.reasons !== undefined) await page.fill('#reasons', f.reasons)
		if (f.recipient !== undefined) await page.fill('#recipient', f.recipient)
		if (f.channel !== undefined) await page.check(`input[name="channel"][value="${f.channel}"]`)
		return clickTo(page, page.getByRole('button', { name: 'Record step' }))
	}
}

// caseShows checks the case's summary ({ key: value }, each value a string or a RegExp),
// that the path table is there with a row for each step of the clock, and that the list
// of what has happened has each of `happened` (strings the list's items start with).
function caseShows(summary, happened = []) {
	return async (page, { check }) => {
		const got = await page.evaluate(() => ({
			rows: Object.fromEntries([...document.querySelectorAll('.govuk-summary-list__row')].map((r) => [
				r.querySelector('.govuk-summary-list__key')?.textContent.trim(),
				r.querySelector('.govuk-summary-list__value')?.textContent.trim(),
			])),
			caption: document.querySelector('table caption')?.textContent.trim(),
			pathRows: document.querySelectorAll('table tbody tr').length,
			happened: [...document.querySelectorAll('main ol li')].map((li) => li.textContent.trim()),
		}))
		for (const [k, v] of Object.entries(summary)) {
			const ok = v instanceof RegExp ? v.test(got.rows[k] ?? '') : got.rows[k] === v
			check(`"${k}" is ${v}`, ok, `got "${got.rows[k]}"`)
		}
		check('the path to a final plan is a table with its steps', got.caption === 'The path to a final plan' &&
			got.pathRows > 0, `caption "${got.caption}", ${got.pathRows} rows`)
		for (const h of happened)
			check(`what has happened lists "${h}"`, got.happened.some((t) => t.startsWith(h)), JSON.stringify(got.happened))
	}
}

// hasStepForm checks whether the "Record the next step" form is on the page.
function hasStepForm(want) {
	return async (page, { check }) => {
		const n = await page.locator('form[action$="/assessment/steps"]').count()
		check(want ? 'the step form is shown to the officer' : 'no step form for the family', (n > 0) === want, `${n} forms`)
	}
}

// lists checks a caseload table links the named child to their assessment.
function lists(name, id) {
	return async (page, { check }) => {
		const href = await page.evaluate(
			(n) => [...document.querySelectorAll('table a')].find((a) => a.textContent.trim() === n)?.getAttribute('href'),
			name,
		)
		check(`lists "${name}" with a link to the assessment`, href === `/children/${fixture[id]}/assessment`, `href ${href}`)
	}
}

const HAPPENED = {
	request: `${REQUESTED.long}: Request for an EHC needs assessment`,
	decision_to_assess: `${STEPS.decision_to_assess.date.long}: Decision to carry out an assessment. Reasons: ` +
		`${STEPS.decision_to_assess.reasons} Notice to Pat Parent by post`, // the reasons end in a full stop,
	advice_requested: `${STEPS.advice_requested.date.long}: Advice asked for (Educational psychologist)`,
	draft_issued: `${STEPS.draft_issued.date.long}: Draft plan sent. Notice to Pat Parent by email`,
	final_plan_issued: `${STEPS.final_plan_issued.date.long}: Final EHC plan issued. Notice to Pat Parent by portal`,
}
const OFFICER = 'Casey Worker (caseworker@example.com)'
const AT = '/children/{child}/assessment'
const AT2 = '/children/{child2}/assessment'
const LONG_DATE = /^\d{1,2} [A-Z][a-z]+ \d{4}$/

// step is the page the officer lands on after recording one step of STEPS.
const step = (type, happened) => ({
	name: `assessment-${type.replaceAll('_', '-')}`,
	path: AT,
	as: 'caseworker',
	h1: ASSESSMENT_H1,
	act: submitStep(type, STEPS[type]),
	finalPath: AT,
	redirect: 303,
	expect: caseShows({}, [happened]),
})
// parentSees is the parent's view of the case after a step.
const parentSees = (name, stage, happened, more = {}) => ({
	name: `assessment-parent-${name}`,
	path: AT,
	as: 'parent',
	h1: ASSESSMENT_H1,
	expect: async (page, o) => {
		await caseShows({ Stage: stage, 'Your officer': OFFICER, 'Asked for on': REQUESTED.long, ...more }, happened)(page, o)
		await hasStepForm(false)(page, o)
	},
})

const ASSESSMENT = [
	{
		name: 'assessment-none',
		path: AT,
		as: 'parent',
		h1: ASSESSMENT_H1,
		expect: async (page, { check }) =>
			check('offers "Ask for an assessment"', await page.getByRole('button', { name: 'Ask for an assessment' }).isVisible()),
	},
	{
		name: 'assessment-request-empty',
		path: AT,
		as: 'parent',
		h1: ASSESSMENT_H1,
		act: submitRequest({}),
		status: 422,
		expect: errorSummary({ 'date-day': ['Enter the date', 'date-error'] }),
	},
	{
		name: 'assessment-requested',
		path: AT,
		as: 'parent',
		h1: ASSESSMENT_H1,
		act: submitRequest(REQUESTED),
		finalPath: AT,
		redirect: 303,
		expect: caseShows({
			Stage: 'Waiting for the decision whether to assess',
			'Your officer': OFFICER,
			'Asked for on': REQUESTED.long,
			'Next decision': /\S/,
			'Legal latest date': daysAgo(100 - 42).long, // 6 weeks from the request
		}, [HAPPENED.request]),
	},
	{ name: 'assessment-officer', path: AT, as: 'caseworker', h1: ASSESSMENT_H1, expect: hasStepForm(true) },
	{
		name: 'assessment-step-no-reasons',
		path: AT,
		as: 'caseworker',
		h1: ASSESSMENT_H1,
		act: submitStep('decision_to_assess', { ...STEPS.decision_to_assess, reasons: '' }),
		postTo: '/children/{child}/assessment/steps',
		status: 422,
		expect: errorSummary({ reasons: 'Enter the reasons for the decision' }),
	},
	step('decision_to_assess', HAPPENED.decision_to_assess),
	parentSees('assessing', 'Being assessed', [HAPPENED.request, HAPPENED.decision_to_assess],
		{ 'Next decision': /\S/, 'Legal latest date': LONG_DATE }),
	step('advice_requested', HAPPENED.advice_requested),
	parentSees('advice', 'Being assessed', [HAPPENED.advice_requested]),
	step('draft_issued', HAPPENED.draft_issued),
	parentSees('draft', 'Draft plan sent', [HAPPENED.draft_issued]),
	step('final_plan_issued', HAPPENED.final_plan_issued),
	parentSees('plan', 'Final plan issued', [HAPPENED.request, HAPPENED.decision_to_assess, HAPPENED.advice_requested,
		HAPPENED.draft_issued, HAPPENED.final_plan_issued]),

	// ---- without JavaScript, on the second child ----
	{ name: 'assessment-none-nojs', js: false, path: AT2, as: 'parent', h1: ASSESSMENT_H1 },
	{
		name: 'assessment-requested-nojs',
		js: false,
		path: AT2,
		as: 'parent',
		h1: ASSESSMENT_H1,
		act: submitRequest(REQUESTED),
		finalPath: AT2,
		redirect: 303,
		expect: caseShows({ Stage: 'Waiting for the decision whether to assess', 'Your officer': OFFICER,
			'Asked for on': REQUESTED.long }, [HAPPENED.request]),
	},
	{
		name: 'assessment-step-no-reasons-nojs',
		js: false,
		path: AT2,
		as: 'caseworker',
		h1: ASSESSMENT_H1,
		act: submitStep('decision_to_assess', { ...STEPS.decision_to_assess, reasons: '' }),
		postTo: '/children/{child2}/assessment/steps',
		status: 422,
		expect: errorSummary({ reasons: 'Enter the reasons for the decision' }),
	},
	{
		name: 'assessment-decision-nojs',
		js: false,
		path: AT2,
		as: 'caseworker',
		h1: ASSESSMENT_H1,
		act: submitStep('decision_to_assess', STEPS.decision_to_assess),
		finalPath: AT2,
		redirect: 303,
		expect: caseShows({ Stage: 'Being assessed' }, [HAPPENED.decision_to_assess]),
	},
	{
		name: 'assessment-parent-assessing-nojs',
		js: false,
		path: AT2,
		as: 'parent',
		h1: ASSESSMENT_H1,
		expect: caseShows({ Stage: 'Being assessed', 'Your officer': OFFICER }, [HAPPENED.decision_to_assess]),
	},

	// ---- the caseloads: the second child's case is open, the first's closed ----
	{ name: 'assessments-mine', path: '/assessments', as: 'caseworker', h1: 'My assessments', expect: lists('Sam Patel', 'child2') },
	{
		name: 'assessments-team',
		path: '/assessments?view=team',
		as: 'caseworker',
		h1: 'Team assessments',
		expect: lists('Sam Patel', 'child2'),
	},
	{ name: 'assessments-manager', path: '/assessments', as: 'la_manager', h1: 'Team assessments', expect: lists('Sam Patel', 'child2') },
	{ name: 'assessments-timeliness', path: '/assessments/timeliness', as: 'la_manager', h1: 'Timeliness of assessments' },
	// the SEN2 return: its figures, its checks, and downloads that answer
	{ name: 'sen2-return', path: '/returns/sen2?year=2027', as: 'la_manager', h1: 'SEN2 return 2027', expect: sen2Page() },
]

// sen2Page: the return's figures are listed, the XML download validates and answers as a
// file, and each published table downloads as CSV
function sen2Page() {
	return async (page, { check }) => {
		const got = await page.evaluate(() => ({
			keys: [...document.querySelectorAll('.govuk-summary-list__key')].map((k) => k.textContent.trim()),
			links: [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')),
		}))
		check('lists the errors and queries', got.keys.includes('Errors (must be fixed)') && got.keys.includes('Queries (fix or explain)'),
			got.keys.join(', '))
		const xml = got.links.find((h) => h?.startsWith('/returns/sen2/return.xml'))
		const r = xml ? await page.request.get(new URL(xml, page.url()).href) : null
		check('the return downloads as XML', r?.status() === 200 && /application\/xml/.test(r.headers()['content-type'] ?? '') &&
			/<Message>/.test(await r.text()), `${xml}: ${r?.status()}`)
		const tables = got.links.filter((h) => h?.startsWith('/returns/sen2/tables/'))
		check('links the 7 published tables', tables.length === 7, `${tables.length}`)
		const t = tables.length ? await page.request.get(new URL(tables[0], page.url()).href) : null
		check('a published table downloads as CSV', t?.status() === 200 && /^"?time_period/.test(await t.text()), `${t?.status()}`)
	}
}

// assessmentJourney adds the second child through the form (as the caseworker), makes the
// caseworker its caseworker and links the parent with sqlite3, then checks ASSESSMENT in
// order, each with or without JavaScript as it says.
async function assessmentJourney(browser, server) {
	const c = checker('assessment fixture')
	if (fixture.sessions.caseworker) {
		const context = await browser.newContext({ storageState: fixture.sessions.caseworker })
		const page = await context.newPage()
		await page.goto(server.base + '/children/new')
		const resp = await submitChild({ given: 'Sam', family: 'Patel', day: '2', month: '9', year: '2016', sex: 'M' })(page)
		const m = /^\/children\/([A-Za-z0-9_-]{22})$/.exec(new URL(page.url()).pathname)
		if (c('caseworker adds a second child at /children/new', resp?.status() === 200 && m, `status ${resp?.status()} at ${page.url()}`))
			fixture.child2 = m[1]
		await context.close()
	}
	if (fixture.child2) {
		const sql = `UPDATE child SET caseworker_id = (SELECT id FROM user_account WHERE email = 'caseworker@example.com')` +
			` WHERE id IN ('${fixture.child}', '${fixture.child2}');` +
			` INSERT INTO family_link (family_member_id, child_id, relationship) SELECT id, '${fixture.child2}', 'mother'` +
			` FROM user_account WHERE email = 'parent@example.com';`
		const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, sql], { encoding: 'utf8', timeout: 10_000 })
		c('sqlite3 makes the caseworker the children\'s caseworker and links the parent', r.status === 0,
			r.stderr || r.error?.message)
	}
	for (const p of ASSESSMENT) {
		if (p.path.includes('{child2}') && !fixture.child2) {
			check(`${p.name}: checks ran`, false, 'no second child: see the assessment fixture\'s checks')
			continue
		}
		await checkPage(browser, server.base, p, p.js ?? true)
	}
}

// ---------------------------------------------------------------- panels, advice, exceptions
//
// After the assessment journey: the manager sets up an application panel, adds a member
// and arranges a meeting; two more children (added and asked for by the caseworker) wait
// for the decision whether to assess, so the meeting's agenda has a form for each; a
// recommendation with support offered puts the case on the panel's follow-up list. Then
// the advice form and the exceptions form, each with its errors.

const ID = '[A-Za-z0-9_-]{22}'
const PANEL_NAME = 'Camden application panel'

// idsUnique checks no id is used twice on the page (each agenda form names its fields by
// the case), and that there are at least `forms` forms posting to want.
function idsUnique(forms = 0, action = '') {
	return async (page, { check }) => {
		const got = await page.evaluate((act) => {
			const n = new Map()
			for (const el of document.querySelectorAll('[id]')) n.set(el.id, (n.get(el.id) ?? 0) + 1)
			return {
				dups: [...n].filter(([, k]) => k > 1).map(([id]) => id),
				forms: [...document.querySelectorAll('form')].filter((f) => f.getAttribute('action').endsWith(act)).length,
			}
		}, action)
		check('every id on the page is unique', got.dups.length === 0, got.dups.join(', '))
		if (forms) check(`at least ${forms} forms posting to …${action}`, got.forms >= forms, `${got.forms} forms`)
	}
}

// remember keeps the id the page landed on (/panels/{id}, …/meetings/{id}) as fixture[key]
function remember(key, re) {
	return async (page, { check }) => {
		const m = re.exec(new URL(page.url()).pathname)
		if (check(`landed on a new ${key}`, !!m, page.url())) fixture[key] = m[1]
	}
}

const PANEL_PAGES = [
	{
		name: 'panels',
		path: '/panels',
		as: 'la_manager',
		h1: 'Multi-agency panels',
		expect: async (page, { check }) =>
			check('offers the set-up form', await page.getByRole('button', { name: 'Set up panel' }).isVisible()),
	},
	{
		name: 'panels-set-up-empty',
		path: '/panels',
		as: 'la_manager',
		h1: 'Multi-agency panels',
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Set up panel' })),
		status: 422,
		expect: errorSummary({ name: "Enter the panel's name", kind: 'Choose what the panel recommends on' }),
	},
	{
		name: 'panel-set-up',
		path: '/panels',
		as: 'la_manager',
		h1: PANEL_NAME,
		act: async (page) => {
			await page.fill('#name', PANEL_NAME)
			await page.check('input[name="kind"][value="application"]')
			return clickTo(page, page.getByRole('button', { name: 'Set up panel' }))
		},
		finalPath: new RegExp(`^/panels/${ID}$`),
		redirect: 303,
		expect: remember('panel', new RegExp(`^/panels/(${ID})$`)),
	},
	{
		name: 'panel-member-added',
		path: '/panels/{panel}',
		as: 'la_manager',
		h1: PANEL_NAME,
		act: async (page) => {
			await page.fill('#name', 'Ada Osei')
			await page.fill('#role', 'Designated clinical officer')
			await page.fill('#organisation', 'North Central London ICB')
			return clickTo(page, page.getByRole('button', { name: 'Add member' }))
		},
		finalPath: '/panels/{panel}',
		redirect: 303,
	},
	{
		name: 'panel-meeting',
		path: '/panels/{panel}',
		as: 'la_manager',
		h1: 'Meeting on ' + daysAgo(-7).long,
		act: async (page) => {
			const d = daysAgo(-7)
			await page.fill('#meets-day', d.day)
			await page.fill('#meets-month', d.month)
			await page.fill('#meets-year', d.year)
			return clickTo(page, page.getByRole('button', { name: 'Arrange meeting' }))
		},
		finalPath: new RegExp(`^/panels/${ID}/meetings/${ID}$`),
		redirect: 303,
		expect: async (page, o) => {
			await remember('meeting', new RegExp(`^/panels/${ID}/meetings/(${ID})$`))(page, o)
			await idsUnique(2, '/items')(page, o)
		},
	},
	{
		name: 'panel-recommendation-no-rationale',
		path: '/panels/{panel}/meetings/{meeting}',
		as: 'la_manager',
		h1: 'Meeting on ' + daysAgo(-7).long,
		act: async (page) => {
			const form = page.locator('form[action$="/items"]').first()
			await form.locator('input[value="do_not_assess"]').check()
			return clickTo(page, form.getByRole('button', { name: 'Record recommendation' }))
		},
		postTo: '/panels/{panel}/meetings/{meeting}/items',
		status: 422,
		expect: async (page, o) => {
			const why = await page.locator('.govuk-error-summary a').first().getAttribute('href')
			o.check('the error summary links to the rationale', /^#why-/.test(why ?? ''), why)
			await idsUnique(2, '/items')(page, o)
		},
	},
	{
		name: 'panel-recommendation-recorded',
		path: '/panels/{panel}/meetings/{meeting}',
		as: 'la_manager',
		h1: 'Meeting on ' + daysAgo(-7).long,
		act: async (page) => {
			const form = page.locator('form[action$="/items"]').first()
			await form.locator('input[value="do_not_assess"]').check()
			await form.locator('textarea[name^="why-"]').fill('Needs can be met at SEN support')
			await form.locator('textarea[name^="services-"]').fill('Speech and language therapy, six sessions')
			return clickTo(page, form.getByRole('button', { name: 'Record recommendation' }))
		},
		finalPath: '/panels/{panel}/meetings/{meeting}',
		redirect: 303,
		expect: idsUnique(1, '/items'),
	},
	{
		name: 'panel-follow-up',
		path: '/panels/{panel}',
		as: 'la_manager',
		h1: PANEL_NAME,
		expect: async (page, o) => {
			const got = await page.evaluate(() => ({
				member: [...document.querySelectorAll('table tbody tr')].some((r) => r.textContent.includes('Ada Osei')),
				follow: [...document.querySelectorAll('h2')].some((h) => h.textContent.trim() === 'Support offered: did it happen?'),
			}))
			o.check('the members table lists Ada Osei', got.member)
			o.check('the follow-up list asks whether the support happened', got.follow &&
				await page.getByRole('button', { name: 'It happened', exact: true }).isVisible())
			await idsUnique()(page, o)
		},
	},
	{ name: 'assessment-advice-form', path: AT2 + '/advice', as: 'caseworker', h1: 'Give advice for the assessment' },
	{
		name: 'assessment-advice-empty',
		path: AT2 + '/advice',
		as: 'caseworker',
		h1: 'Give advice for the assessment',
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Send advice' })),
		status: 422,
		expect: errorSummary({
			item: 'Enter whose advice this is',
			sections: 'Select the parts of the plan your advice informs',
			advice: 'Enter your advice',
		}),
	},
	{
		name: 'assessment-exception-backwards',
		path: AT2,
		as: 'caseworker',
		h1: ASSESSMENT_H1,
		act: async (page) => {
			const [from, to] = [daysAgo(50), daysAgo(60)]
			for (const [n, d] of [['from', from], ['to', to]]) {
				await page.fill(`#${n}-day`, d.day)
				await page.fill(`#${n}-month`, d.month)
				await page.fill(`#${n}-year`, d.year)
			}
			await page.check('input[name="reason"][value="child_away"]')
			return clickTo(page, page.getByRole('button', { name: 'Record exception' }))
		},
		postTo: '/children/{child2}/assessment/exceptions',
		status: 422,
		expect: errorSummary({ 'to-day': ['The end cannot come before the start', 'to-error'] }),
	},
]

// panelJourney adds two children as the caseworker and asks for an assessment of each
// (so the meeting's agenda has two forms), then checks PANEL_PAGES in order.
async function panelJourney(browser, server) {
	const c = checker('panel fixture')
	let waiting = 0
	if (fixture.sessions.caseworker) {
		const context = await browser.newContext({ storageState: fixture.sessions.caseworker })
		const page = await context.newPage()
		for (const [given, family, ago] of [['Lola', 'Reyes', 30], ['Omar', 'Haddad', 20]]) {
			await page.goto(server.base + '/children/new')
			await submitChild({ given, family, day: '4', month: '5', year: '2017', sex: 'F' })(page)
			const m = new RegExp(`^/children/(${ID})$`).exec(new URL(page.url()).pathname)
			if (!c(`caseworker adds ${given} ${family}`, !!m, page.url())) continue
			await page.goto(`${server.base}/children/${m[1]}/assessment`)
			const resp = await submitRequest(daysAgo(ago))(page)
			if (c(`caseworker asks for an assessment of ${given} ${family}`, resp?.status() === 200, `status ${resp?.status()}`))
				waiting++
		}
		await context.close()
	}
	for (const p of PANEL_PAGES) {
		if ((p.path.includes('{panel}') && !fixture.panel) || (p.path.includes('{meeting}') && !fixture.meeting) ||
			(p.path.includes('{child2}') && !fixture.child2) || (p.name.startsWith('panel-meeting') && waiting < 2)) {
			check(`${p.name}: checks ran`, false, 'no panel, meeting, second child or waiting cases: see the checks above')
			continue
		}
		await checkPage(browser, server.base, p, true)
	}
}

// ---------------------------------------------------------------- the EHC plan page
//
// After the other journeys: `sendap plan import` (the binary under test, on the suite's
// database, the plan on standard input) keeps tests/plan/full.json as the plan of the
// fixture's child, and a plan with quality problems (a vague "access to", no frequency, a
// need with nothing to meet it) as the plan of the second child. The parent, linked to
// both, sees no "Check" flags; the caseworker sees them beside the lines, with an inset
// counting them. A child with no plan (Nia Jones, added by add-child-saved) says so.
// Each page is checked as PAGES are, with and without JavaScript, and in print media the
// header, the navigation and the footer are not displayed.

const PLAN_H1 = 'Education, health and care plan'
// The sections' headings come from the template a plan is written in (reference/templates/,
// loaded by `sendap migrate`): each template names some sections its own way and leaves the
// rest under the national headings. A plan whose template is not held (the imported plans'
// "sendap-example/1") is shown under the national headings, with an inset saying so.
const SECTION_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']
const TEMPLATES = Object.fromEntries(fs.readdirSync(path.join(ROOT, 'reference/templates'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'reference/templates', f), 'utf8')))
	.map((t) => [t.id, t]))
// headingsOf(id): "Section A: …" to "Section K: …", in plan order, as template id heads them
function headingsOf(id) {
	const own = TEMPLATES[id]?.sections ?? {}
	return SECTION_CODES.map((c) => `Section ${c}: ${own[c]?.heading ?? TEMPLATES['national/1'].sections[c].heading}`)
}
const NATIONAL_HEADINGS = headingsOf('national/1')
const IMPORTED_TEMPLATE = 'sendap-example/1' // tests/plan/full.json's, and vaguePlan's: not held

// the ids of a plan's lines, in the order the plan page shows them: needs (B by area of
// need), health and care needs, outcomes, provision (F, G, H1, H2), advice
function lineIds(plan) {
	const areas = ['communication_interaction', 'cognition_learning', 'social_emotional_mental_health', 'sensory_physical']
	return [
		...areas.flatMap((a) => (plan.needs ?? []).filter((n) => n.area === a)),
		...(plan.health_needs ?? []), ...(plan.care_needs ?? []), ...(plan.outcomes ?? []),
		...['F', 'G', 'H1', 'H2'].flatMap((x) => (plan.provision ?? []).filter((p) => p.section === x)),
		...(plan.advice ?? []),
	].map((l) => l.id).filter(Boolean)
}

function vaguePlan(child) {
	return {
		schema: 'sendap-plan/1',
		template: 'sendap-example/1',
		child: { id: child, name: 'Sam Patel', dob: '2016-09-02' },
		section_a: { views: 'I like trains and building things.' },
		needs: [
			{ id: 'n1', area: 'cognition_learning', text: 'Reads about two years below his age' },
			{ id: 'n2', area: 'sensory_physical', text: 'Finds loud rooms hard to bear' },
		],
		outcomes: [{ id: 'o1', text: 'Reads a Year 3 text aloud at 70 words a minute', by: '2027-07-16', needs: ['n1'] }],
		provision: [{
			id: 'p1', section: 'F', what: 'Access to a reading intervention', who: 'Teaching assistant',
			secured_by: 'Local authority', duration: '20 minutes', group_size: '1:4', needs: ['n1'], outcomes: ['o1'],
		}],
	}
}

const FULL_LINES = lineIds(JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/plan/full.json'), 'utf8')))
const VAGUE_LINES = lineIds(vaguePlan(''))

// planShows checks the sections A to K are there in order, each headed "Section X: …" as
// `headings` says (the national headings unless the plan's template is held), with the
// inset naming `unknownTemplate` when the plan's template is not held; that each provision
// table sits in its own focusable, labelled scroll region and, at 320px, scrolls there
// rather than widening the page; then, with `flags`, that the caseworker's "Check" tags
// sit beside lines (a need, an outcome or a provision row), that the inset counts exactly
// those shown and that the provision row named carries its own; without, that there are
// none at all. On a draft each of the `comments` lines (their ids) has a "Comment" link
// under it, to /children/{id}/plan/comment?line=ID, and with `family` the inset invites
// the family to use them; on an issued plan (`comments` empty) there are none. In print
// media the header, navigation and footer are not displayed.
function planShows({ flags, row, rows, headings = NATIONAL_HEADINGS, unknownTemplate, comments = [], family }) {
	return async (page, { check }) => {
		const s = await page.evaluate(() => {
			const main = document.querySelector('main')
			const h2s = [...main.querySelectorAll('h2')].map((h) => h.textContent.trim())
			const insets = [...main.querySelectorAll('.govuk-inset-text')].map((i) => i.textContent.trim().replace(/\s+/g, ' '))
			const commentLinks = [...main.querySelectorAll('a')].filter((a) => /^Comment\b/.test(a.textContent.trim()))
				.map((a) => ({
					name: a.textContent.trim().replace(/\s+/g, ' '),
					href: a.getAttribute('href'),
					// under its line: in the provision row's header cell, or the need's or outcome's item
					under: !!a.closest('th[scope="row"], ul.govuk-list--bullet > li, ol.govuk-list--number > li'),
				}))
			const tables = [...main.querySelectorAll('table')].map((t) => {
				const r = t.parentElement
				return r.matches('.sendap-table-scroll[role="region"][tabindex="0"][aria-label]') &&
					r.getAttribute('aria-label') === t.caption?.textContent.trim()
			})
			const tags = [...main.querySelectorAll('strong.govuk-tag')].filter((t) => t.textContent.trim() === 'Check')
			const beside = tags.every((t) => t.closest('.sendap-plan-flags') &&
				(t.closest('th[scope="row"]') || t.closest('ul.govuk-list--bullet > li, ol.govuk-list--number > li') ||
					t.closest('.sendap-plan-flags').previousElementSibling?.matches('h2')))
			const inset = insets.map((t) => /The quality check found (\d+) things/.exec(t)).find(Boolean)
			return {
				h2s,
				insets,
				commentLinks,
				path: location.pathname,
				tables,
				rows: main.querySelectorAll('tbody th[scope="row"]').length,
				tags: tags.length,
				beside,
				inset: inset ? Number(inset[1]) : null,
				lists: main.querySelectorAll('.sendap-plan-flags').length,
				text: main.textContent,
				rowTags: Object.fromEntries([...main.querySelectorAll('tbody th[scope="row"]')].map((th) => [
					th.firstChild?.textContent.trim(), th.querySelectorAll('.govuk-tag').length])),
			}
		})
		let at = -1
		const order = headings.every((name) => {
			const i = s.h2s.findIndex((h, k) => k > at && h === name)
			at = i
			return i >= 0
		})
		check(`sections A to K in order, H1 and H2 apart, headed "${headings[0]}" … "${headings.at(-1)}"`, order,
			JSON.stringify(s.h2s))
		const notHeld = s.insets.filter((t) => t.includes('which this system does not hold'))
		if (unknownTemplate)
			check(`the inset says the template "${unknownTemplate}" is not held and national headings are used`,
				notHeld.length === 1 && notHeld[0] === `This plan was written in the template "${unknownTemplate}", which ` +
					'this system does not hold: it is shown under the national headings.', JSON.stringify(s.insets))
		else check('no inset about a template not held', notHeld.length === 0, JSON.stringify(notHeld))
		const want = comments.map((id) => ({ name: `Comment on line ${id}`, href: `${s.path}/comment?line=${id}`, under: true }))
		check(comments.length ? `a "Comment" link under each of the ${comments.length} lines (${comments.join(', ')})`
			: 'no "Comment" links', JSON.stringify(s.commentLinks) === JSON.stringify(want), JSON.stringify(s.commentLinks))
		const invite = s.insets.includes('This plan is a draft. You can comment on any line of it: use the Comment link ' +
			'under the line.')
		check(family ? 'the inset invites the family to comment on the draft' : 'no invitation to comment',
			invite === !!family, JSON.stringify(s.insets))
		check(`${rows} provision rows, each table in a labelled, focusable scroll region`,
			s.rows === rows && s.tables.length > 0 && s.tables.every(Boolean), `${s.rows} rows; ${JSON.stringify(s.tables)}`)
		if (flags) {
			check('"Check" flags shown beside the lines', s.tags > 0 && s.beside, `${s.tags} tags; beside: ${s.beside}`)
			check('the inset counts the flags shown', s.inset === s.tags, `inset ${s.inset}, tags ${s.tags}`)
			check(`the row "${row}" carries its own flags`, (s.rowTags[row] ?? 0) >= 2, JSON.stringify(s.rowTags))
		} else {
			check('no "Check" flags and no inset', s.tags === 0 && s.lists === 0 && s.inset === null &&
				!s.text.includes('quality check'), `${s.tags} tags, ${s.lists} lists, inset ${s.inset}`)
		}
		// at 320px a table scrolls inside its region; the page itself does not
		await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 })
		const reflow = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth,
			regions: [...document.querySelectorAll('.sendap-table-scroll')].map((r) => ({
				client: r.clientWidth, scroll: r.scrollWidth, overflow: getComputedStyle(r).overflowX,
			})),
		}))
		check(`at ${REFLOW_WIDTH}px the tables scroll in their regions`,
			reflow.page <= REFLOW_WIDTH && reflow.regions.every((r) => r.client <= REFLOW_WIDTH && r.overflow === 'auto') &&
				reflow.regions.some((r) => r.scroll > r.client), JSON.stringify(reflow))
		await page.setViewportSize({ width: 1024, height: 768 })
		// print: the plan without the service's chrome
		await page.emulateMedia({ media: 'print' })
		const print = await page.evaluate(() => {
			// what each element prints: its rendered text (nothing when it has no boxes: a
			// child of a hidden element keeps its own display but draws nothing; an empty
			// wrapper round a hidden element prints no text)
			const printed = (el) => (el.getClientRects().length ? el.innerText.trim().replace(/\s+/g, ' ') : '')
			const shown = (sel) => [...document.querySelectorAll(sel)].map(printed)
			return {
				header: shown('header, .govuk-generic-header, .govuk-header'),
				nav: shown('.govuk-service-navigation, nav'),
				footer: shown('footer, .govuk-footer'),
				main: printed(document.querySelector('main')).length,
				h1: printed(document.querySelector('h1')),
			}
		})
		await page.emulateMedia({ media: null })
		const none = (list) => list.length > 0 && list.every((t) => t === '')
		check('print: header, navigation and footer not displayed, the plan is',
			none(print.header) && none(print.nav) && none(print.footer) && print.main > 0 && print.h1 !== '',
			JSON.stringify(print))
	}
}

const PLAN_PAGES = [
	// both plans are drafts (imported): the family, and the council's officers, may comment
	{
		name: 'plan-parent',
		path: '/children/{child}/plan',
		as: 'parent',
		h1: PLAN_H1,
		expect: planShows({ flags: false, rows: 5, unknownTemplate: IMPORTED_TEMPLATE, comments: FULL_LINES, family: true }),
	},
	{
		name: 'plan-parent-vague',
		path: '/children/{child2}/plan',
		as: 'parent',
		h1: PLAN_H1,
		expect: planShows({ flags: false, rows: 1, unknownTemplate: IMPORTED_TEMPLATE, comments: VAGUE_LINES, family: true }),
	},
	{
		name: 'plan-caseworker-vague',
		path: '/children/{child2}/plan',
		as: 'caseworker',
		h1: PLAN_H1,
		expect: planShows({ flags: true, row: 'Access to a reading intervention', rows: 1, unknownTemplate: IMPORTED_TEMPLATE,
			comments: VAGUE_LINES }),
	},
	{
		name: 'plan-none',
		path: '/children/{noplan}/plan',
		as: 'caseworker',
		h1: PLAN_H1,
		expect: async (page, { check }) => {
			const t = await page.evaluate(() => ({
				p: [...document.querySelectorAll('main p')].map((p) => p.textContent.trim()),
				h2: document.querySelectorAll('main h2').length,
			}))
			check('says "There is no plan yet." and shows no sections', t.p.includes('There is no plan yet.') && t.h2 === 0,
				JSON.stringify(t))
		},
	},
]

// planJourney imports the two plans with `sendap plan import`, finds a child with no plan,
// then checks PLAN_PAGES with and without JavaScript, section A, a comparison of two
// versions and the quality report (see sectionAJourney), then writes a plan for the
// child with no plan in the editor (see editorJourney).
async function planJourney(browser, server, bin) {
	const c = checker('plan fixture')
	const importPlan = (plan, what) => {
		const r = spawnSync(bin, ['plan', 'import', '--db', server.db],
			{ input: JSON.stringify(plan), encoding: 'utf8', timeout: 30_000 })
		return c(`sendap plan import: ${what}`, r.status === 0 && new RegExp(`^${ID}\n$`).test(r.stdout),
			`exit ${r.status ?? r.signal}: ${r.stdout}${r.stderr}`)
	}
	const imported = {}
	if (fixture.child) {
		const full = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/plan/full.json'), 'utf8'))
		full.child.id = fixture.child
		imported.child = importPlan(full, 'the complete plan, for the fixture\'s child')
	}
	if (fixture.child2) imported.child2 = importPlan(vaguePlan(fixture.child2), 'a plan with vague provision, for the second child')
	const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, `SELECT id FROM child WHERE given_name = 'Nia' AND family_name = 'Jones' LIMIT 1`],
		{ encoding: 'utf8', timeout: 10_000 })
	const id = r.stdout?.trim()
	if (c('a child with no plan (Nia Jones)', r.status === 0 && new RegExp(`^${ID}$`).test(id), r.stderr || id))
		fixture.noplan = id
	for (const js of [true, false])
		for (const p of PLAN_PAGES) {
			const needs = p.path.includes('{child2}') ? 'child2' : p.path.includes('{noplan}') ? 'noplan' : 'child'
			if (!(needs === 'noplan' ? fixture.noplan : imported[needs])) {
				check(`${p.name}${js ? '' : ' (no JavaScript)'}: checks ran`, false, 'no plan or child: see the plan fixture\'s checks')
				continue
			}
			await checkPage(browser, server.base, p, js)
		}
	if (imported.child) await sectionAJourney(browser, server, importPlan)
	else check('plan-section-a: checks ran', false, 'no plan for the fixture\'s child: see the plan fixture\'s checks')
	for (const js of [true, false]) await checkPage(browser, server.base, QUALITY_PAGE, js)
	await editorJourney(browser, server)
}

// ---------------------------------------------------------------- section A, versions, quality
//
// The parent writes section A of the complete plan (/children/{child}/plan/section-a):
// the form, a save with JavaScript and one without (each lands on the plan, which shows
// what was written), and a field over 4,000 characters (422, the error summary). The save
// changes the latest version where it is if that is a draft, and makes a new draft version
// (an amendment) if not: the plan page says which by its "What changed since version N"
// link, checked against the versions in the database. With the link the comparison it
// names is opened; without, a second version is imported with `sendap plan import` and
// /children/{child}/plan/compare?from=1&to=2 is. Then the caseworker's LA-wide quality
// report, /plans/quality.

const SECTION_A = '/children/{child}/plan/section-a'
const SECTION_A_H1 = 'About me'
const SECTION_A_FIELDS = {
	strengths: 'What people like and admire about me',
	views: 'My views',
	interests: 'My interests',
	aspirations: 'What I want to achieve',
	communication: 'How I like to communicate',
	family_views: "My family's views",
}
const A_TOO_LONG = 'Must be 4,000 characters or fewer'

// submitSectionA fills section A's fields ({ key: text }) and saves it.
function submitSectionA(fields) {
	return async (page) => {
		for (const [k, v] of Object.entries(fields)) await page.fill(`#${k}`, v)
		return clickTo(page, page.getByRole('button', { name: 'Save', exact: true }))
	}
}

// sectionAShows checks the plan page shows each of texts, and keeps what its "What changed
// since version N" link says (null when there is none) in fixture.compareLink.
function sectionAShows(texts) {
	return async (page, { check }) => {
		const got = await page.evaluate(() => {
			const a = [...document.querySelectorAll('main a')].find((x) => /^What changed since version/.test(x.textContent.trim()))
			return {
				text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
				link: a ? { text: a.textContent.trim(), href: a.getAttribute('href') } : null,
			}
		})
		for (const t of texts) check(`the plan shows "${t}"`, got.text.includes(t))
		fixture.compareLink = got.link
	}
}

const SECTION_A_PAGES = [
	{
		name: 'plan-section-a',
		path: SECTION_A,
		as: 'parent',
		h1: SECTION_A_H1,
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => [...document.querySelectorAll('main form textarea')].map((t) => [
				t.id, document.querySelector(`label[for="${t.id}"]`)?.textContent.trim(), t.value.length > 0]))
			check('six labelled textareas, filled from the plan',
				JSON.stringify(got) === JSON.stringify(Object.entries(SECTION_A_FIELDS).map(([k, l]) => [k, l, true])),
				JSON.stringify(got))
			check('a Save button', await page.getByRole('button', { name: 'Save', exact: true }).isVisible())
		},
	},
	{
		name: 'plan-section-a-too-long',
		path: SECTION_A,
		as: 'parent',
		h1: SECTION_A_H1,
		act: submitSectionA({ views: 'a'.repeat(4100) }),
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ views: A_TOO_LONG })(page, o)
			o.check('the form keeps what was typed', (await page.inputValue('#views')).length === 4100)
		},
	},
]
// the save, once with JavaScript and once without: each writes its own words
const sectionASaved = (js) => {
	const views = js ? 'I want to ride a horse by the summer.' : 'I would like a quiet place to read at lunch.'
	const family = js ? 'She is growing in confidence every term.' : 'We would like more time to talk with her teachers.'
	return {
		name: 'plan-section-a-saved',
		path: SECTION_A,
		as: 'parent',
		h1: PLAN_H1,
		act: submitSectionA({ views, family_views: family }),
		finalPath: '/children/{child}/plan',
		redirect: 303,
		expect: sectionAShows([views, family]),
	}
}

const QUALITY_PAGE = {
	name: 'plans-quality',
	path: '/plans/quality',
	as: 'caseworker',
	h1: 'Quality of plans',
	expect: async (page, { check }) => {
		const got = await page.evaluate(() => ({
			plans: /across the latest version of (\d+) plans/.exec(document.querySelector('main').textContent)?.[1],
			caption: document.querySelector('main table caption')?.textContent.trim(),
			rows: document.querySelectorAll('main table tbody tr').length,
			region: !!document.querySelector('main table')?.parentElement.matches('.sendap-table-scroll[role="region"][tabindex="0"][aria-label]'),
			worst: [...document.querySelectorAll('main ul li a')].map((a) => [a.textContent.trim(), a.getAttribute('href')]),
		}))
		check('counts the plans of the caseworker\'s LA (at least the two imported)', Number(got.plans) >= 2, got.plans)
		check('a table of plans raising each flag, in a labelled scroll region',
			got.caption === 'Plans raising each flag' && got.rows > 0 && got.region, JSON.stringify(got))
		check('lists Sam Patel\'s plan among those with the most flags',
			got.worst.some(([n, h]) => n === 'Sam Patel' && h === `/children/${fixture.child2}/plan`), JSON.stringify(got.worst))
	},
}

// compareShows checks the comparison has a heading for each part of the plan and lists at
// least one change, each change's words marked as deleted and inserted.
function compareShows() {
	return async (page, { check }) => {
		const got = await page.evaluate(() => ({
			h2: document.querySelectorAll('main h2').length,
			changes: [...document.querySelectorAll('main li')].filter((li) => li.querySelector('del') && li.querySelector('ins')
				|| li.querySelector('.govuk-tag')).map((li) => li.textContent.trim()),
			text: document.querySelector('main').textContent,
		}))
		check('a heading for each part of the plan (8)', got.h2 === 8, `${got.h2} h2s`)
		check('lists what changed in section A', got.changes.some((t) => t.startsWith('Changed, My views: was ')),
			JSON.stringify(got.changes.slice(0, 5)))
	}
}

async function sectionAJourney(browser, server, importPlan) {
	const c = checker('plan versions')
	await checkPage(browser, server.base, SECTION_A_PAGES[0], true)
	await checkPage(browser, server.base, SECTION_A_PAGES[0], false)
	for (const js of [true, false]) await checkPage(browser, server.base, sectionASaved(js), js)
	await checkPage(browser, server.base, SECTION_A_PAGES[1], true)

	// which happened: read the plan page (the link), then the versions it should reflect
	const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db,
		`SELECT version || ':' || status FROM plan_version WHERE child_ref = '${fixture.child}' ORDER BY version`],
	{ encoding: 'utf8', timeout: 10_000 })
	const versions = (r.stdout ?? '').trim().split('\n').filter(Boolean).map((l) => l.split(':'))
	const latest = versions.length ? Number(versions.at(-1)[0]) : 0
	const link = fixture.compareLink
	c(`the plan page's "What changed since version N" link matches the versions (${versions.map((v) => v.join(' ')).join(', ')})`,
		r.status === 0 && (latest > 1
			? link?.text === `What changed since version ${latest - 1}` &&
				link.href === `/children/${fixture.child}/plan/compare?from=${latest - 1}&to=${latest}`
			: link === null),
		`${r.stderr ?? ''}link ${JSON.stringify(link)}`)
	let from = 1
	let to = 2
	if (link) {
		const m = /[?&]from=(\d+)&to=(\d+)$/.exec(link.href)
		if (m) [from, to] = [Number(m[1]), Number(m[2])]
	} else {
		// the saves changed the draft where it was: a second version, as a caseworker would send
		const full = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/plan/full.json'), 'utf8'))
		full.child.id = fixture.child
		full.section_a.views = 'I want to work with horses when I leave school.'
		if (!importPlan(full, 'a second version of the complete plan')) return
		// now the plan page links to the comparison of the two
		const context = await browser.newContext({ storageState: fixture.sessions.parent })
		try {
			const page = await context.newPage()
			await page.goto(server.base + at('/children/{child}/plan'), { waitUntil: 'load' })
			await sectionAShows([full.section_a.views])(page, { check: c })
			c('after the import the plan page links "What changed since version 1" to compare?from=1&to=2',
				fixture.compareLink?.text === 'What changed since version 1' &&
					fixture.compareLink.href === `/children/${fixture.child}/plan/compare?from=1&to=2`,
				JSON.stringify(fixture.compareLink))
		} finally {
			await context.close()
		}
	}
	const compare = {
		name: 'plan-compare',
		path: `/children/{child}/plan/compare?from=${from}&to=${to}`,
		as: 'parent',
		h1: `What changed from version ${from} to version ${to}`,
		expect: compareShows(),
	}
	for (const js of [true, false]) await checkPage(browser, server.base, compare, js)
}

// ---------------------------------------------------------------- writing a plan
//
// After the plan pages (plan-none has seen Nia Jones with no plan): the caseworker writes
// her plan in the editor with JavaScript off, by links and buttons only: the task list, a
// need in B, an outcome in E answering it (its box ticked, a date), a provision line in F
// meeting both, check answers, "Issue the plan"; the plan page then says Final and shows
// the lines; "Start an amendment" makes a draft again; the parent (linked to her by the
// fixture here) comments on a line of that draft and sees the comment on the plan page.
// Nia is in LA 202, so her plan is written in the template "202/1", whose headings the
// pages use. Each state the journey passes through that a person could come back to is
// also checked as PAGES are (axe, keyboard, reflow; with and without JavaScript): the
// task list with no plan yet, the issued plan and its task list, then on the draft the
// task list, a section, its errors, check answers, import, the comment page and a refusal.

const LA_TEMPLATE = TEMPLATES['202/1']
const LA_HEADINGS = headingsOf('202/1')
const headed = (code) => LA_HEADINGS[SECTION_CODES.indexOf(code)] // "Section F: The help I will get …"
const EDIT_H1 = 'Write the plan'
const CHECK_H1 = 'Check the plan before it is issued'
const NOPLAN = '/children/{noplan}/plan'
const BY = daysAgo(-240) // an outcome's date, about eight months ahead
const WRITE = {
	need: { area: 'cognition_learning', areaText: 'Cognition and learning',
		text: 'Finds it hard to follow spoken instructions of more than two steps' },
	outcome: { text: 'Follows a three-step spoken instruction in class without an adult repeating it' },
	provision: {
		what: 'Speech and language therapy on following instructions',
		who: 'Speech and language therapist (HCPC registered)',
		frequency: 'Once a week in term time (38 weeks a year)',
		duration: '30 minutes a session',
		group_size: '1:1',
		where: 'In a quiet room next to her classroom',
		secured_by: 'The local authority',
	},
	comment: 'Could the sessions be in the morning, when she is less tired?',
}
const iso = (d) => `${d.year}-${d.month.padStart(2, '0')}-${d.day.padStart(2, '0')}`

// readTasks: the task list's items ({ title, link, status, hint })
function readTasks(page) {
	return page.evaluate(() => [...document.querySelectorAll('.govuk-task-list__item')].map((li) => ({
		title: li.querySelector('.govuk-task-list__name-and-hint > a, .govuk-task-list__name-and-hint > div')
			?.textContent.trim(),
		link: li.querySelector('a')?.getAttribute('href') ?? null,
		status: li.querySelector('.govuk-task-list__status')?.textContent.trim(),
		hint: li.querySelector('.govuk-task-list__hint')?.textContent.trim() ?? null,
	})))
}

// readCards: the section page's line cards, { "Line n1": { key: value } }, and whether
// each card's lines are followed by a "Comment" tag
function readCards(page) {
	return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.govuk-summary-card')].map((card) => [
		card.querySelector('.govuk-summary-card__title')?.textContent.trim(),
		Object.fromEntries([...card.querySelectorAll('.govuk-summary-list__row')].map((r) => [
			r.querySelector('.govuk-summary-list__key')?.textContent.trim(),
			r.querySelector('.govuk-summary-list__value')?.textContent.trim(),
		])),
	])))
}

// mainText: the page's main text, its spaces collapsed
const mainText = (page) => page.evaluate(() => document.querySelector('main').textContent.replace(/\s+/g, ' '))

// tasksShow checks the task list has a task for every section, in order, headed as the
// template heads them, each with the status of statuses ({ code: status }, the rest
// "Not yet started"), linked to its section's page while the plan can be written (A to
// the family's own page); `hints` ({ code: hint }) the family's comment counts.
function tasksShow({ statuses = {}, issued = false, hints = {} }) {
	return async (page, { check }) => {
		const tasks = await readTasks(page)
		const want = SECTION_CODES.map((code, i) => ({
			title: LA_HEADINGS[i],
			link: issued ? null : `/children/${fixture.noplan}/plan/${code === 'A' ? 'section-a' : 'edit/' + code.toLowerCase()}`,
			status: issued ? 'Issued' : statuses[code] ?? 'Not yet started',
			hint: hints[code] ?? null,
		}))
		check(`a task for each section A to K in the template's words, ${issued ? 'all "Issued", none linked'
			: `linked, statuses ${JSON.stringify(statuses)}`}`,
		JSON.stringify(tasks) === JSON.stringify(want), JSON.stringify(tasks))
	}
}

// summaryRows: a summary list's rows, { key: value }
function summaryRows(page) {
	return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('main .govuk-summary-list__row')].map((r) => [
		r.querySelector('.govuk-summary-list__key')?.textContent.trim(),
		{
			value: r.querySelector('.govuk-summary-list__value')?.textContent.trim(),
			change: r.querySelector('.govuk-summary-list__actions a')?.getAttribute('href') ?? null,
		},
	])))
}

// checkAnswersShow checks the check-answers page lists every section in the template's
// words with what it holds and a link to change it, no quality inset, and the issue button.
function checkAnswersShow(written) {
	return async (page, { check }) => {
		const rows = await summaryRows(page)
		const want = Object.fromEntries(SECTION_CODES.map((code, i) => [LA_HEADINGS[i], {
			value: written[code] ?? 'Nothing written',
			change: `/children/${fixture.noplan}/plan/${code === 'A' ? 'section-a' : 'edit/' + code.toLowerCase()}`,
		}]))
		check(`each section in the template's words with what it holds (${JSON.stringify(written)}) and a Change link`,
			JSON.stringify(rows) === JSON.stringify(want), JSON.stringify(rows))
		const text = await mainText(page)
		check('no quality inset (the plan raises no flags)', !text.includes('The quality check found'))
		check('an "Issue the plan" button', await page.getByRole('button', { name: 'Issue the plan' }).isVisible())
	}
}

const EDIT_NONE = {
	name: 'plan-edit-none',
	path: NOPLAN + '/edit',
	as: 'caseworker',
	h1: EDIT_H1,
	expect: async (page, o) => {
		const text = await mainText(page)
		o.check(`says there is no plan yet, to be written in "${LA_TEMPLATE.name}"`,
			text.includes(`There is no plan yet. It will be written in the template: ${LA_TEMPLATE.name}.`), text.slice(0, 300))
		await tasksShow({})(page, o)
		o.check('no "Check the plan" link before there is a plan', !text.includes(CHECK_H1))
		o.check('links to import a plan from a file', await page.getByRole('link', { name: 'Import a plan from a file' }).isVisible())
		await idsUnique()(page, o)
	},
}

// the plan after the journey issued it, and its task list
const ISSUED_PAGES = [
	{
		name: 'plan-final',
		path: NOPLAN,
		as: 'caseworker',
		h1: PLAN_H1,
		expect: async (page, o) => {
			await planShows({ flags: false, rows: 1, headings: LA_HEADINGS })(page, o)
			const tag = await page.evaluate(() => document.querySelector('main strong.govuk-tag')?.textContent.trim())
			o.check('tagged "Final"', tag === 'Final', tag)
		},
	},
	{
		name: 'plan-edit-issued',
		path: NOPLAN + '/edit',
		as: 'caseworker',
		h1: EDIT_H1,
		expect: async (page, o) => {
			await tasksShow({ issued: true })(page, o)
			o.check('offers "Start an amendment"', await page.getByRole('button', { name: 'Start an amendment' }).isVisible())
			o.check('no "Check the plan" link for an issued plan', !(await mainText(page)).includes(CHECK_H1))
		},
	},
]

// submitLine fills a section's form ({ id: text }, `tick`: [name, value] boxes or radios,
// `budget`, `by`: a date's boxes) and saves it.
function submitLine(f = {}) {
	return async (page) => {
		for (const [k, v] of Object.entries(f.fields ?? {})) await page.fill(`#${k}`, v)
		for (const [name, value] of f.tick ?? []) await page.check(`input[name="${name}"][value="${value}"]`)
		if (f.budget) await page.selectOption('#budget', f.budget)
		if (f.by) for (const part of ['day', 'month', 'year']) await page.fill(`#by-${part}`, f.by[part])
		return clickTo(page, page.getByRole('button', { name: 'Save', exact: true }))
	}
}

// the draft the amendment made (version 2), with the parent's comment on p1
const DRAFT_PAGES = [
	{
		name: 'plan-edit',
		path: NOPLAN + '/edit',
		as: 'caseworker',
		h1: EDIT_H1,
		expect: async (page, o) => {
			const text = await mainText(page)
			o.check(`says "Version 2, draft", written in "${LA_TEMPLATE.name}"`,
				text.includes(`Version 2, draft. Written in the template: ${LA_TEMPLATE.name}.`), text.slice(0, 300))
			await tasksShow({ statuses: { B: 'Completed', E: 'Completed', F: 'Completed' },
				hints: { F: '1 comment on its lines' } })(page, o)
			o.check('links to "Check the plan before it is issued"',
				(await page.getByRole('link', { name: CHECK_H1 }).getAttribute('href')) === at(NOPLAN + '/check'))
			o.check('links to download this version',
				await page.getByRole('link', { name: 'Download this version (JSON, schema sendap-plan/1)' }).isVisible())
			await idsUnique()(page, o)
		},
	},
	{
		name: 'plan-edit-f',
		path: NOPLAN + '/edit/f',
		as: 'caseworker',
		h1: headed('F'),
		expect: async (page, o) => {
			const cards = await readCards(page)
			const p = WRITE.provision
			o.check('the line p1 as a card: each field, its needs and outcomes', JSON.stringify(cards) === JSON.stringify({
				'Line p1': { 'The provision': p.what, 'Who delivers it': p.who, 'How often': p.frequency, 'For how long': p.duration,
					'Group size': p.group_size, Where: p.where, 'Who secures it': p.secured_by, Needs: 'n1', Outcomes: 'o1' },
			}), JSON.stringify(cards))
			const text = await mainText(page)
			o.check('the family\'s comment beside it', text.includes(`Comment Pat Parent (Parent or carer), `) &&
				text.includes(WRITE.comment), text.slice(0, 400))
			const form = await page.evaluate(() => ({
				h2: document.getElementById('line-form')?.textContent.trim(),
				needs: [...document.querySelectorAll('input[name="needs"]')].map((i) => [i.value, i.checked,
					document.querySelector(`label[for="${i.id}"]`)?.textContent.trim()]),
				outcomes: [...document.querySelectorAll('input[name="outcomes"]')].map((i) => [i.value, i.checked,
					document.querySelector(`label[for="${i.id}"]`)?.textContent.trim()]),
			}))
			o.check('the form adds a line, with a labelled box for the need n1 and the outcome o1, unticked',
				JSON.stringify(form) === JSON.stringify({ h2: 'Add a line', needs: [['n1', false, `n1: ${WRITE.need.text}`]],
					outcomes: [['o1', false, `o1: ${WRITE.outcome.text}`]] }), JSON.stringify(form))
			o.check('a button to remove line p1', await page.getByRole('button', { name: 'Remove line p1' }).isVisible())
			await idsUnique()(page, o)
		},
	},
	{
		name: 'plan-edit-f-empty',
		path: NOPLAN + '/edit/f',
		as: 'caseworker',
		h1: headed('F'),
		act: submitLine(),
		status: 422,
		expect: errorSummary({ what: 'Enter the provision' }),
	},
	{
		name: 'plan-edit-e-bad-date',
		path: NOPLAN + '/edit/e',
		as: 'caseworker',
		h1: headed('E'),
		act: submitLine({ fields: { text: 'Reads a short story aloud to the class' }, tick: [['needs', 'n1']],
			by: { day: '31', month: '2', year: BY.year } }),
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ 'by-day': ['The date must be a real date', 'by-error'] })(page, o)
			const kept = await page.evaluate(() => ({
				text: document.getElementById('text')?.value,
				n1: document.querySelector('input[name="needs"][value="n1"]')?.checked,
				day: document.getElementById('by-day')?.value,
			}))
			o.check('the form keeps what was typed and ticked', kept.text === 'Reads a short story aloud to the class' &&
				kept.n1 === true && kept.day === '31', JSON.stringify(kept))
			o.check('nothing was saved: still one outcome', Object.keys(await readCards(page)).join() === 'Line o1')
		},
	},
	{
		name: 'plan-check',
		path: NOPLAN + '/check',
		as: 'caseworker',
		h1: CHECK_H1,
		expect: checkAnswersShow({ B: '1 line', E: '1 line', F: '1 line' }),
	},
	{
		name: 'plan-import',
		path: NOPLAN + '/import',
		as: 'caseworker',
		h1: 'Import a plan from a file',
		expect: async (page, { check }) => {
			const input = await page.evaluate(() => {
				const i = document.getElementById('plan')
				return { type: i?.type, label: document.querySelector('label[for="plan"]')?.textContent.trim(),
					enctype: i?.form?.enctype }
			})
			check('a labelled file input in a multipart form', JSON.stringify(input) === JSON.stringify({
				type: 'file', label: 'The plan file (JSON)', enctype: 'multipart/form-data' }), JSON.stringify(input))
		},
	},
	{
		name: 'plan-import-empty',
		path: NOPLAN + '/import',
		as: 'caseworker',
		h1: 'Import a plan from a file',
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Import' })),
		status: 422,
		expect: errorSummary({ plan: 'Choose the plan file to import' }),
	},
	{
		name: 'plan-comment',
		path: NOPLAN + '/comment?line=p1',
		as: 'parent',
		h1: 'Comment on this line',
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				caption: document.querySelector('main .govuk-caption-l, main .govuk-caption-xl, main .govuk-caption-m')
					?.textContent.trim(),
				inset: document.querySelector('main .govuk-inset-text')?.textContent.trim(),
				label: document.querySelector('label[for="comment"]')?.textContent.trim(),
			}))
			check('names the section and shows the line', JSON.stringify(got) === JSON.stringify({
				caption: headed('F'), inset: WRITE.provision.what, label: 'Your comment' }), JSON.stringify(got))
		},
	},
	{
		name: 'plan-comment-empty',
		path: NOPLAN + '/comment?line=p1',
		as: 'parent',
		h1: 'Comment on this line',
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Send comment' })),
		postTo: NOPLAN + '/comment',
		status: 422,
		expect: errorSummary({ comment: 'Enter your comment' }),
	},
	{
		name: 'plan-edit-refused',
		path: NOPLAN + '/edit',
		as: 'parent',
		h1: 'You have not been asked to write this plan',
		status: 403,
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
				forms: document.querySelectorAll('main form').length,
			}))
			check('says who writes the plan, with no form', got.text.includes("The council's SEND team writes the plan") &&
				got.forms === 0, JSON.stringify(got))
		},
	},
	{
		name: 'plan-parent-draft',
		path: NOPLAN,
		as: 'parent',
		h1: PLAN_H1,
		expect: async (page, o) => {
			await planShows({ flags: false, rows: 1, headings: LA_HEADINGS, comments: ['n1', 'o1', 'p1'], family: true })(page, o)
			const got = await page.evaluate(() => ({
				tag: document.querySelector('main strong.govuk-tag')?.textContent.trim(),
				p1: [...document.querySelectorAll('main tbody th[scope="row"]')].map((th) => th.textContent.replace(/\s+/g, ' ')),
			}))
			o.check('tagged "Draft", the comment under the line p1', got.tag === 'Draft' && got.p1.length === 1 &&
				got.p1[0].includes(`Comment Pat Parent (Parent or carer), `) && got.p1[0].includes(WRITE.comment),
			JSON.stringify(got))
		},
	},
]

// editorJourney links the parent to the child with no plan, checks the empty task list,
// writes and issues her plan without JavaScript (checking the issued plan's pages as it
// goes), amends it, has the parent comment, then checks DRAFT_PAGES.
async function editorJourney(browser, server) {
	const c = checker('plan editor without JavaScript')
	if (!fixture.noplan || !fixture.sessions.caseworker || !fixture.sessions.parent) {
		c('journey ran', false, 'no child with no plan, or no caseworker or parent session: see the checks above')
		return
	}
	const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, `INSERT INTO family_link (family_member_id, child_id, relationship)` +
		` SELECT id, '${fixture.noplan}', 'mother' FROM user_account WHERE email = 'parent@example.com';`],
	{ encoding: 'utf8', timeout: 10_000 })
	c('sqlite3 links the parent to Nia Jones', r.status === 0, r.stderr || r.error?.message)
	for (const js of [true, false]) await checkPage(browser, server.base, EDIT_NONE, js)

	const base = server.base
	let page
	let context
	const here = () => new URL(page.url()).pathname + new URL(page.url()).search
	const h1 = async () => (await page.locator('h1').textContent()).trim()
	// arrived: the response shown is `status` at `where` (by a redirect `via` if given) with the h1
	const arrived = async (what, resp, where, heading, { status = 200, via } = {}) => {
		const from = resp?.request().redirectedFrom()
		const redirect = from ? (await from.response())?.status() : undefined
		const got = await h1().catch(() => null)
		return c(what, resp?.status() === status && here() === at(where) && got === heading && redirect === via,
			`${resp?.status()} at ${page.url()}${redirect ? ` after a ${redirect}` : ''}, h1 "${got}"`)
	}
	const link = (name) => clickTo(page, page.getByRole('link', { name, exact: true }))
	const button = (name) => clickTo(page, page.getByRole('button', { name, exact: true }))
	const seen = []
	const start = async (role) => {
		context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions[role] })
		page = await context.newPage()
		seen.push(watch(page, { path: NOPLAN }))
	}
	const steps = async () => {
		// ---- the caseworker writes the plan ----
		await start('caseworker')
		let resp = await page.goto(base + at(NOPLAN))
		await arrived('the plan page says there is no plan yet', resp, NOPLAN, PLAN_H1)
		resp = await link('Write or change the plan')
		await arrived('"Write or change the plan" opens the task list', resp, NOPLAN + '/edit', EDIT_H1)
		await tasksShow({})(page, { check: c })

		resp = await link(headed('B'))
		await arrived(`the task "${headed('B')}" opens section B`, resp, NOPLAN + '/edit/b', headed('B'))
		c('section B says nothing is written yet', (await mainText(page)).includes('Nothing written in this section yet.'))
		resp = await submitLine({ fields: { text: WRITE.need.text }, tick: [['area', WRITE.need.area]] })(page)
		await arrived('saving a need comes back to section B', resp, NOPLAN + '/edit/b', headed('B'), { via: 303 })
		let cards = await readCards(page)
		c('the need is the line n1', JSON.stringify(cards) === JSON.stringify({
			'Line n1': { 'Area of need': WRITE.need.areaText, 'The need': WRITE.need.text } }), JSON.stringify(cards))
		resp = await link('Back to the list of sections')
		await arrived('"Back to the list of sections" opens the task list', resp, NOPLAN + '/edit', EDIT_H1)
		// a need that nothing answers or meets yet: two things to check
		await tasksShow({ statuses: { B: '2 to check' } })(page, { check: c })

		resp = await link(headed('E'))
		await arrived(`the task "${headed('E')}" opens section E`, resp, NOPLAN + '/edit/e', headed('E'))
		resp = await submitLine({ fields: { text: WRITE.outcome.text }, tick: [['needs', 'n1']], by: BY })(page)
		await arrived('saving an outcome linked to n1, with its date, comes back to section E', resp, NOPLAN + '/edit/e',
			headed('E'), { via: 303 })
		cards = await readCards(page)
		c('the outcome is the line o1, answering n1, by its date', JSON.stringify(cards) === JSON.stringify({
			'Line o1': { 'The outcome': WRITE.outcome.text, Needs: 'n1', By: iso(BY) } }), JSON.stringify(cards))
		resp = await link('Back to the list of sections')

		resp = await link(headed('F'))
		await arrived(`the task "${headed('F')}" opens section F`, resp, NOPLAN + '/edit/f', headed('F'))
		resp = await submitLine({ fields: WRITE.provision, tick: [['needs', 'n1'], ['outcomes', 'o1']], budget: 'high_needs' })(page)
		await arrived('saving provision linked to n1 and o1 comes back to section F', resp, NOPLAN + '/edit/f', headed('F'),
			{ via: 303 })
		cards = await readCards(page)
		c('the provision is the line p1, meeting n1 and working towards o1', cards['Line p1']?.['The provision'] ===
			WRITE.provision.what && cards['Line p1']?.Needs === 'n1' && cards['Line p1']?.Outcomes === 'o1', JSON.stringify(cards))
		c('no "Check" flags on a quantified line with someone responsible',
			(await page.locator('main strong.govuk-tag', { hasText: 'Check' }).count()) === 0)
		resp = await link('Back to the list of sections')
		await tasksShow({ statuses: { B: 'Completed', E: 'Completed', F: 'Completed' } })(page, { check: c })

		resp = await link(CHECK_H1)
		await arrived('"Check the plan before it is issued" opens check answers', resp, NOPLAN + '/check', CHECK_H1)
		await checkAnswersShow({ B: '1 line', E: '1 line', F: '1 line' })(page, { check: c })
		resp = await button('Issue the plan')
		await arrived('"Issue the plan" lands on the plan', resp, NOPLAN, PLAN_H1, { via: 303 })
		const issued = await page.evaluate(() => ({
			tag: document.querySelector('main strong.govuk-tag')?.textContent.trim(),
			version: document.querySelector('main strong.govuk-tag')?.parentElement.textContent.trim().replace(/\s+/g, ' '),
			rows: [...document.querySelectorAll('main tbody th[scope="row"]')].map((th) => th.textContent.trim()),
			comments: document.querySelectorAll('main a[href*="/plan/comment"]').length,
		}))
		const today = daysAgo(0).long
		c(`the plan is "Final", version 1, issued on ${today}`, issued.tag === 'Final' &&
			issued.version === `Final Version 1, issued on ${today}`, JSON.stringify(issued))
		const text = await mainText(page)
		c('the plan shows the need, the outcome with its date and the provision', text.includes(WRITE.need.text) &&
			text.includes(`${WRITE.outcome.text} By ${BY.long}`) && JSON.stringify(issued.rows) ===
			JSON.stringify([WRITE.provision.what]), JSON.stringify(issued.rows))
		c('no "Comment" links on an issued plan', issued.comments === 0, `${issued.comments} links`)
		const h2s = await page.evaluate(() => [...document.querySelectorAll('main h2')].map((h) => h.textContent.trim()))
		c('the sections are headed as the template "202/1" heads them', LA_HEADINGS.every((h) => h2s.includes(h)),
			JSON.stringify(h2s))
		await context.close()
		context = null

		// the issued plan and its task list, as pages (axe, keyboard, reflow), with JavaScript too
		for (const p of ISSUED_PAGES) for (const js of [true, false]) await checkPage(browser, base, p, js)

		await start('caseworker')
		await page.goto(base + at(NOPLAN))
		resp = await link('Write or change the plan')
		await arrived('the issued plan\'s task list opens', resp, NOPLAN + '/edit', EDIT_H1)
		c('the task list says the version has been issued',
			(await mainText(page)).includes('This version has been issued and does not change.'))
		resp = await button('Start an amendment')
		await arrived('"Start an amendment" comes back to the task list', resp, NOPLAN + '/edit', EDIT_H1, { via: 303 })
		c('a draft again: version 2',
			(await mainText(page)).includes(`Version 2, draft. Written in the template: ${LA_TEMPLATE.name}.`))
		await tasksShow({ statuses: { B: 'Completed', E: 'Completed', F: 'Completed' } })(page, { check: c })
		await context.close()
		context = null

		// ---- the parent comments on the draft ----
		await start('parent')
		resp = await page.goto(base + at(NOPLAN))
		await arrived('the parent opens the plan', resp, NOPLAN, PLAN_H1)
		c('the plan is a draft again, tagged "Draft"',
			(await page.locator('main strong.govuk-tag').first().textContent()).trim() === 'Draft')
		resp = await link('Comment on line p1')
		await arrived('"Comment on line p1" opens the comment page', resp, NOPLAN + '/comment?line=p1', 'Comment on this line')
		resp = await button('Send comment')
		await arrived('an empty comment is refused (422)', resp, NOPLAN + '/comment', 'Comment on this line', { status: 422 })
		const summary = page.locator('.govuk-error-summary')
		await summary.getByRole('link', { name: 'Enter your comment' }).click()
		c('the error summary link jumps to the comment box', new URL(page.url()).hash === '#comment', page.url())
		await page.fill('#comment', WRITE.comment)
		resp = await button('Send comment')
		await arrived('sending the comment lands on the plan', resp, NOPLAN, PLAN_H1, { via: 303 })
		const row = await page.evaluate(() =>
			[...document.querySelectorAll('main tbody th[scope="row"]')].map((th) => th.textContent.replace(/\s+/g, ' ').trim()))
		c('the comment is shown under the line p1, with who wrote it and when', row.length === 1 &&
			row[0].includes(`Comment Pat Parent (Parent or carer), ${daysAgo(0).long}: ${WRITE.comment}`), JSON.stringify(row))
		await context.close()
		context = null
	}
	try {
		await steps()
	} catch (e) {
		c('journey ran to the end', false, e.message.split('\n')[0])
	} finally {
		if (context) await context.close()
	}
	const failures = seen.flatMap((s) => s.assetFailures)
	c('stylesheets, scripts, images and fonts all 200', failures.length === 0, failures.join(', '))
	// Chromium logs each 422 form page as a failed load: that is the status under test
	const errors = seen.flatMap((s) => s.consoleErrors).filter((m) =>
		!/^Failed to load resource: the server responded with a status of 422 .* at http:\/\/[^/]+\/children\/[^/]+\/plan\/comment$/
			.test(m))
	c('no console errors', errors.length === 0, errors.join('; '))

	for (const p of DRAFT_PAGES) for (const js of [true, false]) await checkPage(browser, base, p, js)
}

// ---------------------------------------------------------------- after the plan: reviews
//
// After the plan pages: three more children, added through the form by the caseworker and
// each given a plan by `sendap plan import` and `sendap plan issue` (the binary under test,
// on the suite's database), whose issue dates sqlite3 then moves back so that each review
// stands where the checks need it: Tia Ward (Year 9, on the roll of a secondary school;
// issued 400 days ago, so her annual review is late and on her SENCo's list), Kai Brooks
// (Year 6, on the roll of a primary school: a phase transfer next September) and Jude Bell
// (no setting; issued 330 days ago, an annual review). `sendap review schedule` makes
// their reviews; a SENCo of Tia's school is added with `sendap user add`. Then, each state
// checked as PAGES are, with and without JavaScript: the LA's list, the transfer tracker,
// the SENCo's list; Tia's review at each step, recorded through its own form (the
// invitations; the meeting, with a rating for each outcome of the plan and, in Year 9,
// preparing for adulthood; the report; a decision to amend; the amendments form) and a
// meeting dated before its invitations (422); Kai's steps recorded through the same forms up to a
// decision to cease, then the ceasing page with its appeal form and its errors; provision
// that did not happen on Tia's plan, its errors and the LA's totals; the move form and its
// errors. Last, a journey without JavaScript through Jude's review to a decision to
// maintain, after which `sendap review schedule` makes her next annual review.

const REVIEW_OUTCOMES = [
	{ id: 'o1', text: 'Reads a text written for their age aloud at 90 words a minute' },
	{ id: 'o2', text: 'Writes a page of connected sentences without an adult prompting' },
]
// schoolYear(n): a birth date that puts a child in Year n this school year (Reception: 4
// on 31 August), as the form's boxes and as ISO
function schoolYear(n) {
	const now = new Date()
	const sy = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1
	return { day: '15', month: '1', year: String(sy - n - 4), iso: `${sy - n - 4}-01-15` }
}
const REVIEW_CHILDREN = [
	{ key: 'tia', given: 'Tia', family: 'Ward', sex: 'F', dob: schoolYear(9), setting: 'secondary', issuedAgo: 400 },
	{ key: 'kai', given: 'Kai', family: 'Brooks', sex: 'M', dob: schoolYear(6), setting: 'primary', issuedAgo: 0 },
	{ key: 'jude', given: 'Jude', family: 'Bell', sex: 'F', dob: schoolYear(4), setting: null, issuedAgo: 330 },
]
const SETTINGS = {
	primary: { name: 'Hill Primary School', phase: '2', from: 4, to: 11 },
	secondary: { name: 'Vale Secondary School', phase: '4', from: 11, to: 16 },
}
const SENCO = { email: 'senco@example.com', name: 'Sol Senco' }
// the September of the next phase transfers, as the server counts: the end of this school year
const TRANSFER_YEAR = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() + 1 : new Date().getUTCFullYear()

function reviewPlan(child, name, dob) {
	const by = iso(daysAgo(-300))
	return {
		schema: 'sendap-plan/1',
		template: '202/1',
		child: { id: child, name, dob },
		section_a: { views: 'I like music and being outside.' },
		needs: [{ id: 'n1', area: 'cognition_learning', text: 'Reads and writes about two years below their age' }],
		outcomes: REVIEW_OUTCOMES.map((o) => ({ ...o, by, needs: ['n1'] })),
		provision: [{
			id: 'p1', section: 'F', what: 'A phonics programme, one to one', who: 'A teaching assistant trained in it',
			frequency: 'Four times a week in term time', duration: '20 minutes a session', group_size: '1:1',
			where: 'The library', secured_by: 'The local authority', needs: ['n1'], outcomes: ['o1', 'o2'],
		}],
	}
}

// dayOf(ms): a UTC day as the pages show it ("27 March 2026"), and as form boxes
function dayOf(ms) {
	const d = new Date(ms)
	return {
		day: String(d.getUTCDate()),
		month: String(d.getUTCMonth() + 1),
		year: String(d.getUTCFullYear()),
		long: d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
	}
}
// annualDue(d): the last day of 12 months starting with d (section 44): the day before the
// same date a year on; from 29 February, 28 February
function annualDue(d) {
	const [y, m, day] = [Number(d.year), Number(d.month), Number(d.day)]
	return dayOf(m === 2 && day === 29 ? Date.UTC(y + 1, 1, 28) : Date.UTC(y + 1, m - 1, day) - DAY_MS)
}
const before = (d, n) => dayOf(Date.UTC(Number(d.year), Number(d.month) - 1, Number(d.day)) - n * DAY_MS)

// the form's heading for each step of a review
const STEP_H2 = {
	invitations: 'Send the invitations and advice',
	meeting: 'Hold the review meeting',
	report: "Send the meeting's report to the council",
	decision: 'Decide to maintain, amend or cease the plan',
	amendments: 'Send the proposed amendments',
}
const DATE_FIELD = { invitations: 'invitations', meeting: 'meeting', report: 'report', decision: 'decided', amendments: 'amendments' }

async function fillDate(scope, name, d) {
	await scope.locator(`#${name}-day`).fill(d.day)
	await scope.locator(`#${name}-month`).fill(d.month)
	await scope.locator(`#${name}-year`).fill(d.year)
}

// recordStep fills the review page's form for step (its action ends /step): `date`, `text`
// ({ id: text }), `tick` ([name, value] radios), `select` ({ id: value }), `reasonOn` (the
// date a reason for ceasing rests on), and saves it.
function recordStep(step, f) {
	return async (page) => {
		const form = page.locator(`main form[action$="/${step}"]`)
		if (f.date) await fillDate(form, DATE_FIELD[step], f.date)
		for (const [id, v] of Object.entries(f.text ?? {})) await form.locator(`[id="${id}"]`).fill(v)
		for (const [name, value] of f.tick ?? []) await form.locator(`input[name="${name}"][value="${value}"]`).check()
		for (const [id, v] of Object.entries(f.select ?? {})) await form.locator(`[id="${id}"]`).selectOption(v)
		if (f.reasonOn) await fillDate(form, 'reason', f.reasonOn)
		return clickTo(page, form.getByRole('button', { name: 'Save', exact: true }))
	}
}
// meeting(date, pfa): a whole meeting record, with preparing for adulthood when pfa
const meeting = (date, pfa) => ({
	date,
	text: {
		attendees: 'The young person\nTheir mother\nThe SENCo\nThe educational psychologist',
		child_views: 'Reading is easier now; I want to keep the sessions in the library.',
		family_views: 'We are pleased with the progress in reading and worried about writing.',
		'progress-1-note': 'Reads aloud at 92 words a minute (spring assessment)',
		'progress-2-note': 'Writes half a page with a writing frame',
		'change-F': 'Add a weekly writing session with the teaching assistant',
		...(pfa ? {
			'pfa-employment': 'Work experience at a garden centre in Year 10',
			'pfa-independent_living': 'Travels to school on the bus with a friend',
			'pfa-community': 'Goes to a youth club on Fridays',
			'pfa-health': 'Sees the school nurse each term',
		} : {}),
	},
	tick: [['progress-1', 'achieved'], ['progress-2', 'progressing']],
})

// reviewShows checks the review page's summary rows ({ key: value or RegExp }), that the form
// for `form` is the only one, under its heading and posting to /reviews/{id}/form (or, with
// form null, that there is none), and that every id is unique.
function reviewShows(key, { rows = {}, form, text = [] }) {
	return async (page, o) => {
		const got = await page.evaluate(() => ({
			rows: Object.fromEntries([...document.querySelectorAll('main .govuk-summary-list__row')].map((r) => [
				r.querySelector('.govuk-summary-list__key')?.textContent.trim(),
				r.querySelector('.govuk-summary-list__value')?.textContent.trim().replace(/\s+/g, ' '),
			])),
			h2s: [...document.querySelectorAll('main h2')].map((h) => h.textContent.trim()),
			forms: [...document.querySelectorAll('main form')].map((f) => f.getAttribute('action')),
			text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
		}))
		for (const [k, v] of Object.entries(rows)) {
			const ok = v instanceof RegExp ? v.test(got.rows[k] ?? '') : got.rows[k] === v
			o.check(`"${k}" is ${v instanceof RegExp ? v : `"${v}"`}`, ok, `got "${got.rows[k]}"`)
		}
		if (form)
			o.check(`one form, "${STEP_H2[form]}", posting to /reviews/…/${form}`, got.h2s.includes(STEP_H2[form]) &&
				JSON.stringify(got.forms) === JSON.stringify([`/reviews/${fixture[key]}/${form}`]),
			`h2s ${JSON.stringify(got.h2s)}, forms ${JSON.stringify(got.forms)}`)
		else if (form === null) o.check('no form', got.forms.length === 0, JSON.stringify(got.forms))
		for (const t of text) o.check(`says "${t}"`, got.text.includes(t), got.text.slice(0, 300))
		await idsUnique()(page, o)
	}
}

const RATINGS = [['achieved', 'Achieved'], ['progressing', 'Progressing'], ['not_progressing', 'Not progressing']]
const PFA_FIELDS = [['pfa-employment', 'Employment and further or higher education'], ['pfa-independent_living',
	'Independent living'], ['pfa-community', 'Friends, relationships and the community'], ['pfa-health', 'Good health']]

// meetingFormShows checks the meeting form has, for each outcome of the plan, a group of
// three ratings whose legend is the outcome, and (pfa) the four preparing-for-adulthood
// areas, each a labelled textarea, or none of them.
function meetingFormShows(pfa) {
	return async (page, { check }) => {
		const got = await page.evaluate(() => ({
			ratings: [...document.querySelectorAll('main fieldset')].filter((f) => f.querySelector('input[name^="progress-"]'))
				.map((f) => [f.querySelector('legend')?.textContent.trim(), [...f.querySelectorAll('input[type="radio"]')].map((i) =>
					`${i.name}=${i.value}: ${document.querySelector(`label[for="${i.id}"]`)?.textContent.trim()}`)]),
			pfa: [...document.querySelectorAll('main textarea[name^="pfa-"]')].map((t) => [t.name,
				document.querySelector(`label[for="${t.id}"]`)?.textContent.trim()]),
			h3s: [...document.querySelectorAll('main h3')].map((h) => h.textContent.trim()),
		}))
		const want = REVIEW_OUTCOMES.map((o, i) => [o.text, RATINGS.map(([v, l]) => `progress-${i + 1}=${v}: ${l}`)])
		check('a rating (achieved, progressing, not progressing) for each outcome, its legend the outcome',
			JSON.stringify(got.ratings) === JSON.stringify(want), JSON.stringify(got.ratings))
		if (pfa)
			check('the four preparing-for-adulthood areas, each labelled, under "Preparing for adulthood"',
				got.h3s.includes('Preparing for adulthood') && JSON.stringify(got.pfa) === JSON.stringify(PFA_FIELDS),
				JSON.stringify(got))
		else check('no preparing-for-adulthood fields before Year 9', got.pfa.length === 0, JSON.stringify(got.pfa))
	}
}

// tableLinks checks a table on the page has a row linking `name` to want (a path with the
// fixture's ids), and, with tag, that the row's status tag says it.
function tableLinks(name, want, tag) {
	return async (page, { check }) => {
		const row = await page.evaluate((n) => {
			const a = [...document.querySelectorAll('main table a')].find((x) => x.textContent.trim() === n)
			return a ? { href: a.getAttribute('href'), tag: a.closest('tr').querySelector('.govuk-tag')?.textContent.trim() } : null
		}, name)
		check(`the table links "${name}" to ${want}${tag ? `, tagged "${tag}"` : ''}`,
			row?.href === at(want) && (!tag || row.tag === tag), JSON.stringify(row))
	}
}

// tablesInRegions checks each table sits in a labelled, focusable scroll region
async function tablesInRegions(page, { check }) {
	const got = await page.evaluate(() => [...document.querySelectorAll('main table')].map((t) =>
		t.parentElement.matches('.sendap-table-scroll[role="region"][tabindex="0"][aria-label]')))
	check(`${got.length} table(s), each in a labelled, focusable scroll region`, got.length > 0 && got.every(Boolean),
		JSON.stringify(got))
}

const TIA = {
	invitations: daysAgo(60),
	early: daysAgo(70), // a meeting before the invitations
	meeting: daysAgo(40),
	report: daysAgo(35),
	decided: daysAgo(30),
	reasons: 'The plan needs a writing programme added to section F.',
}
const RV = '/reviews/{tiaReview}'
const review = (name, more) => ({ name, path: RV, as: 'caseworker', h1: 'Annual review', ...more })
const saved = (name, step, f, more) => review(name, { js: true, act: recordStep(step, f), finalPath: RV, redirect: 303, ...more })
const TIA_ROWS = {
	invitations: { 'Invitations and advice sent': TIA.invitations.long },
	meeting: { 'Meeting held': TIA.meeting.long },
	report: { 'Report received': TIA.report.long },
}
const REVIEW_LIST_COUNTS = /^\d+ open: [1-9]\d* late, \d+ at risk \(due within 2 weeks\), \d+ on track\.$/

const REVIEW_PAGES = [
	{
		name: 'reviews',
		path: '/reviews',
		as: 'caseworker',
		h1: 'Reviews',
		expect: async (page, o) => {
			const p = await page.evaluate(() => [...document.querySelectorAll('main p')].map((x) => x.textContent.trim()))
			o.check('counts the open reviews late (at least Tia\'s), at risk and on track',
				p.some((t) => REVIEW_LIST_COUNTS.test(t)), JSON.stringify(p))
			await tableLinks('Tia Ward', RV, 'Late')(page, o)
			await tableLinks('Kai Brooks', '/reviews/{kaiReview}')(page, o)
			await tableLinks('Jude Bell', '/reviews/{judeReview}')(page, o)
			await tablesInRegions(page, o)
		},
	},
	{
		name: 'reviews-transfers',
		path: '/reviews/transfers',
		as: 'caseworker',
		h1: `Phase transfers in September ${TRANSFER_YEAR}`,
		expect: async (page, o) => {
			const caption = await page.evaluate(() => document.querySelector('main table caption')?.textContent.trim())
			o.check('a table of primary to secondary transfers, counting 1', /^Primary to secondary or middle school: 1 \(/
				.test(caption ?? ''), caption)
			await tableLinks('Kai Brooks', '/reviews/{kaiReview}')(page, o)
			await tablesInRegions(page, o)
		},
	},
	{
		name: 'reviews-setting',
		path: '/reviews/setting',
		as: 'senco',
		h1: 'Reviews to hold this term',
		expect: async (page, o) => {
			await tableLinks('Tia Ward', RV, 'Late')(page, o)
			const names = await page.evaluate(() => [...document.querySelectorAll('main table a')].map((a) => a.textContent.trim()))
			o.check('lists only her setting\'s reviews', !names.includes('Kai Brooks') && !names.includes('Jude Bell'),
				JSON.stringify(names))
		},
	},

	// ---- Tia's review, step by step ----
	review('review-invitations', {
		expect: reviewShows('tiaReview', {
			rows: { Review: 'Annual review', 'Meeting due by': /^\d{1,2} [A-Z][a-z]+ \d{4} \(the legal last day\)$/,
				'Invitations and advice sent': 'Not yet', 'Meeting held': 'Not yet', 'Report received': 'Not yet',
				Decision: 'Not yet' },
			form: 'invitations',
			text: ['Late Next: Send the invitations and advice, by'],
		}),
	}),
	saved('review-invitations-saved', 'invitations', { date: TIA.invitations }, {
		expect: async (page, o) => {
			await reviewShows('tiaReview', { rows: TIA_ROWS.invitations, form: 'meeting' })(page, o)
			await meetingFormShows(true)(page, o)
		},
	}),
	review('review-meeting', {
		js: false,
		expect: async (page, o) => {
			await reviewShows('tiaReview', { rows: { ...TIA_ROWS.invitations, 'Meeting held': 'Not yet' }, form: 'meeting' })(page, o)
			await meetingFormShows(true)(page, o)
		},
	}),
	review('review-meeting-before-invitations', {
		act: recordStep('meeting', meeting(TIA.early, true)),
		postTo: RV + '/meeting',
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ 'meeting-day': [`The meeting cannot be before its invitations were sent (${TIA.invitations.long})`,
				'meeting-error'] })(page, o)
			const kept = await page.evaluate(() => ({
				attendees: document.getElementById('attendees')?.value,
				rated: document.querySelector('input[name="progress-2"][value="progressing"]')?.checked,
				pfa: document.getElementById('pfa-health')?.value,
			}))
			o.check('the form keeps what was typed and ticked', kept.attendees?.startsWith('The young person') && kept.rated &&
				kept.pfa === 'Sees the school nurse each term', JSON.stringify(kept))
			await reviewShows('tiaReview', { rows: { 'Meeting held': 'Not yet' } })(page, o)
		},
	}),
	saved('review-meeting-saved', 'meeting', meeting(TIA.meeting, true), {
		expect: reviewShows('tiaReview', { rows: { ...TIA_ROWS.invitations, ...TIA_ROWS.meeting }, form: 'report' }),
	}),
	review('review-report', {
		js: false,
		expect: reviewShows('tiaReview', { rows: { ...TIA_ROWS.meeting, 'Report received': 'Not yet' }, form: 'report' }),
	}),
	saved('review-report-saved', 'report', { date: TIA.report }, {
		expect: async (page, o) => {
			await reviewShows('tiaReview', { rows: TIA_ROWS.report, form: 'decision' })(page, o)
			const got = await page.evaluate(() => ({
				decisions: [...document.querySelectorAll('main input[name="decision"]')].map((i) => i.value),
				reasons: [...document.querySelectorAll('#cease_reason option')].length,
			}))
			o.check('maintain, amend or cease, and the nine SEN2 reasons for ceasing (and "Not ceasing")',
				JSON.stringify(got) === JSON.stringify({ decisions: ['maintain', 'amend', 'cease'], reasons: 10 }), JSON.stringify(got))
		},
	}),
	review('review-decision', {
		js: false,
		expect: reviewShows('tiaReview', { rows: { ...TIA_ROWS.report, Decision: 'Not yet' }, form: 'decision' }),
	}),
	saved('review-decision-amend', 'decision', {
		date: TIA.decided, tick: [['decision', 'amend'], ['notice_channel', 'portal']], text: { reasons: TIA.reasons },
	}, {
		expect: reviewShows('tiaReview', {
			rows: { Decision: `${TIA.decided.long}: amend`, 'Proposed amendments sent': 'Not yet', 'Amended plan issued': 'Not yet' },
			form: 'amendments',
			text: [`The council's reasons: ${TIA.reasons}`],
		}),
	}),
	review('review-amendments', {
		js: false,
		expect: reviewShows('tiaReview', { rows: { Decision: `${TIA.decided.long}: amend` }, form: 'amendments' }),
	}),
]

const KAI = {
	invitations: daysAgo(50),
	meeting: daysAgo(30),
	report: daysAgo(25),
	decided: daysAgo(20),
	reasons: 'His needs are now met at SEN support, from the school\'s own resources.',
}
// shown(d): the ways a page may show the day d: as ISO (the ceasing page and the table of
// provision missed do, for now) or as the other pages do ("27 March 2026")
const shown = (d) => [iso(d), d.long]
const DATE_SHOWN = /^(\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4})$/
const CEASE = '/children/{kai}/plan/cease'
const MISSED = '/children/{tia}/plan/missed'
const MOVE = '/children/{tia}/move'
const MISSED_ROW = { from: daysAgo(21), to: daysAgo(14), sessions: '6', reason: 'staff_absent',
	note: 'The teaching assistant was off sick' }

// submitMissed fills the provision-missed form ({ line, from, to, sessions, reason, note }) and saves it
function submitMissed(f) {
	return async (page) => {
		const form = page.locator('main form[action$="/plan/missed"]')
		if (f.line) await form.locator(`input[name="line"][value="${f.line}"]`).check()
		if (f.from) await fillDate(form, 'from', f.from)
		if (f.to) await fillDate(form, 'to', f.to)
		if (f.sessions) await form.locator('#sessions').fill(f.sessions)
		if (f.reason) await form.locator(`input[name="reason"][value="${f.reason}"]`).check()
		if (f.note) await form.locator('#note').fill(f.note)
		return clickTo(page, form.getByRole('button', { name: 'Save', exact: true }))
	}
}

// missedShows checks the table of sessions missed has the row recorded, the total, and the
// form offering the plan's line p1
function missedShows() {
	return async (page, o) => {
		const got = await page.evaluate(() => ({
			rows: [...document.querySelectorAll('main table tbody tr')].map((r) =>
				[...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
			text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
			lines: [...document.querySelectorAll('main input[name="line"]')].map((i) =>
				document.querySelector(`label[for="${i.id}"]`)?.textContent.trim()),
		}))
		const m = MISSED_ROW
		const when = got.rows[0]?.[1]
		o.check('the table has the record: line, days, sessions, why, provider, note', got.rows.length === 1 &&
			JSON.stringify(got.rows[0].toSpliced(1, 1)) === JSON.stringify(['p1', m.sessions, 'Staff absent', 'The local authority',
				m.note]) && shown(m.from).some((f) => shown(m.to).some((t) => when === `${f} to ${t}`)), JSON.stringify(got.rows))
		o.check('says 6 sessions were missed', got.text.includes('6 sessions of section F provision recorded as missed.'))
		o.check('the form offers the plan\'s section F line', JSON.stringify(got.lines) ===
			JSON.stringify(['p1: A phonics programme, one to one']), JSON.stringify(got.lines))
		await tablesInRegions(page, o)
	}
}

const AFTER_PAGES = [
	{
		name: 'plan-cease',
		path: CEASE,
		as: 'caseworker',
		h1: 'Ceasing the plan',
		expect: async (page, o) => {
			const rows = await summaryRows(page)
			const v = (k) => rows[k]?.value
			o.check('the reason, the decision\'s date, no appeal, and the plan not ceased yet',
				v('Reason') === 'Needs met without a plan' && shown(KAI.decided).includes(v('Which rests on')) &&
				shown(KAI.decided).includes(v('Decided and notice given')) && DATE_SHOWN.test(v('Appeal by') ?? '') &&
				v('Appeal') === 'None recorded' && v('The plan ceased')?.startsWith('Not yet'), JSON.stringify(rows))
			const form = await page.evaluate(() => ({
				action: document.querySelector('main form')?.getAttribute('action'),
				legend: document.querySelector('main form legend')?.textContent.trim(),
			}))
			o.check('a form to record the family\'s appeal', form.action === at(CEASE + '/appeal') &&
				form.legend === 'The family appealed on', JSON.stringify(form))
		},
	},
	{
		name: 'plan-cease-appeal-empty',
		path: CEASE,
		as: 'caseworker',
		h1: 'Ceasing the plan',
		act: async (page) => clickTo(page, page.locator('main form').getByRole('button', { name: 'Save', exact: true })),
		postTo: CEASE + '/appeal',
		status: 422,
		expect: errorSummary({ 'lodged-day': ['Enter the date', 'lodged-error'] }),
	},
	{
		name: 'plan-missed-recorded',
		path: MISSED,
		as: 'caseworker',
		h1: 'Provision that did not happen',
		js: true,
		act: submitMissed({ line: 'p1', ...MISSED_ROW }),
		finalPath: MISSED,
		redirect: 303,
		expect: missedShows(),
	},
	{ name: 'plan-missed', path: MISSED, as: 'caseworker', h1: 'Provision that did not happen', js: false, expect: missedShows() },
	{
		name: 'plan-missed-empty',
		path: MISSED,
		as: 'caseworker',
		h1: 'Provision that did not happen',
		act: submitMissed({}),
		status: 422,
		expect: errorSummary({
			line: 'Choose the provision from section F of the plan',
			'from-day': ['Enter the date', 'from-error'],
			'to-day': ['Enter the date', 'to-error'],
			sessions: 'Enter the sessions missed, from 1 to 500',
			reason: 'Choose why it did not happen',
		}),
	},
	{
		name: 'reviews-provision',
		path: '/reviews/provision',
		as: 'caseworker',
		h1: 'Provision that did not happen',
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				caption: document.querySelector('main table caption')?.textContent.trim(),
				rows: [...document.querySelectorAll('main table tbody tr')].map((r) =>
					[...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
			}))
			check('totals by provider: the local authority, 6 sessions, 1 child', got.caption === 'Sessions missed by provider' &&
				JSON.stringify(got.rows) === JSON.stringify([['The local authority', '6', '1']]), JSON.stringify(got))
		},
	},
	{
		name: 'child-move',
		path: MOVE,
		as: 'caseworker',
		h1: 'Moving to another local authority',
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				label: document.querySelector('label[for="to_la"]')?.textContent.trim(),
				options: document.querySelectorAll('#to_la option').length,
				legend: document.querySelector('main form legend')?.textContent.trim(),
			}))
			check('a labelled list of councils and the day the plan transferred', got.label === 'The new council' &&
				got.options > 100 && got.legend === 'The day the plan transferred', JSON.stringify(got))
			check('a "Transfer the plan" button', await page.getByRole('button', { name: 'Transfer the plan' }).isVisible())
		},
	},
	{
		name: 'child-move-empty',
		path: MOVE,
		as: 'caseworker',
		h1: 'Moving to another local authority',
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Transfer the plan' })),
		status: 422,
		expect: errorSummary({
			to_la: 'Choose the council the child has moved to',
			'transferred-day': ['Enter the date', 'transferred-error'],
		}),
	},
]

// reviewFixture adds the three children through the form, the two settings with sqlite3,
// each child's plan with `sendap plan import` and `sendap plan issue` (its issue date moved
// back with sqlite3), schedules the reviews, keeps their ids, and adds and signs in the SENCo.
async function reviewFixture(browser, server, bin) {
	const c = checker('review fixture')
	const sqlite = (sql) => spawnSync('sqlite3', [...SQLITE_WAIT, server.db, sql], { encoding: 'utf8', timeout: 10_000 })
	if (!fixture.sessions.caseworker) return c('a caseworker session', false, 'see the fixture\'s checks')
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions.caseworker })
	const page = await context.newPage()
	for (const k of REVIEW_CHILDREN) {
		await page.goto(server.base + '/children/new')
		const resp = await submitChild({ given: k.given, family: k.family, ...k.dob, sex: k.sex })(page)
		const m = new RegExp(`^/children/(${ID})$`).exec(new URL(page.url()).pathname)
		if (c(`caseworker adds ${k.given} ${k.family} (born ${k.dob.iso})`, resp?.status() === 200 && !!m, page.url()))
			fixture[k.key] = m[1]
	}
	await context.close()
	if (!REVIEW_CHILDREN.every((k) => fixture[k.key])) return false

	const org = Object.fromEntries(Object.keys(SETTINGS).map((s) => [s, crypto.randomBytes(16).toString('base64url')]))
	const now = new Date().toISOString()
	const q = (s) => `'${String(s).replaceAll("'", "''")}'`
	let r = sqlite([
		...Object.entries(SETTINGS).map(([s, o]) => `INSERT INTO organisation (id, kind, name, la_code, phase, age_from,` +
			` age_to, created_at) VALUES (${q(org[s])}, 'setting', ${q(o.name)}, '202', ${q(o.phase)}, ${o.from}, ${o.to},` +
			` ${q(now)});`),
		...REVIEW_CHILDREN.filter((k) => k.setting).map((k) => `INSERT INTO child_setting (child_id, organisation_id,` +
			` relation, started_on) VALUES (${q(fixture[k.key])}, ${q(org[k.setting])}, 'roll', '2024-09-01');`),
	].join(' '))
	if (!c('sqlite3 adds a primary and a secondary school, and puts Tia and Kai on their rolls', r.status === 0, r.stderr))
		return false
	for (const k of REVIEW_CHILDREN) {
		const plan = reviewPlan(fixture[k.key], `${k.given} ${k.family}`, k.dob.iso)
		const imp = spawnSync(bin, ['plan', 'import', '--db', server.db],
			{ input: JSON.stringify(plan), encoding: 'utf8', timeout: 30_000 })
		const vid = imp.stdout?.trim()
		if (!c(`sendap plan import: ${k.given}'s plan`, imp.status === 0 && new RegExp(`^${ID}$`).test(vid),
			`exit ${imp.status ?? imp.signal}: ${imp.stdout}${imp.stderr}`)) return false
		const iss = spawnSync(bin, ['plan', 'issue', '--db', server.db, '--id', vid], { encoding: 'utf8', timeout: 30_000 })
		if (!c(`sendap plan issue: ${k.given}'s plan`, iss.status === 0, `exit ${iss.status ?? iss.signal}: ${iss.stderr}`))
			return false
		if (k.issuedAgo) {
			r = sqlite(`UPDATE plan_version SET issued_on = ${q(iso(daysAgo(k.issuedAgo)))} WHERE id = ${q(vid)};`)
			if (!c(`sqlite3 dates ${k.given}'s plan ${k.issuedAgo} days ago`, r.status === 0, r.stderr)) return false
		}
	}
	if (!scheduleReviews(server, bin, c)) return false
	r = sqlite(`SELECT child_id || ' ' || id || ' ' || kind FROM review WHERE closed_on IS NULL AND child_id IN` +
		` (${REVIEW_CHILDREN.map((k) => q(fixture[k.key])).join(', ')})`)
	const reviews = Object.fromEntries((r.stdout ?? '').trim().split('\n').filter(Boolean).map((l) => l.split(' '))
		.map(([child, id, kind]) => [child, { id, kind }]))
	const kinds = REVIEW_CHILDREN.map((k) => reviews[fixture[k.key]]?.kind)
	if (!c('one open review each: Tia annual, Kai a phase transfer, Jude annual',
		JSON.stringify(kinds) === JSON.stringify(['annual', 'phase_transfer', 'annual']), r.stderr || JSON.stringify(reviews)))
		return false
	for (const k of REVIEW_CHILDREN) fixture[`${k.key}Review`] = reviews[fixture[k.key]].id

	const u = spawnSync(bin, ['user', 'add', '--db', server.db, '--email', SENCO.email, '--name', SENCO.name, '--role', 'senco',
		'--organisation', org.secondary], { input: PASSWORD + '\n', encoding: 'utf8', timeout: 30_000 })
	if (c('sendap user add senco (Vale Secondary School)', u.status === 0, u.stderr || `exit ${u.status ?? u.signal}`)) {
		const ctx = await browser.newContext({ javaScriptEnabled: false })
		const p = await ctx.newPage()
		await p.goto(server.base + '/sign-in')
		const resp = await submitSignIn({ email: SENCO.email, password: PASSWORD })(p)
		if (c('senco signs in at /sign-in', resp?.status() === 200 && new URL(p.url()).pathname !== '/sign-in',
			`status ${resp?.status()} at ${p.url()}`))
			fixture.sessions.senco = await ctx.storageState()
		await ctx.close()
	}
	return true
}

// scheduleReviews runs `sendap review schedule` on the suite's database
function scheduleReviews(server, bin, c) {
	const r = spawnSync(bin, ['review', 'schedule', '--db', server.db, '--reference', path.join(ROOT, 'reference')],
		{ encoding: 'utf8', timeout: 30_000 })
	return c('sendap review schedule', r.status === 0 && /^\d+ reviews scheduled$/m.test(r.stdout),
		`exit ${r.status ?? r.signal}: ${r.stdout}${r.stderr}`)
}

// driveReview records steps (each [step, fields]) of review fixture[key] through its form
// without JavaScript, as the caseworker, each landing back on the review after a 303.
async function driveReview(browser, base, key, steps, c) {
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions.caseworker })
	try {
		const page = await context.newPage()
		const where = `/reviews/${fixture[key]}`
		for (const [step, f] of steps) {
			await page.goto(base + where)
			const resp = await recordStep(step, f)(page)
			const from = resp?.request().redirectedFrom()
			const via = from ? (await from.response())?.status() : undefined
			if (!c(`the caseworker records the ${step}`, resp?.status() === 200 && new URL(page.url()).pathname === where &&
				via === 303, `${resp?.status()} at ${page.url()} after ${via}`)) return false
		}
		return true
	} finally {
		await context.close()
	}
}

// reviewJourney sets up the fixture, checks REVIEW_PAGES, ceases Kai's plan, checks
// AFTER_PAGES, then follows Jude's review without JavaScript.
async function reviewJourney(browser, server, bin) {
	const ok = await reviewFixture(browser, server, bin)
	const run = async (pages) => {
		for (const p of pages)
			for (const js of p.js === undefined ? [true, false] : [p.js]) {
				const needs = [...at(p.path).matchAll(/\{(\w+)\}/g)].map((m) => m[1])
				if (!ok || needs.length || (p.as && !fixture.sessions[p.as])) {
					check(`${p.name}${js ? '' : ' (no JavaScript)'}: checks ran`, false, 'no review fixture: see its checks')
					continue
				}
				await checkPage(browser, server.base, p, js)
			}
	}
	await run(REVIEW_PAGES)
	const c = checker('review fixture')
	const ceased = ok && await driveReview(browser, server.base, 'kaiReview', [
		['invitations', { date: KAI.invitations }],
		['meeting', meeting(KAI.meeting, false)],
		['report', { date: KAI.report }],
		['decision', { date: KAI.decided, tick: [['decision', 'cease'], ['notice_channel', 'portal']], text: { reasons: KAI.reasons },
			select: { cease_reason: '2' }, reasonOn: KAI.decided }],
	], c)
	if (ok && !ceased) c('Kai\'s plan ceased', false, 'see the steps above')
	await run(AFTER_PAGES.filter((p) => ceased || !p.path.startsWith(CEASE)))
	if (ok) await reviewJourneyWithoutJs(browser, server, bin)
	else check('review journey without JavaScript: journey ran', false, 'no review fixture: see its checks')
	await run([{ name: 'child-reviews', path: '/children/{jude}/reviews', as: 'caseworker', h1: 'Reviews of the plan',
		expect: async (page, { check }) => {
			const rows = Object.entries(await summaryRows(page))
			check('two reviews, the next annual review first, each linked', rows.length === 2 &&
				rows.every(([, v]) => /^\/reviews\/[A-Za-z0-9_-]{22}$/.test(v.change ?? '')) &&
				rows[1][1].value.startsWith('Ended on'),
			JSON.stringify(rows))
		} }])
}

// reviewJourneyWithoutJs: the caseworker, with JavaScript off, opens Jude's reviews, her
// review, records the invitations, the meeting, the report and a decision to maintain;
// the review then says it ended; `sendap review schedule` makes the next annual review,
// due 12 months starting with the meeting, which her list of reviews shows and opens.
async function reviewJourneyWithoutJs(browser, server, bin) {
	const c = checker('review journey without JavaScript')
	const base = server.base
	const JUDE = {
		issued: daysAgo(330),
		invitations: daysAgo(62),
		meeting: daysAgo(41),
		report: daysAgo(33),
		decided: daysAgo(27),
		reasons: 'She is making good progress; the plan still meets her needs.',
	}
	const LIST = at('/children/{jude}/reviews')
	const REVIEW = at('/reviews/{judeReview}')
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions.caseworker })
	const page = await context.newPage()
	const seen = watch(page, { path: REVIEW })
	const here = () => new URL(page.url()).pathname
	const arrived = async (what, resp, where, heading, { via } = {}) => {
		const from = resp?.request().redirectedFrom()
		const redirect = from ? (await from.response())?.status() : undefined
		const got = (await page.locator('h1').textContent().catch(() => null))?.trim()
		return c(what, resp?.status() === 200 && here() === where && got === heading && redirect === via,
			`${resp?.status()} at ${page.url()}${redirect ? ` after a ${redirect}` : ''}, h1 "${got}"`)
	}
	const h2s = async () => (await page.locator('main h2').allTextContents()).map((t) => t.trim())
	const rowsNow = async () => Object.fromEntries(Object.entries(await summaryRows(page)).map(([k, v]) => [k, v.value]))
	try {
		const firstDue = annualDue(JUDE.issued)
		let resp = await page.goto(base + LIST)
		await arrived('her list of reviews opens', resp, LIST, 'Reviews of the plan')
		let rows = await summaryRows(page)
		const first = `Annual review, due by ${firstDue.long}`
		c(`lists one review, "${first}", its next step the invitations`, JSON.stringify(rows) === JSON.stringify({
			[first]: { value: `Next: Send the invitations and advice, by ${before(firstDue, 14).long}`, change: REVIEW } }),
		JSON.stringify(rows))
		resp = await clickTo(page, page.getByRole('link', { name: `View review due by ${firstDue.long}` }))
		await arrived('"View" opens the review', resp, REVIEW, 'Annual review')

		const steps = [
			['invitations', { date: JUDE.invitations }, { 'Invitations and advice sent': JUDE.invitations.long }],
			['meeting', meeting(JUDE.meeting, false), { 'Meeting held': JUDE.meeting.long }],
			['report', { date: JUDE.report }, { 'Report received': JUDE.report.long }],
			['decision', { date: JUDE.decided, tick: [['decision', 'maintain'], ['notice_channel', 'portal']], text: { reasons: JUDE.reasons } },
				{ Decision: `${JUDE.decided.long}: maintain` }],
		]
		for (const [step, f, want] of steps) {
			c(`the form "${STEP_H2[step]}" is there`, (await h2s()).includes(STEP_H2[step]))
			resp = await recordStep(step, f)(page)
			await arrived(`saving the ${step} comes back to the review`, resp, REVIEW, 'Annual review', { via: 303 })
			const got = await rowsNow()
			c(`the review shows ${JSON.stringify(want)}`, Object.entries(want).every(([k, v]) => got[k] === v), JSON.stringify(got))
		}
		const text = await mainText(page)
		c(`the review says "This review ended on ${JUDE.decided.long}."`, text.includes(`This review ended on ${JUDE.decided.long}.`),
			text.slice(0, 300))
		c('with the council\'s reasons, and no form', text.includes(`The council's reasons: ${JUDE.reasons}`) &&
			(await page.locator('main form').count()) === 0)

		if (!scheduleReviews(server, bin, c)) return
		const next = annualDue(JUDE.meeting)
		resp = await page.goto(base + LIST)
		await arrived('her list of reviews opens again', resp, LIST, 'Reviews of the plan')
		rows = await summaryRows(page)
		const keys = Object.keys(rows)
		const nextKey = `Annual review, due by ${next.long}`
		c(`lists the next annual review first, "${nextKey}" (12 months starting with the meeting), then the one that ended`,
			JSON.stringify(keys) === JSON.stringify([nextKey, first]) &&
			rows[nextKey].value === `Next: Send the invitations and advice, by ${before(next, 14).long}` &&
			rows[first].value === `Ended on ${JUDE.decided.long}` && rows[first].change === REVIEW &&
			/^\/reviews\/[A-Za-z0-9_-]{22}$/.test(rows[nextKey].change ?? '') && rows[nextKey].change !== REVIEW,
		JSON.stringify(rows))
		if (rows[nextKey]) {
			resp = await clickTo(page, page.getByRole('link', { name: `View review due by ${next.long}` }))
			await arrived('"View" opens the next review', resp, rows[nextKey].change, 'Annual review')
			const got = await rowsNow()
			c('its invitations not yet sent, and their form', got['Invitations and advice sent'] === 'Not yet' &&
				(await h2s()).includes(STEP_H2.invitations), JSON.stringify(got))
		}
	} catch (e) {
		c('journey ran to the end', false, e.message.split('\n')[0])
	} finally {
		await context.close()
	}
	c('stylesheets, scripts, images and fonts all 200', seen.assetFailures.length === 0, seen.assetFailures.join(', '))
	c('no console errors', seen.consoleErrors.length === 0, seen.consoleErrors.join('; '))
}

// ---------------------------------------------------------------- placements
//
// After the reviews: the settings directory, a child's school or college, consultations,
// the LA's settings and sufficiency. placementFixture puts postcodes and five settings
// near Amara's home with sqlite3 (coordinates, URNs, kinds, designations), a child in
// another LA (Greenwich, which never has tailored lists) linked to the parent, and has the
// caseworker consult a setting about Amara through the form. PLACEMENT_PAGES are checked
// as PAGES are, with and without JavaScript, while Camden's tailored lists are off. Then
// placementJourney, with JavaScript off: the manager records the local inclusion plan as
// signed off and switches lists on; the caseworker makes Amara a list; the parent, who
// always sees the right to ask for mainstream, asks for a setting not on the list by its
// URN, chooses one from it, and asks for mainstream with none named; the caseworker agrees
// to one request, and the parent sees the answer. PLACEMENT_AFTER checks the pages in the
// states the journey left.

const PLACEMENT_H1 = 'School or college'
const DIRECTORY_H1 = 'Find a school, college or other setting'
const HOME = { postcode: 'NW1 2AB', lat: 51534500, lon: -140000 } // Amara's (makeFixture gives her "nw1 2ab")
const MILE_LAT = 14493 // millionths of a degree of latitude in a mile
// the settings placementFixture adds, all in Camden (202), each `north` miles north of
// Amara's home (south when negative). Amara (born 27 March 2015, ASD) is 12 or more at the
// next September, so the list takes A, B, C and E, in that order: mainstream, the one
// designated for ASD first; then state special; then independent. D is special but
// designated for SLD and PMLD only, so it is left off: the family asks for it by its URN.
const PLACES = {
	A: { urn: '900101', name: 'Regent Park Academy', type: '34', phase: '4', from: 11, to: 18, north: 0.7,
		capacity: 1200, ofsted: 'good', needs: [] },
	B: { urn: '900102', name: 'Kentish Town Community School', type: '01', phase: '4', from: 11, to: 16, north: 1.4,
		capacity: 900, ofsted: 'requires_improvement', rp: 12, needs: ['ASD', 'SLCN'] },
	C: { urn: '900103', name: 'Camden Heath School', type: '07', phase: '7', from: 4, to: 19, north: -2.1, capacity: 80,
		ofsted: 'outstanding', needs: ['ASD'], postcode: 'NW5 1AA', report: 'https://example.org/camden-heath/sen-report' },
	D: { urn: '900104', name: 'Primrose Special School', type: '07', phase: '4', from: 11, to: 19, north: 2.8, capacity: 60,
		ofsted: 'good', needs: ['SLD', 'PMLD'] },
	E: { urn: '900105', name: 'Belsize Independent Special School', type: '10', phase: '7', from: 7, to: 19, north: -3.5,
		capacity: 40, ofsted: 'good', needs: ['ASD'] },
}
const LIST_ORDER = ['B', 'A', 'C', 'E'].map((k) => PLACES[k].name)
const KIND_LABEL = { A: 'Mainstream', B: 'Mainstream with a SEN unit or resourced provision', C: 'Special school',
	E: 'Independent or non-maintained special school' }
const OTHER_LA_CHILD = { given: 'Ola', family: 'Berg', la: '203' } // Greenwich
const CHILD_PLACEMENT = '/children/{child}/placement'
const MAINSTREAM_RIGHT = 'You can ask for a mainstream school or college'
const SIGNED_OFF_BY = 'Dee Rowe (DfE Regions Group, London)'
const ASK_REASONS = 'She knows two children there and the school is on her bus route.'
const AGREED_REASONS = 'The council agrees: the school can meet her needs and has a place.'
const LISTS_REFUSED = 'Tailored lists can be switched on only when the local inclusion plan is signed off by the DfE ' +
	'Regions Group'

// readPlacement: what the child's placement page shows: the right to ask for mainstream
// (#mainstream-right: its text and whether it is visible), the h2s, the tailored list's
// items (name, link, reasons, tag, whether it has a "Choose this one" button), the
// family's requests (each summary list under "What the family has asked for"), and the
// forms posting to the placement.
async function readPlacement(page) {
	const got = await page.evaluate(() => {
		const right = document.getElementById('mainstream-right')
		const h2s = [...document.querySelectorAll('main h2')]
		const section = (title) => {
			const h = h2s.find((x) => x.textContent.trim() === title)
			const out = []
			for (let el = h?.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) out.push(el)
			return out
		}
		const list = section('A list of suitable settings').flatMap((el) => el.matches('ol') ? [...el.children] : [])
			.map((li) => ({
				name: li.querySelector('a')?.textContent.trim(),
				href: li.querySelector('a')?.getAttribute('href'),
				reasons: li.querySelector('p')?.textContent.trim(),
				tag: li.querySelector('.govuk-tag')?.textContent.trim() ?? null,
				choose: [...li.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Choose this one'),
			}))
		const requests = section('What the family has asked for').filter((el) => el.matches('.govuk-summary-list'))
			.map((dl) => Object.fromEntries([...dl.querySelectorAll('.govuk-summary-list__row')].map((r) => [
				r.querySelector('.govuk-summary-list__key')?.textContent.trim(),
				r.querySelector('.govuk-summary-list__value')?.textContent.trim(),
			])))
		return {
			right: right ? right.textContent.replace(/\s+/g, ' ').trim() : null,
			h2s: h2s.map((x) => x.textContent.trim()),
			list,
			requests,
			listText: section('A list of suitable settings').map((el) => el.textContent.trim()).join(' '),
			requestsText: section('What the family has asked for').map((el) => el.textContent.trim()).join(' '),
			forms: [...document.querySelectorAll('main form')].map((f) => f.getAttribute('action')),
		}
	})
	got.rightVisible = await page.locator('#mainstream-right').isVisible()
	return got
}

// placementShows checks the child's placement page: the right to ask for mainstream, seen;
// the list section (list: false, none; 'none yet'; or the names in order, with `chosen`
// tagged and, for the family, a "Choose this one" button on each other); the requests
// (each an object of the rows wanted, matched in any order); and the forms for the role.
function placementShows({ list = false, chosen = null, family = false, requests, consulted }) {
	return async (page, o) => {
		const got = await readPlacement(page)
		o.check(`#mainstream-right is visible and says "${MAINSTREAM_RIGHT}"`,
			got.rightVisible && got.right?.startsWith(MAINSTREAM_RIGHT + '. The council must name one if you ask'),
			JSON.stringify(got.right))
		const hasList = got.h2s.includes('A list of suitable settings')
		if (list === false) o.check('no tailored list (the LA has them off)', !hasList, JSON.stringify(got.h2s))
		else if (list === 'none yet')
			o.check('the list section says no list has been made yet', hasList && got.listText.startsWith('No list has been made yet.') &&
				got.list.length === 0, got.listText)
		else {
			const want = list.map((name) => ({ name, chosen: name === chosen, choose: family && name !== chosen }))
			const have = got.list.map((x) => ({ name: x.name, chosen: x.tag === 'Chosen', choose: x.choose }))
			o.check(`the list: ${list.join(', ')}${chosen ? `; "${chosen}" tagged "Chosen"` : ''}` +
				(family ? '; "Choose this one" on each other' : '; no "Choose this one" buttons'),
			JSON.stringify(have) === JSON.stringify(want), JSON.stringify(got.list))
			o.check('each listed setting links to its page and gives its reasons', got.list.every((x) =>
				/^\/settings\/[A-Za-z0-9_-]{22}$/.test(x.href ?? '') && /; [\d.]+ miles from home; .*Ofsted: /.test(x.reasons ?? '')),
			JSON.stringify(got.list))
		}
		if (requests) {
			const missing = requests.filter((w) => !got.requests.some((r) => Object.entries(w).every(([k, v]) =>
				v instanceof RegExp ? v.test(r[k] ?? '') : r[k] === v)))
			o.check(`"What the family has asked for" lists ${requests.length} request(s) as wanted`,
				missing.length === 0 && got.requests.length === requests.length, JSON.stringify(got.requests))
		}
		if (consulted) {
			const rows = await page.evaluate(() => [...document.querySelectorAll('main table tbody tr')].map((r) =>
				[...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())))
			o.check(`the consultations table has ${consulted}, sent today, waiting`, rows.some((r) => r[0] === consulted &&
				r[1] === daysAgo(0).long && r[3] === 'Waiting'), JSON.stringify(rows))
			await tablesInRegions(page, o)
		}
		const officerForms = ['/placement/consult', '/placement/name']
		const ask = got.forms.some((f) => f.endsWith('/placement/preference'))
		const officer = officerForms.every((x) => got.forms.some((f) => f.endsWith(x)))
		o.check(family ? 'the "Ask for a school or college" form, and no officer\'s forms'
			: 'the ask form, and the forms to consult a setting and name one', ask && officer === !family,
		JSON.stringify(got.forms))
		await idsUnique()(page, o)
	}
}

// directoryShows checks the directory's count, and its cards in order (names), each with
// its distance when `near`.
function directoryShows({ count, names, near, includes = [] }) {
	return async (page, { check }) => {
		const got = await page.evaluate(() => ({
			count: [...document.querySelectorAll('main p')].map((p) => p.textContent.trim()).find((t) => / match(es)?\.$/.test(t)),
			cards: [...document.querySelectorAll('main .govuk-summary-card')].map((c) => ({
				name: c.querySelector('.govuk-summary-card__title a')?.textContent.trim(),
				href: c.querySelector('.govuk-summary-card__title a')?.getAttribute('href'),
				distance: [...c.querySelectorAll('.govuk-summary-list__row')].find((r) =>
					r.querySelector('.govuk-summary-list__key')?.textContent.trim() === 'Distance')
					?.querySelector('.govuk-summary-list__value')?.textContent.trim() ?? null,
			})),
		}))
		if (count !== undefined)
			check(`says "${count}"`, got.count === count, got.count)
		if (names)
			check(`lists ${names.join(', ')}, in that order`, JSON.stringify(got.cards.map((c) => c.name)) ===
				JSON.stringify(names), JSON.stringify(got.cards.map((c) => c.name)))
		for (const n of includes) check(`lists "${n}"`, got.cards.some((c) => c.name === n))
		check('each card links to the setting\'s page', got.cards.length > 0 &&
			got.cards.every((c) => /^\/settings\/[A-Za-z0-9_-]{22}$/.test(c.href ?? '')), JSON.stringify(got.cards.slice(0, 3)))
		if (near) {
			const miles = got.cards.map((c) => Number(/^([\d.]+) miles$/.exec(c.distance ?? '')?.[1]))
			check('each says how far it is, nearest first', miles.every((m, i) => m >= 0 && (i === 0 || m >= miles[i - 1])),
				JSON.stringify(got.cards.map((c) => c.distance)))
		}
	}
}

// searchSettings fills the directory's search form ({ q, kind, near }) and sends it (a GET)
function searchSettings(f) {
	return async (page) => {
		if (f.q !== undefined) await page.fill('#q', f.q)
		if (f.kind !== undefined) await page.selectOption('#kind', f.kind)
		if (f.near !== undefined) await page.fill('#near', f.near)
		return clickTo(page, page.getByRole('button', { name: 'Search', exact: true }))
	}
}

const PLACEMENT_PAGES = [
	{
		name: 'settings-directory',
		path: '/settings',
		h1: DIRECTORY_H1,
		expect: async (page, o) => {
			await directoryShows({ includes: Object.values(PLACES).map((p) => p.name) })(page, o)
			const got = await page.evaluate(() => ({
				signedIn: [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Sign out'),
				labels: ['q', 'kind', 'need', 'age', 'near'].map((id) => document.querySelector(`label[for="${id}"]`)?.textContent.trim()),
			}))
			o.check('open to anyone: nobody is signed in', !got.signedIn)
			o.check('a labelled field for name, kind, need, age and postcode', got.labels.every(Boolean), JSON.stringify(got.labels))
		},
	},
	{
		name: 'settings-search',
		path: '/settings',
		h1: DIRECTORY_H1,
		act: searchSettings({ kind: 'special', near: 'nw1 2ab' }),
		expect: async (page, o) => {
			await directoryShows({ count: '2 settings match.', names: [PLACES.C.name, PLACES.D.name], near: true })(page, o)
			const q = new URL(page.url()).searchParams
			o.check('the search is in the address (a GET form)', q.get('kind') === 'special' && q.get('near') === 'nw1 2ab',
				page.url())
		},
	},
	{
		name: 'settings-unknown-postcode',
		path: '/settings',
		h1: DIRECTORY_H1,
		act: searchSettings({ near: 'ZZ9 9ZZ' }),
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ near: 'We do not know where that postcode is: try a nearby one' })(page, o)
			o.check('the form keeps the postcode typed', (await page.inputValue('#near')) === 'ZZ9 9ZZ')
		},
	},
	{
		name: 'setting-page',
		path: '/settings/{settingC}',
		h1: PLACES.C.name,
		expect: async (page, { check }) => {
			const rows = await summaryRows(page)
			const v = Object.fromEntries(Object.entries(rows).map(([k, x]) => [k, x.value]))
			check('its kind, phase, ages, designation, places, Ofsted grade, postcode and LA', JSON.stringify(v) === JSON.stringify({
				Kind: 'Special school', Phase: 'All-through', Ages: '4 to 19', 'Designated for': 'ASD', Places: '80 places, 0 filled', Ofsted: 'Outstanding',
				Postcode: 'NW5 1AA', 'Local authority': 'Camden' }), JSON.stringify(v))
			check('links to its SEN information report',
				(await page.getByRole('link', { name: 'Its SEN information report (on its own website)' }).getAttribute('href')) ===
					PLACES.C.report)
		},
	},
	{
		name: 'placement-caseworker',
		path: CHILD_PLACEMENT,
		as: 'caseworker',
		h1: PLACEMENT_H1,
		expect: placementShows({ requests: [], consulted: PLACES.C.name }),
	},
	{
		name: 'placement-parent',
		path: CHILD_PLACEMENT,
		as: 'parent',
		h1: PLACEMENT_H1,
		expect: placementShows({ family: true, requests: [] }),
	},
	{
		name: 'placement-ask-empty',
		path: CHILD_PLACEMENT,
		as: 'parent',
		h1: PLACEMENT_H1,
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Send', exact: true })),
		postTo: CHILD_PLACEMENT + '/preference',
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ ask: 'Choose what you are asking for' })(page, o)
			await idsUnique()(page, o)
		},
	},
	{
		name: 'consultations',
		path: '/placements/consultations',
		as: 'caseworker',
		h1: 'Consultations waiting for an answer',
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				cards: [...document.querySelectorAll('main .govuk-summary-card')].map((c) => ({
					title: c.querySelector('.govuk-summary-card__title')?.textContent.trim(),
					link: c.querySelector('a')?.getAttribute('href'),
				})),
				text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
			}))
			check('a card for Amara Okafor linking to its answer page', got.cards.some((c) => c.title === 'Amara Okafor' &&
				c.link === at('/placements/consultations/{consultation}')), JSON.stringify(got.cards))
			check('counts them: "1 waiting, 0 overdue"', got.text.includes('1 waiting, 0 overdue'), got.text.slice(0, 300))
		},
	},
	{
		name: 'consultation-answer',
		path: '/placements/consultations/{consultation}',
		as: 'caseworker',
		h1: 'Answer a consultation',
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				answers: [...document.querySelectorAll('input[name="answer"]')].map((i) => i.value),
				grounds: [...document.querySelectorAll('input[name="ground"]')].map((i) =>
					document.querySelector(`label[for="${i.id}"]`)?.textContent.trim()),
				text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
			}))
			check('can meet or cannot, and the three statutory grounds', JSON.stringify(got.answers) ===
				JSON.stringify(['can_meet', 'cannot_meet']) && got.grounds.length === 3 && got.grounds.every(Boolean),
			JSON.stringify(got))
			check(`names the setting and the day the answer is due (${daysAgo(-15).long})`,
				got.text.includes(`${PLACES.C.name} is asked whether it can meet the needs in the draft plan, by ${daysAgo(-15).long}.`),
				got.text.slice(0, 300))
		},
	},
	{
		name: 'consultation-answer-no-ground',
		path: '/placements/consultations/{consultation}',
		as: 'caseworker',
		h1: 'Answer a consultation',
		act: async (page) => {
			await page.check('input[name="answer"][value="cannot_meet"]')
			await page.fill('#reasons', 'We have no places left this year.')
			return clickTo(page, page.getByRole('button', { name: 'Send the answer' }))
		},
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ ground: 'A refusal must give one of the statutory grounds' })(page, o)
			const kept = await page.evaluate(() => ({
				answer: document.querySelector('input[name="answer"][value="cannot_meet"]')?.checked,
				reasons: document.getElementById('reasons')?.value,
			}))
			o.check('the form keeps what was ticked and typed', kept.answer && kept.reasons === 'We have no places left this year.',
				JSON.stringify(kept))
		},
	},
	{
		name: 'placement-settings',
		path: '/placements/settings',
		as: 'la_manager',
		h1: 'Placements: settings for your area',
		expect: async (page, { check }) => {
			const text = await mainText(page)
			check('the plan is not recorded and lists are off', text.includes('Not recorded.') &&
				text.includes('Off. They can be switched on only once the local inclusion plan is signed off'), text.slice(0, 400))
		},
	},
	{
		name: 'placement-settings-lists-refused',
		path: '/placements/settings',
		as: 'la_manager',
		h1: 'Placements: settings for your area',
		act: async (page) => {
			await page.check('input[name="lists"][value="on"]')
			return clickTo(page, page.getByRole('button', { name: 'Save', exact: true }))
		},
		postTo: '/placements/settings/lists',
		status: 422,
		expect: errorSummary({ lists: LISTS_REFUSED }),
	},
	{
		name: 'placement-sufficiency',
		path: '/placements/sufficiency',
		as: 'caseworker',
		h1: 'Sufficiency of places',
		expect: async (page, o) => {
			const got = await page.evaluate(() => ({
				caption: document.querySelector('main table caption')?.textContent.trim(),
				rows: [...document.querySelectorAll('main table tbody tr')].map((r) =>
					[...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
				h2s: [...document.querySelectorAll('main h2')].map((h) => h.textContent.trim()),
			}))
			// ASD: B's 12 resourced places, C's 80 and E's 40; Amara has a plan for ASD
			const asd = got.rows.find((r) => r[0] === 'Autistic spectrum disorder')
			o.check('the table of places and plans by need: ASD has 132 designated places and at least one plan',
				got.caption === 'Places and plans by need' && asd?.[1] === '132' && Number(asd?.[2]) >= 1 &&
				Number(asd?.[3]) === 132 - Number(asd?.[2]), JSON.stringify(got.rows))
			o.check('a section on how far children travel', got.h2s.includes('How far children travel'), JSON.stringify(got.h2s))
			o.check('links to the CSV', (await page.getByRole('link', { name: /^Download the specialist places/ })
				.getAttribute('href')) === '/placements/sufficiency.csv')
			await tablesInRegions(page, o)
		},
	},
]

// the pages in the states the journey leaves
const PLACEMENT_AFTER = [
	{
		name: 'placement-settings-on',
		path: '/placements/settings',
		as: 'la_manager',
		h1: 'Placements: settings for your area',
		expect: async (page, { check }) => {
			const text = await mainText(page)
			check('the plan signed off, and lists on', text.includes(`Signed off by ${SIGNED_OFF_BY} on `) &&
				text.includes('On: caseworkers can make a list of suitable settings for a child.'), text.slice(0, 400))
		},
	},
	{
		name: 'placement-parent-list',
		path: CHILD_PLACEMENT,
		as: 'parent',
		h1: PLACEMENT_H1,
		expect: placementShows({ list: LIST_ORDER, chosen: PLACES.C.name, family: true, requests: [
			{ 'Asked for': PLACES.D.name, Why: ASK_REASONS },
			{ 'Asked for': PLACES.C.name, Why: 'Chosen from the list of suitable settings' },
			{ 'Asked for': 'A mainstream school or college (none named)', Why: 'Not given' },
		] }),
	},
	{
		name: 'placement-caseworker-list',
		path: CHILD_PLACEMENT,
		as: 'caseworker',
		h1: PLACEMENT_H1,
		expect: async (page, o) => {
			await placementShows({ list: LIST_ORDER, chosen: PLACES.C.name, consulted: PLACES.C.name })(page, o)
			o.check('offers "Make the list again"', await page.getByRole('button', { name: 'Make the list again' }).isVisible())
			o.check('one form to answer a request still waiting',
				(await page.locator('main form[action*="/placement/preference/"]').count()) === 1)
		},
	},
	{
		// Sam Patel has no home postcode: the list cannot be made. There is no field to
		// fix, but the error summary's link must still lead somewhere on the page.
		name: 'placement-list-no-postcode',
		path: '/children/{child2}/placement',
		as: 'caseworker',
		h1: PLACEMENT_H1,
		act: async (page) => clickTo(page, page.getByRole('button', { name: 'Make a list of suitable settings' })),
		postTo: '/children/{child2}/placement/list',
		status: 422,
		expect: async (page, { check }) => {
			const s = await page.evaluate(() => ({
				title: document.title,
				links: [...document.querySelectorAll('.govuk-error-summary a')].map((a) => ({
					href: a.getAttribute('href'),
					text: a.textContent.trim(),
					target: !!document.getElementById(a.getAttribute('href').slice(1)),
				})),
			}))
			check('title starts "Error: "', s.title.startsWith('Error: '), s.title)
			check('the error summary says the home postcode is not known', s.links.length === 1 && s.links[0].text ===
				'The child\'s home postcode is not known, or not in the postcode file: add it to the record first',
			JSON.stringify(s.links))
			check('the error summary\'s link points at something on the page', s.links.every((l) => l.target),
				JSON.stringify(s.links))
		},
	},
	{
		name: 'placement-other-la',
		path: '/children/{olaChild}/placement',
		as: 'parent',
		h1: PLACEMENT_H1,
		expect: placementShows({ family: true, requests: [] }),
	},
]

// placementFixture: the postcodes, the settings and their designations, a child in another
// LA linked to the parent (sqlite3), and the caseworker's consultation of Camden Heath
// School about Amara (through the form, without JavaScript).
async function placementFixture(browser, server) {
	const c = checker('placement fixture')
	if (!fixture.child || !fixture.sessions.caseworker) return c('a child and a caseworker session', false, 'see the fixture\'s checks')
	const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replaceAll("'", "''")}'`)
	const now = new Date().toISOString()
	const ids = Object.fromEntries(Object.keys(PLACES).map((k) => [k, crypto.randomBytes(16).toString('base64url')]))
	const ola = crypto.randomBytes(16).toString('base64url')
	const sql = [
		`INSERT OR REPLACE INTO postcode (postcode, lat_e6, lon_e6) VALUES (${q(HOME.postcode)}, ${HOME.lat}, ${HOME.lon});`,
		...Object.entries(PLACES).flatMap(([k, p]) => [
			`INSERT INTO organisation (id, kind, name, la_code, urn, setting_type, phase, age_from, age_to, postcode, capacity,` +
			` sen_unit, resourced_provision, sen_places, ofsted, sen_report_url, lat_e6, lon_e6, created_at) VALUES (${q(ids[k])},` +
			` 'setting', ${q(p.name)}, '202', ${q(p.urn)}, ${q(p.type)}, ${q(p.phase)}, ${p.from}, ${p.to}, ${q(p.postcode)},` +
			` ${p.capacity}, 0, ${p.rp ? 1 : 0}, ${p.rp ?? 'NULL'}, ${q(p.ofsted)}, ${q(p.report)},` +
			` ${HOME.lat + Math.round(p.north * MILE_LAT)}, ${HOME.lon}, ${q(now)});`,
			...p.needs.map((n) => `INSERT INTO organisation_need (organisation_id, need_code) VALUES (${q(ids[k])}, ${q(n)});`),
		]),
		`INSERT INTO child (id, given_name, family_name, search_given, search_family, date_of_birth, sex, la_code, sen_status,` +
		` primary_need, created_at, updated_at) VALUES (${q(ola)}, ${q(OTHER_LA_CHILD.given)}, ${q(OTHER_LA_CHILD.family)},` +
		` ${q(OTHER_LA_CHILD.given.toLowerCase())}, ${q(OTHER_LA_CHILD.family.toLowerCase())}, '2014-05-09', 'F',` +
		` ${q(OTHER_LA_CHILD.la)}, 'ehcp', 'SLCN', ${q(now)}, ${q(now)});`,
		`INSERT INTO family_link (family_member_id, child_id, relationship) SELECT id, ${q(ola)}, 'mother' FROM user_account` +
		` WHERE email = 'parent@example.com';`,
		`SELECT postcode FROM child WHERE id = ${q(fixture.child)};`,
	].join(' ')
	const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, sql], { encoding: 'utf8', timeout: 10_000 })
	if (!c(`sqlite3 adds the postcode ${HOME.postcode} and five settings near it, and ${OTHER_LA_CHILD.given} ${OTHER_LA_CHILD.family}` +
		` (Greenwich) linked to the parent`, r.status === 0, r.stderr || r.error?.message)) return false
	c(`Amara's home postcode is kept as "${HOME.postcode}"`, r.stdout.trim() === HOME.postcode, r.stdout)
	fixture.settingC = ids.C
	fixture.olaChild = ola

	const context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions.caseworker })
	try {
		const page = await context.newPage()
		await page.goto(server.base + at(CHILD_PLACEMENT))
		await page.fill('#consult_setting', PLACES.C.urn)
		const resp = await clickTo(page, page.getByRole('button', { name: 'Send the consultation' }))
		const from = resp?.request().redirectedFrom()
		const via = from ? (await from.response())?.status() : undefined
		c(`the caseworker consults ${PLACES.C.name} by its URN (303 back to the page)`, resp?.status() === 200 && via === 303 &&
			new URL(page.url()).pathname === at(CHILD_PLACEMENT), `${resp?.status()} at ${page.url()} after ${via}`)
	} finally {
		await context.close()
	}
	const k = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, `SELECT id FROM placement_consultation WHERE child_id = ${q(fixture.child)}`],
		{ encoding: 'utf8', timeout: 10_000 })
	const cid = k.stdout?.trim()
	if (c('one consultation recorded', k.status === 0 && new RegExp(`^${ID}$`).test(cid), k.stderr || cid))
		fixture.consultation = cid
	return true
}

// placementJourney: see the top of this section
async function placementJourney(browser, server) {
	const ok = await placementFixture(browser, server)
	const run = async (pages) => {
		for (const p of pages)
			for (const js of [true, false]) {
				const needs = [...at(p.path).matchAll(/\{(\w+)\}/g)].map((m) => m[1])
				if (!ok || needs.length || (p.as && !fixture.sessions[p.as])) {
					check(`${p.name}${js ? '' : ' (no JavaScript)'}: checks ran`, false, 'no placement fixture: see its checks')
					continue
				}
				await checkPage(browser, server.base, p, js)
			}
	}
	await run(PLACEMENT_PAGES)
	if (ok) await placementJourneyWithoutJs(browser, server)
	else check('placement journey without JavaScript: journey ran', false, 'no placement fixture: see its checks')
	await run(PLACEMENT_AFTER)
}

async function placementJourneyWithoutJs(browser, server) {
	const c = checker('placement journey without JavaScript')
	const PAGE = at(CHILD_PLACEMENT)
	const SETTINGS_PAGE = '/placements/settings'
	const seen = []
	let context
	let page
	const as = async (role) => {
		if (context) await context.close()
		context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions[role] })
		page = await context.newPage()
		seen.push(watch(page, { path: PAGE }))
	}
	const arrived = async (what, resp, where, heading, { via } = {}) => {
		const from = resp?.request().redirectedFrom()
		const redirect = from ? (await from.response())?.status() : undefined
		const got = (await page.locator('h1').textContent().catch(() => null))?.trim()
		return c(what, resp?.status() === 200 && new URL(page.url()).pathname === where && got === heading && redirect === via,
			`${resp?.status()} at ${page.url()}${redirect ? ` after a ${redirect}` : ''}, h1 "${got}"`)
	}
	const button = (name, scope = page) => clickTo(page, scope.getByRole('button', { name, exact: true }))
	const rightSeen = async (when) => {
		const got = await readPlacement(page)
		c(`${when}: #mainstream-right is visible and says "${MAINSTREAM_RIGHT}"`, got.rightVisible &&
			got.right?.includes(MAINSTREAM_RIGHT), JSON.stringify(got.right))
		return got
	}
	const ask = async (what, f) => {
		await page.check(`input[name="ask"][value="${f.ask}"]`)
		if (f.setting) await page.fill('#setting', f.setting)
		if (f.reasons) await page.fill('#reasons', f.reasons)
		const resp = await button('Send')
		await arrived(`the parent asks for ${what}: back to the page`, resp, PAGE, PLACEMENT_H1, { via: 303 })
		return readPlacement(page)
	}
	const hasRequest = (got, want) => got.requests.some((r) => Object.entries(want).every(([k, v]) => r[k] === v))
	try {
		// ---- the manager: the local inclusion plan signed off, then lists on ----
		await as('la_manager')
		let resp = await page.goto(server.base + SETTINGS_PAGE)
		await arrived('the manager opens the placement settings', resp, SETTINGS_PAGE, 'Placements: settings for your area')
		await page.check('input[name="status"][value="signed_off"]')
		await page.fill('#signed_off_by', SIGNED_OFF_BY)
		resp = await button('Save the plan\'s status')
		await arrived('recording the plan as signed off comes back to the settings', resp, SETTINGS_PAGE,
			'Placements: settings for your area', { via: 303 })
		let text = await mainText(page)
		c(`says "Signed off by ${SIGNED_OFF_BY} on …"`, text.includes(`Signed off by ${SIGNED_OFF_BY} on `), text.slice(0, 300))
		await page.check('input[name="lists"][value="on"]')
		resp = await button('Save')
		await arrived('switching tailored lists on comes back to the settings', resp, SETTINGS_PAGE,
			'Placements: settings for your area', { via: 303 })
		text = await mainText(page)
		c('says lists are on', text.includes('On: caseworkers can make a list of suitable settings for a child.'), text.slice(0, 400))

		// ---- the parent, before any list is made ----
		await as('parent')
		resp = await page.goto(server.base + PAGE)
		await arrived('the parent opens the child\'s placement page', resp, PAGE, PLACEMENT_H1)
		let got = await rightSeen('before any list is made')
		c('the list section says no list has been made yet', got.h2s.includes('A list of suitable settings') &&
			got.listText.startsWith('No list has been made yet.'), JSON.stringify(got.h2s) + got.listText)

		// ---- the caseworker makes the list ----
		await as('caseworker')
		resp = await page.goto(server.base + PAGE)
		await arrived('the caseworker opens the child\'s placement page', resp, PAGE, PLACEMENT_H1)
		resp = await button('Make a list of suitable settings')
		await arrived('"Make a list of suitable settings" comes back to the page', resp, PAGE, PLACEMENT_H1, { via: 303 })
		got = await readPlacement(page)
		c(`the list, in order: ${LIST_ORDER.join(', ')} (${PLACES.D.name}, designated for SLD and PMLD only, left off)`,
			JSON.stringify(got.list.map((x) => x.name)) === JSON.stringify(LIST_ORDER), JSON.stringify(got.list))
		c('each entry\'s reasons start with its kind; the ASD designations are named',
			got.list.length === 4 && ['B', 'A', 'C', 'E'].every((k, i) => got.list[i].reasons?.startsWith(KIND_LABEL[k] + ';')) &&
			[0, 2, 3].every((i) => got.list[i].reasons.includes('; designated for ASD;')) &&
			!got.list[1].reasons.includes('designated'), JSON.stringify(got.list.map((x) => x.reasons)))
		c('the list says when it was made and that the family can ask for any other', got.listText.startsWith(
			`Made on ${daysAgo(0).long}. You can choose one of these, or ask for any other school or college, including a ` +
			'mainstream one.'), got.listText.slice(0, 200))
		c('no "Choose this one" buttons for the caseworker', got.list.every((x) => !x.choose))

		// ---- the parent: the right, the list, a setting not on it, a choice from it, mainstream ----
		await as('parent')
		resp = await page.goto(server.base + PAGE)
		await arrived('the parent opens the page with the list', resp, PAGE, PLACEMENT_H1)
		got = await rightSeen('with the list')
		c('the list with a "Choose this one" button on each', JSON.stringify(got.list.map((x) => [x.name, x.choose])) ===
			JSON.stringify(LIST_ORDER.map((n) => [n, true])), JSON.stringify(got.list))
		c('nothing asked for yet', got.requests.length === 0 && got.requestsText === 'Nothing yet.', got.requestsText)

		got = await ask(`${PLACES.D.name} by its URN (not on the list)`, { ask: 'setting', setting: PLACES.D.urn, reasons: ASK_REASONS })
		c(`"What the family has asked for" shows ${PLACES.D.name}, its reasons, not answered yet`, hasRequest(got, {
			'Asked for': PLACES.D.name, Why: ASK_REASONS, 'The council\'s answer': 'Not answered yet' }), JSON.stringify(got.requests))

		resp = await button('Choose this one', page.locator('main ol > li', { hasText: PLACES.C.name }))
		await arrived(`choosing ${PLACES.C.name} from the list comes back to the page`, resp, PAGE, PLACEMENT_H1, { via: 303 })
		got = await readPlacement(page)
		const chosen = got.list.find((x) => x.name === PLACES.C.name)
		c(`${PLACES.C.name} is tagged "Chosen", with no button; the others keep theirs`, chosen?.tag === 'Chosen' && !chosen.choose &&
			got.list.filter((x) => x !== chosen).every((x) => x.choose && x.tag === null), JSON.stringify(got.list))
		c('the choice is among the requests', hasRequest(got, { 'Asked for': PLACES.C.name,
			Why: 'Chosen from the list of suitable settings', 'The council\'s answer': 'Not answered yet' }), JSON.stringify(got.requests))

		got = await ask('"A mainstream school or college, none named"', { ask: 'mainstream' })
		c('"A mainstream school or college (none named)" is listed', hasRequest(got, {
			'Asked for': 'A mainstream school or college (none named)', 'The council\'s answer': 'Not answered yet' }),
		JSON.stringify(got.requests))
		c('three requests in all', got.requests.length === 3, JSON.stringify(got.requests))
		await rightSeen('after asking')

		// ---- the caseworker answers one request ----
		await as('caseworker')
		resp = await page.goto(server.base + PAGE)
		await arrived('the caseworker opens the page again', resp, PAGE, PLACEMENT_H1)
		const form = page.locator('main form[action*="/placement/preference/"]')
		c('one answer form, for one request waiting', (await form.count()) === 1, `${await form.count()} forms`)
		// the request the form answers: the summary list just before it
		const answering = await form.evaluate((f) => {
			const dl = f.previousElementSibling
			return [...dl.querySelectorAll('.govuk-summary-list__row')].find((r) =>
				r.querySelector('.govuk-summary-list__key')?.textContent.trim() === 'Asked for')
				?.querySelector('.govuk-summary-list__value')?.textContent.trim()
		})
		c('the form follows a request', !!answering, answering)
		await form.locator('input[name="answer"][value="agreed"]').check()
		await form.locator('#la_reasons').fill(AGREED_REASONS)
		resp = await button('Record the answer', form)
		await arrived(`agreeing to "${answering}" comes back to the page`, resp, PAGE, PLACEMENT_H1, { via: 303 })

		// ---- the parent sees the answer ----
		await as('parent')
		resp = await page.goto(server.base + PAGE)
		await arrived('the parent opens the page again', resp, PAGE, PLACEMENT_H1)
		got = await rightSeen('after the answer')
		c(`the parent sees the council's answer to "${answering}": "Agreed: ${AGREED_REASONS}"`, hasRequest(got, {
			'Asked for': answering, 'The council\'s answer': `Agreed: ${AGREED_REASONS}` }), JSON.stringify(got.requests))
		c('the other two still wait', got.requests.filter((r) => r['The council\'s answer'] === 'Not answered yet').length === 2,
			JSON.stringify(got.requests))
	} catch (e) {
		c('journey ran to the end', false, e.message.split('\n')[0])
	} finally {
		if (context) await context.close()
	}
	const assets = seen.flatMap((s) => s.assetFailures)
	const errors = seen.flatMap((s) => s.consoleErrors)
	c('stylesheets, scripts, images and fonts all 200', assets.length === 0, assets.join(', '))
	c('no console errors', errors.length === 0, errors.join('; '))
}

// ---------------------------------------------------------------- disagreeing with a decision
//
// Last: /children/{remi}/disagree and the LA's /redress/orders. redressFixture has the
// caseworker add Remi Shaw through the form and, with sqlite3, links the parent to him and
// gives him two closed assessment cases whose decisions he can appeal, each with its notice
// sent by post (served on the second working day after): a decision not to assess, 260
// days ago, whose time to appeal has passed, and a final plan, 57 days ago. The dates the
// pages show are worked out here as src/redress/rules.c counts them (2 months, or 1 from a
// mediation certificate; the tribunal's rule 12; working days with England's bank holidays,
// reference/bank_holidays.csv; an order's steps in weeks). REDRESS_PAGES are checked as
// PAGES are, with and without JavaScript: the page as the parent and as the caseworker, and
// an appeal registered after its window without the late box (422). Then redressJourney,
// with JavaScript off: the parent records contact with the mediation adviser; the caseworker
// records that the family wants to mediate, a mediation dated before the council was told
// (422), the mediation held (outcome, who took part) and its certificate, which moves the
// last day to appeal; a late appeal against the old decision the tribunal allowed, and its
// order to assess (its first step overdue); an appeal against the plan within the window
// (issues, grounds); an order to amend the plan with its step's due day, the step done, the
// tribunal's outcome; the timeline's SEN2 flags; /redress/orders links the overdue order
// to the page, which should offer a form to mark its step done; last the family contacts
// the adviser about the old decision and the council is told they will mediate.
// REDRESS_AFTER checks the pages in the states the journey left, among them a mediation
// dated before the council was told (422). The other sections of the page (complaints, the
// Ombudsman, claims) are checked only as a part of the whole page.

const DISAGREE = '/children/{remi}/disagree'
const DISAGREE_H1 = 'Disagreeing with a decision'
const ORDERS_PAGE = '/redress/orders'
const REMI = { given: 'Remi', family: 'Shaw', day: '4', month: '6', year: '2017', sex: 'M' }
const HOLIDAYS = new Set(fs.readFileSync(path.join(ROOT, 'reference/bank_holidays.csv'), 'utf8').split('\n').slice(1)
	.map((l) => l.split(',')[0]).filter(Boolean))
const utcOf = (d) => Date.UTC(Number(d.year), Number(d.month) - 1, Number(d.day))
const isWorkingDay = (ms) => ![0, 6].includes(new Date(ms).getUTCDay()) && !HOLIDAYS.has(new Date(ms).toISOString().slice(0, 10))
// addWorkingDays(d, n): the nth working day after d; addDays(d, n): n days on
function addWorkingDays(d, n) {
	let ms = utcOf(d)
	while (n > 0) if (isWorkingDay(ms += DAY_MS)) n--
	return dayOf(ms)
}
const addDays = (d, n) => dayOf(utcOf(d) + n * DAY_MS)
// addMonths(d, n): the corresponding date n months on, or that month's last day
function addMonths(d, n) {
	const total = Number(d.year) * 12 + Number(d.month) - 1 + n
	const [y, m] = [Math.floor(total / 12), total % 12]
	return dayOf(Date.UTC(y, m, Math.min(Number(d.day), new Date(Date.UTC(y, m + 1, 0)).getUTCDate())))
}
// appealBy(served, certificate): 2 months from the notice's service, or 1 month from a
// mediation certificate, whichever is later; then rule 12: a period ending from 25 December
// to 1 January runs to the first working day after 1 January, one ending in August to the
// first after 31 August, one ending on another day that is not a working day to the next
function appealBy(served, certificate) {
	let d = addMonths(served, 2)
	if (certificate && utcOf(addMonths(certificate, 1)) > utcOf(d)) d = addMonths(certificate, 1)
	const [y, m, day] = [Number(d.year), Number(d.month), Number(d.day)]
	if ((m === 12 && day >= 25) || (m === 1 && day === 1)) return addWorkingDays(dayOf(Date.UTC(m === 12 ? y + 1 : y, 0, 1)), 1)
	if (m === 8) return addWorkingDays(dayOf(Date.UTC(y, 7, 31)), 1)
	return isWorkingDay(utcOf(d)) ? d : addWorkingDays(d, 1)
}
// dueWords(d): an order's step due on d, as the page says it while not done
const dueWords = (d) => `${utcOf(d) < utcOf(daysAgo(0)) ? 'Overdue: due by' : 'Due by'} ${d.long}`

const RD = {
	refusedOn: daysAgo(260), // the decision not to assess, posted
	planOn: daysAgo(57), // the final plan, posted
	contacted: daysAgo(50),
	told: daysAgo(45),
	tooEarly: daysAgo(47), // a mediation before the council was told
	held: daysAgo(22),
	certificate: daysAgo(19),
	lateRegistered: daysAgo(100),
	assessOrdered: daysAgo(60),
	registered: daysAgo(12),
	ordered: daysAgo(8),
	decided: daysAgo(8),
	done: daysAgo(3),
	contacted2: daysAgo(250),
	told2: daysAgo(248),
	early2: daysAgo(249),
	grounds: 'Section F does not say how many hours of speech and language therapy Remi will get; section I should' +
		' name Hill Primary School.',
	lateGrounds: 'The council did not consider the educational psychologist\'s letter about Remi\'s needs.',
}
RD.refusedServed = addWorkingDays(RD.refusedOn, 2)
RD.planServed = addWorkingDays(RD.planOn, 2)
const KIND_WORDS = {
	plan_contents: 'The plan\'s contents (sections B, F and I)',
	refuse_assess: 'The decision not to carry out an EHC needs assessment',
}
// the decisions, newest first: [kind, served]
const REMI_DECISIONS = [['plan_contents', RD.planServed], ['refuse_assess', RD.refusedServed]]
const choiceOf = (kind, served) => `${kind}|${iso(served)}`
const CHOICES = [['', 'Choose the decision'], ...REMI_DECISIONS.map(([k, s]) => [choiceOf(k, s), `${KIND_WORDS[k]} (served ${s.long})`])]
const MEDIATION_ROWS = {
	contacted: { About: KIND_WORDS.plan_contents, 'Mediation adviser contacted': RD.contacted.long, Certificate: 'Not yet' },
	told: { Mediating: `The council was told on ${RD.told.long}; mediation is due by ${addDays(RD.told, 30).long}` },
	held: { 'Mediation held': `${RD.held.long}: Partly agreed; taking part: Education (the council), Health; the certificate` +
		` is due by ${addWorkingDays(RD.held, 3).long}` },
	certificate: { Certificate: `Issued on ${RD.certificate.long}` },
}
const MEDIATION2_ROWS = { About: KIND_WORDS.refuse_assess, 'Mediation adviser contacted': RD.contacted2.long,
	Mediating: `The council was told on ${RD.told2.long}; mediation is due by ${addDays(RD.told2, 30).long}`,
	Certificate: 'Not yet' }
const AMEND_DUE = addDays(RD.ordered, 35)
const APPEAL_ROWS = {
	Against: KIND_WORDS.plan_contents,
	Registered: RD.registered.long,
	Issues: 'Section F (provision), Section I (placement)',
	Grounds: RD.grounds,
	Decided: 'Not yet',
}
const LATE_APPEAL_ROWS = {
	Against: KIND_WORDS.refuse_assess,
	Registered: `${RD.lateRegistered.long} (late, allowed by the tribunal)`,
	Issues: 'Refusal to assess',
	Grounds: RD.lateGrounds,
	Decided: 'Not yet',
}
const ASSESS_ORDER_ROWS = {
	Order: `Make an EHC needs assessment, made on ${RD.assessOrdered.long}`,
	'Tell the family the assessment will be made': dueWords(addDays(RD.assessOrdered, 14)),
	'If no plan: the decision not to issue, at the latest': dueWords(addDays(RD.assessOrdered, 70)),
	'The final plan, at the latest': dueWords(addDays(RD.assessOrdered, 98)),
}
const AMEND_ORDER_ROWS = { Order: `Amend the plan's contents, made on ${RD.ordered.long}`, 'The amended plan': dueWords(AMEND_DUE) }
const AMEND_DONE_ROWS = { ...AMEND_ORDER_ROWS, 'The amended plan': `Done on ${RD.done.long} (due by ${AMEND_DUE.long})` }

// readDisagree: the page by its sections (each h2.govuk-heading-m and what follows it up to
// the next): the summary lists ({ title: a card's title or null, rows: { key: value } }),
// the forms' actions, the options of each select ([value, text]) and the section's text
function readDisagree(page) {
	return page.evaluate(() => {
		const sections = {}
		for (const h of document.querySelectorAll('main h2.govuk-heading-m')) {
			const els = []
			for (let el = h.nextElementSibling; el && !el.matches('h2.govuk-heading-m'); el = el.nextElementSibling) els.push(el)
			const all = (sel) => els.flatMap((el) => [...(el.matches(sel) ? [el] : []), ...el.querySelectorAll(sel)])
			sections[h.textContent.trim()] = {
				lists: all('dl.govuk-summary-list').map((dl) => ({
					title: dl.closest('.govuk-summary-card')?.querySelector('.govuk-summary-card__title')?.textContent.trim() ?? null,
					rows: Object.fromEntries([...dl.querySelectorAll('.govuk-summary-list__row')].map((r) => [
						r.querySelector('.govuk-summary-list__key')?.textContent.trim(),
						r.querySelector('.govuk-summary-list__value')?.textContent.trim().replace(/\s+/g, ' '),
					])),
				})),
				forms: all('form').map((f) => f.getAttribute('action')),
				selects: Object.fromEntries(all('select').map((s) => [s.name, [...s.options].map((o) => [o.value, o.textContent.trim()])])),
				text: els.map((el) => el.textContent).join(' ').replace(/\s+/g, ' ').trim(),
			}
		}
		return sections
	})
}

// decisionCards: the cards the page shows for Remi's decisions (cert: the certificate of
// the mediation about the plan, once recorded)
function decisionCards(cert) {
	return REMI_DECISIONS.map(([kind, served], i) => {
		const by = appealBy(served, kind === 'plan_contents' ? cert : null)
		return {
			title: `Decision ${i + 1}`,
			rows: {
				Decision: KIND_WORDS[kind],
				'Its notice counts as served on': served.long,
				First: `Contact the mediation adviser by ${addMonths(served, 2).long} (you do not have to mediate, but you need` +
					' their certificate to appeal, unless you appeal only about the school or college named)',
				'Appeal to the SEND Tribunal by': `${by.long}${utcOf(by) < utcOf(daysAgo(0)) ? ' (this date has passed)' : ''}`,
			},
		}
	})
}

// rowsMatch: each list in want ({ key: value }) is one of got's, in order, with those rows
const rowsMatch = (got, want) => got.length === want.length &&
	want.every((w, i) => Object.entries(w).every(([k, v]) => got[i].rows[k] === v))

// disagreeShows checks the page as `who` sees it: the decisions' cards, with their dates;
// `mediations` and `appeals` (the summary lists of those sections, in order, each { key:
// value } of the rows wanted); the forms of each section (paths with the fixture's ids,
// or RegExps); for an officer the lists of decisions to choose from.
function disagreeShows({ who, cert = null, mediations = [], appeals = [], forms = {}, text = {} }) {
	return async (page, o) => {
		const s = await readDisagree(page)
		const want = decisionCards(cert)
		const got = s['Decisions you can appeal']?.lists ?? []
		o.check(`${want.length} decisions, newest first, with their dates: ${want.map((c) => c.rows.Decision).join('; ')}`,
			JSON.stringify(got) === JSON.stringify(want), JSON.stringify(got))
		const med = s.Mediation?.lists ?? []
		o.check(mediations.length ? `mediation: ${JSON.stringify(mediations)}` : 'says no mediation has been recorded',
			mediations.length ? rowsMatch(med, mediations) : med.length === 0 && s.Mediation?.text.includes(
				'No mediation has been recorded.'), JSON.stringify(med))
		const app = s['Appeals to the SEND Tribunal']?.lists ?? []
		o.check(appeals.length ? `appeals and orders: ${JSON.stringify(appeals)}` : 'says no appeal has been registered',
			appeals.length ? rowsMatch(app, appeals) : app.length === 0 && s['Appeals to the SEND Tribunal']?.text.includes(
				'No appeal has been registered.'), JSON.stringify(app))
		for (const [section, actions] of Object.entries(forms)) {
			const acts = s[section]?.forms ?? []
			o.check(`${who}: the forms under "${section}" post to ${actions.map(String).join(', ') || 'nothing'}`,
				acts.length === actions.length && actions.every((a, i) => a instanceof RegExp ? a.test(acts[i]) : acts[i] === at(a)),
				JSON.stringify(acts))
		}
		const decisionLists = [['Mediation', 'mediation_decision'], ['Appeals to the SEND Tribunal', 'appeal_decision']]
		for (const [section, name] of decisionLists) {
			if (!s[section]?.selects[name]) continue
			o.check(`"${name}" offers each decision with the day its notice was served`,
				JSON.stringify(s[section].selects[name]) === JSON.stringify(CHOICES), JSON.stringify(s[section].selects[name]))
		}
		for (const [section, t] of Object.entries(text))
			o.check(`"${section}" says "${t}"`, s[section]?.text.includes(t), s[section]?.text.slice(0, 300))
		await idsUnique()(page, o)
	}
}

// submitAppeal fills the form to register an appeal ({ decision, date, issues, grounds,
// late }) and sends it
function submitAppeal(f) {
	return async (page) => {
		const form = page.locator('main form[action$="/disagree/appeal"]')
		if (f.decision) await form.locator('#appeal_decision').selectOption(f.decision)
		if (f.date) await fillDate(form, 'registered', f.date)
		for (const v of f.issues ?? []) await form.locator(`input[name="issues"][value="${v}"]`).check()
		if (f.grounds) await form.locator('#grounds').fill(f.grounds)
		if (f.late) await form.locator('input[name="late"][value="yes"]').check()
		return clickTo(page, form.getByRole('button', { name: 'Register the appeal' }))
	}
}

// submitHeld fills the form "Mediation held on" ({ date, outcome, agencies }) and saves it
function submitHeld(f) {
	return async (page) => {
		const form = page.locator('main form[action$="/held"]')
		if (f.date) await fillDate(form, 'held', f.date)
		if (f.outcome) await form.locator(`input[name="outcome"][value="${f.outcome}"]`).check()
		for (const v of f.agencies ?? []) await form.locator(`input[name="agencies"][value="${v}"]`).check()
		return clickTo(page, form.getByRole('button', { name: 'Save', exact: true }))
	}
}

const LATE_SUMMARY = `The time to appeal ended on ${appealBy(RD.refusedServed).long}: tick that the tribunal allowed a late` +
	' appeal, if it did'
const REDRESS_PAGES = [
	{
		name: 'disagree-parent',
		path: DISAGREE,
		as: 'parent',
		h1: DISAGREE_H1,
		expect: disagreeShows({ who: 'the parent', forms: { Mediation: [DISAGREE + '/mediation'], 'Appeals to the SEND Tribunal': [] } }),
	},
	{
		name: 'disagree-caseworker',
		path: DISAGREE,
		as: 'caseworker',
		h1: DISAGREE_H1,
		expect: disagreeShows({ who: 'the caseworker', forms: { Mediation: [DISAGREE + '/mediation'],
			'Appeals to the SEND Tribunal': [DISAGREE + '/appeal'] } }),
	},
	{
		name: 'disagree-appeal-late',
		path: DISAGREE,
		as: 'caseworker',
		h1: DISAGREE_H1,
		act: submitAppeal({ decision: choiceOf('refuse_assess', RD.refusedServed), date: daysAgo(0), issues: ['assess'],
			grounds: RD.lateGrounds }),
		postTo: DISAGREE + '/appeal',
		status: 422,
		expect: async (page, o) => {
			await errorSummary({ 'registered-day': [LATE_SUMMARY, 'registered-error'] })(page, o)
			const kept = await page.evaluate(() => ({ decision: document.querySelector('#appeal_decision')?.value,
				grounds: document.querySelector('#grounds')?.value }))
			o.check('the form keeps the decision and the grounds', kept.decision === choiceOf('refuse_assess', RD.refusedServed) &&
				kept.grounds === RD.lateGrounds, JSON.stringify(kept))
		},
	},
]

const AFTER_MEDIATIONS = [{ ...MEDIATION_ROWS.contacted, ...MEDIATION_ROWS.told, ...MEDIATION_ROWS.held, ...MEDIATION_ROWS.certificate },
	MEDIATION2_ROWS]
const AFTER_APPEALS = [{ ...APPEAL_ROWS, Decided: `${RD.decided.long}: Partly upheld` }, AMEND_DONE_ROWS, LATE_APPEAL_ROWS,
	ASSESS_ORDER_ROWS]
const APPEAL_STEP = new RegExp(`^/children/${ID}/disagree/appeal/${ID}/`)
const REDRESS_AFTER = [
	{
		name: 'disagree-parent-after',
		path: DISAGREE,
		as: 'parent',
		h1: DISAGREE_H1,
		expect: disagreeShows({ who: 'the parent', cert: RD.certificate, mediations: AFTER_MEDIATIONS, appeals: AFTER_APPEALS,
			forms: { Mediation: [DISAGREE + '/mediation'], 'Appeals to the SEND Tribunal': [] } }),
	},
	{
		name: 'disagree-caseworker-after',
		path: DISAGREE,
		as: 'caseworker',
		h1: DISAGREE_H1,
		expect: disagreeShows({ who: 'the caseworker', cert: RD.certificate, mediations: AFTER_MEDIATIONS, appeals: AFTER_APPEALS,
			forms: {
				Mediation: [DISAGREE + '/mediation/{remiMediation2}/held', DISAGREE + '/mediation'],
				// the newest appeal's order form; the step form for the first order with a
				// step not done (the older appeal's overdue order to assess); registering
				'Appeals to the SEND Tribunal': [new RegExp(APPEAL_STEP.source + 'order$'), new RegExp(APPEAL_STEP.source + 'step$'),
					DISAGREE + '/appeal'],
			} }),
	},
	{
		name: 'disagree-held-early',
		path: DISAGREE,
		as: 'caseworker',
		h1: DISAGREE_H1,
		act: submitHeld({ date: RD.early2, outcome: 'not_agreed', agencies: ['education'] }),
		postTo: DISAGREE + '/mediation/{remiMediation2}/held',
		status: 422,
		expect: errorSummary({ 'held-day': ['Mediation cannot be before the council was told of it', 'held-error'] }),
	},
	{
		name: 'redress-orders',
		path: ORDERS_PAGE,
		as: 'caseworker',
		h1: 'Tribunal orders',
		expect: async (page, { check }) => {
			const got = await page.evaluate(() => ({
				links: [...document.querySelectorAll('main p a')].map((a) => [a.textContent.trim(), a.getAttribute('href')]),
				text: document.querySelector('main').textContent.replace(/\s+/g, ' '),
			}))
			const want = [[`Remi Shaw: Make an EHC needs assessment, made on ${RD.assessOrdered.long}`, at(DISAGREE)]]
			const orders = got.links.filter(([t, h]) => !t.includes('the response was due by') && !h.endsWith('format=csv'))
			const responses = got.links.filter(([t]) => t.includes('the response was due by'))
			check('links the one order with a step overdue (the order to assess) to its page', JSON.stringify(orders) ===
				JSON.stringify(want), JSON.stringify(got.links))
			// the late appeal has no response from the council recorded: listed as overdue
			check('lists the appeal whose response is overdue, linked to its page',
				responses.length === 1 && responses[0][0].startsWith('Remi Shaw: the response was due by ') &&
					responses[0][1] === at(DISAGREE), JSON.stringify(responses))
			check('says "2 orders; 1 with a step past its date and not done."',
				got.text.includes('2 orders; 1 with a step past its date and not done.'), got.text.slice(0, 300))
		},
	},
]

// redressFixture: see the top of this section
async function redressFixture(browser, server) {
	const c = checker('redress fixture')
	if (!fixture.sessions.caseworker || !fixture.sessions.parent) return c('caseworker and parent sessions', false,
		'see the fixture\'s checks')
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions.caseworker })
	try {
		const page = await context.newPage()
		await page.goto(server.base + '/children/new')
		const resp = await submitChild(REMI)(page)
		const m = new RegExp(`^/children/(${ID})$`).exec(new URL(page.url()).pathname)
		if (!c('caseworker adds Remi Shaw at /children/new', resp?.status() === 200 && !!m, `${resp?.status()} at ${page.url()}`))
			return false
		fixture.remi = m[1]
	} finally {
		await context.close()
	}
	const q = (s) => `'${String(s).replaceAll("'", "''")}'`
	const now = new Date().toISOString()
	const officer = `(SELECT id FROM user_account WHERE email = 'caseworker@example.com')`
	const kase = (id, requested, state, closed) => `INSERT INTO assessment_case (id, child_id, la_code, officer_id,` +
		` requested_by, requested_on, state, closed_on, created_at, updated_at) SELECT ${q(id)}, id, la_code, ${officer},` +
		` 'parent', ${q(iso(requested))}, ${q(state)}, ${q(iso(closed))}, ${q(now)}, ${q(now)} FROM child WHERE id = ${q(fixture.remi)};`
	const events = (id, list) => list.map(([type, d], i) => `INSERT INTO case_event (case_id, seq, type, happened_on, reasons,` +
		` recorded_by, recorded_at) VALUES (${q(id)}, ${i + 1}, ${q(type)}, ${q(iso(d))}, ${type.startsWith('decision') ?
		q('The evidence was weighed by the panel.') : 'NULL'}, ${officer}, ${q(now)});`).join(' ')
	const notice = (id, seq, sent, served) => `INSERT INTO notice (id, case_id, event_seq, recipient, channel, sent_on,` +
		` served_on, created_at) VALUES (${q(crypto.randomBytes(16).toString('base64url'))}, ${q(id)}, ${seq}, 'Pat Parent',` +
		` 'post', ${q(iso(sent))}, ${q(iso(served))}, ${q(now)});`
	const [c1, c2] = [crypto.randomBytes(16).toString('base64url'), crypto.randomBytes(16).toString('base64url')]
	const sql = [
		`INSERT INTO family_link (family_member_id, child_id, relationship) SELECT id, ${q(fixture.remi)}, 'father'` +
		` FROM user_account WHERE email = 'parent@example.com';`,
		kase(c1, daysAgo(300), 'not_assessing', RD.refusedOn),
		events(c1, [['request', daysAgo(300)], ['decision_not_to_assess', RD.refusedOn]]),
		notice(c1, 2, RD.refusedOn, RD.refusedServed),
		kase(c2, daysAgo(200), 'plan', RD.planOn),
		events(c2, [['request', daysAgo(200)], ['decision_to_assess', daysAgo(190)], ['draft_issued', daysAgo(90)],
			['final_plan_issued', RD.planOn]]),
		notice(c2, 4, RD.planOn, RD.planServed),
	].join(' ')
	const r = spawnSync('sqlite3', [...SQLITE_WAIT, server.db, sql], { encoding: 'utf8', timeout: 10_000 })
	return c(`sqlite3 links the parent to Remi and gives him a decision not to assess (served ${RD.refusedServed.long}) and a` +
		` final plan (served ${RD.planServed.long}), each with its notice`, r.status === 0, r.stderr || r.error?.message)
}

// redressJourney: see the top of this section
async function redressJourney(browser, server) {
	const ok = await redressFixture(browser, server)
	const run = async (pages) => {
		for (const p of pages)
			for (const js of [true, false]) {
				const needs = [...at(p.path).matchAll(/\{(\w+)\}/g), ...(at(p.postTo) ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])
				if (!ok || needs.length || (p.as && !fixture.sessions[p.as])) {
					check(`${p.name}${js ? '' : ' (no JavaScript)'}: checks ran`, false, `no redress fixture or ${needs.join(', ')}:` +
						' see the checks before')
					continue
				}
				await checkPage(browser, server.base, p, js)
			}
	}
	await run(REDRESS_PAGES)
	if (ok) await redressJourneyWithoutJs(browser, server)
	else check('redress journey without JavaScript: journey ran', false, 'no redress fixture: see its checks')
	await run(REDRESS_AFTER)
}

async function redressJourneyWithoutJs(browser, server) {
	const c = checker('redress journey without JavaScript')
	const PAGE = at(DISAGREE)
	const seen = []
	let context
	let page
	const as = async (role) => {
		if (context) await context.close()
		context = await browser.newContext({ javaScriptEnabled: false, storageState: fixture.sessions[role] })
		page = await context.newPage()
		seen.push(watch(page, { path: PAGE }))
		const resp = await page.goto(server.base + PAGE)
		return arrived(`the ${role} opens the page`, resp, PAGE, DISAGREE_H1)
	}
	const arrived = async (what, resp, where, heading, { via, status = 200 } = {}) => {
		const from = resp?.request().redirectedFrom()
		const redirect = from ? (await from.response())?.status() : undefined
		const got = (await page.locator('h1').textContent().catch(() => null))?.trim()
		return c(what, resp?.status() === status && new URL(page.url()).pathname === where && got === heading && redirect === via,
			`${resp?.status()} at ${page.url()}${redirect ? ` after a ${redirect}` : ''}, h1 "${got}"`)
	}
	const form = (suffix) => page.locator(`main form[action$="${suffix}"]`)
	const save = async (what, f, button = 'Save') => {
		const resp = await clickTo(page, f.getByRole('button', { name: button, exact: true }))
		return arrived(`${what}: back to the page`, resp, PAGE, DISAGREE_H1, { via: 303 })
	}
	// shows: the section's lists, in order, have the rows wanted
	const shows = async (what, section, want) => {
		const got = (await readDisagree(page))[section]?.lists ?? []
		return c(what, rowsMatch(got, want), JSON.stringify(got))
	}
	const card = async (what, cert) => {
		const got = (await readDisagree(page))['Decisions you can appeal']?.lists
		c(what, JSON.stringify(got) === JSON.stringify(decisionCards(cert)), JSON.stringify(got))
	}
	const med = { ...MEDIATION_ROWS.contacted }
	try {
		// ---- the parent contacts the mediation adviser about the plan ----
		await as('parent')
		await card(`the parent sees the plan's notice served on ${RD.planServed.long}, the adviser to contact by` +
			` ${addMonths(RD.planServed, 2).long} and the last day to appeal, ${appealBy(RD.planServed).long}`)
		let f = form('/disagree/mediation')
		await f.locator('#mediation_decision').selectOption(choiceOf('plan_contents', RD.planServed))
		await fillDate(f, 'contacted', RD.contacted)
		await save(`the parent records contacting the adviser on ${RD.contacted.long}`, f, 'Record')
		await shows('the mediation shows what it is about, the day of contact, no certificate yet', 'Mediation', [med])
		c('the family has no form for the steps the council records',
			(await page.locator('main form[action*="/disagree/mediation/"]').count()) === 0)

		// ---- the caseworker: mediating, held, its certificate ----
		await as('caseworker')
		f = form('/choice')
		await f.locator('input[name="choice"][value="mediate"]').check()
		await fillDate(f, 'on', RD.told)
		await save('the caseworker records that the family wants to mediate', f)
		Object.assign(med, MEDIATION_ROWS.told)
		await shows(`"Mediating": told on ${RD.told.long}, mediation due by ${addDays(RD.told, 30).long} (30 days)`, 'Mediation', [med])

		let resp = await submitHeld({ date: RD.tooEarly, outcome: 'partly_agreed', agencies: ['education', 'health'] })(page)
		const err = (await page.locator('.govuk-error-summary a').allTextContents()).map((t) => t.trim())
		c(`a mediation held on ${RD.tooEarly.long}, before the council was told, is refused (422): "Mediation cannot be before` +
			' the council was told of it"', resp?.status() === 422 && new RegExp(`^${PAGE}/mediation/${ID}/held$`).test(
			new URL(page.url()).pathname) && JSON.stringify(err) === JSON.stringify(['Mediation cannot be before the council was' +
			' told of it']), `${resp?.status()} at ${page.url()}: ${JSON.stringify(err)}`)
		await page.goto(server.base + PAGE)
		resp = await submitHeld({ date: RD.held, outcome: 'partly_agreed', agencies: ['education', 'health'] })(page)
		await arrived('the caseworker records the mediation held: back to the page', resp, PAGE, DISAGREE_H1, { via: 303 })
		Object.assign(med, MEDIATION_ROWS.held)
		await shows(`"Mediation held": ${RD.held.long}, partly agreed, education and health, the certificate due by` +
			` ${addWorkingDays(RD.held, 3).long} (3 working days)`, 'Mediation', [med])

		f = form('/certificate')
		await fillDate(f, 'certificate', RD.certificate)
		await save('the caseworker records the certificate', f)
		Object.assign(med, MEDIATION_ROWS.certificate)
		await shows(`"Certificate": issued on ${RD.certificate.long}`, 'Mediation', [med])
		await card(`the last day to appeal against the plan is now ${appealBy(RD.planServed, RD.certificate).long} (2 months from` +
			' the notice or 1 from the certificate, the later)', RD.certificate)
		c('no more steps of this mediation to record', (await page.locator('main form[action*="/disagree/mediation/"]').count()) === 0)

		// ---- a late appeal against the old decision, allowed; the tribunal orders an assessment ----
		resp = await submitAppeal({ decision: choiceOf('refuse_assess', RD.refusedServed), date: RD.lateRegistered,
			issues: ['assess'], grounds: RD.lateGrounds, late: true })(page)
		await arrived('the caseworker registers a late appeal against the refusal to assess, allowed by the tribunal: back to the page',
			resp, PAGE, DISAGREE_H1, { via: 303 })
		await shows('the appeal: against the refusal to assess, registered late and allowed, its issues and grounds',
			'Appeals to the SEND Tribunal', [LATE_APPEAL_ROWS])
		f = form('/order')
		await f.locator('#order_type').selectOption('assess')
		await fillDate(f, 'ordered', RD.assessOrdered)
		await save(`the caseworker records the order to assess, made on ${RD.assessOrdered.long}`, f, 'Record the order')
		await shows(`its steps: tell the family by ${addDays(RD.assessOrdered, 14).long} (2 weeks, overdue), the decision not to` +
			` issue by ${addDays(RD.assessOrdered, 70).long} (10), the final plan by ${addDays(RD.assessOrdered, 98).long} (14)`,
		'Appeals to the SEND Tribunal', [LATE_APPEAL_ROWS, ASSESS_ORDER_ROWS])

		// ---- an appeal against the plan, within the window; an order to amend it ----
		resp = await submitAppeal({ decision: choiceOf('plan_contents', RD.planServed), date: RD.registered, issues: ['F', 'I'],
			grounds: RD.grounds })(page)
		await arrived('the caseworker registers an appeal against the plan within the window: back to the page', resp, PAGE,
			DISAGREE_H1, { via: 303 })
		await shows('the appeal is listed first: against the plan, its date, sections F and I, its grounds, not decided',
			'Appeals to the SEND Tribunal', [APPEAL_ROWS, LATE_APPEAL_ROWS, ASSESS_ORDER_ROWS])
		const aid = await form('/order').getAttribute('action')
		c('the forms for the outcome and the orders are the new appeal\'s', (await form('/decided').getAttribute('action')) ===
			aid.replace(/\/order$/, '/decided') && (await page.locator('main form[action$="/order"]').count()) === 1, aid)
		f = form('/order')
		await f.locator('#order_type').selectOption('amend')
		await fillDate(f, 'ordered', RD.ordered)
		await save(`the caseworker records the order "Amend the plan's contents", made on ${RD.ordered.long}`, f, 'Record the order')
		await shows(`"The amended plan": due by ${AMEND_DUE.long} (5 weeks)`, 'Appeals to the SEND Tribunal',
			[APPEAL_ROWS, AMEND_ORDER_ROWS, LATE_APPEAL_ROWS, ASSESS_ORDER_ROWS])

		f = form('/step')
		c('the step form is for the order to amend: its one step', JSON.stringify(await f.locator('#step option').allTextContents()) ===
			JSON.stringify(['The amended plan']) && (await f.getAttribute('action')) === aid.replace(/\/order$/, '/step'))
		await f.locator('#step').selectOption('amended_plan')
		await fillDate(f, 'done', RD.done)
		await save(`the caseworker marks the amended plan done on ${RD.done.long}`, f)
		await shows(`"The amended plan": "Done on ${RD.done.long} (due by ${AMEND_DUE.long})"`, 'Appeals to the SEND Tribunal',
			[APPEAL_ROWS, AMEND_DONE_ROWS, LATE_APPEAL_ROWS, ASSESS_ORDER_ROWS])

		f = form('/decided')
		await fillDate(f, 'decided', RD.decided)
		await f.locator('input[name="result"][value="partly_upheld"]').check()
		await save('the caseworker records the tribunal\'s outcome', f, 'Record the outcome')
		await shows(`"Decided": "${RD.decided.long}: Partly upheld"`, 'Appeals to the SEND Tribunal',
			[{ ...APPEAL_ROWS, Decided: `${RD.decided.long}: Partly upheld` }, AMEND_DONE_ROWS, LATE_APPEAL_ROWS, ASSESS_ORDER_ROWS])
		c('no form for the outcome once it is recorded', (await page.locator('main form[action$="/decided"]').count()) === 0)
		const text = await mainText(page)
		c('the timeline has the mediation and the appeal, and the SEN2 flags say yes', text.includes(`${RD.held.long}: Mediation held`) &&
			text.includes(`${RD.registered.long}: Appeal registered with the SEND Tribunal`) &&
			text.includes('For the SEN2 return: mediation held yes; appeal to the tribunal yes.'), text.slice(-600))

		// ---- the orders list links the overdue order to the page ----
		resp = await page.goto(server.base + ORDERS_PAGE)
		await arrived('the caseworker opens the tribunal orders', resp, ORDERS_PAGE, 'Tribunal orders')
		resp = await clickTo(page, page.getByRole('link', { name: `Remi Shaw: Make an EHC needs assessment, made on ${RD.assessOrdered.long}` }))
		await arrived('the overdue order links to Remi\'s page', resp, PAGE, DISAGREE_H1)
		// there, the officer can mark its overdue step done (the form is looked for, not sent)
		const offered = (await page.locator('main form[action$="/step"] select[name="step"] option').allTextContents())
			.map((t) => t.trim())
		c('the page offers a form to mark the overdue step of the order to assess ("Tell the family the assessment will be made")' +
			' done', offered.includes('Tell the family the assessment will be made'), `the step forms offer ${JSON.stringify(offered)}`)

		// ---- the parent sees it all; then contacts the adviser about the old decision ----
		await as('parent')
		const after = [{ ...APPEAL_ROWS, Decided: `${RD.decided.long}: Partly upheld` }, AMEND_DONE_ROWS, LATE_APPEAL_ROWS,
			ASSESS_ORDER_ROWS]
		await shows('the parent sees the appeals, the orders and their steps', 'Appeals to the SEND Tribunal', after)
		f = form('/disagree/mediation')
		await f.locator('#mediation_decision').selectOption(choiceOf('refuse_assess', RD.refusedServed))
		await fillDate(f, 'contacted', RD.contacted2)
		await save('the parent records contacting the adviser about the refusal to assess', f, 'Record')
		await as('caseworker')
		f = form('/choice')
		await f.locator('input[name="choice"][value="mediate"]').check()
		await fillDate(f, 'on', RD.told2)
		await save('the caseworker records that the family wants to mediate about it too', f)
		await shows('two mediations, the newer contact first', 'Mediation', [med, MEDIATION2_ROWS])
		const held = await form('/held').getAttribute('action')
		const m = new RegExp(`^${at(DISAGREE)}/mediation/(${ID})/held$`).exec(held ?? '')
		if (c('the form for the mediation held is the second mediation\'s', !!m, held)) fixture.remiMediation2 = m[1]
	} catch (e) {
		c('journey ran to the end', false, e.message.split('\n')[0])
	} finally {
		if (context) await context.close()
	}
	const assets = seen.flatMap((s) => s.assetFailures)
	// Chromium logs the 422 page as a failed load: that is the status under test
	const errors = seen.flatMap((s) => s.consoleErrors).filter((m) =>
		!/^Failed to load resource: the server responded with a status of 422 .* at http:\/\/[^/]+\/children\/[\w-]+\/disagree\/mediation\/[\w-]+\/held$/.test(m))
	c('stylesheets, scripts, images and fonts all 200', assets.length === 0, assets.join(', '))
	c('no console errors', errors.length === 0, errors.join('; '))
}

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
		// { field: message } or { field: [message, id of the message by the field] }
		const want = Object.entries(messages).map(([f, m]) => (Array.isArray(m) ? [f, ...m] : [f, m, f + '-error']))
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
			JSON.stringify(s.fields) === JSON.stringify(want.map(([, m, id]) => [id, m])),
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
	// the server runs in the temporary directory: the web assets and the statutory clock's
	// rules and bank holidays (reference/) are named by their full paths
	const proc = spawn(bin, ['serve', '--db', db, '--port', '0', '--web', path.join(ROOT, 'web'),
		'--reference', path.join(ROOT, 'reference')], {
		cwd: dir,
		stdio: ['ignore', 'pipe', log],
	})
	fs.closeSync(log) // the child has its own copy
	const server = { proc, logPath, base: null, db }
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
	const docPaths = [at(p.finalPath ?? p.path), at(p.postTo)]
	page.on('console', (msg) => {
		if (msg.type() !== 'error') return
		// Chromium logs every 4xx/5xx document as "Failed to load resource"; for an error
		// page that is the status under test, so only that exact message is let through.
		const loc = msg.location().url ? new URL(msg.location().url) : null
		if (
			loc &&
			docPaths.includes(loc.pathname) &&
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
		// net::ERR_ABORTED is the browser dropping a request because the journey moved to
		// the next page before it finished (a favicon, say): not a failure of the server.
		const why = r.failure()?.errorText
		if (isAsset(r) && why !== 'net::ERR_ABORTED') seen.assetFailures.push(`${r.resourceType()} ${r.url()} ${why}`)
	})
	return seen
}

// visit goes to the page as PAGES says, and returns the response of the page shown.
async function visit(page, base, p) {
	const url = base + at(p.path)
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
	const context = await browser.newContext({
		javaScriptEnabled: js,
		viewport: { width: 1024, height: 768 },
		storageState: p.as ? fixture.sessions[p.as] : undefined,
	})
	try {
		if (p.as && !fixture.sessions[p.as]) throw new Error(`no ${p.as} session: see the fixture's checks`)
		if (p.path.includes('{child}') && !fixture.child) throw new Error('no child: see the fixture\'s checks')
		const page = await context.newPage()
		const seen = watch(page, p)
		const resp = await visit(page, base, p)
		const status = p.status ?? 200
		const finalPath = at(p.finalPath ?? p.path)
		const landed = new URL(page.url()).pathname
		const arrived = finalPath instanceof RegExp ? finalPath.test(landed) : landed === finalPath
		c(`status ${status}`, resp?.status() === status, `got ${resp?.status()}`)
		if (p.finalPath || p.redirect) {
			const from = resp?.request().redirectedFrom()
			const via = from ? (await from.response())?.status() : undefined
			c(`ends at ${finalPath} after a ${p.redirect}`, arrived && via === p.redirect,
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

// signedInJourneyWithoutJs signs in and adds a child with JavaScript off, by links and
// buttons only: /children sends a stranger to sign in, a wrong submit on each form shows
// its errors, the record and its access log open, and signing out ends the session.
async function signedInJourneyWithoutJs(browser, base) {
	const c = checker('sign-in and add-a-child journey without JavaScript')
	const context = await browser.newContext({ javaScriptEnabled: false })
	const path = () => new URL(page.url()).pathname
	const h1 = () => page.locator('h1').textContent()
	let page
	try {
		page = await context.newPage()
		const seen = watch(page, { path: '/children' })
		let resp = await page.goto(base + '/children')
		c('/children sends a stranger to /sign-in', path() === '/sign-in' && (await h1()) === 'Sign in', page.url())
		resp = await clickTo(page, page.getByRole('button', { name: 'Sign in' }))
		c('empty sign-in shows the error summary (422)', resp.status() === 422 && (await page.locator('.govuk-error-summary').isVisible()),
			`status ${resp.status()}`)
		await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter your email address' }).click()
		c('error summary link jumps to the email field', new URL(page.url()).hash === '#email', page.url())
		resp = await submitSignIn({ email: 'CaseWorker@Example.com ', password: PASSWORD })(page)
		c('signing in lands on the caseload', resp.status() === 200 && path() === '/children' && (await h1()) === 'My caseload',
			`${resp.status()} ${page.url()}`)
		resp = await clickTo(page, page.getByRole('link', { name: 'Add a child' }))
		c('navigation opens the add-a-child form', resp.status() === 200 && path() === '/children/new')
		resp = await submitChild({ given: 'Jo', family: 'Brown', day: '31', month: '2', year: '2016' })(page)
		const summary = page.locator('.govuk-error-summary')
		c('a bad date and no sex show the error summary (422)', resp.status() === 422 && (await summary.isVisible()),
			`status ${resp.status()}`)
		c('the form keeps what was typed', (await page.inputValue('#given-name')) === 'Jo' && (await page.inputValue('#dob-day')) === '31')
		await summary.getByRole('link', { name: 'Date of birth must be a real date' }).click()
		c('error summary link jumps to the day box', new URL(page.url()).hash === '#dob-day', page.url())
		resp = await submitChild({ day: '28', sex: 'M' })(page)
		c('the corrected form saves the record', resp.status() === 200 && /^\/children\/[A-Za-z0-9_-]{22}$/.test(path()) &&
			(await h1()) === 'Jo Brown', `${resp.status()} ${page.url()}`)
		const record = path()
		resp = await clickTo(page, page.getByRole('link', { name: 'See who has looked at this record' }))
		c('the record links to its access log', resp.status() === 200 && path() === record + '/access-log')
		const rows = await page.locator('tbody tr').count()
		c('the access log lists the create and the reads', rows >= 3, `${rows} rows`)
		resp = await clickTo(page, page.getByRole('link', { name: 'Back to the record' }))
		c('the access log links back to the record', path() === record)
		resp = await clickTo(page, page.getByRole('button', { name: 'Sign out' }))
		c('signing out lands on /signed-out', resp.status() === 200 && path() === '/signed-out')
		resp = await page.goto(base + record)
		c('after signing out the record sends you to /sign-in', path() === '/sign-in', page.url())
		c('stylesheets, scripts, images and fonts all 200', seen.assetFailures.length === 0, seen.assetFailures.join(', '))
		// Chromium logs each 422 form page as a failed load: those are the statuses under test
		const errors = seen.consoleErrors.filter(
			(m) => !/^Failed to load resource: the server responded with a status of 422 .* at http:\/\/[^/]+\/(sign-in|children\/new)$/.test(m))
		c('no console errors', errors.length === 0, errors.join('; '))
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
		await makeFixture(browser, server, bin)
		for (const p of PAGES) await checkPage(browser, server.base, p, true)
		for (const p of PAGES) await checkPage(browser, server.base, p, false)
		await assessmentJourney(browser, server)
		await panelJourney(browser, server)
		await journeyWithoutJs(browser, server.base)
		await signedInJourneyWithoutJs(browser, server.base)
		await planJourney(browser, server, bin)
		await reviewJourney(browser, server, bin)
		await placementJourney(browser, server)
		await redressJourney(browser, server)
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
