package fi.arkisto.store.display;

import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.cda.XmlLimits;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether an XHTML display form is safe to show a citizen (MyKanta) or print (issue 3, "Display form";
 * seed 000: a display rendition is always recorded). The display form is parsed with {@link SecureXml} (no DTDs, no
 * entities, bounded size and depth) and every node is held against an allowlist:
 * <ul>
 *   <li>elements: a fixed set of presentational XHTML elements in the XHTML namespace; never script, iframe,
 *       object, embed, form controls, meta, link, base, SVG or MathML;</li>
 *   <li>attributes: a fixed set; no {@code on*} event handlers, no attributes of foreign namespaces (xlink:href);</li>
 *   <li>references: links only to fragments of the form itself ({@code #id}), {@code mailto:} or {@code tel:};
 *       images only as {@code data:image/(png|jpeg|gif);base64}; nothing that makes a viewer fetch anything
 *       (http, https, ftp, protocol-relative, relative paths) and no {@code javascript:}, {@code vbscript:} or
 *       {@code data:text} URIs;</li>
 *   <li>CSS (style attributes and elements): no {@code url()} other than the image data above, no {@code @import},
 *       {@code expression()}, {@code behavior} or {@code -moz-binding}, no CSS escapes (they hide all of these);</li>
 *   <li>no processing instructions ({@code xml-stylesheet} fetches) and no conditional comments.</li>
 * </ul>
 * A refusal names the offending construct, never the document's text. Comments and leading line breaks (as in the
 * real sample) are accepted. Thread-safe.
 */
public final class DisplayFormSafety {

    public static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    private static final Set<String> ELEMENTS = Set.of(
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
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)");
    private static final Pattern CSS_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    // Browsers drop these inside URLs ("java\tscript:"), so a check must too.
    private static final Pattern URL_IGNORED = Pattern.compile("[\\x00-\\x20\\x7f]+");
    private static final Pattern XHTML_DOCTYPE = Pattern.compile(
            "<!DOCTYPE\\s+html(\\s+PUBLIC\\s+\"-//W3C//DTD XHTML[^\"]*\"\\s+\"http://www\\.w3\\.org/TR/[^\"]*\")?\\s*>");

    private final XmlLimits limits;

    public DisplayFormSafety() {
        this(XmlLimits.defaults());
    }

    public DisplayFormSafety(XmlLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses and checks a display form.
     *
     * @return the parsed display form (namespace-aware DOM), safe to render
     * @throws ArchiveException DISPLAY_FORM_MISSING (blank), DISPLAY_FORM_MALFORMED (not well-formed XHTML),
     *                          DISPLAY_FORM_UNSAFE (naming the construct)
     */
    public Document check(byte[] xhtml) {
        if (xhtml == null || isBlank(xhtml)) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MISSING, "The display form is empty");
        }
        Document document;
        try {
            document = SecureXml.parseDocument(withoutXhtmlDoctype(xhtml), limits);
        } catch (ArchiveException e) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED,
                    "The display form is not well-formed XHTML: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!XHTML_NS.equals(root.getNamespaceURI())) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form's root element <"
                    + root.getLocalName() + "> is not in the XHTML namespace " + XHTML_NS);
        }
        boolean[] showsSomething = {false};
        walk(document, showsSomething);
        if (!showsSomething[0]) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MISSING, "The display form shows nothing (no text, no image)");
        }
        return document;
    }

    private static void walk(Document document, boolean[] showsSomething) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            switch (node.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    Element element = (Element) node;
                    checkElement(element);
                    if ("img".equals(element.getLocalName())) {
                        showsSomething[0] = true;
                    }
                }
                case Node.PROCESSING_INSTRUCTION_NODE -> throw unsafe("a processing instruction <?"
                        + node.getNodeName() + "?> (e.g. xml-stylesheet fetches a style sheet)");
                case Node.COMMENT_NODE -> {
                    String comment = node.getNodeValue().trim().toLowerCase(Locale.ROOT);
                    if (comment.startsWith("[if") || comment.contains("<script")) {
                        throw unsafe("a conditional comment (markup hidden from the checks)");
                    }
                }
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    if (!node.getNodeValue().isBlank()) {
                        showsSomething[0] = true;
                    }
                    Node parent = node.getParentNode();
                    if (parent != null && "style".equals(parent.getLocalName())) {
                        checkCss(node.getNodeValue(), "the <style> element");
                    }
                }
                case Node.DOCUMENT_NODE -> {
                }
                default -> throw unsafe("an XML node of type " + node.getNodeType());
            }
            for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                pending.push(child);
            }
        }
    }

    private static void checkElement(Element element) {
        String name = element.getLocalName();
        if (!XHTML_NS.equals(element.getNamespaceURI())) {
            throw unsafe("the element <" + name + "> outside the XHTML namespace"
                    + (element.getNamespaceURI() == null ? "" : " (" + element.getNamespaceURI() + ")"));
        }
        String forbidden = FORBIDDEN_ELEMENTS.get(name);
        if (forbidden != null) {
            throw unsafe("the element <" + name + "> (" + forbidden + ")");
        }
        if (!ELEMENTS.contains(name)) {
            throw unsafe("the element <" + name + ">, which is not on the display form allowlist");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(element, (Attr) attributes.item(i));
        }
    }

    private static void checkAttribute(Element element, Attr attribute) {
        String namespace = attribute.getNamespaceURI();
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String on = "<" + element.getLocalName() + ">";
        if (XMLNS_NS.equals(namespace)) {
            return;
        }
        if (XML_NS.equals(namespace)) {
            if (name.equals("lang") || name.equals("space")) {
                return;
            }
            throw unsafe("the attribute xml:" + name + " on " + on);
        }
        if (namespace != null) {
            throw unsafe("the attribute " + attribute.getName() + " of namespace " + namespace + " on " + on);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("on")) {
            throw unsafe("the event handler attribute " + name + " on " + on);
        }
        if (lower.startsWith("data-") || lower.startsWith("aria-")) {
            return;
        }
        if (!GLOBAL_ATTRIBUTES.contains(lower) && !ELEMENT_ATTRIBUTES.getOrDefault(element.getLocalName(), Set.of())
                .contains(lower)) {
            throw unsafe("the attribute " + name + " on " + on + ", which is not on the display form allowlist");
        }
        switch (lower) {
            case "href" -> checkLink(attribute.getValue(), on);
            case "src" -> checkImageSource(attribute.getValue(), on);
            case "style" -> checkCss(attribute.getValue(), "the style attribute of " + on);
            default -> {
            }
        }
    }

    private static void checkLink(String value, String on) {
        String url = URL_IGNORED.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
        if (url.startsWith("#")) {
            return;
        }
        Matcher scheme = SCHEME.matcher(url);
        if (scheme.find()) {
            String name = scheme.group(1);
            if (name.equals("mailto") || name.equals("tel")) {
                return;
            }
            throw unsafe(describeScheme(name, url) + " in the href of " + on);
        }
        if (url.startsWith("//")) {
            throw unsafe("an external reference (protocol-relative URL) in the href of " + on);
        }
        throw unsafe("a relative reference in the href of " + on + " (a display form links only within itself)");
    }

    private static void checkImageSource(String value, String on) {
        String url = URL_IGNORED.matcher(value).replaceAll("");
        if (IMAGE_DATA_URI.matcher(url).matches()) {
            return;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        Matcher scheme = SCHEME.matcher(lower);
        if (scheme.find()) {
            throw unsafe(describeScheme(scheme.group(1), lower) + " in the src of " + on
                    + " (images only as data:image/png, jpeg or gif)");
        }
        throw unsafe("an external reference" + (lower.startsWith("//") ? " (protocol-relative URL)" : " (relative URL)")
                + " in the src of " + on + " (images only as data:image/png, jpeg or gif)");
    }

    private static void checkCss(String css, String where) {
        String lower = CSS_COMMENT.matcher(css).replaceAll("").toLowerCase(Locale.ROOT);
        if (lower.indexOf('\\') >= 0) {
            throw unsafe("a CSS escape sequence in " + where);
        }
        for (String construct : new String[]{"@import", "expression(", "behavior", "-moz-binding", "javascript:",
                "vbscript:", "image-set(", "src("}) {
            if (lower.contains(construct)) {
                throw unsafe("CSS " + construct + " in " + where);
            }
        }
        Matcher url = CSS_URL.matcher(lower);
        while (url.find()) {
            String target = URL_IGNORED.matcher(url.group(1)).replaceAll("");
            if (!IMAGE_DATA_URI.matcher(target).matches()) {
                throw unsafe("an external reference in CSS url() in " + where);
            }
        }
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

    private static ArchiveException unsafe(String construct) {
        return new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The display form contains " + construct);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * XHTML 1.x display forms may carry the standard XHTML document type declaration, which no parser here may
     * read: it is blanked (same length, so error positions stay right) when it is exactly a public XHTML DOCTYPE
     * without an internal subset. Anything else DTD-like still reaches {@link SecureXml} and is refused there.
     */
    static byte[] withoutXhtmlDoctype(byte[] xhtml) {
        int scan = Math.min(xhtml.length, 1024);
        String prolog = new String(xhtml, 0, scan, StandardCharsets.ISO_8859_1);
        int at = prolog.indexOf("<!DOCTYPE");
        if (at < 0) {
            return xhtml;
        }
        Matcher doctype = XHTML_DOCTYPE.matcher(prolog);
        if (!doctype.find(at) || doctype.start() != at) {
            return xhtml;
        }
        byte[] copy = xhtml.clone();
        for (int i = doctype.start(); i < doctype.end(); i++) {
            copy[i] = ' ';
        }
        return copy;
    }
}
