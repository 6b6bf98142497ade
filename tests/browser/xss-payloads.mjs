// Filter-evasion payloads for the XSS case: the classes of the OWASP XSS Filter Evasion Cheat
// Sheet plus ones aimed at this site's own paths (Markdown, translator's notes, Atom feeds, form
// values). Each one calls `__xss(N)` (or alert, which the case also catches) if it ever runs;
// `N` is replaced by the payload's number so that a failure names the payload.

/** Base64 of `<script>__xss(N)</script>`, for the data: URL payloads. */
const b64 = (n) => Buffer.from(`<script>__xss(${n})</script>`).toString("base64");

export const PAYLOAD_TEMPLATES = [
  // script tags, in case variants and broken forms
  ["script", "<script>__xss(N)</script>"],
  ["script-upper", "<SCRIPT>__xss(N)</SCRIPT>"],
  ["script-mixed", "<ScRiPt>__xss(N)</sCrIpT>"],
  ["script-src-data", "<script src=data:,__xss(N)></script>"],
  ["script-double-open", "<<script>__xss(N);//<</script>"],
  ["script-slash-attr", "<script/x>__xss(N)</script>"],
  ["script-nested", "<scr<script>ipt>__xss(N)</scr</script>ipt>"],
  ["script-close-first", "</script><script>__xss(N)</script>"],
  // event handlers
  ["img-onerror", "<img src=x onerror=__xss(N)>"],
  ["img-onerror-quoted", "<IMG SRC=\"x\" ONERROR=\"__xss(N)\">"],
  ["img-onerror-entities", "<img src=x onerror=&#95;&#95;xss(N)>"],
  ["body-onload", "<body onload=__xss(N)>"],
  ["svg-onload", "<svg onload=__xss(N)>"],
  ["svg-slash-onload", "<svg/onload=__xss(N)>"],
  ["details-ontoggle", "<details open ontoggle=__xss(N)>"],
  ["input-autofocus", "<input autofocus onfocus=__xss(N)>"],
  ["video-source", "<video><source onerror=__xss(N)></video>"],
  ["mouseover", "<b onmouseover=__xss(N)>hover</b>"],
  // javascript: and data: URLs in links and images
  ["a-javascript", "<a href=\"javascript:__xss(N)\">link</a>"],
  ["a-data-html", "<a href=\"data:text/html,<script>__xss(N)</script>\">d</a>"],
  ["img-javascript", "<img src=\"javascript:__xss(N)\">"],
  ["md-link-js", "[link](javascript:__xss(N))"],
  ["md-link-js-case", "[link](JaVaScRiPt:__xss(N))"],
  ["md-link-js-entity", "[link](&#106;avascript:__xss(N))"],
  ["md-link-js-tab", "[link](java&#09;script:__xss(N))"],
  ["md-image-js", "![img](javascript:__xss(N))"],
  ["md-image-onerror", "![x\" onerror=\"__xss(N)](x)"],
  ["md-link-data", `[d](data:text/html;base64,${"B64"})`],
  ["md-autolink-js", "<javascript:__xss(N)>"],
  ["md-ref-js", "[a][r]\n\n[r]: javascript:__xss(N)"],
  ["md-link-quote", "[q](http://x.example/\"onmouseover=\"__xss(N))"],
  ["md-autolink-quote", "<http://x.example/\"onmouseover=\"__xss(N)>"],
  ["md-html-block", "<div>\n\n<script>__xss(N)</script>\n\n</div>"],
  ["md-code", "`<script>__xss(N)</script>`"],
  // malformed tags and attribute breakouts
  ["img-quotes", "<IMG \"\"\"><SCRIPT>__xss(N)</SCRIPT>\">"],
  ["img-unclosed", "<img src=x:x onerror=__xss(N)//"],
  ["attr-dq", "\"><script>__xss(N)</script>"],
  ["attr-sq", "'><img src=x onerror=__xss(N)>"],
  ["attr-handler-dq", "\" autofocus onfocus=\"__xss(N)\" x=\""],
  ["attr-handler-sq", "' autofocus onfocus='__xss(N)' x='"],
  ["textarea-close", "</textarea><script>__xss(N)</script>"],
  ["title-close", "</title><script>__xss(N)</script>"],
  ["comment-break", "<!--<img src=\"--><img src=x onerror=__xss(N)//\">"],
  ["cdata-break", "]]><script xmlns=\"http://www.w3.org/1999/xhtml\">__xss(N)</script>"],
  // encoded entities
  ["entity-named", "&lt;script&gt;__xss(N)&lt;/script&gt;"],
  ["entity-decimal", "&#60;script&#62;__xss(N)&#60;/script&#62;"],
  ["entity-hex-nosemi", "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A__xss(N)\">e</a>"],
  // style and expression()
  ["style-expression", "<div style=\"width:expression(__xss(N))\">s</div>"],
  ["style-import", "<style>@import'javascript:__xss(N)';</style>"],
  ["style-url", "<p style=\"background:url(javascript:__xss(N))\">u</p>"],
  // frames and plug-ins
  ["iframe-js", "<iframe src=\"javascript:__xss(N)\"></iframe>"],
  ["iframe-srcdoc", "<iframe srcdoc=\"<script>__xss(N)</script>\"></iframe>"],
  ["object-data", "<object data=\"javascript:__xss(N)\"></object>"],
  ["embed-svg", "<embed src=\"data:image/svg+xml,<svg onload=__xss(N)>\">"],
  // template, meta refresh, base
  ["meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__xss(N)\">"],
  ["template", "<template><script>__xss(N)</script></template><img src=x onerror=__xss(N)>"],
  ["base-href", "<base href=\"javascript:__xss(N)//\">"],
  // mutation XSS classics
  ["mxss-noscript", "<noscript><p title=\"</noscript><img src=x onerror=__xss(N)>\">"],
  ["mxss-math-style", "<math><mtext><table><mglyph><style><img src=x onerror=__xss(N)>"],
  ["mxss-svg-style", "<svg></p><style><a id=\"</style><img src=1 onerror=__xss(N)>\">"],
  ["mxss-form-math", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=__xss(N)>"],
  // Unicode and null tricks
  ["null-in-tag", "<scr\u0000ipt>__xss(N)</scr\u0000ipt>"],
  ["fullwidth", "\uFF1Cscript\uFF1E__xss(N)\uFF1C/script\uFF1E"],
  ["rtl-override", "\u202E<script>__xss(N)</script>"],
  ["line-separators", "\u2028__xss(N)\u2029</script><script>__xss(N)</script>"],
  ["private-use-sentinels", "\uE0000\uE001<img src=x onerror=__xss(N)>"],
  // template and script-context injection
  ["template-syntax", "{{__xss(N)}}${__xss(N)}{%raw%}"],
  ["note-handler", "[[<img src=x onerror=__xss(N)>]]"],
  ["note-attr", "[[\" onmouseover=\"__xss(N)]]"],
];

/** A template with its number filled in: only `(N)` is replaced, so tags keep their letters. */
export const fill = (template, n) => template.replaceAll("B64", b64(n)).replaceAll("(N)", `(${n})`);

/** The payloads with their numbers filled in: [{ n, name, text }]. */
export const PAYLOADS = PAYLOAD_TEMPLATES.map(([name, template], n) => ({
  n,
  name,
  text: fill(template, n),
}));

/** URL payloads, for fields that take a link. */
export const URL_PAYLOADS = [
  "javascript:__xss(N)",
  "JAVASCRIPT:__xss(N)",
  " javascript:__xss(N)",
  "java\tscript:__xss(N)",
  "data:text/html,<script>__xss(N)</script>",
  "vbscript:__xss(N)",
  "https://x.example/\"><script>__xss(N)</script>",
  "https://x.example/' onmouseover='__xss(N)",
];
