package fi.arkisto.store.display;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The display form allowlist, applied alike to the tree an XML parser builds and to the tree an HTML parser builds
 * from the same bytes ({@link DisplayFormSafety}, {@link HtmlView}). Each method answers null when the node is
 * allowed, or the construct found, described for a refusal.
 */
final class DisplayFormRules {

    static final Set<String> ELEMENTS = Set.of(
            "html", "head", "title", "body", "style",
            "div", "span", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "b", "i", "u", "s", "strong", "em", "small", "big", "sub", "sup", "abbr", "acronym", "cite", "q", "mark",
            "blockquote", "pre", "code", "kbd", "samp", "var", "dfn", "address", "del", "ins", "bdo", "time", "wbr",
            "ul", "ol", "li", "dl", "dt", "dd",
            "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
            "section", "article", "header", "footer", "main", "figure", "figcaption", "center",
            "img", "a");

    /** Named so the refusal says what was found rather than just "not allowed". */
    private static final Map<String, String> FORBIDDEN_ELEMENTS = Map.ofEntries(
            Map.entry("script", "a script"), Map.entry("noscript", "a script fallback"),
            Map.entry("iframe", "an embedded frame"), Map.entry("frame", "a frame"), Map.entry("frameset", "a frame set"),
            Map.entry("object", "an embedded object"), Map.entry("embed", "an embedded object"),
            Map.entry("applet", "an applet"), Map.entry("form", "a form"), Map.entry("input", "a form control"),
            Map.entry("button", "a form control"), Map.entry("textarea", "a form control"),
            Map.entry("select", "a form control"), Map.entry("meta", "a meta element (refresh, redirects)"),
            Map.entry("link", "an external resource link"), Map.entry("base", "a base URL"),
            Map.entry("svg", "SVG"), Map.entry("math", "MathML"), Map.entry("audio", "media"),
            Map.entry("video", "media"), Map.entry("source", "media"), Map.entry("canvas", "a canvas"),
            Map.entry("template", "a template"), Map.entry("portal", "a portal"));

    private static final Set<String> GLOBAL_ATTRIBUTES = Set.of("id", "class", "title", "lang", "dir", "style",
            "align", "valign", "width", "height", "role");

    private static final Map<String, Set<String>> ELEMENT_ATTRIBUTES = Map.ofEntries(
            Map.entry("a", Set.of("href", "name")),
            Map.entry("img", Set.of("src", "alt", "border")),
            Map.entry("table", Set.of("border", "cellpadding", "cellspacing", "summary", "frame", "rules")),
            Map.entry("td", Set.of("colspan", "rowspan", "headers", "scope", "abbr", "nowrap")),
            Map.entry("th", Set.of("colspan", "rowspan", "headers", "scope", "abbr", "nowrap")),
            Map.entry("col", Set.of("span")), Map.entry("colgroup", Set.of("span")),
            Map.entry("ol", Set.of("start", "type", "reversed")), Map.entry("ul", Set.of("type")),
            Map.entry("li", Set.of("value", "type")), Map.entry("time", Set.of("datetime")),
            Map.entry("del", Set.of("datetime")), Map.entry("ins", Set.of("datetime")),
            Map.entry("style", Set.of("type", "media")), Map.entry("html", Set.of("version")));

    private static final Pattern IMAGE_DATA_URI =
            Pattern.compile("data:image/(png|jpeg|jpg|gif);base64,[a-z0-9+/=]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    // Browsers drop these inside URLs ("java\tscript:"), so a check must too.
    private static final Pattern URL_IGNORED = Pattern.compile("[\\x00-\\x20\\x7f]+");

    private DisplayFormRules() {
    }

    /** An element by its local (XML) or normalised (HTML) name. */
    static String problemWithElement(String name) {
        String forbidden = FORBIDDEN_ELEMENTS.get(name);
        if (forbidden != null) {
            return "the element <" + name + "> (" + forbidden + ")";
        }
        if (!ELEMENTS.contains(name)) {
            return "the element <" + name + ">, which is not on the display form allowlist";
        }
        return null;
    }

    /** An attribute without namespace (XML) or any attribute of the HTML tree, by its name as written. */
    static String problemWithAttribute(String element, String name, String value) {
        String on = "<" + element + ">";
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("on")) {
            return "the event handler attribute " + name + " on " + on;
        }
        if (lower.startsWith("data-") || lower.startsWith("aria-")) {
            return null;
        }
        if (!GLOBAL_ATTRIBUTES.contains(lower) && !ELEMENT_ATTRIBUTES.getOrDefault(element, Set.of()).contains(lower)) {
            return "the attribute " + name + " on " + on + ", which is not on the display form allowlist";
        }
        return switch (lower) {
            case "href" -> problemWithLink(value, on);
            case "src" -> problemWithImageSource(value, on);
            case "style" -> CssSafety.problemWith(value, "the style attribute of " + on);
            default -> null;
        };
    }

    static boolean isImageData(String url) {
        return IMAGE_DATA_URI.matcher(URL_IGNORED.matcher(url).replaceAll("")).matches();
    }

    private static String problemWithLink(String value, String on) {
        String url = URL_IGNORED.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
        if (url.startsWith("#")) {
            return null;
        }
        Matcher scheme = SCHEME.matcher(url);
        if (scheme.find()) {
            String name = scheme.group(1);
            if (name.equals("mailto") || name.equals("tel")) {
                return null;
            }
            return describeScheme(name, url) + " in the href of " + on;
        }
        if (url.startsWith("//")) {
            return "an external reference (protocol-relative URL) in the href of " + on;
        }
        return "a relative reference in the href of " + on + " (a display form links only within itself)";
    }

    private static String problemWithImageSource(String value, String on) {
        if (isImageData(value)) {
            return null;
        }
        String lower = URL_IGNORED.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
        Matcher scheme = SCHEME.matcher(lower);
        if (scheme.find()) {
            return describeScheme(scheme.group(1), lower) + " in the src of " + on
                    + " (images only as data:image/png, jpeg or gif)";
        }
        return "an external reference" + (lower.startsWith("//") ? " (protocol-relative URL)" : " (relative URL)")
                + " in the src of " + on + " (images only as data:image/png, jpeg or gif)";
    }

    /** Conditional comments hide markup from every check but old browsers' (and IE mode's) own parser. */
    static String problemWithComment(String comment) {
        String lower = comment.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[if") || lower.contains("<script") || lower.contains("<![endif")) {
            return "a conditional comment (markup hidden from the checks)";
        }
        return null;
    }

    private static String describeScheme(String scheme, String url) {
        return switch (scheme) {
            case "javascript" -> "a javascript: URI";
            case "vbscript" -> "a vbscript: URI";
            case "data" -> "a data: URI of another type than an image (" + mediaTypeOf(url) + ")";
            case "http", "https", "ftp", "ftps", "file" -> "an external reference (" + scheme + ":)";
            default -> "a URI of scheme " + scheme + ":";
        };
    }

    private static String mediaTypeOf(String dataUrl) {
        int end = dataUrl.length();
        for (char stop : new char[]{';', ','}) {
            int at = dataUrl.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        String type = dataUrl.substring("data:".length(), end);
        return type.length() > 40 ? type.substring(0, 40) : type;
    }
}
