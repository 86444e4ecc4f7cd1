/*
 * test_gds.c: the GOV.UK components in gds.c and gds_form.c against govuk-frontend 6.6.0.
 *
 * Each test renders one component with the options of a fixture from
 * node_modules/govuk-frontend/dist/govuk/components/<name>/fixtures.json and compares the
 * markup with that fixture's HTML. Whitespace is normalised on both sides (runs of spaces
 * collapse; spaces next to '>' or before '<' go), because Nunjucks' indentation is not
 * meaningful and our writer leaves it out. The expected strings below were taken from the
 * fixtures as they are; where our API differs by design (date inputs and radios take their
 * ids from the field name; blue is the default tag colour), the note says what was
 * substituted. The page template has no fixture: its expectations follow template.njk.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "platform/gds.h"

/* error-summary fixture "default" */
#define ERROR_SUMMARY_DEFAULT                                                                      \
	"<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert" \
	"\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div "                 \
	"class=\"govuk-err"                                                                        \
	"or-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\"><li><a "            \
	"href=\"#exam"                                                                             \
	"ple-error-1\">The date your passport was issued must be in the past</a></li><li><a href=" \
	"\"#example-error-2\">Enter a postcode, like AA1 1AA</a></li></ul></div></div></div>"

/* back-link fixture "default" */
#define BACK_LINK_DEFAULT "<a href=\"#\" class=\"govuk-back-link\">Back</a>"

/* tag fixture "default" */
#define TAG_DEFAULT "<strong class=\"govuk-tag\">Alpha</strong>"

/* tag fixture "grey" */
#define TAG_GREY "<strong class=\"govuk-tag govuk-tag--grey\">Grey</strong>"

/* summary-list fixture "with some actions" */
#define SUMMARY_SOME_ACTIONS                                                                       \
	"<dl class=\"govuk-summary-list\"><div class=\"govuk-summary-list__row\"><dt "             \
	"class=\"govuk"                                                                            \
	"-summary-list__key\">Name</dt><dd class=\"govuk-summary-list__value\">Firstname "         \
	"Lastname<"                                                                                \
	"/dd><dd class=\"govuk-summary-list__actions\"><ul "                                       \
	"class=\"govuk-summary-list__actions-lis"                                                  \
	"t\"><li class=\"govuk-summary-list__actions-list-item\"><a class=\"govuk-link\" href=\"#" \
	"\">Edit<span class=\"govuk-visually-hidden\">name</span></a></li><li "                    \
	"class=\"govuk-summar"                                                                     \
	"y-list__actions-list-item\"><a class=\"govuk-link\" href=\"#\">Delete<span "              \
	"class=\"govuk-"                                                                           \
	"visually-hidden\">name</span></a></li></ul></dd></div><div "                              \
	"class=\"govuk-summary-list__ro"                                                           \
	"w govuk-summary-list__row--no-actions\"><dt class=\"govuk-summary-list__key\">Date of "   \
	"bir"                                                                                      \
	"th</dt><dd class=\"govuk-summary-list__value\">13/08/1980</dd></div><div "                \
	"class=\"govuk-su"                                                                         \
	"mmary-list__row govuk-summary-list__row--no-actions\"><dt "                               \
	"class=\"govuk-summary-list__key"                                                          \
	"\">Contact information</dt><dd class=\"govuk-summary-list__value\"><p class=\"govuk-body" \
	"\">email@email.com</p><p class=\"govuk-body\">Address line 1<br>Address line "            \
	"2<br>Address"                                                                             \
	" line 3<br>Address line 4<br>Address line 5</p></dd></div></dl>"

/* summary-list fixture "as a summary card with a text header" */
#define SUMMARY_CARD                                                                               \
	"<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\"><h2 "  \
	"cl"                                                                                       \
	"ass=\"govuk-summary-card__title\">Undergraduate teaching assistant</h2></div><div class=" \
	"\"govuk-summary-card__content\"><dl class=\"govuk-summary-list\"><div "                   \
	"class=\"govuk-summa"                                                                      \
	"ry-list__row\"><dt class=\"govuk-summary-list__key\">Name</dt><dd "                       \
	"class=\"govuk-summary-l"                                                                  \
	"ist__value\">Firstname Lastname</dd></div><div class=\"govuk-summary-list__row\"><dt "    \
	"clas"                                                                                     \
	"s=\"govuk-summary-list__key\">Date of birth</dt><dd "                                     \
	"class=\"govuk-summary-list__value\">1"                                                    \
	"3/08/1980</dd></div></dl></div></div>"

/* table fixture "with head and caption" */
#define TABLE_HEAD_CAPTION                                                                        \
	"<table class=\"govuk-table\"><caption class=\"govuk-table__caption "                     \
	"govuk-table__caption--"                                                                  \
	"m\">Caption 1: Months and rates</caption><thead class=\"govuk-table__head\"><tr "        \
	"class=\"g"                                                                               \
	"ovuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Month you "            \
	"apply</th><th"                                                                           \
	" scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Rate for "     \
	"bicycl"                                                                                  \
	"es</th><th scope=\"col\" class=\"govuk-table__header "                                   \
	"govuk-table__header--numeric\">Rate "                                                    \
	"for vehicles</th></tr></thead><tbody class=\"govuk-table__body\"><tr "                   \
	"class=\"govuk-table_"                                                                    \
	"_row\"><th scope=\"row\" class=\"govuk-table__header\">January</th><td "                 \
	"class=\"govuk-tabl"                                                                      \
	"e__cell govuk-table__cell--numeric\">£85</td><td class=\"govuk-table__cell "            \
	"govuk-table__c"                                                                          \
	"ell--numeric\">£95</td></tr><tr class=\"govuk-table__row\"><th scope=\"row\" "          \
	"class=\"govu"                                                                            \
	"k-table__header\">February</th><td class=\"govuk-table__cell "                           \
	"govuk-table__cell--numeric\""                                                            \
	">£75</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">£55</td></tr><tr " \
	"clas"                                                                                    \
	"s=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">March</th><td "   \
	"clas"                                                                                    \
	"s=\"govuk-table__cell govuk-table__cell--numeric\">£165</td><td "                       \
	"class=\"govuk-table__cell"                                                               \
	" govuk-table__cell--numeric\">£125</td></tr></tbody></table>"

/* input fixture "with error and hint" */
#define INPUT_ERROR_HINT                                                                             \
	"<div class=\"govuk-form-group govuk-form-group--error\"><label class=\"govuk-label\" "      \
	"for="                                                                                       \
	"\"with-error-hint\">National insurance number</label><div id=\"with-error-hint-hint\" "     \
	"cla"                                                                                        \
	"ss=\"govuk-hint\">It’s on your National Insurance card, benefit letter, payslip or P60. " \
	"F"                                                                                          \
	"or example, ‘QQ 12 34 56 C’.</div><p id=\"with-error-hint-error\" "                     \
	"class=\"govuk-error-mes"                                                                    \
	"sage\"><span class=\"govuk-visually-hidden\">Error:</span>Enter a National Insurance "      \
	"numb"                                                                                       \
	"er in the correct format</p><input class=\"govuk-input govuk-input--error\" "               \
	"id=\"with-err"                                                                              \
	"or-hint\" name=\"with-error-hint\" type=\"text\" "                                          \
	"aria-describedby=\"with-error-hint-hint "                                                   \
	"with-error-hint-error\"></div>"

/* input fixture "with label as page heading" */
#define INPUT_PAGE_HEADING                                                                  \
	"<div class=\"govuk-form-group\"><h1 class=\"govuk-label-wrapper\"><label "         \
	"class=\"govuk-la"                                                                  \
	"bel govuk-label--l\" for=\"input-with-page-heading\">National Insurance "          \
	"number</label></h"                                                                 \
	"1><input class=\"govuk-input\" id=\"input-with-page-heading\" name=\"test-name\" " \
	"type=\"t"                                                                          \
	"ext\"></div>"

/* input fixture "with prefix" */
#define INPUT_PREFIX                                                                               \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" "                            \
	"for=\"input-with-prefix\">Am"                                                             \
	"ount, in pounds</label><div class=\"govuk-input__wrapper\"><div "                         \
	"class=\"govuk-input__pref"                                                                \
	"ix\" aria-hidden=\"true\">£</div><input class=\"govuk-input\" id=\"input-with-prefix\" " \
	"na"                                                                                       \
	"me=\"amount\" type=\"text\"></div></div>"

/* input fixture "with suffix" */
#define INPUT_SUFFIX                                                                               \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" "                            \
	"for=\"input-with-suffix\">We"                                                             \
	"ight, in kilograms</label><div class=\"govuk-input__wrapper\"><input class=\"govuk-input" \
	"\" id=\"input-with-suffix\" name=\"weight\" type=\"text\"><div "                          \
	"class=\"govuk-input__suffi"                                                               \
	"x\" aria-hidden=\"true\">kg</div></div></div>"

/* input fixture "with width-10 class" */
#define INPUT_WIDTH_10                                                                               \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" "                              \
	"for=\"input-width-10\">Natio"                                                               \
	"nal insurance number</label><div id=\"input-width-10-hint\" class=\"govuk-hint\">It’s "   \
	"on "                                                                                        \
	"your National Insurance card, benefit letter, payslip or P60. For example, ‘QQ 12 34 56 " \
	"C"                                                                                          \
	"’.</div><input class=\"govuk-input govuk-input--width-10\" id=\"input-width-10\" "        \
	"name=\"t"                                                                                   \
	"est-width-10\" type=\"text\" aria-describedby=\"input-width-10-hint\"></div>"

/* input fixture "value" */
#define INPUT_VALUE                                                                             \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"with-value\">With " \
	"valu"                                                                                  \
	"e</label><input class=\"govuk-input\" id=\"with-value\" name=\"with-value\" "          \
	"type=\"text\""                                                                         \
	" value=\"QQ 12 34 56 C\"></div>"

/* input fixture "with autocomplete attribute" */
#define INPUT_AUTOCOMPLETE                                              \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" " \
	"for=\"input-with-autocomplet"                                  \
	"e-attribute\">Postcode</label><input class=\"govuk-input\" "   \
	"id=\"input-with-autocomplete-a"                                \
	"ttribute\" name=\"postcode\" type=\"text\" autocomplete=\"postal-code\"></div>"

/* input fixture "with spellcheck disabled" */
#define INPUT_SPELLCHECK_OFF                                                     \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" "          \
	"for=\"input-with-spellcheck-"                                           \
	"disabled\">Spellcheck is disabled</label><input class=\"govuk-input\" " \
	"id=\"input-with-spe"                                                    \
	"llcheck-disabled\" name=\"spellcheck\" type=\"text\" spellcheck=\"false\"></div>"

/* input fixture "inputmode" */
#define INPUT_INPUTMODE                                                        \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" "        \
	"for=\"with-inputmode\">With "                                         \
	"inputmode</label><input class=\"govuk-input\" id=\"with-inputmode\" " \
	"name=\"with-inputmode"                                                \
	"\" type=\"text\" inputmode=\"decimal\"></div>"

/* textarea fixture "with error message" */
#define TEXTAREA_ERROR                                                                          \
	"<div class=\"govuk-form-group govuk-form-group--error\"><label class=\"govuk-label\" " \
	"for="                                                                                  \
	"\"no-ni-reason\">Why can’t you provide a National Insurance number?</label><p "      \
	"id=\"no-ni-"                                                                           \
	"reason-error\" class=\"govuk-error-message\"><span "                                   \
	"class=\"govuk-visually-hidden\">Error:"                                                \
	"</span>You must provide an explanation</p><textarea class=\"govuk-textarea "           \
	"govuk-textarea"                                                                        \
	"--error\" id=\"no-ni-reason\" name=\"no-ni-reason\" rows=\"5\" "                       \
	"aria-describedby=\"no-ni-r"                                                            \
	"eason-error\"></textarea></div>"

/* textarea fixture "with default value" */
#define TEXTAREA_VALUE                                                                            \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"full-address\">Full " \
	"ad"                                                                                      \
	"dress</label><textarea class=\"govuk-textarea\" id=\"full-address\" name=\"address\" "   \
	"rows"                                                                                    \
	"=\"5\">221B Baker Street London NW1 6XE</textarea></div>"

/* textarea fixture "with label as page heading" */
#define TEXTAREA_PAGE_HEADING                                                            \
	"<div class=\"govuk-form-group\"><h1 class=\"govuk-label-wrapper\"><label "      \
	"class=\"govuk-la"                                                               \
	"bel govuk-label--l\" for=\"textarea-with-page-heading\">Full "                  \
	"address</label></h1><textare"                                                   \
	"a class=\"govuk-textarea\" id=\"textarea-with-page-heading\" name=\"address\" " \
	"rows=\"5\">"                                                                    \
	"</textarea></div>"

/* date-input fixture "with values and name prefix", adapted (see above) */
#define DATE_VALUES                                                                                \
	"<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" role=\"group\" "       \
	"aria-de"                                                                                  \
	"scribedby=\"dob-hint\"><legend class=\"govuk-fieldset__legend\">What is your date of "    \
	"birt"                                                                                     \
	"h?</legend><div id=\"dob-hint\" class=\"govuk-hint\">For example, 31 3 1980</div><div "   \
	"cla"                                                                                      \
	"ss=\"govuk-date-input\" id=\"dob\"><div class=\"govuk-date-input__item\"><div "           \
	"class=\"gov"                                                                              \
	"uk-form-group\"><label class=\"govuk-label govuk-date-input__label\" "                    \
	"for=\"dob-day\">Day<"                                                                     \
	"/label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" "        \
	"id=\"dob"                                                                                 \
	"-day\" name=\"dob-day\" type=\"text\" value=\"31\" "                                      \
	"inputmode=\"numeric\"></div></div><div"                                                   \
	" class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label "                \
	"class=\"govuk-la"                                                                         \
	"bel govuk-date-input__label\" for=\"dob-month\">Month</label><input class=\"govuk-input " \
	"g"                                                                                        \
	"ovuk-date-input__input govuk-input--width-2\" id=\"dob-month\" name=\"dob-month\" "       \
	"type=\""                                                                                  \
	"text\" value=\"3\" inputmode=\"numeric\"></div></div><div class=\"govuk-date-input__item" \
	"\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" " \
	"f"                                                                                        \
	"or=\"dob-year\">Year</label><input class=\"govuk-input govuk-date-input__input "          \
	"govuk-inpu"                                                                               \
	"t--width-4\" id=\"dob-year\" name=\"dob-year\" type=\"text\" value=\"1980\" "             \
	"inputmode=\"n"                                                                            \
	"umeric\"></div></div></div></fieldset></div>"

/* date-input fixture "with error message and hint", adapted (see above) */
#define DATE_ERROR_HINT                                                                            \
	"<div class=\"govuk-form-group govuk-form-group--error\"><fieldset class=\"govuk-fieldset" \
	"\" role=\"group\" aria-describedby=\"dob-errors-hint dob-errors-error\"><legend "         \
	"class=\"g"                                                                                \
	"ovuk-fieldset__legend\">What is your date of birth?</legend><div id=\"dob-errors-hint\" " \
	"c"                                                                                        \
	"lass=\"govuk-hint\">For example, 31 3 1980</div><p id=\"dob-errors-error\" "              \
	"class=\"govuk-"                                                                           \
	"error-message\"><span class=\"govuk-visually-hidden\">Error:</span>Error message goes "   \
	"her"                                                                                      \
	"e</p><div class=\"govuk-date-input\" id=\"dob-errors\"><div "                             \
	"class=\"govuk-date-input__ite"                                                            \
	"m\"><div class=\"govuk-form-group\"><label class=\"govuk-label "                          \
	"govuk-date-input__label\" "                                                               \
	"for=\"dob-errors-day\">Day</label><input class=\"govuk-input govuk-date-input__input "    \
	"govu"                                                                                     \
	"k-input--error govuk-input--width-2\" id=\"dob-errors-day\" name=\"dob-errors-day\" "     \
	"type="                                                                                    \
	"\"text\" inputmode=\"numeric\"></div></div><div class=\"govuk-date-input__item\"><div "   \
	"cla"                                                                                      \
	"ss=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" "            \
	"for=\"dob-er"                                                                             \
	"rors-month\">Month</label><input class=\"govuk-input govuk-date-input__input "            \
	"govuk-input-"                                                                             \
	"-error govuk-input--width-2\" id=\"dob-errors-month\" name=\"dob-errors-month\" "         \
	"type=\"te"                                                                                \
	"xt\" inputmode=\"numeric\"></div></div><div class=\"govuk-date-input__item\"><div class=" \
	"\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" "               \
	"for=\"dob-error"                                                                          \
	"s-year\">Year</label><input class=\"govuk-input govuk-date-input__input "                 \
	"govuk-input--erro"                                                                        \
	"r govuk-input--width-4\" id=\"dob-errors-year\" name=\"dob-errors-year\" type=\"text\" "  \
	"in"                                                                                       \
	"putmode=\"numeric\"></div></div></div></fieldset></div>"

/* date-input fixture "with error on day input", adapted (see above) */
#define DATE_ERROR_DAY                                                                             \
	"<div class=\"govuk-form-group govuk-form-group--error\"><fieldset class=\"govuk-fieldset" \
	"\" role=\"group\" aria-describedby=\"dob-day-error-hint dob-day-error-error\"><legend "   \
	"cla"                                                                                      \
	"ss=\"govuk-fieldset__legend\">What is your date of birth?</legend><div "                  \
	"id=\"dob-day-error"                                                                       \
	"-hint\" class=\"govuk-hint\">For example, 31 3 1980</div><p id=\"dob-day-error-error\" "  \
	"cl"                                                                                       \
	"ass=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span>Error "    \
	"mess"                                                                                     \
	"age goes here</p><div class=\"govuk-date-input\" id=\"dob-day-error\"><div "              \
	"class=\"govuk-"                                                                           \
	"date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label "           \
	"govuk-date-"                                                                              \
	"input__label\" for=\"dob-day-error-day\">Day</label><input class=\"govuk-input "          \
	"govuk-date"                                                                               \
	"-input__input govuk-input--error govuk-input--width-2\" id=\"dob-day-error-day\" "        \
	"name=\"d"                                                                                 \
	"ob-day-error-day\" type=\"text\" inputmode=\"numeric\"></div></div><div "                 \
	"class=\"govuk-dat"                                                                        \
	"e-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label "              \
	"govuk-date-inp"                                                                           \
	"ut__label\" for=\"dob-day-error-month\">Month</label><input class=\"govuk-input "         \
	"govuk-dat"                                                                                \
	"e-input__input govuk-input--width-2\" id=\"dob-day-error-month\" "                        \
	"name=\"dob-day-error-mon"                                                                 \
	"th\" type=\"text\" inputmode=\"numeric\"></div></div><div class=\"govuk-date-input__item" \
	"\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" " \
	"f"                                                                                        \
	"or=\"dob-day-error-year\">Year</label><input class=\"govuk-input "                        \
	"govuk-date-input__input "                                                                 \
	"govuk-input--width-4\" id=\"dob-day-error-year\" name=\"dob-day-error-year\" type=\"text" \
	"\" inputmode=\"numeric\"></div></div></div></fieldset></div>"

/* radios fixture "inline" */
#define RADIOS_INLINE                                                                              \
	"<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" "                      \
	"aria-describedby=\"exa"                                                                   \
	"mple-hint\"><legend class=\"govuk-fieldset__legend\">Have you changed your "              \
	"name?</legend>"                                                                           \
	"<div id=\"example-hint\" class=\"govuk-hint\">This includes changing your last name or "  \
	"sp"                                                                                       \
	"elling your name differently.</div><div class=\"govuk-radios govuk-radios--inline\" "     \
	"data-"                                                                                    \
	"module=\"govuk-radios\"><div class=\"govuk-radios__item\"><input "                        \
	"class=\"govuk-radios__in"                                                                 \
	"put\" id=\"example\" name=\"example\" type=\"radio\" value=\"yes\"><label "               \
	"class=\"govuk-l"                                                                          \
	"abel govuk-radios__label\" for=\"example\">Yes</label></div><div "                        \
	"class=\"govuk-radios__it"                                                                 \
	"em\"><input class=\"govuk-radios__input\" id=\"example-2\" name=\"example\" type=\"radio" \
	"\" value=\"no\" checked><label class=\"govuk-label govuk-radios__label\" for=\"example-2" \
	"\">No</label></div></div></fieldset></div>"

/* radios fixture "with a divider", adapted (see above) */
#define RADIOS_DIVIDER                                                                             \
	"<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend "              \
	"class=\"govuk-"                                                                           \
	"fieldset__legend\">How do you want to sign in?</legend><div class=\"govuk-radios\" "      \
	"data-m"                                                                                   \
	"odule=\"govuk-radios\"><div class=\"govuk-radios__item\"><input "                         \
	"class=\"govuk-radios__inp"                                                                \
	"ut\" id=\"example\" name=\"example\" type=\"radio\" value=\"government-gateway\"><label " \
	"c"                                                                                        \
	"lass=\"govuk-label govuk-radios__label\" for=\"example\">Use Government "                 \
	"Gateway</label></"                                                                        \
	"div><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "              \
	"id=\"example-2"                                                                           \
	"\" name=\"example\" type=\"radio\" value=\"govuk-verify\"><label class=\"govuk-label "    \
	"govu"                                                                                     \
	"k-radios__label\" for=\"example-2\">Use GOV.UK Verify</label></div><div "                 \
	"class=\"govuk-rad"                                                                        \
	"ios__divider\">or</div><div class=\"govuk-radios__item\"><input "                         \
	"class=\"govuk-radios__inp"                                                                \
	"ut\" id=\"example-4\" name=\"example\" type=\"radio\" value=\"create-account\"><label "   \
	"cla"                                                                                      \
	"ss=\"govuk-label govuk-radios__label\" for=\"example-4\">Create an "                      \
	"account</label></div><"                                                                   \
	"/div></fieldset></div>"

/* radios fixture "with fieldset and error message" */
#define RADIOS_FIELDSET_ERROR                                                                      \
	"<div class=\"govuk-form-group govuk-form-group--error\"><fieldset class=\"govuk-fieldset" \
	"\" aria-describedby=\"example-error\"><legend class=\"govuk-fieldset__legend\">Have you " \
	"c"                                                                                        \
	"hanged your name?</legend><p id=\"example-error\" class=\"govuk-error-message\"><span "   \
	"cla"                                                                                      \
	"ss=\"govuk-visually-hidden\">Error:</span>Please select an option</p><div "               \
	"class=\"govuk-r"                                                                          \
	"adios\" data-module=\"govuk-radios\"><div class=\"govuk-radios__item\"><input "           \
	"class=\"gov"                                                                              \
	"uk-radios__input\" id=\"example\" name=\"example\" type=\"radio\" value=\"yes\"><label "  \
	"cl"                                                                                       \
	"ass=\"govuk-label govuk-radios__label\" for=\"example\">Yes</label></div><div "           \
	"class=\"gov"                                                                              \
	"uk-radios__item\"><input class=\"govuk-radios__input\" id=\"example-2\" "                 \
	"name=\"example\" "                                                                        \
	"type=\"radio\" value=\"no\" checked><label class=\"govuk-label govuk-radios__label\" "    \
	"for="                                                                                     \
	"\"example-2\">No</label></div></div></fieldset></div>"

/* radios fixture "with error message" */
#define RADIOS_NO_FIELDSET_ERROR                                                                   \
	"<div class=\"govuk-form-group govuk-form-group--error\"><p "                              \
	"id=\"example-error-message-err"                                                           \
	"or\" class=\"govuk-error-message\"><span "                                                \
	"class=\"govuk-visually-hidden\">Error:</span>Ple"                                         \
	"ase select an option</p><div class=\"govuk-radios\" data-module=\"govuk-radios\"><div "   \
	"cla"                                                                                      \
	"ss=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "                          \
	"id=\"example-error-message"                                                               \
	"\" name=\"example-error-message\" type=\"radio\" value=\"yes\"><label "                   \
	"class=\"govuk-label"                                                                      \
	" govuk-radios__label\" for=\"example-error-message\">Yes</label></div><div "              \
	"class=\"govuk-"                                                                           \
	"radios__item\"><input class=\"govuk-radios__input\" id=\"example-error-message-2\" name=" \
	"\"example-error-message\" type=\"radio\" value=\"no\"><label class=\"govuk-label "        \
	"govuk-ra"                                                                                 \
	"dios__label\" for=\"example-error-message-2\">No</label></div></div></div>"

/* radios fixture "small" */
#define RADIOS_SMALL                                                                            \
	"<div class=\"govuk-form-group govuk-radios--small\"><fieldset "                        \
	"class=\"govuk-fieldset\"><l"                                                           \
	"egend class=\"govuk-fieldset__legend\">How do you want to be contacted?</legend><div " \
	"clas"                                                                                  \
	"s=\"govuk-radios\" data-module=\"govuk-radios\"><div "                                 \
	"class=\"govuk-radios__item\"><input "                                                  \
	"class=\"govuk-radios__input\" id=\"how-contacted-2\" name=\"how-contacted-2\" "        \
	"type=\"radi"                                                                           \
	"o\" value=\"email\"><label class=\"govuk-label govuk-radios__label\" "                 \
	"for=\"how-contacted-"                                                                  \
	"2\">Email</label></div><div class=\"govuk-radios__item\"><input "                      \
	"class=\"govuk-radios__inp"                                                             \
	"ut\" id=\"how-contacted-2-2\" name=\"how-contacted-2\" type=\"radio\" "                \
	"value=\"phone\"><la"                                                                   \
	"bel class=\"govuk-label govuk-radios__label\" "                                        \
	"for=\"how-contacted-2-2\">Phone</label></di"                                           \
	"v><div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" "             \
	"id=\"how-contact"                                                                      \
	"ed-2-3\" name=\"how-contacted-2\" type=\"radio\" value=\"text\"><label "               \
	"class=\"govuk-labe"                                                                    \
	"l govuk-radios__label\" for=\"how-contacted-2-3\">Text "                               \
	"message</label></div></div></field"                                                    \
	"set></div>"

/* checkboxes fixture "with error message" */
#define CHECKBOXES_ERROR_ITEM_HINTS                                                                \
	"<div class=\"govuk-form-group govuk-form-group--error\"><fieldset class=\"govuk-fieldset" \
	"\" aria-describedby=\"waste-error\"><legend class=\"govuk-fieldset__legend\">Which "      \
	"types "                                                                                   \
	"of waste do you transport regularly?</legend><p id=\"waste-error\" "                      \
	"class=\"govuk-error-me"                                                                   \
	"ssage\"><span class=\"govuk-visually-hidden\">Error:</span>Please select an "             \
	"option</p><di"                                                                            \
	"v class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\"><div "                      \
	"class=\"govuk-checkbox"                                                                   \
	"es__item\"><input class=\"govuk-checkboxes__input\" id=\"waste\" name=\"waste\" "         \
	"type=\"ch"                                                                                \
	"eckbox\" value=\"animal\" aria-describedby=\"waste-item-hint\"><label "                   \
	"class=\"govuk-label"                                                                      \
	" govuk-checkboxes__label\" for=\"waste\">Waste from animal carcasses</label><div "        \
	"id=\"was"                                                                                 \
	"te-item-hint\" class=\"govuk-hint govuk-checkboxes__hint\">Nullam id dolor id nibh "      \
	"ultric"                                                                                   \
	"ies vehicula ut id elit.</div></div><div class=\"govuk-checkboxes__item\"><input "        \
	"class=\""                                                                                 \
	"govuk-checkboxes__input\" id=\"waste-2\" name=\"waste\" type=\"checkbox\" "               \
	"value=\"mines\""                                                                          \
	" aria-describedby=\"waste-2-item-hint\"><label class=\"govuk-label "                      \
	"govuk-checkboxes__labe"                                                                   \
	"l\" for=\"waste-2\">Waste from mines or quarries</label><div id=\"waste-2-item-hint\" "   \
	"cla"                                                                                      \
	"ss=\"govuk-hint govuk-checkboxes__hint\">Nullam id dolor id nibh ultricies vehicula ut "  \
	"id"                                                                                       \
	" elit.</div></div><div class=\"govuk-checkboxes__item\"><input "                          \
	"class=\"govuk-checkboxes__"                                                               \
	"input\" id=\"waste-3\" name=\"waste\" type=\"checkbox\" value=\"farm\" aria-describedby=" \
	"\"waste-3-item-hint\"><label class=\"govuk-label govuk-checkboxes__label\" for=\"waste-3" \
	"\">Farm or agricultural waste</label><div id=\"waste-3-item-hint\" class=\"govuk-hint "   \
	"gov"                                                                                      \
	"uk-checkboxes__hint\">Nullam id dolor id nibh ultricies vehicula ut id "                  \
	"elit.</div></div><"                                                                       \
	"/div></fieldset></div>"

/* checkboxes fixture "with divider and None" */
#define CHECKBOXES_DIVIDER_NONE                                                                    \
	"<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend "              \
	"class=\"govuk-"                                                                           \
	"fieldset__legend\">Which types of waste do you transport regularly?</legend><div "        \
	"class=\""                                                                                 \
	"govuk-checkboxes\" data-module=\"govuk-checkboxes\"><div "                                \
	"class=\"govuk-checkboxes__item\""                                                         \
	"><input class=\"govuk-checkboxes__input\" id=\"with-divider-and-none\" "                  \
	"name=\"with-divide"                                                                       \
	"r-and-none\" type=\"checkbox\" value=\"animal\"><label class=\"govuk-label "              \
	"govuk-checkbox"                                                                           \
	"es__label\" for=\"with-divider-and-none\">Waste from animal carcasses</label></div><div " \
	"c"                                                                                        \
	"lass=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "                \
	"id=\"with-divide"                                                                         \
	"r-and-none-2\" name=\"with-divider-and-none\" type=\"checkbox\" value=\"mines\"><label "  \
	"cl"                                                                                       \
	"ass=\"govuk-label govuk-checkboxes__label\" for=\"with-divider-and-none-2\">Waste from "  \
	"mi"                                                                                       \
	"nes or quarries</label></div><div class=\"govuk-checkboxes__item\"><input "               \
	"class=\"govuk-c"                                                                          \
	"heckboxes__input\" id=\"with-divider-and-none-3\" name=\"with-divider-and-none\" "        \
	"type=\"c"                                                                                 \
	"heckbox\" value=\"farm\"><label class=\"govuk-label govuk-checkboxes__label\" "           \
	"for=\"with-"                                                                              \
	"divider-and-none-3\">Farm or agricultural waste</label></div><div "                       \
	"class=\"govuk-checkboxe"                                                                  \
	"s__divider\">or</div><div class=\"govuk-checkboxes__item\"><input "                       \
	"class=\"govuk-checkboxe"                                                                  \
	"s__input\" id=\"with-divider-and-none-5\" name=\"with-divider-and-none\" type=\"checkbox" \
	"\" value=\"none\" data-behaviour=\"exclusive\"><label class=\"govuk-label "               \
	"govuk-checkboxe"                                                                          \
	"s__label\" for=\"with-divider-and-none-5\">None of "                                      \
	"these</label></div></div></fieldset></"                                                   \
	"div>"

/* checkboxes fixture "with error message and hint" */
#define CHECKBOXES_ERROR_HINT                                                                      \
	"<div class=\"govuk-form-group govuk-form-group--error\"><fieldset class=\"govuk-fieldset" \
	"\" aria-describedby=\"example-hint example-error\"><legend "                              \
	"class=\"govuk-fieldset__legend"                                                           \
	"\">What is your nationality?</legend><div id=\"example-hint\" class=\"govuk-hint\">If "   \
	"you"                                                                                      \
	" have dual nationality, select all options that are relevant to you.</div><p "            \
	"id=\"example"                                                                             \
	"-error\" class=\"govuk-error-message\"><span "                                            \
	"class=\"govuk-visually-hidden\">Error:</span"                                             \
	">Please select an option</p><div class=\"govuk-checkboxes\" "                             \
	"data-module=\"govuk-checkboxe"                                                            \
	"s\"><div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" "      \
	"id=\"e"                                                                                   \
	"xample\" name=\"example\" type=\"checkbox\" value=\"british\"><label "                    \
	"class=\"govuk-label "                                                                     \
	"govuk-checkboxes__label\" for=\"example\">British</label></div><div "                     \
	"class=\"govuk-checkbo"                                                                    \
	"xes__item\"><input class=\"govuk-checkboxes__input\" id=\"example-2\" name=\"example\" "  \
	"ty"                                                                                       \
	"pe=\"checkbox\" value=\"irish\"><label class=\"govuk-label govuk-checkboxes__label\" "    \
	"for="                                                                                     \
	"\"example-2\">Irish</label></div></div></fieldset></div>"

/* select fixture "with hint text and error message" */
#define SELECT_HINT_ERROR                                                                        \
	"<div class=\"govuk-form-group govuk-form-group--error\"><label class=\"govuk-label\" "  \
	"for="                                                                                   \
	"\"select-2\">Label text goes here</label><div id=\"select-2-hint\" "                    \
	"class=\"govuk-hint\">H"                                                                 \
	"int text goes here</div><p id=\"select-2-error\" class=\"govuk-error-message\"><span "  \
	"clas"                                                                                   \
	"s=\"govuk-visually-hidden\">Error:</span>Error message goes here</p><select "           \
	"class=\"govuk"                                                                          \
	"-select govuk-select--error\" id=\"select-2\" name=\"select-2\" "                       \
	"aria-describedby=\"select"                                                              \
	"-2-hint select-2-error\"><option value=\"1\">GOV.UK frontend option 1</option><option " \
	"val"                                                                                    \
	"ue=\"2\">GOV.UK frontend option 2</option><option value=\"3\">GOV.UK frontend option "  \
	"3</o"                                                                                   \
	"ption></select></div>"

/* select fixture "with selected value" */
#define SELECT_VALUE                                                                           \
	"<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"select-1\">Label " \
	"text "                                                                                \
	"goes here</label><select class=\"govuk-select\" id=\"select-1\" "                     \
	"name=\"select-1\"><option"                                                            \
	" value=\"1\">GOV.UK frontend option 1</option><option value=\"2\" selected>GOV.UK "   \
	"fronten"                                                                              \
	"d option 2</option><option value=\"3\" disabled>GOV.UK frontend option "              \
	"3</option></select"                                                                   \
	"></div>"

/* button fixture "default" */
#define BUTTON_DEFAULT                                                                          \
	"<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Save and " \
	"cont"                                                                                  \
	"inue</button>"

/* button fixture "link" */
#define BUTTON_LINK                                                                 \
	"<a href=\"/\" role=\"button\" draggable=\"false\" class=\"govuk-button\" " \
	"data-module=\"go"                                                          \
	"vuk-button\">Link button</a>"

/* button fixture "start" */
#define BUTTON_START                                                                          \
	"<button type=\"submit\" class=\"govuk-button govuk-button--start\" "                 \
	"data-module=\"govuk-bu"                                                              \
	"tton\">Start now button<svg class=\"govuk-button__start-icon\" "                     \
	"xmlns=\"http://www.w3.org/"                                                          \
	"2000/svg\" width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" " \
	"focusa"                                                                              \
	"ble=\"false\"><path fill=\"currentColor\" d=\"M0 0h13l20 20-20 "                     \
	"20H0l20-20z\"/></svg></but"                                                          \
	"ton>"

/* button fixture "start link" */
#define BUTTON_START_LINK                                                                          \
	"<a href=\"/\" role=\"button\" draggable=\"false\" class=\"govuk-button "                  \
	"govuk-button--star"                                                                       \
	"t\" data-module=\"govuk-button\">Start now link button<svg "                              \
	"class=\"govuk-button__start-ic"                                                           \
	"on\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" height=\"19\" viewBox=\"0 0 33 " \
	"4"                                                                                        \
	"0\" aria-hidden=\"true\" focusable=\"false\"><path fill=\"currentColor\" d=\"M0 0h13l20 " \
	"2"                                                                                        \
	"0-20 20H0l20-20z\"/></svg></a>"

/* button fixture "secondary" */
#define BUTTON_SECONDARY                                                   \
	"<button type=\"submit\" name=\"secondary\" class=\"govuk-button " \
	"govuk-button--secondary\""                                        \
	" data-module=\"govuk-button\">Secondary button</button>"

/* button fixture "warning" */
#define BUTTON_WARNING                                                                           \
	"<button type=\"submit\" name=\"Warning\" class=\"govuk-button govuk-button--warning\" " \
	"dat"                                                                                    \
	"a-module=\"govuk-button\">Warning button</button>"

/* button fixture "value" */
#define BUTTON_VALUE                                                      \
	"<button type=\"submit\" value=\"start\" class=\"govuk-button\" " \
	"data-module=\"govuk-button"                                      \
	"\">Submit</button>"

/* button fixture "id" */
#define BUTTON_ID                                                                      \
	"<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\" " \
	"id=\"submit\""                                                                \
	">Submit</button>"

/* button fixture "prevent double click" */
#define BUTTON_NO_DOUBLE_CLICK                                                               \
	"<button type=\"submit\" data-prevent-double-click=\"true\" class=\"govuk-button\" " \
	"data-mo"                                                                            \
	"dule=\"govuk-button\">Submit</button>"

/* notification-banner fixture "default" */
#define BANNER_DEFAULT                                                                         \
	"<div class=\"govuk-notification-banner\" role=\"region\" "                            \
	"aria-labelledby=\"govuk-notifica"                                                     \
	"tion-banner-title\" data-module=\"govuk-notification-banner\"><div "                  \
	"class=\"govuk-notifica"                                                               \
	"tion-banner__header\"><h2 class=\"govuk-notification-banner__title\" "                \
	"id=\"govuk-notificat"                                                                 \
	"ion-banner-title\">Important</h2></div><div "                                         \
	"class=\"govuk-notification-banner__content\">"                                        \
	"<p class=\"govuk-notification-banner__heading\">This publication was withdrawn on 7 " \
	"March"                                                                                \
	" 2014.</p></div></div>"

/* notification-banner fixture "with type as success" */
#define BANNER_SUCCESS                                                                             \
	"<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert" \
	"\" aria-labelledby=\"govuk-notification-banner-title\" "                                  \
	"data-module=\"govuk-notification-b"                                                       \
	"anner\"><div class=\"govuk-notification-banner__header\"><h2 "                            \
	"class=\"govuk-notification-b"                                                             \
	"anner__title\" id=\"govuk-notification-banner-title\">Success</h2></div><div "            \
	"class=\"govu"                                                                             \
	"k-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">Email "  \
	"se"                                                                                       \
	"nt to example@email.com</p></div></div>"

/* task-list fixture "with hint text and additional states", adapted (see above) */
#define TASK_LIST_STATES                                                                           \
	"<ul class=\"govuk-task-list\"><li class=\"govuk-task-list__item "                         \
	"govuk-task-list__item--wi"                                                                \
	"th-link\"><div class=\"govuk-task-list__name-and-hint\"><a class=\"govuk-link "           \
	"govuk-task-"                                                                              \
	"list__link\" href=\"#\" aria-describedby=\"task-list-1-status\">Company "                 \
	"Directors</a></di"                                                                        \
	"v><div class=\"govuk-task-list__status\" "                                                \
	"id=\"task-list-1-status\">Completed</div></li><l"                                         \
	"i class=\"govuk-task-list__item govuk-task-list__item--with-link\"><div "                 \
	"class=\"govuk-tas"                                                                        \
	"k-list__name-and-hint\"><a class=\"govuk-link govuk-task-list__link\" href=\"#\" "        \
	"aria-des"                                                                                 \
	"cribedby=\"task-list-2-status\">Registered company details</a></div><div "                \
	"class=\"govuk-ta"                                                                         \
	"sk-list__status\" id=\"task-list-2-status\"><strong class=\"govuk-tag "                   \
	"govuk-tag--teal\">N"                                                                      \
	"ot started</strong></div></li><li class=\"govuk-task-list__item "                         \
	"govuk-task-list__item--wi"                                                                \
	"th-link\"><div class=\"govuk-task-list__name-and-hint\"><a class=\"govuk-link "           \
	"govuk-task-"                                                                              \
	"list__link\" href=\"#\" aria-describedby=\"task-list-3-hint "                             \
	"task-list-3-status\">Business"                                                            \
	" plan</a><div id=\"task-list-3-hint\" class=\"govuk-task-list__hint\">Ensure the plan "   \
	"cov"                                                                                      \
	"ers objectives, strategies, sales, marketing and financial forecasts.</div></div><div "   \
	"cla"                                                                                      \
	"ss=\"govuk-task-list__status\" id=\"task-list-3-status\"><strong class=\"govuk-tag "      \
	"govuk-"                                                                                   \
	"tag--magenta\">Review</strong></div></li><li class=\"govuk-task-list__item "              \
	"govuk-task-lis"                                                                           \
	"t__item--with-link\"><div class=\"govuk-task-list__name-and-hint\"><a "                   \
	"class=\"govuk-link "                                                                      \
	"govuk-task-list__link\" href=\"#\" "                                                      \
	"aria-describedby=\"task-list-4-status\">Documentation<"                                   \
	"/a></div><div class=\"govuk-task-list__status\" id=\"task-list-4-status\"><strong class=" \
	"\"govuk-tag\">In progress</strong></div></li><li class=\"govuk-task-list__item "          \
	"govuk-task"                                                                               \
	"-list__item--with-link\"><div class=\"govuk-task-list__name-and-hint\"><a "               \
	"class=\"govuk-l"                                                                          \
	"ink govuk-task-list__link\" href=\"#\" "                                                  \
	"aria-describedby=\"task-list-5-status\">Charitable"                                       \
	" status</a></div><div class=\"govuk-task-list__status\" "                                 \
	"id=\"task-list-5-status\"><strong"                                                        \
	" class=\"govuk-tag govuk-tag--red\">Error</strong></div></li><li "                        \
	"class=\"govuk-task-list_"                                                                 \
	"_item\"><div class=\"govuk-task-list__name-and-hint\"><div>Payment</div><div "            \
	"id=\"task-li"                                                                             \
	"st-6-hint\" class=\"govuk-task-list__hint\">It will cost between £15 and "               \
	"£75</div></div><"                                                                        \
	"div class=\"govuk-task-list__status govuk-task-list__status--cannot-start-yet\" "         \
	"id=\"task"                                                                                \
	"-list-6-status\">Cannot start yet</div></li></ul>"

/* pagination fixture "default" */
#define PAGINATION_DEFAULT                                                                         \
	"<nav class=\"govuk-pagination\" aria-label=\"Pagination\"><div "                          \
	"class=\"govuk-pagination__"                                                               \
	"prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"/previous\" "                \
	"rel=\"prev\"><sv"                                                                         \
	"g class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "                         \
	"xmlns=\"http://www.w3.org"                                                                \
	"/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=" \
	"\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 "                   \
	"1.377-1.449-4.1856-"                                                                      \
	"3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg><span "                 \
	"class=\"govuk-pag"                                                                        \
	"ination__link-title\">Previous<span "                                                     \
	"class=\"govuk-visually-hidden\">page</span></span></a"                                    \
	"></div><ul class=\"govuk-pagination__list\"><li class=\"govuk-pagination__item\"><a "     \
	"class"                                                                                    \
	"=\"govuk-link govuk-pagination__link\" href=\"/page/1\" aria-label=\"Page "               \
	"1\">1</a></li><"                                                                          \
	"li class=\"govuk-pagination__item govuk-pagination__item--current\"><a "                  \
	"class=\"govuk-link"                                                                       \
	" govuk-pagination__link\" href=\"/page/2\" aria-label=\"Page 2\" "                        \
	"aria-current=\"page\">2<"                                                                 \
	"/a></li><li class=\"govuk-pagination__item\"><a class=\"govuk-link "                      \
	"govuk-pagination__link"                                                                   \
	"\" href=\"/page/3\" aria-label=\"Page 3\">3</a></li></ul><div "                           \
	"class=\"govuk-pagination__n"                                                              \
	"ext\"><a class=\"govuk-link govuk-pagination__link\" href=\"/next\" rel=\"next\"><span "  \
	"cl"                                                                                       \
	"ass=\"govuk-pagination__link-title\">Next<span "                                          \
	"class=\"govuk-visually-hidden\">page</span"                                               \
	"></span><svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" "              \
	"xmlns=\"http:/"                                                                           \
	"/www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false" \
	"\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 "                 \
	"4.293h-12.986v2h1"                                                                        \
	"2.896l-4.1855 3.9766 1.377 1.4492 "                                                       \
	"6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div><"                                  \
	"/nav>"

/* pagination fixture "with many pages" */
#define PAGINATION_MANY                                                                            \
	"<nav class=\"govuk-pagination\" aria-label=\"Pagination\"><div "                          \
	"class=\"govuk-pagination__"                                                               \
	"prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"/previous\" "                \
	"rel=\"prev\"><sv"                                                                         \
	"g class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "                         \
	"xmlns=\"http://www.w3.org"                                                                \
	"/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=" \
	"\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 "                   \
	"1.377-1.449-4.1856-"                                                                      \
	"3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg><span "                 \
	"class=\"govuk-pag"                                                                        \
	"ination__link-title\">Previous<span "                                                     \
	"class=\"govuk-visually-hidden\">page</span></span></a"                                    \
	"></div><ul class=\"govuk-pagination__list\"><li class=\"govuk-pagination__item\"><a "     \
	"class"                                                                                    \
	"=\"govuk-link govuk-pagination__link\" href=\"/page/1\" aria-label=\"Page "               \
	"1\">1</a></li><"                                                                          \
	"li class=\"govuk-pagination__item govuk-pagination__item--ellipsis\">&ctdot;</li><li "    \
	"clas"                                                                                     \
	"s=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" "             \
	"href=\"/page/"                                                                            \
	"8\" aria-label=\"Page 8\">8</a></li><li class=\"govuk-pagination__item\"><a "             \
	"class=\"govuk"                                                                            \
	"-link govuk-pagination__link\" href=\"/page/9\" aria-label=\"Page 9\">9</a></li><li "     \
	"class"                                                                                    \
	"=\"govuk-pagination__item govuk-pagination__item--current\"><a class=\"govuk-link "       \
	"govuk-p"                                                                                  \
	"agination__link\" href=\"/page/10\" aria-label=\"Page 10\" "                              \
	"aria-current=\"page\">10</a></"                                                           \
	"li><li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" "  \
	"hr"                                                                                       \
	"ef=\"/page/11\" aria-label=\"Page 11\">11</a></li><li "                                   \
	"class=\"govuk-pagination__item\"><a"                                                      \
	" class=\"govuk-link govuk-pagination__link\" href=\"/page/12\" aria-label=\"Page "        \
	"12\">12<"                                                                                 \
	"/a></li><li class=\"govuk-pagination__item "                                              \
	"govuk-pagination__item--ellipsis\">&ctdot;</li"                                           \
	"><li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" "    \
	"href"                                                                                     \
	"=\"/page/40\" aria-label=\"Page 40\">40</a></li></ul><div class=\"govuk-pagination__next" \
	"\"><a class=\"govuk-link govuk-pagination__link\" href=\"/next\" rel=\"next\"><span "     \
	"class"                                                                                    \
	"=\"govuk-pagination__link-title\">Next<span "                                             \
	"class=\"govuk-visually-hidden\">page</span></"                                            \
	"span><svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" "                 \
	"xmlns=\"http://ww"                                                                        \
	"w.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" " \
	"v"                                                                                        \
	"iewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 "                     \
	"4.293h-12.986v2h12.89"                                                                    \
	"6l-4.1855 3.9766 1.377 1.4492 "                                                           \
	"6.7441-6.4062-6.7246-6.7266z\"></path></svg></a></div></nav"                              \
	">"

/* pagination fixture "with prev and next only" */
#define PAGINATION_BLOCK                                                                           \
	"<nav class=\"govuk-pagination govuk-pagination--block\" aria-label=\"Pagination\"><div "  \
	"cl"                                                                                       \
	"ass=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" "           \
	"href=\"/pre"                                                                              \
	"vious\" rel=\"prev\"><svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" " \
	"x"                                                                                        \
	"mlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "     \
	"focus"                                                                                    \
	"able=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 "   \
	"6.4"                                                                                      \
	"062 "                                                                                     \
	"1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>"    \
	"<span class=\"govuk-pagination__link-title "                                              \
	"govuk-pagination__link-title--decorated\">Prev"                                           \
	"ious<span class=\"govuk-visually-hidden\">page</span></span></a></div><div "              \
	"class=\"govuk-"                                                                           \
	"pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"/next\" "        \
	"rel=\"ne"                                                                                 \
	"xt\"><svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" "                 \
	"xmlns=\"http://ww"                                                                        \
	"w.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" " \
	"v"                                                                                        \
	"iewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 "                     \
	"4.293h-12.986v2h12.89"                                                                    \
	"6l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg><span "         \
	"class=\"g"                                                                                \
	"ovuk-pagination__link-title govuk-pagination__link-title--decorated\">Next<span "         \
	"class=\"g"                                                                                \
	"ovuk-visually-hidden\">page</span></span></a></div></nav>"

/* pagination fixture "with prev and next only and labels" */
#define PAGINATION_BLOCK_LABELS                                                                    \
	"<nav class=\"govuk-pagination govuk-pagination--block\" aria-label=\"Pagination\"><div "  \
	"cl"                                                                                       \
	"ass=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" "           \
	"href=\"/pre"                                                                              \
	"vious\" rel=\"prev\"><svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" " \
	"x"                                                                                        \
	"mlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "     \
	"focus"                                                                                    \
	"able=\"false\" viewBox=\"0 0 15 13\"><path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 "   \
	"6.4"                                                                                      \
	"062 "                                                                                     \
	"1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>"    \
	"<span class=\"govuk-pagination__link-title\">Previous page</span><span "                  \
	"class=\"govuk-visu"                                                                       \
	"ally-hidden\">:</span><span class=\"govuk-pagination__link-label\">Paying VAT and "       \
	"duty</s"                                                                                  \
	"pan></a></div><div class=\"govuk-pagination__next\"><a class=\"govuk-link "               \
	"govuk-paginatio"                                                                          \
	"n__link\" href=\"/next\" rel=\"next\"><svg class=\"govuk-pagination__icon "               \
	"govuk-paginatio"                                                                          \
	"n__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "         \
	"aria-hidd"                                                                                \
	"en=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path d=\"m8.107-0.0078125-1.4136 " \
	"1"                                                                                        \
	".414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 "                          \
	"6.7441-6.4062-6.7246-6.726"                                                               \
	"6z\"></path></svg><span class=\"govuk-pagination__link-title\">Next page</span><span "    \
	"clas"                                                                                     \
	"s=\"govuk-visually-hidden\">:</span><span "                                               \
	"class=\"govuk-pagination__link-label\">Register"                                          \
	"ing an imported vehicle</span></a></div></nav>"

/* generic-header fixture "default" */
#define GENERIC_HEADER                                                                      \
	"<div class=\"govuk-generic-header\"><div class=\"govuk-generic-header__container " \
	"govuk-wi"                                                                          \
	"dth-container\"><div class=\"govuk-generic-header__logo\"><a href=\"/\" "          \
	"class=\"govuk-gen"                                                                 \
	"eric-header__homepage-link\">My cool service</a></div></div></div>"

/* ---------------------------------------------------------------- helpers */

/* normalise returns a malloc'd copy of s with whitespace normalised as described above. */
static char *normalise(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);
	size_t o = 0;
	int pending_space = 0;

	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			pending_space = 1;
			continue;
		}
		if (pending_space && o > 0 && out[o - 1] != '>' && c != '<' && c != '>')
			out[o++] = ' ';
		pending_space = 0;
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

/* expect_html compares what h holds with the expected markup, then releases h. */
static void expect_html(struct html *h, const char *expected)
{
	assert_int_equal(html_error(h), 0);
	char *got = normalise(buf_cstr(&h->b));
	char *want = normalise(expected);
	assert_string_equal(got, want);
	free(got);
	free(want);
	html_release(h);
}

/* A summary list value that needs markup: the fixture's contact details. */
static void contact_details(struct html *h, const void *arg)
{
	(void)arg;
	html_raw(h, "<p class=\"govuk-body\">email@email.com</p><p class=\"govuk-body\">Address "
		    "line 1<br>Address line 2<br>Address line 3<br>Address line 4<br>Address "
		    "line 5</p>");
}

/* ---------------------------------------------------------------- error summary */

static void error_summary_links_each_error_to_its_field(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	field_error_add(&errs, "example-error-1", NULL,
			"The date your passport was issued must be in the past");
	field_error_add(&errs, "example-error-2", NULL, "Enter a postcode, like AA1 1AA");
	struct html h;
	html_init(&h);
	gds_error_summary(&h, &errs);
	expect_html(&h, ERROR_SUMMARY_DEFAULT);
}

static void error_summary_writes_nothing_without_errors(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	struct html h;
	html_init(&h);
	gds_error_summary(&h, &errs);
	gds_error_summary(&h, NULL);
	expect_html(&h, "");
}

/* ---------------------------------------------------------------- small components */

static void back_link_defaults_to_back(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_back_link(&h, "#", NULL);
	expect_html(&h, BACK_LINK_DEFAULT);
}

static void tag_default_is_blue_without_modifier(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_tag(&h, "Alpha", GDS_TAG_BLUE);
	expect_html(&h, TAG_DEFAULT);
}

static void tag_colour_adds_modifier(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_tag(&h, "Grey", GDS_TAG_GREY);
	expect_html(&h, TAG_GREY);
}

static void heading_with_caption_and_paragraph_helpers(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_heading(&h,
		    &(struct gds_heading){.text = "Request an assessment", .caption = "Step 1"});
	gds_heading(&h, &(struct gds_heading){.text = "Advice", .level = 2});
	gds_p(&h, "Text");
	gds_link(&h, "/cases", "Cases");
	gds_inset_text(&h, "Inset");
	expect_html(&h, "<span class=\"govuk-caption-l\">Step 1</span>"
			"<h1 class=\"govuk-heading-l\">Request an assessment</h1>"
			"<h2 class=\"govuk-heading-m\">Advice</h2>"
			"<p class=\"govuk-body\">Text</p>"
			"<a class=\"govuk-link\" href=\"/cases\">Cases</a>"
			"<div class=\"govuk-inset-text\">Inset</div>");
}

static void grid_and_form_helpers(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_form_start(&h, "/requests");
	gds_hidden(&h, "csrf", "t0k");
	gds_form_end(&h);
	gds_grid_end(&h);
	expect_html(&h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
			"<form method=\"post\" action=\"/requests\" novalidate>"
			"<input type=\"hidden\" name=\"csrf\" value=\"t0k\"></form></div></div>");
}

/* ---------------------------------------------------------------- buttons */

static void button_default_is_submit(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Save and continue"});
	expect_html(&h, BUTTON_DEFAULT);
}

static void button_with_href_is_a_link(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Link button", .href = "/"});
	expect_html(&h, BUTTON_LINK);
}

static void button_start_has_arrow(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Start now button", .start = 1});
	expect_html(&h, BUTTON_START);
	html_init(&h);
	gds_button(&h,
		   &(struct gds_button){.text = "Start now link button", .start = 1, .href = "/"});
	expect_html(&h, BUTTON_START_LINK);
}

static void button_secondary_and_warning_with_name(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Secondary button",
					    .name = "secondary",
					    .kind = GDS_BUTTON_SECONDARY});
	expect_html(&h, BUTTON_SECONDARY);
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Warning button",
					    .name = "Warning",
					    .kind = GDS_BUTTON_WARNING});
	expect_html(&h, BUTTON_WARNING);
}

static void button_value_id_and_double_click(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Submit", .value = "start"});
	expect_html(&h, BUTTON_VALUE);
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Submit", .id = "submit"});
	expect_html(&h, BUTTON_ID);
	html_init(&h);
	gds_button(&h, &(struct gds_button){.text = "Submit", .prevent_double_click = 1});
	expect_html(&h, BUTTON_NO_DOUBLE_CLICK);
}

/* ---------------------------------------------------------------- notification banner */

static void banner_default_is_important_region(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_notification_banner(
		&h,
		&(struct gds_banner){.heading = "This publication was withdrawn on 7 March 2014."});
	expect_html(&h, BANNER_DEFAULT);
}

static void banner_success_is_alert(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_notification_banner(
		&h,
		&(struct gds_banner){.success = 1, .heading = "Email sent to example@email.com"});
	expect_html(&h, BANNER_SUCCESS);
}

static void banner_with_link_and_body(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_notification_banner(&h, &(struct gds_banner){.heading = "You have 7 days left.",
							 .link_href = "/app",
							 .link_text = "View application",
							 .body = "Then it closes."});
	expect_html(&h,
		    "<div class=\"govuk-notification-banner\" role=\"region\" "
		    "aria-labelledby=\"govuk-notification-banner-title\" "
		    "data-module=\"govuk-notification-banner\"><div "
		    "class=\"govuk-notification-banner__header\"><h2 "
		    "class=\"govuk-notification-banner__title\" "
		    "id=\"govuk-notification-banner-title\">Important</h2></div><div "
		    "class=\"govuk-notification-banner__content\"><p "
		    "class=\"govuk-notification-banner__heading\">You have 7 days left. <a "
		    "class=\"govuk-notification-banner__link\" href=\"/app\">View "
		    "application</a></p><p class=\"govuk-body\">Then it closes.</p></div></div>");
}

/* ---------------------------------------------------------------- summary list */

static void summary_list_rows_without_actions_get_modifier(void **state)
{
	(void)state;
	struct gds_summary_row rows[] = {
		{.key = "Name",
		 .value = "Firstname Lastname",
		 .actions = {{.href = "#", .text = "Edit", .visually_hidden = "name"},
			     {.href = "#", .text = "Delete", .visually_hidden = "name"}}},
		{.key = "Date of birth", .value = "13/08/1980"},
		{.key = "Contact information", .slot = {.render = contact_details}},
	};
	struct html h;
	html_init(&h);
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 3});
	expect_html(&h, SUMMARY_SOME_ACTIONS);
}

static void summary_list_single_action_without_list(void **state)
{
	(void)state;
	struct gds_summary_row rows[] = {
		{.key = "Date of birth",
		 .value = "13/08/1980",
		 .actions = {{.href = "#", .text = "Change", .visually_hidden = "date of birth"}}},
	};
	struct html h;
	html_init(&h);
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 1});
	expect_html(&h, "<dl class=\"govuk-summary-list\"><div class=\"govuk-summary-list__row\">"
			"<dt class=\"govuk-summary-list__key\">Date of birth</dt>"
			"<dd class=\"govuk-summary-list__value\">13/08/1980</dd>"
			"<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
			"href=\"#\">Change<span class=\"govuk-visually-hidden\"> date of "
			"birth</span></a></dd></div></dl>");
}

static void summary_list_as_card(void **state)
{
	(void)state;
	struct gds_summary_row rows[] = {
		{.key = "Name", .value = "Firstname Lastname"},
		{.key = "Date of birth", .value = "13/08/1980"},
	};
	struct html h;
	html_init(&h);
	gds_summary_list(
		&h, &(struct gds_summary_list){.rows = rows,
					       .n_rows = 2,
					       .card_title = "Undergraduate teaching assistant"});
	expect_html(&h, SUMMARY_CARD);
}

/* ---------------------------------------------------------------- table */

static void table_with_head_caption_and_numeric_cells(void **state)
{
	(void)state;
	struct gds_table_cell head[] = {
		{.text = "Month you apply"},
		{.text = "Rate for bicycles", .numeric = 1},
		{.text = "Rate for vehicles", .numeric = 1},
	};
	struct gds_table_cell cells[] = {
		{.text = "January"},
		{.text = "£85", .numeric = 1},
		{.text = "£95", .numeric = 1},
		{.text = "February"},
		{.text = "£75", .numeric = 1},
		{.text = "£55", .numeric = 1},
		{.text = "March"},
		{.text = "£165", .numeric = 1},
		{.text = "£125", .numeric = 1},
	};
	struct html h;
	html_init(&h);
	gds_table(&h, &(struct gds_table){.caption = "Caption 1: Months and rates",
					  .caption_size = GDS_SIZE_M,
					  .head = head,
					  .cells = cells,
					  .n_cols = 3,
					  .n_rows = 3,
					  .first_cell_is_header = 1});
	expect_html(&h, TABLE_HEAD_CAPTION);
}

static void table_cell_with_href_is_a_link(void **state)
{
	(void)state;
	struct gds_table_cell cells[] = {{.text = "Case 1", .href = "/cases/abc"}};
	struct html h;
	html_init(&h);
	gds_table(&h, &(struct gds_table){.cells = cells, .n_cols = 1, .n_rows = 1});
	expect_html(&h, "<table class=\"govuk-table\"><tbody class=\"govuk-table__body\">"
			"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">"
			"<a class=\"govuk-link\" href=\"/cases/abc\">Case 1</a></td></tr>"
			"</tbody></table>");
}

/* ---------------------------------------------------------------- task list */

static void task_list_statuses_hints_and_cannot_start(void **state)
{
	(void)state;
	struct gds_task items[] = {
		{.title = "Company Directors", .href = "#", .status = "Completed"},
		{.title = "Registered company details",
		 .href = "#",
		 .status = "Not started",
		 .status_style = GDS_TASK_TAG,
		 .status_colour = GDS_TAG_TEAL},
		{.title = "Business plan",
		 .href = "#",
		 .hint = "Ensure the plan covers objectives, strategies, sales, marketing and "
			 "financial forecasts.",
		 .status = "Review",
		 .status_style = GDS_TASK_TAG,
		 .status_colour = GDS_TAG_MAGENTA},
		{.title = "Documentation",
		 .href = "#",
		 .status = "In progress",
		 .status_style = GDS_TASK_TAG,
		 .status_colour = GDS_TAG_BLUE},
		{.title = "Charitable status",
		 .href = "#",
		 .status = "Error",
		 .status_style = GDS_TASK_TAG,
		 .status_colour = GDS_TAG_RED},
		{.title = "Payment",
		 .hint = "It will cost between £15 and £75",
		 .status = "Cannot start yet",
		 .status_style = GDS_TASK_CANNOT_START},
	};
	struct html h;
	html_init(&h);
	gds_task_list(&h, &(struct gds_task_list){.items = items, .n_items = 6});
	expect_html(&h, TASK_LIST_STATES);
}

/* ---------------------------------------------------------------- pagination */

static void pagination_numbered_with_current_page(void **state)
{
	(void)state;
	struct gds_page_link pages[] = {
		{.number = 1, .href = "/page/1"},
		{.number = 2, .href = "/page/2", .current = 1},
		{.number = 3, .href = "/page/3"},
	};
	struct html h;
	html_init(&h);
	gds_pagination(&h, &(struct gds_pagination){.prev_href = "/previous",
						    .next_href = "/next",
						    .items = pages,
						    .n_items = 3});
	expect_html(&h, PAGINATION_DEFAULT);
}

static void pagination_with_ellipses(void **state)
{
	(void)state;
	struct gds_page_link pages[] = {
		{.number = 1, .href = "/page/1"},
		{.ellipsis = 1},
		{.number = 8, .href = "/page/8"},
		{.number = 9, .href = "/page/9"},
		{.number = 10, .href = "/page/10", .current = 1},
		{.number = 11, .href = "/page/11"},
		{.number = 12, .href = "/page/12"},
		{.ellipsis = 1},
		{.number = 40, .href = "/page/40"},
	};
	struct html h;
	html_init(&h);
	gds_pagination(&h, &(struct gds_pagination){.prev_href = "/previous",
						    .next_href = "/next",
						    .items = pages,
						    .n_items = 9});
	expect_html(&h, PAGINATION_MANY);
}

static void pagination_previous_and_next_only_is_block(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_pagination(&h,
		       &(struct gds_pagination){.prev_href = "/previous", .next_href = "/next"});
	expect_html(&h, PAGINATION_BLOCK);
	html_init(&h);
	gds_pagination(&h,
		       &(struct gds_pagination){.prev_href = "/previous",
						.prev_text = "Previous page",
						.prev_label = "Paying VAT and duty",
						.next_href = "/next",
						.next_text = "Next page",
						.next_label = "Registering an imported vehicle"});
	expect_html(&h, PAGINATION_BLOCK_LABELS);
}

/* ---------------------------------------------------------------- text input */

static void input_with_error_and_hint(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_input(&h, &(struct gds_input){
			      .name = "with-error-hint",
			      .label = "National insurance number",
			      .error = "Enter a National Insurance number in the correct format",
			      .hint = "It’s on your National Insurance card, benefit letter, "
				      "payslip or P60. For example, ‘QQ 12 34 56 C’.",
		      });
	expect_html(&h, INPUT_ERROR_HINT);
}

static void input_error_comes_from_field_errors_by_name(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	field_error_add(&errs, "other", NULL, "Not this one");
	field_error_add(&errs, "with-error-hint", NULL,
			"Enter a National Insurance number in the correct format");
	struct html h;
	html_init(&h);
	gds_input(&h, &(struct gds_input){
			      .name = "with-error-hint",
			      .label = "National insurance number",
			      .errors = &errs,
			      .hint = "It’s on your National Insurance card, benefit letter, "
				      "payslip or P60. For example, ‘QQ 12 34 56 C’.",
		      });
	expect_html(&h, INPUT_ERROR_HINT);
}

static void input_label_as_page_heading(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "test-name",
					  .id = "input-with-page-heading",
					  .label = "National Insurance number",
					  .label_size = GDS_SIZE_L,
					  .label_is_page_heading = 1});
	expect_html(&h, INPUT_PAGE_HEADING);
}

static void input_prefix_and_suffix(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "amount",
					  .id = "input-with-prefix",
					  .label = "Amount, in pounds",
					  .prefix = "£"});
	expect_html(&h, INPUT_PREFIX);
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "weight",
					  .id = "input-with-suffix",
					  .label = "Weight, in kilograms",
					  .suffix = "kg"});
	expect_html(&h, INPUT_SUFFIX);
}

static void input_attributes(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_input(&h,
		  &(struct gds_input){.name = "test-width-10",
				      .id = "input-width-10",
				      .label = "National insurance number",
				      .hint = "It’s on your National Insurance card, benefit "
					      "letter, payslip or P60. For example, ‘QQ 12 34 56 "
					      "C’.",
				      .classes = "govuk-input--width-10"});
	expect_html(&h, INPUT_WIDTH_10);
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "with-value",
					  .label = "With value",
					  .value = "QQ 12 34 56 C"});
	expect_html(&h, INPUT_VALUE);
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "postcode",
					  .id = "input-with-autocomplete-attribute",
					  .label = "Postcode",
					  .autocomplete = "postal-code"});
	expect_html(&h, INPUT_AUTOCOMPLETE);
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "spellcheck",
					  .id = "input-with-spellcheck-disabled",
					  .label = "Spellcheck is disabled",
					  .spellcheck = -1});
	expect_html(&h, INPUT_SPELLCHECK_OFF);
	html_init(&h);
	gds_input(&h, &(struct gds_input){.name = "with-inputmode",
					  .label = "With inputmode",
					  .inputmode = "decimal"});
	expect_html(&h, INPUT_INPUTMODE);
}

/* ---------------------------------------------------------------- textarea */

static void textarea_with_error(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_textarea(&h, &(struct gds_textarea){
				 .name = "no-ni-reason",
				 .label = "Why can’t you provide a National Insurance number?",
				 .error = "You must provide an explanation"});
	expect_html(&h, TEXTAREA_ERROR);
}

static void textarea_value_and_page_heading(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_textarea(&h, &(struct gds_textarea){.name = "address",
						.id = "full-address",
						.label = "Full address",
						.value = "221B Baker Street\nLondon\nNW1 6XE\n"});
	expect_html(&h, TEXTAREA_VALUE);
	html_init(&h);
	gds_textarea(&h, &(struct gds_textarea){.name = "address",
						.id = "textarea-with-page-heading",
						.label = "Full address",
						.label_size = GDS_SIZE_L,
						.label_is_page_heading = 1});
	expect_html(&h, TEXTAREA_PAGE_HEADING);
}

/* ---------------------------------------------------------------- date input */

static void date_input_with_values(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_date_input(&h, &(struct gds_date_input){.name = "dob",
						    .legend = "What is your date of birth?",
						    .hint = "For example, 31 3 1980",
						    .day = "31",
						    .month = "3",
						    .year = "1980"});
	expect_html(&h, DATE_VALUES);
}

static void date_input_whole_date_error_marks_all_parts(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	/* A whole-date error is recorded on the first input, the summary's link target. */
	field_error_add(&errs, "dob-errors-day", "/dob", "Error message goes here");
	struct html h;
	html_init(&h);
	gds_date_input(&h, &(struct gds_date_input){.name = "dob-errors",
						    .legend = "What is your date of birth?",
						    .hint = "For example, 31 3 1980",
						    .errors = &errs});
	expect_html(&h, DATE_ERROR_HINT);
}

static void date_input_error_on_day_only(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_date_input(&h, &(struct gds_date_input){.name = "dob-day-error",
						    .legend = "What is your date of birth?",
						    .hint = "For example, 31 3 1980",
						    .error = "Error message goes here",
						    .error_parts = GDS_DATE_DAY});
	expect_html(&h, DATE_ERROR_DAY);
}

static void date_input_missing_month_marks_month(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	field_error_add(&errs, "dob-month", "/dob", "Date of birth must include a month");
	struct html h;
	html_init(&h);
	gds_date_input(&h, &(struct gds_date_input){.name = "dob",
						    .legend = "Date of birth",
						    .errors = &errs,
						    .birthday = 1});
	const char *out = buf_cstr(&h.b);
	assert_non_null(strstr(out, "<div class=\"govuk-form-group govuk-form-group--error\">"));
	assert_non_null(strstr(out, "class=\"govuk-input govuk-date-input__input "
				    "govuk-input--error govuk-input--width-2\" id=\"dob-month\""));
	assert_non_null(strstr(out, "class=\"govuk-input govuk-date-input__input "
				    "govuk-input--width-2\" id=\"dob-day\""));
	assert_non_null(strstr(out, "Date of birth must include a month"));
	assert_non_null(strstr(out, "autocomplete=\"bday-year\""));
	assert_non_null(strstr(out, "aria-describedby=\"dob-error\""));
	html_release(&h);
}

/* ---------------------------------------------------------------- radios */

static const struct gds_choice yes_no[] = {
	{.value = "yes", .text = "Yes"},
	{.value = "no", .text = "No"},
};

static void radios_inline_with_hint_and_value(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_radios(&h, &(struct gds_choices){.name = "example",
					     .legend = "Have you changed your name?",
					     .hint = "This includes changing your last name or "
						     "spelling your name differently.",
					     .items = yes_no,
					     .n_items = 2,
					     .value = "no",
					     .is_inline = 1});
	expect_html(&h, RADIOS_INLINE);
}

static void radios_divider_counts_in_ids(void **state)
{
	(void)state;
	struct gds_choice items[] = {
		{.value = "government-gateway", .text = "Use Government Gateway"},
		{.value = "govuk-verify", .text = "Use GOV.UK Verify"},
		{.divider = "or"},
		{.value = "create-account", .text = "Create an account"},
	};
	struct html h;
	html_init(&h);
	gds_radios(&h, &(struct gds_choices){.name = "example",
					     .legend = "How do you want to sign in?",
					     .items = items,
					     .n_items = 4});
	expect_html(&h, RADIOS_DIVIDER);
}

static void radios_error_with_and_without_fieldset(void **state)
{
	(void)state;
	struct gds_choice items[] = {
		{.value = "yes", .text = "Yes"},
		{.value = "no", .text = "No", .checked = 1},
	};
	struct html h;
	html_init(&h);
	gds_radios(&h, &(struct gds_choices){.name = "example",
					     .legend = "Have you changed your name?",
					     .items = items,
					     .n_items = 2,
					     .error = "Please select an option"});
	expect_html(&h, RADIOS_FIELDSET_ERROR);
	html_init(&h);
	gds_radios(&h, &(struct gds_choices){.name = "example-error-message",
					     .items = yes_no,
					     .n_items = 2,
					     .error = "Please select an option"});
	expect_html(&h, RADIOS_NO_FIELDSET_ERROR);
}

static void radios_small(void **state)
{
	(void)state;
	struct gds_choice items[] = {
		{.value = "email", .text = "Email"},
		{.value = "phone", .text = "Phone"},
		{.value = "text", .text = "Text message"},
	};
	struct html h;
	html_init(&h);
	gds_radios(&h, &(struct gds_choices){.name = "how-contacted-2",
					     .legend = "How do you want to be contacted?",
					     .items = items,
					     .n_items = 3,
					     .small = 1});
	expect_html(&h, RADIOS_SMALL);
}

/* ---------------------------------------------------------------- checkboxes */

static void checkboxes_error_and_item_hints(void **state)
{
	(void)state;
	struct gds_choice items[] = {
		{.value = "animal",
		 .text = "Waste from animal carcasses",
		 .hint = "Nullam id dolor id nibh ultricies vehicula ut id elit."},
		{.value = "mines",
		 .text = "Waste from mines or quarries",
		 .hint = "Nullam id dolor id nibh ultricies vehicula ut id elit."},
		{.value = "farm",
		 .text = "Farm or agricultural waste",
		 .hint = "Nullam id dolor id nibh ultricies vehicula ut id elit."},
	};
	struct field_errors errs = {0};
	field_error_add(&errs, "waste", "/waste", "Please select an option");
	struct html h;
	html_init(&h);
	gds_checkboxes(&h, &(struct gds_choices){.name = "waste",
						 .legend = "Which types of waste do you transport "
							   "regularly?",
						 .items = items,
						 .n_items = 3,
						 .errors = &errs});
	expect_html(&h, CHECKBOXES_ERROR_ITEM_HINTS);
}

static void checkboxes_divider_and_exclusive_none(void **state)
{
	(void)state;
	struct gds_choice items[] = {
		{.value = "animal", .text = "Waste from animal carcasses"},
		{.value = "mines", .text = "Waste from mines or quarries"},
		{.value = "farm", .text = "Farm or agricultural waste"},
		{.divider = "or"},
		{.value = "none", .text = "None of these", .exclusive = 1},
	};
	struct html h;
	html_init(&h);
	gds_checkboxes(&h, &(struct gds_choices){.name = "with-divider-and-none",
						 .legend = "Which types of waste do you transport "
							   "regularly?",
						 .items = items,
						 .n_items = 5});
	expect_html(&h, CHECKBOXES_DIVIDER_NONE);
}

static void checkboxes_error_and_hint_and_checked_values(void **state)
{
	(void)state;
	struct gds_choice items[] = {
		{.value = "british", .text = "British"},
		{.value = "irish", .text = "Irish"},
	};
	struct html h;
	html_init(&h);
	gds_checkboxes(&h, &(struct gds_choices){.name = "example",
						 .legend = "What is your nationality?",
						 .hint = "If you have dual nationality, select all "
							 "options that are relevant to you.",
						 .items = items,
						 .n_items = 2,
						 .error = "Please select an option"});
	expect_html(&h, CHECKBOXES_ERROR_HINT);

	const char *const values[] = {"irish"};
	html_init(&h);
	gds_checkboxes(&h, &(struct gds_choices){.name = "nat",
						 .items = items,
						 .n_items = 2,
						 .values = values,
						 .n_values = 1,
						 .hint = "Hint"});
	const char *out = buf_cstr(&h.b);
	assert_non_null(strstr(out, "id=\"nat-2\" name=\"nat\" type=\"checkbox\" value=\"irish\" "
				    "checked aria-describedby=\"nat-hint\">"));
	assert_non_null(strstr(out, "value=\"british\" aria-describedby=\"nat-hint\">"));
	html_release(&h);
}

/* ---------------------------------------------------------------- select */

static const struct gds_option options_123[] = {
	{.value = "1", .text = "GOV.UK frontend option 1"},
	{.value = "2", .text = "GOV.UK frontend option 2"},
	{.value = "3", .text = "GOV.UK frontend option 3"},
};

static void select_with_hint_and_error(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_select(&h, &(struct gds_select){.name = "select-2",
					    .label = "Label text goes here",
					    .hint = "Hint text goes here",
					    .error = "Error message goes here",
					    .items = options_123,
					    .n_items = 3});
	expect_html(&h, SELECT_HINT_ERROR);
}

static void select_value_selects_option(void **state)
{
	(void)state;
	struct gds_option items[] = {
		{.value = "1", .text = "GOV.UK frontend option 1"},
		{.value = "2", .text = "GOV.UK frontend option 2"},
		{.value = "3", .text = "GOV.UK frontend option 3", .disabled = 1},
	};
	struct html h;
	html_init(&h);
	gds_select(&h, &(struct gds_select){.name = "select-1",
					    .label = "Label text goes here",
					    .items = items,
					    .n_items = 3,
					    .value = "2"});
	expect_html(&h, SELECT_VALUE);
}

/*
 * The normalisation above drops spaces next to tags, so check separately the ones that
 * matter: screen readers hear "Change date of birth", "Previous page", "Error: Enter ...".
 */
static void visually_hidden_text_keeps_its_spaces(void **state)
{
	(void)state;
	struct gds_summary_row rows[] = {
		{.key = "Date of birth",
		 .value = "1 May 2020",
		 .actions = {{.href = "#", .text = "Change", .visually_hidden = "date of birth"}}},
	};
	struct html h;
	html_init(&h);
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 1});
	gds_pagination(&h, &(struct gds_pagination){.prev_href = "/p", .next_href = "/n"});
	gds_input(&h, &(struct gds_input){.name = "e", .label = "E", .error = "Enter an email"});
	const char *out = buf_cstr(&h.b);
	assert_non_null(strstr(out, "Change<span class=\"govuk-visually-hidden\"> date of "
				    "birth</span>"));
	assert_non_null(strstr(out, "Previous<span class=\"govuk-visually-hidden\"> page</span>"));
	assert_non_null(strstr(out, "Next<span class=\"govuk-visually-hidden\"> page</span>"));
	assert_non_null(strstr(out, "Error:</span> Enter an email</p>"));
	html_release(&h);
}

/* ---------------------------------------------------------------- page template */

#define PAGE_HEAD                                                                       \
	"<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head>"            \
	"<meta charset=\"utf-8\"><title>Your cases – sendap</title>"                  \
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "       \
	"viewport-fit=cover\"><meta name=\"theme-color\" content=\"#1d70b8\">"          \
	"<link rel=\"stylesheet\" href=\"/assets/css/sendap.css\">"                     \
	"<link rel=\"icon\" sizes=\"48x48\" href=\"/assets/images/favicon.ico\">"       \
	"<link rel=\"icon\" sizes=\"any\" href=\"/assets/images/favicon.svg\" "         \
	"type=\"image/svg+xml\">"                                                       \
	"<link rel=\"mask-icon\" href=\"/assets/images/govuk-icon-mask.svg\" "          \
	"color=\"#1d70b8\">"                                                            \
	"<link rel=\"apple-touch-icon\" href=\"/assets/images/govuk-icon-180.png\">"    \
	"<link rel=\"manifest\" href=\"/assets/manifest.json\"></head>"                 \
	"<body class=\"govuk-template__body\">"                                         \
	"<a href=\"#main-content\" class=\"govuk-skip-link\" "                          \
	"data-module=\"govuk-skip-link\">Skip to main content</a>"                      \
	"<header class=\"govuk-template__header\"><div class=\"govuk-generic-header\">" \
	"<div class=\"govuk-generic-header__container govuk-width-container\">"         \
	"<div class=\"govuk-generic-header__logo\"><a href=\"/\" "                      \
	"class=\"govuk-generic-header__homepage-link\">sendap</a></div></div></div>"    \
	"</header><div class=\"govuk-width-container\">"                                \
	"<main class=\"govuk-main-wrapper\" id=\"main-content\">"

#define PAGE_FOOT                                                                               \
	"</main></div><footer class=\"govuk-template__footer\"><div class=\"govuk-footer\">"    \
	"<div class=\"govuk-width-container\"><div class=\"govuk-footer__meta\">"               \
	"<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">"                 \
	"<h2 class=\"govuk-visually-hidden\">Support links</h2>"                                \
	"<ul class=\"govuk-footer__inline-list\"><li class=\"govuk-footer__inline-list-item\">" \
	"<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility statement</a>"   \
	"</li></ul></div></div></div></div></footer>"                                           \
	"<script type=\"module\" src=\"/assets/js/init.mjs\"></script></body></html>"

static void page_template_whole_page(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Your cases"});
	gds_p(&h, "Hello");
	gds_page_end(&h);
	expect_html(&h, PAGE_HEAD "<p class=\"govuk-body\">Hello</p>" PAGE_FOOT);
}

static void page_header_is_generic_header_fixture(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "T", .service_name = "My cool service"});
	char *got = normalise(buf_cstr(&h.b));
	char *want = normalise(GENERIC_HEADER);
	assert_non_null(strstr(got, want));
	assert_non_null(strstr(got, "<title>T – My cool service</title>"));
	free(got);
	free(want);
	html_release(&h);
}

static void page_with_errors_prefixes_title_and_shows_summary(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	field_error_add(&errs, "email", "/email", "Enter an email address");
	struct html h;
	html_init(&h);
	gds_page_start(
		&h, &(struct gds_page){.title = "Sign in", .errors = &errs, .back_href = "/start"});
	gds_page_end(&h);
	const char *out = buf_cstr(&h.b);
	assert_non_null(strstr(out, "<title>Error: Sign in – sendap</title>"));
	assert_non_null(strstr(out, "<a href=\"/start\" class=\"govuk-back-link\">Back</a>"
				    "<main class=\"govuk-main-wrapper\" id=\"main-content\">"
				    "<div class=\"govuk-error-summary\""));
	assert_non_null(strstr(out, "<li><a href=\"#email\">Enter an email address</a></li>"));
	html_release(&h);
}

static void page_service_navigation_marks_current(void **state)
{
	(void)state;
	struct gds_nav_item nav[] = {
		{.href = "/cases", .text = "Cases", .current = 1},
		{.href = "/sign-out", .text = "Sign out"},
	};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Cases", .nav = nav, .n_nav = 2});
	char *got = normalise(buf_cstr(&h.b));
	assert_non_null(strstr(
		got,
		"<div class=\"govuk-service-navigation\" "
		"data-module=\"govuk-service-navigation\"><div class=\"govuk-width-container\">"
		"<div class=\"govuk-service-navigation__container\"><nav aria-label=\"Menu\" "
		"class=\"govuk-service-navigation__wrapper\"><button type=\"button\" "
		"class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" "
		"aria-controls=\"navigation\" hidden aria-hidden=\"true\">Menu</button>"
		"<ul class=\"govuk-service-navigation__list\" id=\"navigation\">"
		"<li class=\"govuk-service-navigation__item "
		"govuk-service-navigation__item--active\"><a "
		"class=\"govuk-service-navigation__link\" href=\"/cases\" "
		"aria-current=\"page\"><strong "
		"class=\"govuk-service-navigation__active-fallback\">Cases</strong></a></li>"
		"<li class=\"govuk-service-navigation__item\"><a "
		"class=\"govuk-service-navigation__link\" href=\"/sign-out\">Sign "
		"out</a></li></ul></nav></div></div></div></header>"));
	free(got);
	html_release(&h);
}

/* CSP (script-src 'self'; style-src 'self'), no crown, no GOV.UK typeface. */
static void page_has_no_inline_script_style_or_crown(void **state)
{
	(void)state;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Anything", .back_href = "/"});
	gds_page_end(&h);
	const char *out = buf_cstr(&h.b);
	assert_null(strstr(out, "<script>"));
	assert_null(strstr(out, "style="));
	assert_null(strstr(out, "<style"));
	assert_null(strstr(out, "crown"));
	assert_null(strstr(out, "Crown"));
	assert_null(strstr(out, "Transport"));
	assert_null(strstr(out, " on")); /* no onclick= and the like */
	assert_non_null(strstr(out, "<script type=\"module\" src=\"/assets/js/init.mjs\">"));
	html_release(&h);
}

/* ---------------------------------------------------------------- escaping */

#define NASTY "<script>\"'&"
#define NASTY_ESCAPED "&lt;script&gt;&quot;&#39;&amp;"

static void nasty_slot(struct html *h, const void *arg)
{
	html_text(h, arg);
}

static void values_are_escaped_in_text_and_attributes(void **state)
{
	(void)state;
	struct field_errors errs = {0};
	field_error_add(&errs, "q", NULL, NASTY);
	struct gds_summary_row rows[] = {
		{.key = NASTY,
		 .value = NASTY,
		 .actions = {{.href = NASTY, .visually_hidden = NASTY}}},
		{.key = "k", .slot = {.render = nasty_slot, .arg = NASTY}},
	};
	struct gds_table_cell cells[] = {{.text = NASTY, .href = NASTY}};
	struct gds_choice items[] = {{.value = NASTY, .text = NASTY, .hint = NASTY}};
	struct gds_option options[] = {{.value = NASTY, .text = NASTY}};
	struct gds_nav_item nav[] = {{.href = NASTY, .text = NASTY}};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = NASTY,
					      .errors = &errs,
					      .back_href = NASTY,
					      .service_name = NASTY,
					      .service_href = NASTY,
					      .nav = nav,
					      .n_nav = 1});
	gds_input(&h, &(struct gds_input){.name = "q",
					  .label = NASTY,
					  .hint = NASTY,
					  .value = NASTY,
					  .prefix = NASTY,
					  .errors = &errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "t", .label = NASTY, .value = NASTY});
	gds_date_input(&h, &(struct gds_date_input){
				   .name = "d", .legend = NASTY, .day = NASTY, .error = NASTY});
	gds_radios(&h, &(struct gds_choices){.name = "r",
					     .legend = NASTY,
					     .items = items,
					     .n_items = 1,
					     .value = NASTY});
	gds_checkboxes(&h, &(struct gds_choices){.name = "c", .items = items, .n_items = 1});
	gds_select(&h, &(struct gds_select){
			       .name = "s", .label = NASTY, .items = options, .n_items = 1});
	gds_summary_list(
		&h, &(struct gds_summary_list){.rows = rows, .n_rows = 2, .card_title = NASTY});
	gds_table(&h,
		  &(struct gds_table){.caption = NASTY, .cells = cells, .n_cols = 1, .n_rows = 1});
	gds_tag(&h, NASTY, GDS_TAG_RED);
	gds_button(&h, &(struct gds_button){.text = NASTY, .name = NASTY, .value = NASTY});
	gds_notification_banner(
		&h, &(struct gds_banner){
			    .title = NASTY, .heading = NASTY, .link_href = NASTY, .body = NASTY});
	gds_heading(&h, &(struct gds_heading){.text = NASTY, .caption = NASTY});
	gds_hidden(&h, "csrf", NASTY);
	gds_page_end(&h);
	assert_int_equal(html_error(&h), 0);

	const char *out = buf_cstr(&h.b);
	/* The only <script is ours, and no raw quote or ampersand from the value survives. */
	assert_null(strstr(out, "<script>"));
	assert_null(strstr(out, "\"'&"));
	assert_null(strstr(out, "'&"));
	assert_non_null(strstr(out, "<title>Error: " NASTY_ESCAPED " – " NASTY_ESCAPED));
	assert_non_null(strstr(out, "value=\"" NASTY_ESCAPED "\""));
	assert_non_null(strstr(out, "href=\"" NASTY_ESCAPED "\""));
	assert_non_null(strstr(out, ">" NASTY_ESCAPED "</textarea>"));
	assert_non_null(strstr(out, ">" NASTY_ESCAPED "</option>"));
	assert_non_null(strstr(out, "<li><a href=\"#q\">" NASTY_ESCAPED "</a></li>"));
	size_t count = 0;
	for (const char *p = out; (p = strstr(p, NASTY_ESCAPED)) != NULL; p++)
		count++;
	assert_true(count >= 30);
	html_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_summary_links_each_error_to_its_field),
		cmocka_unit_test(error_summary_writes_nothing_without_errors),
		cmocka_unit_test(back_link_defaults_to_back),
		cmocka_unit_test(tag_default_is_blue_without_modifier),
		cmocka_unit_test(tag_colour_adds_modifier),
		cmocka_unit_test(heading_with_caption_and_paragraph_helpers),
		cmocka_unit_test(grid_and_form_helpers),
		cmocka_unit_test(button_default_is_submit),
		cmocka_unit_test(button_with_href_is_a_link),
		cmocka_unit_test(button_start_has_arrow),
		cmocka_unit_test(button_secondary_and_warning_with_name),
		cmocka_unit_test(button_value_id_and_double_click),
		cmocka_unit_test(banner_default_is_important_region),
		cmocka_unit_test(banner_success_is_alert),
		cmocka_unit_test(banner_with_link_and_body),
		cmocka_unit_test(summary_list_rows_without_actions_get_modifier),
		cmocka_unit_test(summary_list_single_action_without_list),
		cmocka_unit_test(summary_list_as_card),
		cmocka_unit_test(table_with_head_caption_and_numeric_cells),
		cmocka_unit_test(table_cell_with_href_is_a_link),
		cmocka_unit_test(task_list_statuses_hints_and_cannot_start),
		cmocka_unit_test(pagination_numbered_with_current_page),
		cmocka_unit_test(pagination_with_ellipses),
		cmocka_unit_test(pagination_previous_and_next_only_is_block),
		cmocka_unit_test(input_with_error_and_hint),
		cmocka_unit_test(input_error_comes_from_field_errors_by_name),
		cmocka_unit_test(input_label_as_page_heading),
		cmocka_unit_test(input_prefix_and_suffix),
		cmocka_unit_test(input_attributes),
		cmocka_unit_test(textarea_with_error),
		cmocka_unit_test(textarea_value_and_page_heading),
		cmocka_unit_test(date_input_with_values),
		cmocka_unit_test(date_input_whole_date_error_marks_all_parts),
		cmocka_unit_test(date_input_error_on_day_only),
		cmocka_unit_test(date_input_missing_month_marks_month),
		cmocka_unit_test(radios_inline_with_hint_and_value),
		cmocka_unit_test(radios_divider_counts_in_ids),
		cmocka_unit_test(radios_error_with_and_without_fieldset),
		cmocka_unit_test(radios_small),
		cmocka_unit_test(checkboxes_error_and_item_hints),
		cmocka_unit_test(checkboxes_divider_and_exclusive_none),
		cmocka_unit_test(checkboxes_error_and_hint_and_checked_values),
		cmocka_unit_test(select_with_hint_and_error),
		cmocka_unit_test(select_value_selects_option),
		cmocka_unit_test(visually_hidden_text_keeps_its_spaces),
		cmocka_unit_test(page_template_whole_page),
		cmocka_unit_test(page_header_is_generic_header_fixture),
		cmocka_unit_test(page_with_errors_prefixes_title_and_shows_summary),
		cmocka_unit_test(page_service_navigation_marks_current),
		cmocka_unit_test(page_has_no_inline_script_style_or_crown),
		cmocka_unit_test(values_are_escaped_in_text_and_attributes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
