// init.mjs: start GOV.UK Frontend's JavaScript (our own code, loaded as an ES module by
// <script type="module" src="/assets/js/init.mjs"> at the end of every page).
//
// GOV.UK's page template sets these body classes with an inline script; our
// Content-Security-Policy (script-src 'self') forbids inline script, so it is done here.
// Only a browser that runs ES modules gets this far, which is what
// govuk-frontend-supported means. Every page also works without JavaScript.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
